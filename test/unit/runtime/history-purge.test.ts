import { describe, expect, it } from 'vitest';
import { StoreStore } from '../../../electron/store/store-store';
import { call } from '../../support/app';
import { useOpenedApps } from '../../support/opened-apps';
import { useTempDir } from '../../support/temp-dir';
import { addStore, bigOrderToKlaviyo, waitFor, workflow } from './fixture';
import { appOpener, historyOf, none, one, order, orphans, runsOf, threeStores } from './store-history-fixture';

/**
 * A store's or an organization's deletion queues the stores' history (migration 20) and the runtime purges it a
 * chunk per transaction: the deletion holds neither the main thread nor the write lock for the whole history.
 */
const tempDir = useTempDir();
const opened = useOpenedApps();
const openApp = appOpener(opened, tempDir);

/** Nordic Goods (three stores, two running a workflow) and Southern Goods (Lisbon, its own workflow), each store with `n` orders. */
async function twoOrganizations(app: Awaited<ReturnType<typeof openApp>>, n = 2) {
  const first = await threeStores(app);
  const other = await call(app, 'organizations.create', { name: 'Southern Goods' });
  const lisbon = await addStore(app, other.id, 'Lisbon', ['klaviyo']);
  const lisbonWorkflow = await workflow(app, other.id, 'Big orders', bigOrderToKlaviyo, [lisbon]);
  for (let i = 0; i < n; i++) for (const storeId of [first.oslo, first.bergen, first.idle, lisbon]) await order(app, storeId);
  return { ...first, other: other.id, lisbon, lisbonWorkflow };
}

const queue = (app: Awaited<ReturnType<typeof openApp>>) =>
  app.db
    .prepare(`SELECT store_id AS storeId, runs_through_rowid AS runs, events_through_rowid AS events FROM history_purges ORDER BY store_id`)
    .all();

