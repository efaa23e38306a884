import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { OrganizationStore } from '../../../electron/store/organization-store';
import { StoreStore } from '../../../electron/store/store-store';
import { call, closeDatabaseAfterTest } from '../../support/app';
import { useOpenedApps } from '../../support/opened-apps';
import { useTempDir } from '../../support/temp-dir';
import { addStore, bigOrder, bigOrderToKlaviyo, openRuntimeApp, orgWithStore, workflow } from './fixture';
import { asSchema18 } from './schema-18';

const tempDir = useTempDir();
const opened = useOpenedApps();

/** A clock the test moves by hand. */
function clock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** The runtime's timer never fills the lagging indexes here: the test says when (app.runtime.indexRuns()). */
async function openApp(dir = tempDir(), now?: () => Date) {
  const app = await openRuntimeApp(dir, { ...(now ? { now } : {}), runtime: { indexAtRuns: 1e9 } });
  opened.push(app);
  return app;
}

async function order(app: AppContext, storeId: string) {
  return (await call(app, 'runtime.sendTestEvent', { storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload: bigOrder }))
    .runIds;
}

/** Every run of the store through the Runs screen's store filter, a page of `limit` at a time, newest first. */
async function runsOf(app: AppContext, organizationId: string, storeId: string, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let after: { startedAt: string; id: string } | undefined;
  for (;;) {
    const page = await call(app, 'runs.search', { organizationId, storeId, limit, ...(after ? { after } : {}) });
    ids.push(...page.runs.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
}

const one = (app: AppContext, sql: string, ...params: unknown[]) =>
  app.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** What a store has in the runtime's tables: events, runs, steps, deliveries, and entries of the indexes by store. */
function historyOf(app: AppContext, storeId: string) {
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
function orphans(app: AppContext) {
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
const none = { events: 0, runs: 0, steps: 0, deliveries: 0, runEntries: 0, eventEntries: 0, foreignKeys: 0 };

/** Two stores running one workflow (a delivery per run) and a third that runs nothing (its events start no run). */
async function threeStores(app: AppContext) {
  const org = await orgWithStore(app, ['klaviyo']);
  const bergen = await addStore(app, org.organizationId, 'Bergen', ['klaviyo']);
  const idle = await addStore(app, org.organizationId, 'Tromso', ['klaviyo']);
  await workflow(app, org.organizationId, 'Big orders', bigOrderToKlaviyo, [org.storeId, bergen]);
  return { org, oslo: org.storeId, bergen, idle };
}

describe('runs by store: the lagging index and the runs above its mark', () => {
  it('the store filter finds runs not yet indexed, indexed ones, and both across pages, newest first', async () => {
    const c = clock('2026-03-01T10:00:00Z');
    const app = await openApp(tempDir(), c.now);
    const { org, oslo, bergen } = await threeStores(app);
    const mine: string[] = [];
    const record = async (n: number) => {
      for (let i = 0; i < n; i++) {
        c.advance(1_000);
        mine.unshift(...(await order(app, oslo)));
        await order(app, bergen);
      }
    };
    await record(3);
    expect(await runsOf(app, org.organizationId, oslo)).toEqual(mine);
    expect(await app.runtime.indexRuns()).toBe(6);
    expect(historyOf(app, oslo).runEntries).toBe(3);
    expect(await runsOf(app, org.organizationId, oslo)).toEqual(mine);
    await record(4);
    // 3 indexed, 4 above the mark: pages of 2 cross from one part to the other.
    expect(await runsOf(app, org.organizationId, oslo, 2)).toEqual(mine);
    expect(await runsOf(app, org.organizationId, bergen)).toHaveLength(7);
    const since = app.runtime.runs.run(mine[4]!)!.startedAt;
    const search = await call(app, 'runs.search', { organizationId: org.organizationId, storeId: oslo, since });
    expect(search.runs.map((r) => r.id)).toEqual(mine.slice(0, 5));
    const failed = await call(app, 'runs.search', { organizationId: org.organizationId, storeId: oslo, statuses: ['has_errors'] });
    expect(failed.runs).toEqual([]);
    await app.runtime.indexRuns();
    expect(historyOf(app, oslo).runEntries).toBe(7);
    expect(await runsOf(app, org.organizationId, oslo, 2)).toEqual(mine);
  });

  it('the store filter reads the index in order and the runs above its mark by rowid, never every run', async () => {
    const app = await openApp();
    const { org, oslo } = await threeStores(app);
    const plan = planOf(app, () => app.runtime.runs.search({ organizationId: org.organizationId, storeId: oslo, limit: 51 }), {
      organizationId: org.organizationId,
      storeId: oslo,
      limit: 51,
    });
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH x USING PRIMARY KEY \(store_id=\?\)/));
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH r USING INTEGER PRIMARY KEY \(rowid>\?\)/));
    expect(plan.filter((d) => /^SCAN r\b/.test(d))).toEqual([]);
  });
});

