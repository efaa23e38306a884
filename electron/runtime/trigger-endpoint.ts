import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

type Answer = { status: number; body: unknown; close?: boolean };
const problem = (status: number, code: string, message: string, close = false): Answer => ({
  status,
  body: { error: { code, message } },
  close,
});
const TOO_LARGE = problem(
  413,
  'payload_too_large',
  `The request is larger than ${MAX_BODY_BYTES} bytes (the payload may be at most ${MAX_PAYLOAD_BYTES})`,
  true,
);

/**
 * The address apps send triggers to: `POST /triggers` on 127.0.0.1 only, its own small server, apart
 * from the UI's API server (which needs the per-launch token apps never have). Each request is signed
 * with the installation's secret instead.
 *
 * A lean node:http handler, not the API's framework: one route, the body read as bytes (the signature is
 * over the exact bytes), and the answer written once the intake's group commit is durable. At thousands
 * of requests a second the per-request cost of a Web Request/Response round trip was a large share of
 * the work. Requests that arrive while a commit is being written are read in the next turn of the event
 * loop and join the next commit together (the group commit batches by turn).
 */
export function startTriggerEndpoint(intake: Intake, options: { port?: number; accepting: () => boolean }): Promise<TriggerEndpoint> {
  let port = 0;
  const server = http.createServer(serverOptions(defaultServerLimits), (req, res) => {
    void handle(req, port, intake, options.accepting).then(
      (answer) => reply(req, res, answer),
      (error: unknown) =>
        reply(req, res, problem(500, 'internal', `The trigger could not be recorded: ${(error as Error)?.message ?? String(error)}`)),
    );
  });
  applyConnectionCap(server, defaultServerLimits);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/triggers`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}

async function handle(req: IncomingMessage, port: number, intake: Intake, accepting: () => boolean): Promise<Answer> {
  // The same Host check as the API: a web page whose name rebinds to 127.0.0.1 cannot post here.
  if (!hostAllowed(req.headers.host, port))
    return problem(403, 'forbidden_host', 'This endpoint answers only on 127.0.0.1 and localhost', true);
  const path = (req.url ?? '').split('?')[0];
  if (req.method !== 'POST' || path !== '/triggers') return problem(404, 'not_found', 'Send triggers with POST /triggers');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return TOO_LARGE;
  if (!accepting()) return problem(503, 'stopping', 'Flow Admin is stopping; send the trigger again later');
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
    return problem(415, 'unsupported_media_type', 'Send the trigger as application/json');
  const body = await readBody(req);
  if (body === null) return TOO_LARGE;
  let result: IntakeResult;
  try {
    result = await intake.fromApp(body, {
      signature: header(req, TRIGGER_SIGNATURE_HEADER),
      timestamp: header(req, TRIGGER_TIMESTAMP_HEADER),
      eventId: header(req, TRIGGER_EVENT_ID_HEADER),
    });
  } catch (error) {
    // Nothing of this request was written (its piece of the group commit rolled back): the app sends it again.
    return problem(500, 'internal', `The trigger could not be recorded: ${(error as Error).message}`);
  }
  if (!result.ok) {
    const { status, ...error } = result.refusal;
    return { status, body: { error } };
  }
  return { status: 200, body: result.value };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The body's bytes, or null once it passes the limit (the rest is read and dropped, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

function reply(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(answer.body);
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  };
  if (answer.close) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(text);
  // A body not read (refused before reading it) is drained and dropped, so the answer reaches the app.
  if (!req.readableEnded) req.resume();
}
