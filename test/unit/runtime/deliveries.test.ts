import { describe, expect, it } from 'vitest';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { connectApp, orderEvent, openRuntimeApp, waitFor, type AppAnswer } from './fixture';
import { finished, sendOrder, useStoreWithApp, type StoreWithAppOptions } from './store-with-app';

const tempDir = useTempDir();
const { storeWithApp } = useStoreWithApp(tempDir);

/** A store running the big-order workflow, Klaviyo's endpoint pointing at a fake app that answers as scripted. */
const setUp = (answer?: (nth: number) => AppAnswer, runtime?: StoreWithAppOptions['runtime']) => storeWithApp({ answer, runtime });

describe('delivering actions to an app', () => {
  it('200: the app gets the action as Flow sends it, signed; the step succeeds', async () => {
    const { app, fake, org } = await setUp();
    const runId = await sendOrder(app, org.storeId);
    expect(await finished(app, runId)).toBe('succeeded_with_actions');

    expect(fake.received).toHaveLength(1);
    const [delivery] = fake.received;
    expect(delivery!.signatureValid).toBe(true);
    expect(delivery!.body).toEqual({
      shop_id: org.storeId,
      shopify_domain: org.domain,
      action_run_id: delivery!.actionRunId,
      handle: 'track_event',
      properties: { event_name: 'Big order #1001', customer_email: 'kari@example.com', value: 250 },
    });
    const detail = await call(app, 'runs.get', { runId });
    const track = detail.steps.find((s) => s.stepId === 'track')!;
    expect(track).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      outputs: { actionRunId: delivery!.actionRunId, response: { status: 200, body: { ok: true } } },
    });
    // Shopify's own action cannot reach the store offline: the Admin API mutation it would send is recorded, not sent.
    expect(detail.steps.find((s) => s.stepId === 'tag')).toMatchObject({
      status: 'recorded',
      outputs: { notSent: 'offline', mutation: 'tagsAdd', variables: { id: 'gid://shopify/Order/1001', tags: ['big'] } },
    });
    expect(detail.deliveries).toEqual([expect.objectContaining({ state: 'delivered', attempts: 1, lastStatus: 200 })]);
  });

  it('202 then 200: the run waits, Flow Admin asks again with the same action_run_id, then it is done', async () => {
    const { app, fake, org } = await setUp((nth) => (nth < 3 ? { status: 202 } : { status: 200 }));
    const runId = await sendOrder(app, org.storeId);
    await waitFor(
      () => app.runtime.runs.run(runId)!.status,
      (s) => s === 'waiting',
    );
    expect(await finished(app, runId)).toBe('succeeded_with_actions');
    expect(fake.received).toHaveLength(3);
    expect(new Set(fake.received.map((d) => d.actionRunId)).size).toBe(1);
    expect(fake.received.every((d) => d.signatureValid)).toBe(true);
    const detail = await call(app, 'runs.get', { runId });
    expect(detail.deliveries[0]).toMatchObject({ state: 'delivered', polls: 2, attempts: 1 });
  });

  it('429 with Retry-After: waits as long as the app asked, then delivers', async () => {
    const { app, fake, org } = await setUp((nth) => (nth === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 }));
    const runId = await sendOrder(app, org.storeId);
    expect(await finished(app, runId)).toBe('succeeded_with_actions');
    expect(fake.received).toHaveLength(2);
    const gap = fake.received[1]!.at - fake.received[0]!.at;
    // The own backoff is 5 ms; only Retry-After explains a gap of a second.
    expect(gap).toBeGreaterThanOrEqual(950);
    const detail = await call(app, 'runs.get', { runId });
    expect(detail.steps.find((s) => s.stepId === 'track')).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('500 then 200: retried with the same action_run_id, then done', async () => {
    const { app, fake, org } = await setUp((nth) => (nth <= 2 ? { status: 500, body: 'database down' } : { status: 200 }));
    const runId = await sendOrder(app, org.storeId);
    expect(await finished(app, runId)).toBe('succeeded_with_actions');
    expect(fake.received.map((d) => d.actionRunId)).toEqual(Array(3).fill(fake.received[0]!.actionRunId));
    // (The growing gaps are the policy's, checked without a clock in rate-limited-app.test.ts; wall-clock gaps
    // of a few ms are noise here.)
    expect(app.runtime.outbox.byRun(runId)[0]).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('a 4xx fails the step at once, with what the app said; the run has errors', async () => {
    const { app, fake, org } = await setUp(() => ({ status: 422, body: '{"error":"unknown list"}' }));
    const runId = await sendOrder(app, org.storeId);
    expect(await finished(app, runId)).toBe('has_errors');
    expect(fake.received).toHaveLength(1);
    const detail = await call(app, 'runs.get', { runId });
    expect(detail.steps.find((s) => s.stepId === 'track')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'The app answered 422: {"error":"unknown list"}',
    });
    expect(detail.deliveries[0]).toMatchObject({ state: 'failed', lastStatus: 422 });
  });

  it('5xx until the attempts run out fails the step', async () => {
    const { app, fake, org } = await setUp(() => ({ status: 503 }));
    await call(app, 'runtime.settings.set', { maxAttempts: 3 });
    const runId = await sendOrder(app, org.storeId);
    expect(await finished(app, runId)).toBe('has_errors');
    expect(fake.received).toHaveLength(3);
    const detail = await call(app, 'runs.get', { runId });
    expect(detail.steps.find((s) => s.stepId === 'track')!.error).toBe('The app answered 503 (gave up after 3 attempts)');
  });

  it('a timeout counts as a retryable failure', async () => {
    const { app, fake, org } = await setUp((nth) => (nth === 1 ? { status: 200, delayMs: 400 } : { status: 200 }), {
      delivery: { baseDelayMs: 5, maxDelayMs: 10, timeoutMs: 150 },
    });
    const runId = await sendOrder(app, org.storeId);
    expect(await finished(app, runId)).toBe('succeeded_with_actions');
    // The app saw it twice, with one action_run_id: that is what makes the retry safe for it.
    expect(fake.received).toHaveLength(2);
    expect(fake.received[0]!.actionRunId).toBe(fake.received[1]!.actionRunId);
  });

  it('app down, Flow Admin stopped and started again, app back: every delivery arrives exactly once per action_run_id', async () => {
    const dir = tempDir();
    const first = await storeWithApp({ dir, start: false });
    const { fake, org } = first;
    let app = first.app;
    const port = fake.port;
    await call(app, 'runtime.settings.set', { maxAttempts: 100 });
    await fake.stop(); // the app goes down
    await app.runtime.start();

    const runIds: string[] = [];
    for (let i = 0; i < 20; i++) runIds.push(await sendOrder(app, org.storeId, orderEvent({ name: `#${2000 + i}` })));
    // Tried, refused by the closed port, left in the outbox.
    await waitFor(
      () => app.runtime.outbox.due(Date.now() + 60_000, 100).filter((d) => d.attempts >= 1).length,
      (n) => n === 20,
    );
    await app.runtime.stop();
    app.close();

    // The app comes back on its address; Flow Admin starts again and resumes the outbox.
    await fake.start(port);
    app = await openRuntimeApp(dir);
    await app.runtime.start();
    for (const runId of runIds) expect(await finished(app, runId)).toBe('succeeded_with_actions');

    const ids = fake.received.map((d) => d.actionRunId);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(fake.received.every((d) => d.signatureValid)).toBe(true);
    expect(new Set(fake.received.map((d) => d.body.properties && (d.body.properties as { event_name: string }).event_name)).size).toBe(20);
  });

  it('stop() lets a delivery in flight finish: it is recorded, not sent again at the next start', async () => {
    const dir = tempDir();
    const first = await storeWithApp({ dir, answer: () => ({ status: 200, delayMs: 200 }) });
    const { fake, org } = first;
    let app = first.app;
    const runId = await sendOrder(app, org.storeId);
    await waitFor(
      () => fake.received.length,
      (n) => n === 1,
    );
    await app.runtime.stop();
    expect(app.runtime.runs.run(runId)!.status).toBe('succeeded_with_actions');
    app.close();

    app = await openRuntimeApp(dir);
    // Nothing left to send: the delivery in flight was written as done.
    expect(app.runtime.outbox.due(Date.now() + 60_000, 100)).toEqual([]);
    await app.runtime.start();
    // A later order's delivery arriving shows the worker has looked at the outbox: the first was not sent again.
    fake.answer = () => ({ status: 200 });
    await sendOrder(app, org.storeId, orderEvent({ name: '#1002' }));
    await waitFor(
      () => fake.received.length,
      (n) => n >= 2,
    );
    expect(fake.received.map((d) => (d.body.properties as { event_name: string }).event_name)).toEqual([
      'Big order #1001',
      'Big order #1002',
    ]);
  });

  it('no endpoint set for the app: the step fails saying so, and replaying the failed delivery after setting one delivers it', async () => {
    const { app, fake, org } = await storeWithApp({ connect: false });
    const runId = await sendOrder(app, org.storeId);
    expect(await finished(app, runId)).toBe('has_errors');
    const detail = await call(app, 'runs.get', { runId });
    expect(detail.steps.find((s) => s.stepId === 'track')!.error).toMatch(/^No endpoint is set for klaviyo in this store/);

    await connectApp(app, fake, org.storeId);
    const replay = await call(app, 'runs.replay', { runId, mode: 'failed_deliveries' });
    expect(replay).toEqual({ runId, replayed: 1 });
    expect(await finished(app, runId)).toBe('succeeded_with_actions');
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.actionRunId).toBe(detail.deliveries[0]!.actionRunId);
  });
});
