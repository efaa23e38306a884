import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Header carrying the signature of a trigger an app sends to Flow Admin. */
export const TRIGGER_SIGNATURE_HEADER = 'X-Flow-Admin-Hmac-Sha256';
/** When the app sent the trigger, in Unix seconds: outside the replay window it is refused. */
export const TRIGGER_TIMESTAMP_HEADER = 'X-Flow-Admin-Timestamp';
/** The app's id for the event: the same id again within the window starts no second run. */
export const TRIGGER_EVENT_ID_HEADER = 'X-Flow-Admin-Event-Id';

/**
 * What an app signs for a trigger: `<timestamp>.<event id>.<body>`, so neither can be changed on a captured
 * request (as Stripe and Slack sign theirs).
 */
export function triggerSigningInput(timestamp: string, eventId: string, body: Uint8Array | string): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.${eventId}.`, 'utf8'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}
/** Header carrying the signature of an action delivered to an app: the one Flow uses, so apps keep their code. */
export const DELIVERY_SIGNATURE_HEADER = 'X-Shopify-Hmac-SHA256';

/** Base64 HMAC-SHA256 of the exact body bytes with the installation's secret. */
export function sign(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Constant-time: a wrong signature takes as long to refuse whatever its first differing byte. */
export function signatureMatches(body: string | Uint8Array, secret: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const expected = Buffer.from(sign(body, secret), 'base64');
  const given = Buffer.from(presented.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A new signing secret: 32 random bytes, base64url. */
export function newSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}
