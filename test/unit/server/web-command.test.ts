import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

async function waitFor(holds: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const start = Date.now(); !holds(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
  }
}

/** `npm run web` runs electron/web.ts (compiled); here it runs from source with tsx, the same code. */
function startWeb(args: string[]) {
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'electron/web.ts', ...args], {
    cwd: path.resolve('.'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { url, output: () => output, exited, stop: () => child.kill('SIGTERM') };
}

describe('npm run web (browser mode)', () => {
  it('serves the UI and the token-protected API on 127.0.0.1, on the database given with --db', async () => {
    const db = path.join(tempDir(), 'web.db');
    const web = startWeb(['--db', db]);
    try {
      const url = new URL(await web.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(web.output()).toContain(`database ${db}`);
      // The API answers at once; the runtime starts in its worker thread, then apps have somewhere to send their triggers.
      const page = await fetch(url);
      expect(await page.text()).toContain('<div id="app">');

      const token = url.searchParams.get('token')!;
      const api = (body: string, t = token) =>
        fetch(new URL('/api/organizations.create', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
          body,
        });
      expect((await api('{"name":"Nordic Goods"}')).status).toBe(200);
      expect((await api('{"name":"Other"}', 'wrong')).status).toBe(401);
      await waitFor(() => /Apps send trigger events to http:\/\/127\.0\.0\.1:\d+/.test(web.output()));
    } finally {
      web.stop();
      expect(await web.exited).toBe(0);
    }
  });

  it('says clearly what is wrong with a bad argument', async () => {
    const web = startWeb(['--port', 'eighty']);
    await expect(web.url).rejects.toThrow(/--port eighty: expected a port number/);
  });
});
