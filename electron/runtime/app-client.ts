import http from 'node:http';
import https from 'node:https';

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

/**
 * POSTs deliveries to the apps' endpoints over kept-alive connections: at hundreds of deliveries a second
 * to the same app, a new TCP connection (and the global fetch's Web streams) per delivery cost more than
 * the request. Redirects are not followed (an app answering 3xx is an app answering), as before with fetch.
 */
/** Where a URL sends: parsed once per endpoint, not per delivery. */
interface Target {
  send: typeof http.request;
  options: http.RequestOptions;
}

export class AppClient {
  private readonly agents: { http: http.Agent; https: https.Agent };
  /** Each endpoint's URL parsed into request options (at most as many as endpoints set; cleared with the client). */
  private readonly targets = new Map<string, Target | string>();

  constructor(maxSockets: number) {
    // Idle sockets are let go after a while so a quiet Flow Admin holds no connections to the apps.
    const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 60_000, scheduling: 'lifo' as const };
    this.agents = { http: new http.Agent(options), https: new https.Agent(options) };
  }

  /** `headers` is the request's own object (content-length is added to it): no copy per delivery. */
  post(url: string, headers: http.OutgoingHttpHeaders, body: string, timeoutMs: number): Promise<AppResponse> {
    return new Promise((resolve, reject) => {
      const target = this.target(url);
      if (typeof target === 'string') return reject(new NoAnswer(target, false));
      headers['content-length'] = Buffer.byteLength(body);
      let timedOut = false;
      const req = target.send({ ...target.options, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          clearTimeout(timer);
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: retryAfter === undefined ? null : String(retryAfter), body: text });
        });
        res.on('error', (error: NodeJS.ErrnoException) => fail(error));
      });
      // The whole exchange (connect, send, the answer's last byte) within the delivery timeout.
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error('timeout'));
      }, timeoutMs);
      const fail = (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new NoAnswer(timedOut ? `no answer within ${timeoutMs} ms` : (error.code ?? error.message), timedOut));
      };
      req.on('error', fail);
      req.end(body);
    });
  }

  /** The request options for a URL, or why it cannot be sent to. */
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
      const secure = parsed.protocol === 'https:';
      if (!secure && parsed.protocol !== 'http:') target = `not an http(s) URL: ${url}`;
      else {
        target = {
          send: secure ? https.request : http.request,
          options: {
            method: 'POST',
            agent: secure ? this.agents.https : this.agents.http,
            protocol: parsed.protocol,
            // An IPv6 literal comes bracketed in URL.hostname; the request wants it bare.
            hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
            port: parsed.port || undefined,
            path: `${parsed.pathname}${parsed.search}`,
            auth:
              parsed.username || parsed.password
                ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
                : undefined,
          },
        };
      }
    }
    this.targets.set(url, target!);
    return target!;
  }

  /** Closes the kept connections (the runtime stopping). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
    this.targets.clear();
  }
}
