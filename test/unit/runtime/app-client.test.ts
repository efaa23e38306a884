import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppClient, NoAnswer } from '../../../electron/runtime/app-client';

/**
 * The delivery client against a real node:http server standing in for an app: what the app gets, what
 * comes back, and how a request that gets no answer is told apart from an answer.
 */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
const servers: http.Server[] = [];
const clients: AppClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

async function app(handler: Handler): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const client = (maxSockets = 4) => {
  const c = new AppClient(maxSockets);
  clients.push(c);
  return c;
};

const noAnswer = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected no answer');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(NoAnswer);
      return error as NoAnswer;
    },
  );

describe('the delivery client', () => {
  it('POSTs the body with its headers, and gives back the status, Retry-After and the body', async () => {
    const seen: { method?: string; url?: string; type?: string; signature?: string; length?: string; body: string }[] = [];
    const { url } = await app((req, res, body) => {
      seen.push({
        method: req.method,
        url: req.url,
        type: req.headers['content-type'],
        signature: req.headers['x-sig'] as string,
        length: req.headers['content-length'],
        body,
      });
      res.writeHead(429, { 'retry-after': '7', 'content-type': 'text/plain' });
      res.end('slow down, æøå');
    });
    const body = JSON.stringify({ action_run_id: 'r-1', note: 'blåbær' });
    const answer = await client().post(`${url}/flow/actions?shop=a`, { 'content-type': 'application/json', 'x-sig': 'abc' }, body, 5_000);
    expect(answer).toEqual({ status: 429, retryAfter: '7', body: 'slow down, æøå' });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/flow/actions?shop=a',
        type: 'application/json',
        signature: 'abc',
        length: String(Buffer.byteLength(body)),
        body,
      },
    ]);
  });

  it('a redirect is the app answering, not followed', async () => {
    let hits = 0;
    const { url } = await app((_req, res) => {
      hits++;
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    expect(await client().post(`${url}/flow/actions`, {}, '{}', 5_000)).toMatchObject({ status: 302 });
    expect(hits).toBe(1);
  });

  it('credentials written in the URL are sent as Basic authorization', async () => {
    let authorization: string | undefined;
    const { url } = await app((req, res) => {
      authorization = req.headers.authorization;
      res.end('{}');
    });
    await client().post(url.replace('http://', 'http://flow%40x:p%3Ass@') + '/hook', {}, '{}', 5_000);
    expect(authorization).toBe(`Basic ${Buffer.from('flow@x:p:ss').toString('base64')}`);
  });

  it('no answer: a closed port (ECONNREFUSED), a connection cut mid-answer, an app that never answers (timed out), a URL that is not http(s)', async () => {
    const closed = await app(() => {});
    const port = new URL(closed.url).port;
    await new Promise((r) => servers.pop()!.close(r));
    expect(await noAnswer(client().post(`http://127.0.0.1:${port}/x`, {}, '{}', 5_000))).toMatchObject({
      detail: 'ECONNREFUSED',
      timedOut: false,
    });

    const cut = await app((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      res.socket?.destroy();
    });
    expect(await noAnswer(client().post(`${cut.url}/x`, {}, '{}', 5_000))).toMatchObject({ timedOut: false });

    const silent = await app(() => {});
    const late = await noAnswer(client().post(`${silent.url}/x`, {}, '{}', 150));
    expect(late).toMatchObject({ detail: 'no answer within 150 ms', timedOut: true });

    expect(await noAnswer(client().post('ftp://127.0.0.1/x', {}, '{}', 5_000))).toMatchObject({
      detail: 'not an http(s) URL: ftp://127.0.0.1/x',
    });
  });

  it('many deliveries to one app share kept-alive connections, no more than asked for', async () => {
    const { url, connections } = await app((_req, res, body) => {
      setTimeout(() => res.end(body), 2);
    });
    const c = client(4);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => c.post(`${url}/flow/actions`, {}, `{"n":${i}}`, 5_000)));
    expect(answers.map((a) => JSON.parse(a.body).n)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(connections()).toBeLessThanOrEqual(4);
  });
});
