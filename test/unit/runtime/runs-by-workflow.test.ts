import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call, closeDatabaseAfterTest } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { addStore, bigOrder, openRuntimeApp, orgWithStore, workflow } from './fixture';
import { asSchema18, writeColumnAgain } from './schema-18';
import { useOpenedApps } from '../../support/opened-apps';

const tempDir = useTempDir();
const opened = useOpenedApps();

const tagOrders: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [{ id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags: 'x' } }],
};

/** A clock the test moves by hand. */
function clock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** The runtime's timer never fills the lagging index here: the test says when (app.runtime.indexRuns()). */
async function openApp(now?: () => Date) {
  const app = await openRuntimeApp(tempDir(), { ...(now ? { now } : {}), runtime: { indexAtRuns: 1e9 } });
  opened.push(app);
  return app;
}

async function order(app: AppContext, storeId: string) {
  return (await call(app, 'runtime.sendTestEvent', { storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload: bigOrder }))
    .runIds;
}

/** Every run of the workflow through the Runs screen's filter, a page of `limit` at a time, newest first. */
async function runsOf(app: AppContext, organizationId: string, workflowId: string, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let after: { startedAt: string; id: string } | undefined;
  for (;;) {
    const page = await call(app, 'runs.search', { organizationId, workflowId, limit, ...(after ? { after } : {}) });
    ids.push(...page.runs.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
}

const one = (app: AppContext, sql: string) => app.db.prepare(sql).pluck().get() as number;

/** Rows left pointing at nothing: runs without their workflow or store, entries without their run, steps and deliveries without theirs. */
function orphans(app: AppContext) {
  return {
    runsWithoutWorkflow: one(app, `SELECT count(*) FROM runs WHERE workflow_id NOT IN (SELECT id FROM workflows)`),
    runsWithoutStore: one(app, `SELECT count(*) FROM runs WHERE store_id NOT IN (SELECT id FROM stores)`),
    entriesWithoutRun: one(app, `SELECT count(*) FROM runs_indexed_by_workflow WHERE run_id NOT IN (SELECT id FROM runs)`),
    stepsWithoutRun: one(app, `SELECT count(*) FROM run_steps WHERE run_id NOT IN (SELECT id FROM runs)`),
    deliveriesWithoutRun: one(app, `SELECT count(*) FROM outbox WHERE run_id NOT IN (SELECT id FROM runs)`),
    foreignKeys: (app.db.pragma('foreign_key_check') as unknown[]).length,
  };
}
const none = {
  runsWithoutWorkflow: 0,
  runsWithoutStore: 0,
  entriesWithoutRun: 0,
  stepsWithoutRun: 0,
  deliveriesWithoutRun: 0,
  foreignKeys: 0,
};

describe('runs by workflow: the lagging index and the runs above its mark', () => {
  it('the workflow filter finds runs not yet indexed, indexed ones, and both across pages, newest first', async () => {
    const c = clock('2026-03-01T10:00:00Z');
    const app = await openApp(c.now);
    const org = await orgWithStore(app);
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    const other = await workflow(app, org.organizationId, 'Other', tagOrders, [org.storeId]);
    const mine: string[] = [];
    const record = async (n: number) => {
      for (let i = 0; i < n; i++) {
        c.advance(1_000);
        const ids = await order(app, org.storeId);
        mine.unshift(...ids.filter((id) => app.runtime.runs.run(id)!.workflowId === tagger));
      }
    };
    await record(3);
    expect(app.runtime.runs.unindexedRuns()).toBe(6);
    expect(await runsOf(app, org.organizationId, tagger)).toEqual(mine);
    expect(await app.runtime.indexRuns()).toBe(6);
    expect(app.runtime.runs.unindexedRuns()).toBe(0);
    await record(4);
    // 3 indexed, 4 above the mark: pages of 2 cross from one part to the other.
    expect(await runsOf(app, org.organizationId, tagger, 2)).toEqual(mine);
    expect(await runsOf(app, org.organizationId, tagger)).toEqual(mine);
    expect(await runsOf(app, org.organizationId, other)).toHaveLength(7);
    const search = await call(app, 'runs.search', {
      organizationId: org.organizationId,
      workflowId: tagger,
      since: mine[4] ? app.runtime.runs.run(mine[4])!.startedAt : '',
    });
    expect(search.runs.map((r) => r.id)).toEqual(mine.slice(0, 5));
    await app.runtime.indexRuns();
    expect(await runsOf(app, org.organizationId, tagger, 2)).toEqual(mine);
  });

  it('after a purge that took the newest runs, the next run (given a rowid again) is still found', async () => {
    const c = clock('2026-01-01T12:00:00Z');
    const app = await openApp(c.now);
    const org = await orgWithStore(app);
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    await order(app, org.storeId);
    await order(app, org.storeId);
    await app.runtime.indexRuns();
    c.advance(100 * 86_400_000);
    expect(await app.runtime.purge()).toBe(2);
    expect(await runsOf(app, org.organizationId, tagger)).toEqual([]);
    const [fresh] = await order(app, org.storeId);
    expect(await runsOf(app, org.organizationId, tagger)).toEqual([fresh]);
    await app.runtime.indexRuns();
    expect(await runsOf(app, org.organizationId, tagger)).toEqual([fresh]);
    expect(orphans(app)).toEqual(none);
  });

  it("after a store's removal its runs are gone from the workflow filter, indexed or not, before and after its history's purge", async () => {
    const app = await openApp();
    const org = await orgWithStore(app);
    const bergen = await addStore(app, org.organizationId, 'Bergen');
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId, bergen]);
    const kept = [...(await order(app, org.storeId))];
    await order(app, bergen);
    await app.runtime.indexRuns();
    kept.unshift(...(await order(app, org.storeId)));
    await order(app, bergen);
    await call(app, 'stores.remove', { storeId: bergen });
    // At once, while its history waits for the runtime's purge (migration 20), and after it.
    expect(await runsOf(app, org.organizationId, tagger)).toEqual(kept);
    await app.runtime.purgeDeletedHistory();
    expect(await runsOf(app, org.organizationId, tagger)).toEqual(kept);
    expect(orphans(app)).toEqual(none);
  });

  it("a workflow's deletion takes its runs, steps and deliveries with it, indexed or not, and nothing else", async () => {
    const app = await openApp();
    const org = await orgWithStore(app);
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    const other = await workflow(app, org.organizationId, 'Other', tagOrders, [org.storeId]);
    await order(app, org.storeId);
    await app.runtime.indexRuns();
    await order(app, org.storeId);
    expect(one(app, `SELECT count(*) FROM runs WHERE workflow_id = '${tagger}'`)).toBe(2);
    await call(app, 'workflows.delete', { id: tagger });
    expect(one(app, `SELECT count(*) FROM runs WHERE workflow_id = '${tagger}'`)).toBe(0);
    expect(await runsOf(app, org.organizationId, other)).toHaveLength(2);
    expect(one(app, `SELECT count(*) FROM run_steps`)).toBe(2);
    expect(orphans(app)).toEqual(none);
  });

  it("an organization's deletion and its history's purge leave no runs, entries, steps or deliveries behind", async () => {
    const app = await openApp();
    const org = await orgWithStore(app);
    await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    await order(app, org.storeId);
    await app.runtime.indexRuns();
    await order(app, org.storeId);
    await call(app, 'organizations.delete', { id: org.organizationId });
    await app.runtime.purgeDeletedHistory();
    expect([one(app, `SELECT count(*) FROM runs`), one(app, `SELECT count(*) FROM runs_indexed_by_workflow`)]).toEqual([0, 0]);
    expect(orphans(app)).toEqual(none);
  });

  it('the running runtime fills the index by itself once enough runs wait', async () => {
    const app = await openRuntimeApp(tempDir(), { runtime: { indexAtRuns: 2 } });
    opened.push(app);
    const org = await orgWithStore(app);
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    await app.runtime.start();
    const first = await order(app, org.storeId);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(app.runtime.runs.unindexedRuns()).toBe(1);
    const second = await order(app, org.storeId);
    await expect.poll(() => app.runtime.runs.unindexedRuns(), { timeout: 5_000 }).toBe(0);
    expect(await runsOf(app, org.organizationId, tagger)).toEqual([...second, ...first]);
  });

  it('the filter reads the index in order and the runs above its mark by rowid, never every run', async () => {
    const app = await openApp();
    const org = await orgWithStore(app);
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    const plan = (
      app.db
        .prepare(`EXPLAIN QUERY PLAN ${searchSql(app, org.organizationId, tagger)}`)
        .all({ organizationId: org.organizationId, workflowId: tagger, limit: 51 }) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH x USING PRIMARY KEY \(workflow_id=\?\)/));
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH r USING INTEGER PRIMARY KEY \(rowid>\?\)/));
    expect(plan.filter((d) => /^SCAN r\b/.test(d))).toEqual([]);
  });
});