describe("a store's and an organization's deletion take the store's history with them", () => {
  it("a store's removal deletes its events (those that started no run too), runs, steps and deliveries, indexed or not, and nothing of the others", async () => {
    const app = await openApp();
    const { org, oslo, bergen, idle } = await threeStores(app);
    for (const storeId of [oslo, bergen, idle]) await order(app, storeId);
    await app.runtime.indexRuns();
    for (const storeId of [oslo, bergen, idle]) await order(app, storeId);
    const oslosBefore = historyOf(app, oslo);
    expect(historyOf(app, bergen)).toMatchObject({ events: 2, runs: 2, steps: 6, deliveries: 2 });
    expect(historyOf(app, idle)).toMatchObject({ events: 2, runs: 0 });

    await call(app, 'stores.remove', { storeId: bergen });
    await call(app, 'stores.remove', { storeId: idle });
    const gone = { events: 0, runs: 0, steps: 0, deliveries: 0, runEntries: 0, eventEntries: 0 };
    expect(historyOf(app, bergen)).toEqual(gone);
    expect(historyOf(app, idle)).toEqual(gone);
    expect(historyOf(app, oslo)).toEqual(oslosBefore);
    expect(await runsOf(app, org.organizationId, oslo)).toHaveLength(2);
    expect(orphans(app)).toEqual(none);
  });

  it("an organization's deletion leaves none of its stores' events, runs, steps, deliveries or entries, and another organization's are kept", async () => {
    const app = await openApp();
    const first = await threeStores(app);
    const other = await call(app, 'organizations.create', { name: 'Southern Goods' });
    const lisbon = await addStore(app, other.id, 'Lisbon', ['klaviyo']);
    await workflow(app, other.id, 'Big orders', bigOrderToKlaviyo, [lisbon]);
    for (const storeId of [first.oslo, first.bergen, first.idle, lisbon]) await order(app, storeId);
    await app.runtime.indexRuns();
    for (const storeId of [first.oslo, first.bergen, first.idle, lisbon]) await order(app, storeId);
    const lisbonBefore = historyOf(app, lisbon);
    expect(lisbonBefore).toMatchObject({ events: 2, runs: 2, deliveries: 2, runEntries: 1, eventEntries: 1 });

    await call(app, 'organizations.delete', { id: first.org.organizationId });
    expect(one(app, `SELECT count(*) FROM trigger_events`)).toBe(2);
    expect(one(app, `SELECT count(*) FROM runs`)).toBe(2);
    expect(historyOf(app, lisbon)).toEqual(lisbonBefore);
    expect(await runsOf(app, other.id, lisbon)).toHaveLength(2);
    expect(orphans(app)).toEqual(none);
  });

  it("a store's and an organization's deletion find the rows by the indexes by store, by organization and by rowid, never by reading every run or event", async () => {
    const app = await openApp();
    const { org, oslo } = await threeStores(app);
    const statements: string[] = [];
    const prepare = app.db.prepare.bind(app.db);
    app.db.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as typeof app.db.prepare;
    try {
      app.db
        .transaction(() => {
          new StoreStore(app.db).delete(oslo);
          new OrganizationStore(app.db).delete(org.organizationId);
          throw new Error('rolled back');
        })
        .call(null);
    } catch (error) {
      expect(String(error)).toContain('rolled back');
    } finally {
      app.db.prepare = prepare;
    }
    const plans = statements
      .filter((sql) => /^\s*DELETE FROM (runs|trigger_events)\b/.test(sql))
      .map((sql) => (app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail));
    expect(plans).toHaveLength(7);
    for (const plan of plans) expect(plan.filter((d) => /^SCAN (runs|trigger_events)\b/.test(d))).toEqual([]);
  });
});

