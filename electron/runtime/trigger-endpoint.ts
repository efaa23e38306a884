import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Intake, IntakeResult } from './intake';
import { hostAllowed } from '../server/request-guards';
import { applyConnectionCap, defaultServerLimits, serverOptions } from '../server/server-limits';
import { TRIGGER_EVENT_ID_HEADER, TRIGGER_SIGNATURE_HEADER, TRIGGER_TIMESTAMP_HEADER } from './signature';
import { MAX_PAYLOAD_BYTES } from './trigger-payload';

export interface TriggerEndpoint {
  port: number;
  /** Where apps POST their triggers. */
  url: string;
  close(): Promise<void>;
}

/** Room for the envelope around a payload of the largest allowed size. */
const MAX_BODY_BYTES = MAX_PAYLOAD_BYTES + 64 * 1024;

/**
 * The address apps send triggers to: `POST /triggers` on 127.0.0.1 only, its own small server, apart
 * from the UI's API server (which needs the per-launch token apps never have). Each request is signed
 * with the installation's secret instead.
 */
export function startTriggerEndpoint(intake: Intake, options: { port?: number; accepting: () => boolean }): Promise<TriggerEndpoint> {
  const app = new Hono();
  let port = 0;
  // The same Host check as the API: a web page whose name rebinds to 127.0.0.1 cannot post here.
  app.use('*', async (c, next) => {
    if (!hostAllowed(c.req.header('host'), port))
      return c.json({ error: { code: 'forbidden_host', message: 'This endpoint answers only on 127.0.0.1 and localhost' } }, 403);
    await next();
  });
  app.post(
    '/triggers',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'payload_too_large',
              message: `The request is larger than ${MAX_BODY_BYTES} bytes (the payload may be at most ${MAX_PAYLOAD_BYTES})`,
            },
          },
          413,
        ),
    }),
    async (c) => {
      if (!options.accepting())
        return c.json({ error: { code: 'stopping', message: 'Flow Admin is stopping; send the trigger again later' } }, 503);
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return c.json({ error: { code: 'unsupported_media_type', message: 'Send the trigger as application/json' } }, 415);
      }
      const body = Buffer.from(await c.req.arrayBuffer());
      let result: IntakeResult;
      try {
        result = await intake.fromApp(body, {
          signature: c.req.header(TRIGGER_SIGNATURE_HEADER),
          timestamp: c.req.header(TRIGGER_TIMESTAMP_HEADER),
          eventId: c.req.header(TRIGGER_EVENT_ID_HEADER),
        });
      } catch (error) {
        return c.json({ error: { code: 'internal', message: `The trigger could not be recorded: ${(error as Error).message}` } }, 500);
      }
      if (!result.ok) {
        const { status, ...error } = result.refusal;
        return c.json({ error }, status);
      }
      return c.json(result.value, 200);
    },
  );
  app.all('*', (c) => c.json({ error: { code: 'not_found', message: 'Send triggers with POST /triggers' } }, 404));

  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve(
        { fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0, serverOptions: serverOptions(defaultServerLimits) },
        (info: AddressInfo) => {
          port = info.port;
          resolve({
            port: info.port,
            url: `http://127.0.0.1:${info.port}/triggers`,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
                (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
              }),
          });
        },
      );
      applyConnectionCap(server as unknown as { maxConnections: number }, defaultServerLimits);
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
