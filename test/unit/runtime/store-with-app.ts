import { afterEach, expect } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call } from '../../support/app';
import {
  bigOrder,
  bigOrderToKlaviyo,
  connectApp,
  FakeApp,
  openRuntimeApp,
  orgWithStore,
  waitFor,
  workflow,
  type AppAnswer,
  type Org,
} from './fixture';

/** The runtime options a test changes (delivery timings, …); the rest stay as openRuntimeApp tunes them. */
type RuntimeOptions = NonNullable<Parameters<typeof openRuntimeApp>[1]>['runtime'];

export interface StoreWithApp {
  app: AppContext;
  /** The real local HTTP server playing Klaviyo. */
  fake: FakeApp;
  org: Org;
  /** "Big orders", running in the store. */
  workflowId: string;
}

export interface StoreWithAppOptions {
  /** What the fake app answers to the nth delivery of an action (200 unless told). */
  answer?: (nth: number) => AppAnswer;
  runtime?: RuntimeOptions;
  /** The folder of the database: a test that opens the same file again names it. */
  dir?: string;
  /** Set Klaviyo's endpoint in the store to the fake app (default), or leave the store without one. */
  connect?: boolean;
  /** Start the runtime at once (default), or leave it to the test. */
  start?: boolean;
}

/**
 * For a test file: a store running "Big orders" (Klaviyo's Track an event) with Klaviyo installed and set up,
 * its endpoint a real local HTTP server playing the app. The app context closes after each test (openRuntimeApp),
 * and the fake app is stopped after it.
 */
export function useStoreWithApp(tempDir: () => string) {
  const fakes: FakeApp[] = [];
  afterEach(async () => {
    for (const fake of fakes.splice(0)) await fake.stop();
  });

  /** A fake app on 127.0.0.1 answering as told, stopped after the test. */
  async function startFakeApp(answer?: (nth: number) => AppAnswer): Promise<FakeApp> {
    const fake = new FakeApp();
    fakes.push(fake);
    if (answer) fake.answer = (_delivery, nth) => answer(nth);
    await fake.start();
    return fake;
  }

  async function storeWithApp(options: StoreWithAppOptions = {}): Promise<StoreWithApp> {
    const { answer, runtime, dir = tempDir(), connect = true, start = true } = options;
    const fake = await startFakeApp(answer);
    const app = await openRuntimeApp(dir, runtime ? { runtime } : {});
    const org = await orgWithStore(app, ['klaviyo']);
    const workflowId = await workflow(app, org.organizationId, 'Big orders', bigOrderToKlaviyo, [org.storeId]);
    if (connect) await connectApp(app, fake, org.storeId);
    if (start) await app.runtime.start();
    return { app, fake, org, workflowId };
  }

  return { storeWithApp };
}

/** An order (the big one unless told) sent to the store as a test event; the one run it started. */
export async function sendOrder(app: AppContext, storeId: string, order: Record<string, unknown> = bigOrder): Promise<string> {
  const { runIds } = await call(app, 'runtime.sendTestEvent', {
    storeId,
    trigger: { app: 'shopify', handle: 'order_created' },
    payload: order,
  });
  expect(runIds).toHaveLength(1);
  return runIds[0]!;
}

/** Waits until the run is done (neither running nor waiting for a delivery) and gives its status. */
export const finished = (app: AppContext, runId: string, timeoutMs?: number) =>
  waitFor(
    () => app.runtime.runs.run(runId)!.status,
    (s) => s !== 'running' && s !== 'waiting',
    timeoutMs,
  );
