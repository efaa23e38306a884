import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import {
  bigOrder,
  bigOrderToKlaviyo,
  connectApp,
  count,
  FakeApp,
  openRuntimeApp,
  orgWithStore,
  postTrigger,
  waitFor,
  workflow,
} from './fixture';

const tempDir = useTempDir();
const fakes: FakeApp[] = [];
const opened: AppContext[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.runtime.stop();
  for (const fake of fakes.splice(0)) await fake.stop();
});

/** Browser mode's runtime (in its worker thread), a store with Klaviyo set up, a workflow sending big orders to it, and a real app server. */
async function setting(log: (message: string) => void = () => {}) {
  const app = await openRuntimeApp(tempDir(), { runtimeInWorker: true, runtime: { log } });
  opened.push(app);
  const org = await orgWithStore(app, ['klaviyo', 'loyaltylion']);
  await workflow(app, org.organizationId, 'Big orders', bigOrderToKlaviyo, [org.storeId]);
  const fake = new FakeApp();
  fakes.push(fake);
  await fake.start();
  await connectApp(app, fake, org.storeId);
  await app.startBackgroundWork();
  return { app, org, fake };
}

const runs = (app: AppContext) => app.db.prepare(`SELECT count(*) FROM runs`).pluck().get() as number;

describe('the runtime in its own worker thread', () => {
  it('serves the trigger endpoint from its own connection and delivers to the app what the UI thread queued (a test event)', async () => {
    const { app, fake, org } = await setting();
    const status = await call(app, 'runtime.status', {});
    expect(status).toMatchObject({ started: true, thread: { mode: 'worker', restarts: 0, lastError: null } });
    expect(status.triggerEndpointUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/triggers$/);

    const sent = await call(app, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: bigOrder,
    });
    expect(sent.runIds).toHaveLength(1);
    // The worker thread delivers what the UI thread queued (it was told to look at the outbox).
    await waitFor(
      () => fake.received.length,
      (n) => n === 1,
    );
    expect(fake.received[0]!.body).toMatchObject({ handle: 'track_event', properties: { value: 250 } });
    expect(runs(app)).toBe(1);
  });

  it("an app's endpoint moved or its secret rotated on the UI thread is what the worker delivers to and checks next", async () => {
    const { app, fake, org } = await setting();
    const testEvent = () =>
      call(app, 'runtime.sendTestEvent', { storeId: org.storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload: bigOrder });
    await testEvent();
    await waitFor(
      () => fake.received.length,
      (n) => n === 1,
    );
    // The worker has the endpoint in its cache now; the app moves to another server and gets a new secret.
    const moved = new FakeApp();
    fakes.push(moved);
    await moved.start();
    const { secret } = await call(app, 'runtime.setAppEndpoint', {
      storeId: org.storeId,
      appId: 'klaviyo',
      url: moved.url,
      rotateSecret: true,
    });
    moved.secret = secret!;
    await testEvent();
    await waitFor(
      () => moved.received.length,
      (n) => n === 1,
    );
    expect(moved.received[0]!.signatureValid).toBe(true);
    expect(fake.received).toHaveLength(1);
  });

  it('a signed app trigger over HTTP is acknowledged only once it is in the database the UI reads', async () => {
    const { app, org } = await setting();
    const fake = new FakeApp();
    fakes.push(fake);
    await fake.start();
    const secret = (await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'loyaltylion', url: fake.url })).secret!;
    const url = (await call(app, 'runtime.status', {})).triggerEndpointUrl!;
    const payload = {
      customer_id: 'gid://shopify/Customer/7',
      customer_email: 'kari@example.com',
      points_balance: 1200,
      tier: 'gold',
      previous_tier: 'silver',
    };
    const answer = await postTrigger(url, { store: org.domain, app: 'loyaltylion', trigger: 'customer_moved_up_tier', payload }, secret);
    expect(answer.status).toBe(200);
    expect(app.db.prepare(`SELECT count(*) FROM trigger_events WHERE id = ?`).pluck().get(answer.body.eventId)).toBe(1);
  });

  it('a worker thread that dies is reported and started again, and takes triggers again', async () => {
    const logged: string[] = [];
    const { app } = await setting((message) => logged.push(message));
    const thread = (app.runtime as unknown as { thread: { worker: Worker } }).thread;
    // As a crash of the thread: stopped from outside, not asked to stop.
    await thread.worker.terminate();
    await waitFor(
      () => logged.join('\n'),
      (text) => text.includes("the runtime's worker thread stopped unexpectedly"),
    );
    const status = await waitFor(
      () => app.runtime.triggerEndpointUrl,
      (url) => url !== null,
    );
    expect(status).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/triggers$/);
    expect((await call(app, 'runtime.status', {})).thread).toMatchObject({ mode: 'worker', restarts: 1 });
  });

  it('with commits synced off the thread: 30 requests at once are each acknowledged once durable; when the commit fails every one gets a 500 and none is kept', async () => {
    const { app, org, fake } = await setting();
    const secret = (await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'loyaltylion', url: fake.url })).secret!;
    const url = app.runtime.triggerEndpointUrl!;
    const send = (from: number) =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          postTrigger(url, { store: org.domain, app: 'loyaltylion', trigger: 'customer_moved_up_tier', payload: tierUp(from + i) }, secret),
        ),
      );
    // The fault, in the file (the worker's connection sees it): every event written fails, as on a full disk.
    app.db.exec(`CREATE TRIGGER full_disk BEFORE INSERT ON trigger_events BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const failed = await send(1);
    expect(failed.map((a) => a.status)).toEqual(Array(30).fill(500));
    expect(failed[0]!.body.error.message).toMatch(/could not be recorded: database or disk is full/);
    expect(count(app, 'trigger_events')).toBe(0);

    app.db.exec(`DROP TRIGGER full_disk`);
    const answers = await send(1);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    // Acknowledged means in the file: read on the UI thread's own connection at once.
    for (const a of answers) expect(app.db.prepare(`SELECT count(*) FROM trigger_events WHERE id = ?`).pluck().get(a.body.eventId)).toBe(1);
    expect(app.db.pragma('synchronous', { simple: true })).toBe(2); // the UI thread's connection stays FULL
  });

  it('stopping while 40 signed requests are in flight: each is answered 200 and stored, or refused and not stored; every stored event keeps its delivery', async () => {
    const { app, org, fake } = await setting();
    const secret = (await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'loyaltylion', url: fake.url })).secret!;
    const url = app.runtime.triggerEndpointUrl!;
    const sending = Array.from({ length: 40 }, (_, i) =>
      postTrigger(url, { store: org.domain, app: 'loyaltylion', trigger: 'customer_moved_up_tier', payload: tierUp(i + 1) }, secret).catch(
        () => ({ status: 0, body: null }),
      ),
    );
    await new Promise((r) => setTimeout(r, 5));
    await app.runtime.stop();
    const answers = await Promise.all(sending);
    const acknowledged = answers.filter((a) => a.status === 200);
    expect(answers.every((a) => [0, 200, 503].includes(a.status))).toBe(true);
    for (const a of acknowledged)
      expect(app.db.prepare(`SELECT count(*) FROM trigger_events WHERE id = ?`).pluck().get(a.body.eventId)).toBe(1);
    expect(count(app, 'trigger_events')).toBe(acknowledged.length);
    // Each run's delivery is in the outbox (delivered, or left for the next start): none lost by stopping.
    expect(count(app, 'outbox')).toBe(count(app, 'runs'));
  });
});

/** LoyaltyLion's "customer moved up a tier" for customer n. */
const tierUp = (n: number) => ({
  customer_id: `gid://shopify/Customer/${n}`,
  customer_email: `customer${n}@example.com`,
  points_balance: 1000 + n,
  tier: 'gold',
  previous_tier: 'silver',
});
