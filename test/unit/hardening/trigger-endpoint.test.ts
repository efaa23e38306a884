import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { count, FakeApp, openRuntimeApp, orgWithStore, postTrigger, triggerHeaders, workflow, type Org } from '../runtime/fixture';

/**
 * Finding 7: the same signed body sent 3 times made 3 runs; there was no Host check; store and app were
 * checked before the signature, so an unsigned request learned store names and installed apps.
 */
const tempDir = useTempDir();
const tierUp: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'loyaltylion', handle: 'customer_moved_up_tier' }, config: {} },
  steps: [
    {
      id: 'tag',
      kind: 'action',
      task: { app: 'shopify', handle: 'add_customer_tags' },
      inputs: { customer_id: '{{ customer_id }}', tags: 'tier-{{ tier }}' },
    },
  ],
};
const payload = {
  customer_id: 'gid://shopify/Customer/7',
  customer_email: 'kari@example.com',
  points_balance: 1200,
  tier: 'gold',
  previous_tier: 'silver',
};

let app: AppContext;
let org: Org;
let secret: string;
let url: string;

beforeEach(async () => {
  app = await openRuntimeApp(tempDir());
  org = await orgWithStore(app, ['loyaltylion']);
  await workflow(app, org.organizationId, 'Tier up', tierUp, [org.storeId]);
  const fake = new FakeApp();
  await fake.start();
  secret = (await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'loyaltylion', url: fake.url })).secret!;
  await fake.stop();
  await app.runtime.start();
  url = app.runtime.triggerEndpointUrl!;
});

afterEach(async () => {
  await app.runtime.stop();
  app.close();
});

const envelope = (over: Record<string, unknown> = {}) => ({
  store: org.domain,
  app: 'loyaltylion',
  trigger: 'customer_moved_up_tier',
  payload,
  ...over,
});

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