describe('migration 19: runs and trigger events by store, lagging indexes', () => {
  it('a schema-18 file (some runs above the mark): every run found by store, the store indexes and foreign keys gone, a deletion as before', async () => {
    const dir = tempDir();
    const app = await openApp(dir);
    const { org, oslo, bergen, idle } = await threeStores(app);
    for (const storeId of [oslo, bergen, idle]) await order(app, storeId);
    const upToMark = one(app, `SELECT max(rowid) FROM runs`);
    for (const storeId of [oslo, bergen, idle]) await order(app, storeId);
    const oslos = one(app, `SELECT count(*) FROM runs WHERE store_id = ?`, oslo);
    await app.runtime.stop();
    app.close();

    const raw = closeDatabaseAfterTest(new Database(path.join(dir, 'flow-admin.db')));
    asSchema18(raw);
    // The runs' lagging index by workflow filled to below the last runs, as the runtime may have left it.
    raw.prepare(`DELETE FROM runs_indexed_by_workflow WHERE run_id IN (SELECT id FROM runs WHERE rowid > ?)`).run(upToMark);
    raw.prepare(`UPDATE lagging_indexes SET through_rowid = ? WHERE source = 'runs'`).run(upToMark);
    expect(
      raw.prepare(`SELECT name FROM sqlite_schema WHERE name IN ('runs_by_store', 'trigger_events_by_store') ORDER BY name`).pluck().all(),
    ).toEqual(['runs_by_store', 'trigger_events_by_store']);
    raw.close();

    const upgraded = await openApp(dir);
    const tables = (table: string) => (upgraded.db.pragma(`foreign_key_list(${table})`) as { table: string }[]).map((f) => f.table).sort();
    expect([tables('runs'), tables('trigger_events')]).toEqual([['trigger_events'], []]);
    expect(upgraded.db.prepare(`SELECT name FROM sqlite_schema WHERE name IN ('runs_by_store', 'trigger_events_by_store')`).all()).toEqual(
      [],
    );
    expect(upgraded.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(upgraded.runtime.runs.unindexedRuns()).toBe(2);
    expect(historyOf(upgraded, oslo)).toMatchObject({ runs: oslos, runEntries: 1, eventEntries: 2 });
    const ids = upgraded.db.prepare(`SELECT id FROM runs WHERE store_id = ? ORDER BY started_at DESC, id DESC`).pluck().all(oslo);
    expect(await runsOf(upgraded, org.organizationId, oslo)).toEqual(ids);
    await upgraded.runtime.indexRuns();
    expect(await runsOf(upgraded, org.organizationId, oslo, 1)).toEqual(ids);
    await call(upgraded, 'stores.remove', { storeId: bergen });
    await call(upgraded, 'stores.remove', { storeId: idle });
    expect(historyOf(upgraded, bergen)).toMatchObject({ events: 0, runs: 0, deliveries: 0 });
    expect(historyOf(upgraded, idle)).toMatchObject({ events: 0 });
    expect(orphans(upgraded)).toEqual(none);
  });
});

/** The statement `act` prepares (the last one), planned with `params`. */
function planOf(app: AppContext, act: () => unknown, params: Record<string, unknown>): string[] {
  const prepare = app.db.prepare.bind(app.db);
  let seen = '';
  app.db.prepare = ((sql: string) => ((seen = sql), prepare(sql))) as typeof app.db.prepare;
  try {
    act();
  } finally {
    app.db.prepare = prepare;
  }
  return (app.db.prepare(`EXPLAIN QUERY PLAN ${seen}`).all(params) as { detail: string }[]).map((r) => r.detail);
}
