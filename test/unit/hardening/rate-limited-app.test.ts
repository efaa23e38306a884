import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { decide, defaultDeliveryPolicy } from '../../../electron/runtime/delivery-policy';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { orderEvent, type AppAnswer } from '../runtime/fixture';
import { finished as runFinished, useStoreWithApp, type StoreWithAppOptions } from '../runtime/store-with-app';

/**
 * Finding 1: an app that rate-limits for a while (429 with Retry-After) made every delivery fail for good,
 * since each 429 spent one of the attempts. Now the app's "wait" is obeyed without spending attempts, within
 * the delivery's wait budget, and a delivery that gives up says why.
 */
const tempDir = useTempDir();
const { storeWithApp } = useStoreWithApp(tempDir);

/** The big-order store with the fake app answering as scripted; the runtime starts when the test says. */
const setUp = (answer: (nth: number) => AppAnswer, runtime?: StoreWithAppOptions['runtime']) =>
  storeWithApp({ answer, runtime, start: false });

const finished = (app: AppContext, runId: string) => runFinished(app, runId, 10_000);

async function sendOrders(app: AppContext, storeId: string, n: number): Promise<string[]> {
  const runIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const { runIds: ids } = await call(app, 'runtime.sendTestEvent', {
      storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: orderEvent({ name: `#${3000 + i}` }),
    });
    runIds.push(...ids);
  }
  return runIds;
}

describe('an app that answers 429 for a while', () => {
  it('429 with Retry-After: 1 for 3 s, with only 2 attempts allowed: every delivery still arrives, once each', async () => {
    let limitedUntil = 0;
    const { app, fake, org } = await setUp(() =>
      Date.now() < limitedUntil ? { status: 429, headers: { 'Retry-After': '1' }, body: 'slow down' } : { status: 200 },
    );
    await call(app, 'runtime.settings.set', { maxAttempts: 2 });
    const runIds = await sendOrders(app, org.storeId, 20);
    limitedUntil = Date.now() + 3_000;
    await app.runtime.start();
    for (const runId of runIds) expect(await finished(app, runId)).toBe('succeeded_with_actions');

    const delivered = fake.received.filter((d, i) => fake.received.findIndex((x) => x.actionRunId === d.actionRunId) === i);
    expect(delivered).toHaveLength(20);
    const deliveries = runIds.flatMap((runId) => app.runtime.outbox.byRun(runId));
    // Several 429s each, yet no attempt spent on them: the one attempt that counted is the 200.
    expect(deliveries.every((d) => d.state === 'delivered' && d.attempts === 1 && (d.throttles ?? 0) >= 2)).toBe(true);
    expect(fake.received.length).toBe(20 + deliveries.reduce((n, d) => n + (d.throttles ?? 0), 0));
  });

  it('503 with Retry-After is a wait as well; a 429 without Retry-After still spends an attempt', async () => {
    const { app, fake, org } = await setUp((nth) =>
      nth <= 3 ? { status: 503, headers: { 'Retry-After': '0.02' } } : nth === 4 ? { status: 429 } : { status: 200 },
    );
    await call(app, 'runtime.settings.set', { maxAttempts: 2 });
    const [runId] = await sendOrders(app, org.storeId, 1);
    await app.runtime.start();
    expect(await finished(app, runId!)).toBe('succeeded_with_actions');
    expect(fake.received).toHaveLength(5);
    expect(app.runtime.outbox.byRun(runId!)[0]).toMatchObject({ state: 'delivered', attempts: 2, throttles: 3 });
  });

  it('an app that never stops asking to wait: the delivery fails when its wait budget is spent, and the run says why', async () => {
    const { app, fake, org } = await setUp(() => ({ status: 429, headers: { 'Retry-After': '0.05' } }), {
      delivery: { waitBudgetMs: 400 },
    });
    const [runId] = await sendOrders(app, org.storeId, 1);
    await app.runtime.start();
    expect(await finished(app, runId!)).toBe('has_errors');
    expect(fake.received.length).toBeGreaterThan(2);
    const detail = await call(app, 'runs.get', { runId: runId! });
    const error = detail.steps.find((s) => s.stepId === 'track')!.error!;
    expect(error).toMatch(
      /^The app answered 429 \(asked to wait 0 s\); gave up: still waiting after \d+ s, the delivery's wait budget is 0 s \(\d+ waits, 0 attempts\)$/,
    );
    expect(detail.deliveries[0]).toMatchObject({ state: 'failed', attempts: 0 });
  });

  it('the wait budget is a setting in hours, kept with the others', async () => {
    const { app } = await setUp(() => ({ status: 200 }));
    expect(app.runtime.policy().waitBudgetMs).toBe(24 * 3600_000);
    await call(app, 'runtime.settings.set', { deliveryWaitHours: 2 });
    expect(app.runtime.policy()).toMatchObject({ waitBudgetMs: 2 * 3600_000, acceptedTimeoutMs: 2 * 3600_000 });
    expect((await call(app, 'runtime.settings.get', {})).deliveryWaitHours).toBe(2);
    const refused = await app.api.call('runtime.settings.set', { deliveryWaitHours: 0 });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'runtime.settings.set: deliveryWaitHours: must be at least 1 hour' },
    });
  });
});

describe('the delivery policy (pure)', () => {
  const start = { attempts: 0, polls: 0, throttles: 0, firstAcceptedAt: null, queuedAt: 0 };
  const policy = { ...defaultDeliveryPolicy, maxAttempts: 1 };

  it('a Retry-After as an HTTP date is obeyed as well', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    const d = decide(
      { ...start, queuedAt: now },
      { kind: 'response', status: 429, retryAfter: 'Wed, 02 Dec 2026 10:00:30 GMT', body: '' },
      policy,
      now,
      () => 0.5,
    );
    expect(d.decision).toMatchObject({ state: 'pending', nextAttemptAt: now + 30_000 });
    expect(d.progress).toMatchObject({ attempts: 0, throttles: 1 });
  });

  it('a key that cannot be read yet waits without spending attempts', () => {
    const d = decide(start, { kind: 'not_ready', error: 'the key is missing' }, policy, 1_000, () => 0.5);
    expect(d.decision.state).toBe('pending');
    expect(d.progress).toMatchObject({ attempts: 0, throttles: 1 });
  });
});

describe('retry gaps (pure)', () => {
  it('grow with each failed attempt, whatever the jitter', () => {
    const policy = { ...defaultDeliveryPolicy, baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 10 };
    let progress = { attempts: 0, polls: 0, throttles: 0, firstAcceptedAt: null as number | null, queuedAt: 0 };
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = decide(progress, { kind: 'response', status: 500, retryAfter: null, body: '' }, policy, 0, () => (i % 2 === 0 ? 0.99 : 0));
      gaps.push((d.decision as { nextAttemptAt: number }).nextAttemptAt);
      progress = { ...d.progress, firstAcceptedAt: null };
    }
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]!);
  });
});
