import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { ApiErrorBody } from '../../../electron/api/contract';
import { startHttpServer, type RunningHttpServer } from '../../../electron/server/http-server';
import { call, inputIssues, openTestApp } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const token = 'test-token-0123456789';
let app: AppContext;
let server: RunningHttpServer;

async function start(maxBodyBytes?: number) {
  app = await openTestApp(tempDir());
  server = await startHttpServer({
    api: app.api,
    token,
    port: 0,
    rendererDir: path.resolve('build/renderer'),
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
  });
}

afterEach(async () => {
  await server?.close();
  app?.close();
});

function post(method: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
}

async function organizationCount() {
  return (await call(app, 'organizations.list', {})).length;
}

describe('browser-mode HTTP server', () => {
  it('binds 127.0.0.1 and prints an address that carries the token', async () => {
    await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('serves an API call and answers its JSON result', async () => {
    await start();
    const response = await post('organizations.create', JSON.stringify({ name: 'Nordic Goods' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: 'Nordic Goods' });
    expect(await organizationCount()).toBe(1);
  });

  it('serves the built renderer with a strict Content-Security-Policy', async () => {
    await start();
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="app">');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  const badRequests: [string, () => Promise<Response>, number, string, RegExp | string[]][] = [
    ['a missing token', () => post('organizations.create', '{"name":"A"}', { authorization: '' }), 401, 'unauthorized', /token/],
    ['a wrong token', () => post('organizations.create', '{"name":"A"}', { authorization: 'Bearer nope' }), 401, 'unauthorized', /token/],
    ['a wrong type', () => post('organizations.create', '{"name":7}'), 400, 'invalid_input', ['name: invalid_type']],
    ['a missing field', () => post('organizations.create', '{}'), 400, 'invalid_input', ['name: invalid_type']],
    ['an unknown method', () => post('organizations.fly', '{}'), 404, 'unknown_method', /organizations\.fly/],
    ['invalid JSON', () => post('organizations.create', '{"name": '), 400, 'invalid_json', /not valid JSON/],
    [
      'a body that is not JSON',
      () => post('organizations.create', 'name=A', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
      /application\/json/,
    ],
    [
      'a too-large body',
      () => post('organizations.create', JSON.stringify({ name: 'x'.repeat(2048) })),
      413,
      'payload_too_large',
      /larger than 1024 bytes/,
    ],
    [
      'a GET on the API',
      () => fetch(`http://127.0.0.1:${server.port}/api/organizations.list?token=${token}`),
      404,
      'unknown_method',
      /POST/,
    ],
  ];
  for (const [what, send, status, code, message] of badRequests) {
    it(`answers ${what} with ${status} ${code}, and writes nothing`, async () => {
      await start(1024);
      const response = await send();
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: ApiErrorBody };
      expect(body.error.code).toBe(code);
      if (message instanceof RegExp) expect(body.error.message).toMatch(message);
      else expect(inputIssues(body.error)).toEqual(message);
      expect(await organizationCount()).toBe(0);
    });
  }

  it('lets methods that carry files have the larger body limit their contract sets', async () => {
    await start(1024);
    const big = JSON.stringify({
      organizationId: '0b9f3c1e-3a57-4b8e-9f00-000000000000',
      files: [{ name: 'a.flow', text: 'x'.repeat(4096) }],
    });
    const response = await post('transfer.previewImport', big);
    expect(response.status).not.toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('refuses a request whose Host is not its own loopback name (DNS rebinding)', async () => {
    await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/organizations.create',
          method: 'POST',
          headers: { host: 'evil.example:80', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{"name":"A"}');
    });
    expect(status).toBe(403);
    expect(await organizationCount()).toBe(0);
  });
});
