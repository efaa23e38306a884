import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('the audit log', () => {
  it('is queried by workflow, store, time and action, newest first, in pages', async () => {
    const app = await openTestApp(tempDir());
    let clock = Date.parse('2025-01-01T00:00:00Z');
    app.handlerContext.now = () => new Date((clock += 60_000));
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    const w = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    await call(app, 'stores.rename', { storeId: stores.Oslo!, name: 'Oslo City' });

    const all = (await call(app, 'audit.query', { organizationId, limit: 100 })).entries;
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ action: 'store.renamed', actor: 'test-admin', storeId: stores.Oslo });

    const forOslo = (await call(app, 'audit.query', { storeId: stores.Oslo!, limit: 100 })).entries.map((e) => e.action);
    expect(forOslo).toEqual(['store.renamed', 'activation.enabled', 'store.added']);
    const forWorkflow = (await call(app, 'audit.query', { workflowId: w.id, limit: 100 })).entries.map((e) => e.action);
    expect(forWorkflow).toContain('activation.enabled');

    // Times with an offset are the same instants as the log's UTC stamps.
    const renamedAt = all[0]!.at;
    const sameInstant = new Date(Date.parse(renamedAt) + 0).toISOString().replace('Z', '+00:00');
    const since = (await call(app, 'audit.query', { organizationId, since: sameInstant, limit: 100 })).entries;
    expect(since.map((e) => e.action)).toEqual(['store.renamed']);
    const until = (await call(app, 'audit.query', { organizationId, until: renamedAt, action: 'store.added', limit: 100 })).entries;
    expect(until).toHaveLength(2);

    const first = await call(app, 'audit.query', { organizationId, limit: 2 });
    expect(first.entries).toHaveLength(2);
    const second = await call(app, 'audit.query', { organizationId, limit: 2, beforeSeq: first.nextBeforeSeq! });
    expect(second.entries[0]!.seq).toBeLessThan(first.entries[1]!.seq);
  });

  it('records the name set in the settings, else the OS user name', async () => {
    const app = await openTestApp(tempDir());
    const { stores } = await organizationWithStores(app, ['Oslo']);
    await call(app, 'settings.update', { actorName: 'Kari Nordmann' });
    await call(app, 'stores.rename', { storeId: stores.Oslo!, name: 'Oslo City' });
    const [latest, , added] = (await call(app, 'audit.query', { limit: 3 })).entries;
    expect(latest).toMatchObject({ action: 'store.renamed', actor: 'Kari Nordmann' });
    expect(added).toMatchObject({ action: 'store.added', actor: 'test-admin' });
  });

  it('is append-only: its rows and subjects cannot be changed', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    const w = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    const db = app.handlerContext.db;
    expect(db.prepare(`SELECT count(*) FROM audit_subjects`).pluck().get()).toBe(2);
    expect(() => db.prepare(`UPDATE audit_log SET actor = 'someone else'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE audit_subjects SET store_id = NULL`).run()).toThrow(/append-only/);
  });

  it('refuses a malformed time with a clear message', async () => {
    const app = await openTestApp(tempDir());
    const error = await refusal(app, 'audit.query', { since: 'yesterday', limit: 10 });
    expect(error).toMatchObject({ code: 'invalid_input', message: 'audit.query: since: must be a time like 2025-01-31T12:00:00Z' });
  });
});
