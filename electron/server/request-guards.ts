import { timingSafeEqual } from 'node:crypto';

/** Compares the presented token with the launch token without leaking its length or content through timing. */
export function tokenMatches(presented: string | undefined | null, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer <token>` or `X-Flow-Admin-Token`. */
export function presentedToken(authorization: string | undefined, header: string | undefined): string | undefined {
  if (header) return header;
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * Only our own loopback names may appear in Host: a page on another site that rebinds its DNS name to
 * 127.0.0.1 would otherwise reach the API from the victim's browser.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
