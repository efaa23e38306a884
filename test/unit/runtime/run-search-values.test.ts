import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { call, closeDatabaseAfterTest } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { addStore, count, openRuntimeApp, orderEvent, orgWithStore, workflow } from './fixture';
import { useOpenedApps } from '../../support/opened-apps';

const tempDir = useTempDir();
const opened = useOpenedApps();

const tagOrders: WorkflowDefinition = {
  trigger: { id: 't', task: { app: 'shopify', handle: 'order_created' }, config: {} },
  steps: [
    { id: 'tag', kind: 'action', task: { app: 'shopify', handle: 'add_order_tags' }, inputs: { order_id: 'order.id', tags: 'seen' } },
  ],
};

async function order(app: AppContext, storeId: string, payload: Record<string, unknown>): Promise<string[]> {
  return (await call(app, 'runtime.sendTestEvent', { storeId, trigger: { app: 'shopify', handle: 'order_created' }, payload })).runIds;
}

async function found(app: AppContext, organizationId: string, dataValue: string): Promise<string[]> {
  return (await call(app, 'runs.search', { organizationId, dataValue })).runs.map((r) => r.id).sort();
}

describe('runs found by a value of their trigger data', () => {
  it('a value matches whole and in any case, letters beyond A-Z included; part of a value finds nothing', async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    const org = await orgWithStore(app);
    await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    const first = await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/2001', email: 'Øystein.Ærø@Example.no' }));
    const second = await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/2002', email: 'ola@example.no' }));

    expect(await found(app, org.organizationId, 'øystein.ærø@example.no')).toEqual(first);
    expect(await found(app, org.organizationId, 'ØYSTEIN.ÆRØ@EXAMPLE.NO')).toEqual(first);
    expect(await found(app, org.organizationId, '2002')).toEqual(second);
    expect(await found(app, org.organizationId, 'gid://shopify/Order/2001')).toEqual(first);
    // Whole values only: not a word of an email, not a prefix of an id, not a full-text query.
    expect(await found(app, org.organizationId, 'example')).toEqual([]);
    expect(await found(app, org.organizationId, '200')).toEqual([]);
    expect(await found(app, org.organizationId, 'ola OR 2001')).toEqual([]);
    expect(await found(app, org.organizationId, '"2001"')).toEqual([]);
  });

  it("an event's values go with it: a later event that takes its place is not found by them", async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    const org = await orgWithStore(app);
    const bergen = await addStore(app, org.organizationId, 'Bergen');
    await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId, bergen]);
    await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/3001', email: 'kari@example.com' }));
    await order(app, bergen, orderEvent({ id: 'gid://shopify/Order/3002', email: 'gone@example.com' }));
    expect(await found(app, org.organizationId, 'gone@example.com')).toHaveLength(1);

    // The newest event goes with its store; the next event is stored in its place (the same rowid).
    await call(app, 'stores.remove', { storeId: bergen });
    expect(await found(app, org.organizationId, 'gone@example.com')).toEqual([]);
    const next = await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/3003', email: 'new@example.com' }));
    expect(await found(app, org.organizationId, 'gone@example.com')).toEqual([]);
    expect(await found(app, org.organizationId, '3002')).toEqual([]);
    expect(await found(app, org.organizationId, 'new@example.com')).toEqual(next);
    expect(await found(app, org.organizationId, 'kari@example.com')).toHaveLength(1);
  });

  it("terms left behind by an event (deleted without its trigger) are replaced by the next event's, not added to", async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    const org = await orgWithStore(app);
    await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/5001', email: 'kari@example.com' }));
    await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/5002', email: 'left@example.com' }));
    app.db.exec(`
      DROP TRIGGER trigger_event_terms_go_with_event;
      DELETE FROM trigger_events WHERE rowid = (SELECT max(rowid) FROM trigger_events);
      CREATE TRIGGER trigger_event_terms_go_with_event AFTER DELETE ON trigger_events
        BEGIN DELETE FROM trigger_event_terms WHERE rowid = old.rowid; END;
    `);
    const next = await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/5003', email: 'new@example.com' }));
    expect(await found(app, org.organizationId, 'left@example.com')).toEqual([]);
    expect(await found(app, org.organizationId, 'new@example.com')).toEqual(next);
  });

  it('the search is driven by the value: its events first, then their runs (no walk over every run)', async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    const org = await orgWithStore(app);
    const plan = app.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT r.id FROM trigger_event_terms t CROSS JOIN trigger_events e ON e.rowid = t.rowid
         CROSS JOIN runs r ON r.event_id = e.id WHERE trigger_event_terms MATCH ? AND r.organization_id = ?
         ORDER BY r.started_at DESC, r.id DESC LIMIT 51`,
      )
      .all('"00"', org.organizationId) as { detail: string }[];
    const steps = plan.map((p) => p.detail);
    expect(steps[0]).toMatch(/^SCAN t VIRTUAL TABLE/);
    expect(steps).toContain('SEARCH e USING INTEGER PRIMARY KEY (rowid=?)');
    expect(steps.some((s) => s.startsWith('SEARCH r USING INDEX runs_by_event'))).toBe(true);
  });
});

describe('migration 16: search values as full-text terms', () => {
  it('values kept in the earlier table (schema 15) still find their runs after the upgrade, in any case; the table is gone', async () => {
    const dir = tempDir();
    const app = await openRuntimeApp(dir);
    const org = await orgWithStore(app);
    await workflow(app, org.organizationId, 'Tagger', tagOrders, [org.storeId]);
    const first = await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/4001', email: 'kari@example.com' }));
    const second = await order(app, org.storeId, orderEvent({ id: 'gid://shopify/Order/4002', email: 'ola@example.com' }));
    await app.runtime.stop();
    app.close();

    // As schema 15 had it: the values in trigger_event_values (as they were written: case kept), no full-text index.
    const raw = closeDatabaseAfterTest(new Database(path.join(dir, 'flow-admin.db')));
    const events = raw.prepare(`SELECT id FROM trigger_events ORDER BY rowid`).pluck().all() as string[];
    raw.exec(`
      DROP TRIGGER trigger_event_terms_go_with_event;
      DROP TABLE trigger_event_terms;
      CREATE TABLE trigger_event_values (
        value TEXT NOT NULL COLLATE NOCASE, event_id TEXT NOT NULL REFERENCES trigger_events (id) ON DELETE CASCADE,
        PRIMARY KEY (value, event_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX trigger_event_values_by_event ON trigger_event_values (event_id);
      PRAGMA user_version = 15;
    `);
    const value = raw.prepare(`INSERT INTO trigger_event_values (value, event_id) VALUES (?, ?)`);
    for (const v of ['gid://shopify/Order/4001', '4001', 'Kari@Example.com']) value.run(v, events[0]);
    for (const v of ['gid://shopify/Order/4002', '4002', 'ola@example.com']) value.run(v, events[1]);
    raw.close();

    const upgraded = await openRuntimeApp(dir);
    opened.push(upgraded);
    expect(upgraded.db.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'trigger_event_values%'`).all()).toEqual([]);
    expect(await found(upgraded, org.organizationId, 'KARI@example.com')).toEqual(first);
    expect(await found(upgraded, org.organizationId, '4002')).toEqual(second);
    expect(await found(upgraded, org.organizationId, 'gid://shopify/Order/4001')).toEqual(first);
    // New events are found as before, and an event purged after the upgrade takes its values along.
    const third = await order(upgraded, org.storeId, orderEvent({ id: 'gid://shopify/Order/4003', email: 'kari@example.com' }));
    expect(await found(upgraded, org.organizationId, 'kari@example.com')).toEqual([...first, ...third].sort());
    upgraded.db.prepare(`DELETE FROM trigger_events WHERE id = ?`).run(events[0]);
    expect(await found(upgraded, org.organizationId, 'kari@example.com')).toEqual(third);
    expect(count(upgraded, 'trigger_events')).toBe(2);
  });
});
