import type { AppContext } from '../../../electron/app-context';
import type { RuntimeOptions } from '../../../electron/runtime/runtime-options';
import { call } from '../../support/app';
import type { useOpenedApps } from '../../support/opened-apps';
import { addStore, bigOrder, bigOrderToKlaviyo, openRuntimeApp, orgWithStore, workflow } from './fixture';

// What the tests of runs by store and of deleted stores' history share: stores with runs, and what they hold.

/** A clock the test moves by hand. */
export function clock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/**
 * The runtime's timer never fills the lagging indexes nor purges deleted stores' history here: the test says when
 * (app.runtime.indexRuns(), app.runtime.purgeDeletedHistory()), unless `runtime` says otherwise.
 */
export function appOpener(opened: ReturnType<typeof useOpenedApps>, tempDir: () => string) {
  return async (dir = tempDir(), now?: () => Date, runtime: Partial<RuntimeOptions> = {}) => {
    const app = await openRuntimeApp(dir, {
      ...(now ? { now } : {}),
      runtime: { indexAtRuns: 1e9, historyPurgeOnTimer: false, ...runtime },
    });
    opened.push(app);
    return app;
  };
}

export async function order(app: AppContext, storeId: string) {
  return (await call(app, 'runtime.sendTestEvent', { storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload: bigOrder }))
    .runIds;
}

/** Every run of the store through the Runs screen's store filter, a page of `limit` at a time, newest first. */
export async function runsOf(app: AppContext, organizationId: string, storeId: string, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let after: { startedAt: string; id: string } | undefined;
  for (;;) {
    const page = await call(app, 'runs.search', { organizationId, storeId, limit, ...(after ? { after } : {}) });
    ids.push(...page.runs.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
}

export const one = (app: AppContext, sql: string, ...params: unknown[]) =>
  app.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** What a store has in the runtime's tables: events, runs, steps, deliveries, and entries of the indexes by store. */
export function historyOf(app: AppContext, storeId: string) {
  return {
    events: one(app, `SELECT count(*) FROM trigger_events WHERE store_id = ?`, storeId),
    runs: one(app, `SELECT count(*) FROM runs WHERE store_id = ?`, storeId),
    steps: one(app, `SELECT count(*) FROM run_steps WHERE run_id IN (SELECT id FROM runs WHERE store_id = ?)`, storeId),
    deliveries: one(app, `SELECT count(*) FROM outbox WHERE store_id = ?`, storeId),
    runEntries: one(app, `SELECT count(*) FROM runs_indexed_by_store WHERE store_id = ?`, storeId),
    eventEntries: one(app, `SELECT count(*) FROM trigger_events_indexed_by_store WHERE store_id = ?`, storeId),
  };
}

/** Rows left pointing at nothing, in every table that names a store, a run or an event. */
export function orphans(app: AppContext) {
  return {
    events: one(app, `SELECT count(*) FROM trigger_events WHERE store_id NOT IN (SELECT id FROM stores)`),
    runs: one(
      app,
      `SELECT count(*) FROM runs WHERE store_id NOT IN (SELECT id FROM stores) OR event_id NOT IN (SELECT id FROM trigger_events)`,
    ),
    steps: one(app, `SELECT count(*) FROM run_steps WHERE run_id NOT IN (SELECT id FROM runs)`),
    deliveries: one(app, `SELECT count(*) FROM outbox WHERE run_id NOT IN (SELECT id FROM runs)`),
    runEntries: one(
      app,
      `SELECT (SELECT count(*) FROM runs_indexed_by_store WHERE run_id NOT IN (SELECT id FROM runs))
            + (SELECT count(*) FROM runs_indexed_by_workflow WHERE run_id NOT IN (SELECT id FROM runs))`,
    ),
    eventEntries: one(
      app,
      `SELECT count(*) FROM trigger_events_indexed_by_store WHERE event_rowid NOT IN (SELECT rowid FROM trigger_events)`,
    ),
    foreignKeys: (app.db.pragma('foreign_key_check') as unknown[]).length,
  };
}
export const none = { events: 0, runs: 0, steps: 0, deliveries: 0, runEntries: 0, eventEntries: 0, foreignKeys: 0 };

/** Two stores running one workflow (a delivery per run) and a third that runs nothing (its events start no run). */
export async function threeStores(app: AppContext) {
  const org = await orgWithStore(app, ['klaviyo']);
  const bergen = await addStore(app, org.organizationId, 'Bergen', ['klaviyo']);
  const idle = await addStore(app, org.organizationId, 'Tromso', ['klaviyo']);
  await workflow(app, org.organizationId, 'Big orders', bigOrderToKlaviyo, [org.storeId, bergen]);
  return { org, oslo: org.storeId, bergen, idle };
}
