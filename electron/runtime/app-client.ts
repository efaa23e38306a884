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
export class AppClient {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(maxSockets: number) {
    // Idle sockets are let go after a while so a quiet Flow Admin holds no connections to the apps.
    const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 60_000, scheduling: 'lifo' as const };
    this.agents = { http: new http.Agent(options), https: new https.Agent(options) };
  }

  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AppResponse> {
    return new Promise((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return reject(new NoAnswer(`not a URL: ${url}`, false));
      }
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:') return reject(new NoAnswer(`not an http(s) URL: ${url}`, false));
      const send = secure ? https.request : http.request;
      let timedOut = false;
      const req = send(
        target,
        {
          method: 'POST',
          agent: secure ? this.agents.https : this.agents.http,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            clearTimeout(timer);
            const retryAfter = res.headers['retry-after'];
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: retryAfter === undefined ? null : String(retryAfter),
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', (error: NodeJS.ErrnoException) => fail(error));
        },
      );
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

  /** Closes the kept connections (the runtime stopping). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
