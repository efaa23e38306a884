import { afterEach, describe, expect, it } from 'vitest';
import type { ApiDispatcher } from '../../../electron/api/dispatcher';
import { oldGenerationBytes } from '../../../electron/server/heap-after-answers';
import { startHttpServer, type RunningHttpServer } from '../../../electron/server/http-server';

const token = 'test-token-0123456789';
const MB = 1024 * 1024;
let server: RunningHttpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Rows an answer is made of, kept long enough (a few young collections) to reach the old generation. */
function answerRows(megabytes: number): { id: number; name: string }[] {
  const rows = Array.from({ length: megabytes * 16_000 }, (_, i) => ({ id: i, name: `workflow ${i}` }));
  // Young garbage meanwhile, as a handler makes: the rows above survive the collections it causes.
  let churn = 0;
  for (let i = 0; i < 3_000_000; i++) churn += [i, i + 1].length;
  return churn > 0 ? rows : [];
}

describe("browser mode's heap after answers", () => {
  it('gives back what large answers left in the old generation once they went out', async () => {
    let atAnswer = 0;
    const api: ApiDispatcher = {
      methods: ['status.store'],
      call: async () => {
        const rows = answerRows(40);
        atAnswer = oldGenerationBytes();
        return { ok: true, value: { total: rows.length } };
      },
    };
    server = await startHttpServer({ api, token, port: 0 });
    const before = oldGenerationBytes();
    const response = await fetch(`http://127.0.0.1:${server.port}/api/status.store`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(await response.json()).toEqual({ total: 640_000 });
    // The answer's rows were in the old generation when it was made.
    expect(atAnswer - before).toBeGreaterThan(20 * MB);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // Collected after the answer, not left until V8's own limit (up to 4x what it keeps).
    expect(oldGenerationBytes() - before).toBeLessThan(8 * MB);
  });
});
