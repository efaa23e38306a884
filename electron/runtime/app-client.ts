import type { OutgoingHttpHeaders } from 'node:http';
import { EventEmitter } from 'node:events';
import { Pool } from 'undici';
export interface AppResponse {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** A request that got no answer: `code` is the socket's error code (ECONNREFUSED, ...), timedOut when the wait ran out. */
export class NoAnswer extends Error {
  constructor(
    readonly detail: string,
    readonly timedOut: boolean,
  ) {
    super(detail);
  }
}

/** Where a URL sends: parsed once per endpoint, not per delivery. */
interface Target {
  pool: Pool;
  path: string;
  /** Basic credentials written in the URL (user:password@host), sent as http.request's `auth` sent them. */
  authorization: string | null;
}

/**
 * POSTs deliveries to the apps' endpoints over kept-alive connections (undici, a pool per origin): at hundreds
 * of deliveries a second to the same app, a new TCP connection (and the global fetch's Web streams) per delivery
 * cost more than the request, and node:http's client cost 1.6-1.8x undici's CPU per request (docs/performance.md,
 * "Deliveries through undici"). Redirects are not followed (an app answering 3xx is an app answering).
 */
export class AppClient {
  /** One pool per origin (scheme, host, port), as many connections as deliveries in flight. */
  private readonly pools = new Map<string, Pool>();
  /** Each endpoint's URL parsed into its pool and path (at most as many as endpoints set; cleared with the client). */
  private readonly targets = new Map<string, Target | string>();

  constructor(private readonly maxSockets: number) {}

  /** `headers`: the request's own (no copy per delivery); undici adds content-length and host. */
  async post(url: string, headers: OutgoingHttpHeaders, body: string, timeoutMs: number): Promise<AppResponse> {
    const target = this.target(url);
    if (typeof target === 'string') throw new NoAnswer(target, false);
    if (target.authorization) headers.authorization = target.authorization;
    // The whole exchange (connect, send, the answer's last byte) within the delivery timeout. undici takes an
    // EventEmitter as the signal: an AbortController per request cost ~0.013 ms of CPU, 40 % of the request.
    const abort = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.emit('abort');
    }, timeoutMs);
    try {
      const response = await target.pool.request({
        method: 'POST',
        path: target.path,
        headers: headers as Record<string, string>,
        body,
        signal: abort,
      });
      const text = await response.body.text();
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        retryAfter: retryAfter === undefined ? null : Array.isArray(retryAfter) ? retryAfter.join(', ') : retryAfter,
        body: text,
      };
    } catch (error) {
      if (timedOut) throw new NoAnswer(`no answer within ${timeoutMs} ms`, true);
      const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
      // undici wraps some socket errors: the socket's own code (ECONNREFUSED, ...) says more than UND_ERR_*.
      throw new NoAnswer(e.cause?.code ?? e.code ?? e.message, false);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The pool and path for a URL, or why it cannot be sent to. */
  private target(url: string): Target | string {
    let target = this.targets.get(url);
    if (target !== undefined) return target;
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      target = `not a URL: ${url}`;
    }
    if (parsed) {
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') target = `not an http(s) URL: ${url}`;
      else {
        let pool = this.pools.get(parsed.origin);
        if (!pool) {
          pool = new Pool(parsed.origin, { connections: this.maxSockets, pipelining: 1 });
          this.pools.set(parsed.origin, pool);
        }
        const credentials =
          parsed.username || parsed.password ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` : null;
        target = {
          pool,
          path: `${parsed.pathname}${parsed.search}`,
          authorization: credentials === null ? null : `Basic ${Buffer.from(credentials).toString('base64')}`,
        };
      }
    }
    this.targets.set(url, target!);
    return target!;
  }

  /** Closes the kept connections (the runtime stopping). */
  close(): void {
    for (const pool of this.pools.values()) void pool.destroy().catch(() => {});
    this.pools.clear();
    this.targets.clear();
  }
}