/** The statement RunStore.search prepares for a workflow filter within an organization (caught as it is prepared). */
function searchSql(app: AppContext, organizationId: string, workflowId: string): string {
  const prepare = app.db.prepare.bind(app.db);
  let seen = '';
  app.db.prepare = ((sql: string) => ((seen = sql), prepare(sql))) as typeof app.db.prepare;
  try {
    app.runtime.runs.search({ organizationId, workflowId, limit: 51 });
  } finally {
    app.db.prepare = prepare;
  }
  return seen;
}

describe('migration 18: runs by workflow, a lagging index', () => {
  it('a schema-17 file: every run indexed, the index and the foreign key gone, the filter and a deletion as before', async () => {
    const dir = tempDir();
    const app = await openRuntimeApp(dir, { runtime: { indexAtRuns: 1e9 } });
    const org = await orgWithStore(app);
    const tagger = await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    const runs = [...(await order(app, org.storeId)), ...(await order(app, org.storeId))].reverse();
    await app.runtime.stop();
    app.close();

    // As schema 17 had it: runs_by_workflow, runs.workflow_id referencing workflows, no lagging index.
    const raw = closeDatabaseAfterTest(new Database(path.join(dir, 'flow-admin.db')));
    asSchema18(raw);
    raw.exec(`
      DROP TRIGGER runs_indexed_go_with_run; DROP TRIGGER runs_indexed_follow_run;
      DROP TABLE runs_indexed_by_workflow; DROP TABLE lagging_indexes;
      CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at);
    `);
    writeColumnAgain(
      raw,
      'runs',
      'workflow_id       TEXT NOT NULL,',
      'workflow_id       TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,',
    );
    raw.pragma('user_version = 17');
    expect((raw.pragma('foreign_key_list(runs)') as { table: string }[]).map((f) => f.table).sort()).toEqual([
      'stores',
      'trigger_events',
      'workflows',
    ]);
    raw.close();

    const upgraded = await openRuntimeApp(dir, { runtime: { indexAtRuns: 1e9 } });
    opened.push(upgraded);
    // Migration 19 took the one to stores too.
    expect((upgraded.db.pragma('foreign_key_list(runs)') as { table: string }[]).map((f) => f.table).sort()).toEqual(['trigger_events']);
    expect(upgraded.db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'runs_by_workflow'`).all()).toEqual([]);
    expect(upgraded.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(upgraded.runtime.runs.unindexedRuns()).toBe(0);
    expect(await runsOf(upgraded, org.organizationId, tagger)).toEqual(runs);
    const [third] = await order(upgraded, org.storeId);
    expect(await runsOf(upgraded, org.organizationId, tagger)).toEqual([third, ...runs]);
    await call(upgraded, 'workflows.delete', { id: tagger });
    expect(orphans(upgraded)).toEqual(none);
    expect(one(upgraded, `SELECT count(*) FROM runs`)).toBe(0);
  });
});
