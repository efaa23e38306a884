import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ErrorDetails } from '../domain/domain-error';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { ApiDispatcher } from '../api/dispatcher';
import { contract, isApiMethod, type ApiErrorBody } from '../api/contract';
import { contentSecurityPolicy } from '../security/content-security-policy';
import { hostAllowed, presentedToken, tokenMatches } from './request-guards';
import { applyConnectionCap, defaultServerLimits, serverOptions, type ServerLimits } from './server-limits';
import { heapAfterAnswers } from './heap-after-answers';

export interface HttpServerOptions {
  api: ApiDispatcher;
  /** The per-launch secret every API call must carry. */
  token: string;
  /** The built renderer (build/renderer); omitted, only the API is served. */
  rendererDir?: string;
  port?: number;
  /** The body limit for methods whose contract sets none. */
  maxBodyBytes?: number;
  limits?: Partial<ServerLimits>;
}

export interface RunningHttpServer {
  port: number;
  /** The address to open, carrying the token. */
  url: string;
  close(): Promise<void>;
}

const statusByCode: Record<string, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 428 | 500 | 503> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden_host: 403,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  refused: 422,
  confirmation_required: 428,
  internal: 500,
  database_damaged: 500,
  startup_failed: 500,
  // Opening: the database is being upgraded (the body says how far); asked again shortly.
  upgrading: 503,
};

function errorBody(code: string, message: string, details?: ErrorDetails): { error: ApiErrorBody } {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Browser mode: the same API as the desktop app's IPC, as `POST /api/<method>` on 127.0.0.1 only,
 * behind a per-launch token, plus the built renderer.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const afterAnswer = heapAfterAnswers();
  const app = new Hono();
  let port = 0;

  app.use('*', async (c, next) => {
    if (!hostAllowed(c.req.header('host'), port)) {
      return c.json(errorBody('forbidden_host', 'This server answers only on 127.0.0.1 and localhost'), 403);
    }
    await next();
    // Set on the response's own headers: c.header() on a finished response rebuilds it as a web Response,
    // which copies a JSON body once more (a string body is made well-formed UTF-16 first: 2.6 MB for the
    // Overview's 1.3 MB at 1,000 stores) and then streams it, instead of writing the string as it is.
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cache-Control', 'no-store');
  });

  app.post(
    '/api/:method',
    async (c, next) => {
      const token = presentedToken(c.req.header('authorization'), c.req.header('x-flow-admin-token'));
      if (!tokenMatches(token, options.token)) {
        return c.json(errorBody('unauthorized', 'Missing or wrong token: open the address Flow Admin printed at start'), 401);
      }
      await next();
    },
    (c, next) => {
      const method = c.req.param('method') ?? '';
      const limit = (isApiMethod(method) ? contract[method].maxBodyBytes : undefined) ?? maxBodyBytes;
      return bodyLimit({
        maxSize: limit,
        onError: (c) =>
          c.json(errorBody('payload_too_large', `The request body is larger than ${limit} bytes`, { maxBodyBytes: limit }), 413),
      })(c, next);
    },
    async (c) => {
      const method = c.req.param('method');
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return c.json(errorBody('unsupported_media_type', `${method}: send the input as application/json`), 415);
      }
      const text = await c.req.text();
      let input: unknown = {};
      if (text.trim() !== '') {
        try {
          input = JSON.parse(text);
        } catch (error) {
          return c.json(errorBody('invalid_json', `${method}: the body is not valid JSON (${(error as Error).message})`), 400);
        }
      }
      const result = await options.api.call(method, input);
      afterAnswer();
      if (result.ok) return c.json(result.value ?? null);
      return c.json({ error: result.error }, statusByCode[result.error.code] ?? 400);
    },
  );
  app.all('/api/*', (c) => c.json(errorBody('unknown_method', 'Call API methods with POST /api/<method>'), 404));

  if (options.rendererDir) {
    const root = path.resolve(options.rendererDir);
    const index = path.join(root, 'index.html');
    app.get('*', serveStatic({ root }));
    // The renderer routes in the client; any other path gets the page.
    app.get('*', (c) =>
      fs.existsSync(index) ? c.html(fs.readFileSync(index, 'utf8')) : c.text('The renderer is not built: run npm run build', 500),
    );
  }

  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      const limits = { ...defaultServerLimits, ...options.limits };
      server = serve(
        { fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0, serverOptions: serverOptions(limits) },
        (info: AddressInfo) => {
          port = info.port;
          resolve({
            port,
            url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(options.token)}`,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
                (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
              }),
          });
        },
      );
      applyConnectionCap(server as unknown as { maxConnections: number }, { ...defaultServerLimits, ...options.limits });
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
