import http from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { eventIdHash } from '../../../electron/runtime/event-id-window';
import { useTempDir } from '../../support/temp-dir';
import { count, postTrigger, triggerHeaders } from '../runtime/fixture';
import { openTriggerEndpoint, type TriggerEndpoint } from '../runtime/signed-trigger';

/**
 * Finding 7: the same signed body sent 3 times made 3 runs; there was no Host check; store and app were
 * checked before the signature, so an unsigned request learned store names and installed apps.
 */
const tempDir = useTempDir();
let app: AppContext, secret: string, url: string, envelope: TriggerEndpoint['envelope'], storeId: string;

beforeEach(async () => {
  let org: TriggerEndpoint['org'];
  ({ app, secret, url, envelope, org } = await openTriggerEndpoint(tempDir()));
  storeId = org.storeId;
});

/** Two event ids the replay window files under the same key in this store (its keys are 30-bit hashes). */
function collidingEventIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const id = `evt-${i}`;
    const key = eventIdHash(storeId, 'loyaltylion', id);
    const other = seen.get(key);
    if (other !== undefined) return [other, id];
    seen.set(key, id);
  }
}

describe('replays', () => {
  it('the same signed request sent 3 times: one run; the repeats are acknowledged with the first answer', async () => {
    const text = JSON.stringify(envelope());
    const headers = triggerHeaders(text, secret);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await postTrigger(url, text, null, headers));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0]!.body.runIds).toHaveLength(1);
    expect(answers[1]!.body).toEqual({ ...answers[0]!.body, duplicate: true });
    expect(answers[2]!.body).toEqual({ ...answers[0]!.body, duplicate: true });
    expect({ events: count(app, 'trigger_events'), runs: count(app, 'runs') }).toEqual({ events: 1, runs: 1 });
  });

  it('the same request sent 3 times at once: still one run', async () => {
    const text = JSON.stringify(envelope());
    const headers = triggerHeaders(text, secret);
    const answers = await Promise.all([0, 1, 2].map(() => postTrigger(url, text, null, headers)));
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(2);
    expect(count(app, 'runs')).toBe(1);
  });

  it('a captured request with a new event id (its signature no longer matches) or an old timestamp is refused', async () => {
    const text = JSON.stringify(envelope());
    const headers = triggerHeaders(text, secret);
    const changedId = await postTrigger(url, text, null, { ...headers, 'X-Flow-Admin-Event-Id': 'another-id' });
    expect(changedId).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const stale = await postTrigger(url, text, null, triggerHeaders(text, secret, { timestamp: old }));
    expect(stale).toMatchObject({
      status: 401,
      body: { error: { code: 'stale_timestamp', message: expect.stringMatching(/more than 5 minutes from this computer's clock/) } },
    });
    expect(count(app, 'runs')).toBe(0);
  });

  it('two event ids that share a key in the replay window are still two events, and each repeat gets its own first answer', async () => {
    const [first, second] = collidingEventIds();
    const text = JSON.stringify(envelope());
    const headersOf = (eventId: string) => triggerHeaders(text, secret, { eventId });
    const answers = [await postTrigger(url, text, null, headersOf(first)), await postTrigger(url, text, null, headersOf(second))];
    expect(answers.map((a) => [a.status, a.body.duplicate, a.body.runIds.length])).toEqual([
      [200, undefined, 1],
      [200, undefined, 1],
    ]);
    const repeats = [await postTrigger(url, text, null, headersOf(second)), await postTrigger(url, text, null, headersOf(first))];
    expect(repeats.map((a) => a.body)).toEqual([
      { ...answers[1]!.body, duplicate: true },
      { ...answers[0]!.body, duplicate: true },
    ]);
    expect({ events: count(app, 'trigger_events'), runs: count(app, 'runs') }).toEqual({ events: 2, runs: 2 });
  });

  it('two different events (different ids) both run', async () => {
    expect((await postTrigger(url, envelope(), secret)).status).toBe(200);
    expect((await postTrigger(url, envelope(), secret)).status).toBe(200);
    expect(count(app, 'runs')).toBe(2);
  });
});

describe('an unsigned request learns nothing', () => {
  it('unknown store, unknown app, app not installed, no secret, wrong signature, not JSON: one and the same 401', async () => {
    const tries = [
      await postTrigger(url, envelope(), null),
      await postTrigger(url, envelope({ store: 'nowhere.myshopify.com' }), 'guess'),
      await postTrigger(url, envelope({ app: 'nosuchapp' }), 'guess'),
      await postTrigger(url, envelope({ app: 'yotpo', trigger: 'new_review', payload: {} }), 'guess'),
      await postTrigger(url, envelope(), 'guess'),
      await postTrigger(url, '{"store":', 'guess'),
    ];
    expect(new Set(tries.map((t) => JSON.stringify([t.status, t.body]))).size).toBe(1);
    expect(tries[0]!.status).toBe(401);
    expect(tries[0]!.body.error.message).not.toMatch(/Oslo|nordic|loyaltylion|installed in Oslo/i);
    expect(count(app, 'trigger_events')).toBe(0);
  });
});

describe('the Host check', () => {
  function post(host: string): Promise<number> {
    const text = JSON.stringify(envelope());
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/triggers',
          method: 'POST',
          headers: { host, 'content-type': 'application/json', ...triggerHeaders(text, secret) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  it('a request naming another host (DNS rebinding) is refused; 127.0.0.1 and localhost are served', async () => {
    const { port } = new URL(url);
    expect(await post(`evil.example:${port}`)).toBe(403);
    expect(await post('127.0.0.1')).toBe(403);
    expect(count(app, 'runs')).toBe(0);
    expect(await post(`127.0.0.1:${port}`)).toBe(200);
    expect(await post(`localhost:${port}`)).toBe(200);
  });
});