describe("deleted stores' history: queued by the deletion, purged by the runtime", () => {
  it("an organization's deletion queues each store's history with the marks of that moment, and its runs leave the Runs screen at once", async () => {
    const app = await openApp();
    const { org, oslo, bergen, idle, other, lisbon } = await twoOrganizations(app);
    await app.runtime.indexRuns();
    await order(app, oslo); // one above the lagging index's mark
    const osloRun = (await runsOf(app, org.organizationId, oslo))[0]!;
    const marks = { runs: one(app, `SELECT max(rowid) FROM runs`), events: one(app, `SELECT max(rowid) FROM trigger_events`) };
    const lisbonBefore = historyOf(app, lisbon);

    await call(app, 'organizations.delete', { id: org.organizationId });
    expect(queue(app)).toEqual([oslo, bergen, idle].sort().map((storeId) => ({ storeId, ...marks })));
    // The rows wait for the purge; nothing shows them.
    expect(historyOf(app, oslo)).toMatchObject({ runs: 3, events: 3 });
    expect((await call(app, 'runs.search', {})).runs.map((r) => r.storeId)).toEqual([lisbon, lisbon]);
    expect((await call(app, 'runs.search', { organizationId: org.organizationId })).runs).toEqual([]);
    expect((await call(app, 'runs.search', { storeId: oslo })).runs).toEqual([]);
    expect(app.runtime.runs.run(osloRun)).toBeUndefined();
    expect(await runsOf(app, other, lisbon)).toHaveLength(2);
    expect(historyOf(app, lisbon)).toEqual(lisbonBefore);
  });

  it('the purge takes a chunk per transaction until the queue is empty, and leaves the other stores\u2019 history', async () => {
    const app = await openApp();
    const { org, oslo, bergen, idle, other, lisbon } = await twoOrganizations(app, 3);
    await app.runtime.indexRuns();
    for (const storeId of [oslo, bergen, lisbon]) await order(app, storeId);
    const lisbonBefore = historyOf(app, lisbon);
    await call(app, 'organizations.delete', { id: org.organizationId });
    // oslo and bergen: 4 runs and 4 events each; idle: 3 events.
    const left = () => [oslo, bergen, idle].reduce((n, s) => n + historyOf(app, s).runs + historyOf(app, s).events, 0);
    expect(left()).toBe(19);

    const chunks: number[] = [];
    for (;;) {
      const deleted = await app.runtime.commit.run(() => app.runtime.historyPurges.purgeChunk(3));
      if (deleted === null) break;
      chunks.push(deleted);
      expect(historyOf(app, lisbon)).toEqual(lisbonBefore);
      expect(left()).toBe(19 - chunks.reduce((a, b) => a + b, 0));
    }
    expect(chunks.every((n) => n <= 3)).toBe(true);
    expect(chunks.length).toBeGreaterThanOrEqual(7);
    expect(left()).toBe(0);
    expect(queue(app)).toEqual([]);
    const gone = { events: 0, runs: 0, steps: 0, deliveries: 0, runEntries: 0, eventEntries: 0 };
    for (const storeId of [oslo, bergen, idle]) expect(historyOf(app, storeId)).toEqual(gone);
    expect(orphans(app)).toEqual(none);
    expect(await runsOf(app, other, lisbon)).toHaveLength(4);
  });

  it('a store given the same id again keeps the runs it records, even where a deletion lowered the highest rowid below its mark', async () => {
    const app = await openApp();
    const { org, bergen, lisbonWorkflow } = await twoOrganizations(app);
    const bigOrders = app.db.prepare(`SELECT id FROM workflows WHERE organization_id = ?`).pluck().get(org.organizationId) as string;
    const row = new StoreStore(app.db).get(bergen)!;
    await call(app, 'stores.remove', { storeId: bergen });
    // Lisbon's runs were the last: deleting its workflow deletes them, and SQLite hands their rowids out again.
    await call(app, 'workflows.delete', { id: lisbonWorkflow });

    // The same store again (as an import that keeps ids would bring it), running the same workflow.
    new StoreStore(app.db).insert(row);
    await call(app, 'apps.install', { appId: 'klaviyo', storeIds: [bergen], setupComplete: true });
    await call(app, 'activations.set', { workflowId: bigOrders, storeIds: [bergen], enabled: true });
    const fresh = [...(await order(app, bergen)), ...(await order(app, bergen))].reverse();
    expect(await runsOf(app, org.organizationId, bergen)).toEqual(fresh);

    await app.runtime.purgeDeletedHistory();
    expect(queue(app)).toEqual([]);
    expect(await runsOf(app, org.organizationId, bergen)).toEqual(fresh);
    expect(historyOf(app, bergen)).toMatchObject({ runs: 2, events: 2, steps: 6 });
    await app.runtime.indexRuns();
    expect(await runsOf(app, org.organizationId, bergen)).toEqual(fresh);
  });

  it("an organization's purge by its runs' organization leaves the runs of a store moved out of it before", async () => {
    const app = await openApp();
    const { org, oslo, bergen, other } = await twoOrganizations(app);
    await app.runtime.indexRuns();
    // Moved by another program while the app was closed: its runs still name the first organization.
    app.db.prepare(`UPDATE stores SET organization_id = ? WHERE id = ?`).run(other, bergen);
    const bergenBefore = historyOf(app, bergen);
    await call(app, 'organizations.delete', { id: org.organizationId });
    expect(queue(app).map((q) => (q as { storeId: string }).storeId)).not.toContain(bergen);
    await app.runtime.purgeDeletedHistory();
    expect(historyOf(app, oslo)).toMatchObject({ runs: 0, events: 0 });
    expect(historyOf(app, bergen)).toEqual(bergenBefore);
  });

  it('a purge stopped half-way (the app closed) goes on at the next start until the history is gone', async () => {
    const dir = tempDir();
    const app = await openApp(dir);
    const { org, oslo, bergen, idle, other, lisbon } = await twoOrganizations(app, 3);
    await app.runtime.indexRuns();
    await call(app, 'organizations.delete', { id: org.organizationId });
    // Every store has 3 rows or more: a chunk of 2 leaves every entry queued.
    expect(await app.runtime.commit.run(() => app.runtime.historyPurges.purgeChunk(2))).toBe(2);
    expect(queue(app)).toHaveLength(3);
    await app.runtime.stop();
    app.close();

    const reopened = await openApp(dir, undefined, { historyPurgeOnTimer: true, historyPurgeChunk: 2 });
    await reopened.runtime.start();
    await waitFor(
      () => queue(reopened).length,
      (n) => n === 0,
    );
    for (const storeId of [oslo, bergen, idle])
      expect(historyOf(reopened, storeId)).toMatchObject({ runs: 0, events: 0, runEntries: 0, eventEntries: 0 });
    expect(orphans(reopened)).toEqual(none);
    expect(await runsOf(reopened, other, lisbon)).toHaveLength(3);
  });
});
