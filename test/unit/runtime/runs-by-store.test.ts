import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { HistoryPurgeStore } from '../../../electron/store/history-purge-store';
import { call, closeDatabaseAfterTest } from '../../support/app';
import { useOpenedApps } from '../../support/opened-apps';
import { useTempDir } from '../../support/temp-dir';
import { addStore, bigOrderToKlaviyo, workflow } from './fixture';
import { appOpener, clock, historyOf, none, one, order, orphans, runsOf, threeStores } from './store-history-fixture';
import { asSchema18 } from './schema-18';

const tempDir = useTempDir();
const opened = useOpenedApps();
const openApp = appOpener(opened, tempDir);

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

describe("a store's and an organization's deletion take the store's history with them (the runtime's purge)", () => {
  it("a store's removal and its purge delete its events (those that started no run too), runs, steps and deliveries, indexed or not, and nothing of the others", async () => {
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
    expect(await app.runtime.purgeDeletedHistory()).toBe(6);
    const gone = { events: 0, runs: 0, steps: 0, deliveries: 0, runEntries: 0, eventEntries: 0 };
    expect(historyOf(app, bergen)).toEqual(gone);
    expect(historyOf(app, idle)).toEqual(gone);
    expect(historyOf(app, oslo)).toEqual(oslosBefore);
    expect(await runsOf(app, org.organizationId, oslo)).toHaveLength(2);
    expect(orphans(app)).toEqual(none);
  });

  it("an organization's deletion and its purge leave none of its stores' events, runs, steps, deliveries or entries, and another organization's are kept", async () => {
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
    await app.runtime.purgeDeletedHistory();
    expect(one(app, `SELECT count(*) FROM trigger_events`)).toBe(2);
    expect(one(app, `SELECT count(*) FROM runs`)).toBe(2);
    expect(historyOf(app, lisbon)).toEqual(lisbonBefore);
    expect(await runsOf(app, other.id, lisbon)).toHaveLength(2);
    expect(orphans(app)).toEqual(none);
  });

  it("the purge finds a deleted store's rows by the indexes by store, by organization and by rowid, never by reading every run or event", async () => {
    const app = await openApp();
    const { oslo } = await threeStores(app);
    await order(app, oslo);
    await call(app, 'stores.remove', { storeId: oslo });
    const statements: string[] = [];
    const prepare = app.db.prepare.bind(app.db);
    app.db.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as typeof app.db.prepare;
    try {
      new HistoryPurgeStore(app.db);
    } finally {
      app.db.prepare = prepare;
    }
    const plans = statements
      .filter((sql) => /^\s*DELETE FROM (runs|trigger_events)\b/.test(sql))
      .map((sql) =>
        (
          app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ storeId: oslo, mark: 1, chunk: 10, organizationId: 'x' }) as {
            detail: string;
          }[]
        ).map((r) => r.detail),
      );
    expect(plans).toHaveLength(5);
    for (const plan of plans) expect(plan.filter((d) => /^SCAN (r|runs|trigger_events)\b/.test(d))).toEqual([]);
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
    await upgraded.runtime.purgeDeletedHistory();
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
