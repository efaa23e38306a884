import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores, statesByStore, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** Every activation row as it is, deactivation time included: what "exactly the previous states" means. */
const rows = (app: AppContext) =>
  app.db.prepare(`SELECT workflow_id, store_id, enabled, deactivated_at FROM activations ORDER BY workflow_id, store_id`).raw().all();

/** Oslo, Bergen, Tromsø, Bodø; Tag runs in Oslo and Bergen, Note runs in Oslo; Bodø lost its Flow app with Tag enabled (R8). */
async function setUp() {
  const app = await openTestApp(tempDir());
  const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø', 'Bodø']);
  const tag = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
  const note = await workflowWith(app, organizationId, 'Note orders', 'shopify:order_created', ['shopify:add_order_tags']);
  await call(app, 'activations.set', { workflowId: tag.id, storeIds: [stores.Oslo!, stores.Bergen!, stores.Bodø!], enabled: true });
  await call(app, 'activations.set', { workflowId: note.id, storeIds: [stores.Oslo!], enabled: true });
  await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: false });
  await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: true });
  return { app, organizationId, stores: stores as Record<'Oslo' | 'Bergen' | 'Tromsø' | 'Bodø', string>, tag, note };
}

describe('bulk changes you can trust: the count before, undo after', () => {
  it('the preview counts exactly the pairs the change then changes, and how many run now, writing nothing', async () => {
    const { app, organizationId, tag, note } = await setUp();
    const before = rows(app);
    const input = { organizationId, action: 'disable' as const, selection: { workflowIds: [tag.id, note.id] } };
    const preview = await call(app, 'activations.bulkPreview', input);
    // Tag: Oslo and Bergen running, Bodø deactivated (a disable clears it); Note: Oslo running.
    expect(preview).toMatchObject({ changed: 4, runningNow: 3, workflows: 2 });
    expect(rows(app)).toEqual(before);
    expect(
      (await call(app, 'audit.query', { organizationId, limit: 100 })).entries.filter((e) => e.action === 'activation.disabled'),
    ).toEqual([]);
    const done = await call(app, 'activations.bulk', input);
    expect(done.changed).toBe(preview.changed);
    expect(done.bulkChangeId).not.toBeNull();
  });

  it('undo of a bulk disable puts every pair back exactly: running, deactivated with its time, never enabled', async () => {
    const { app, organizationId, stores, tag, note } = await setUp();
    const before = rows(app);
    const statesBefore = await statesByStore(app, tag.id);
    const done = await call(app, 'activations.bulk', { organizationId, action: 'disable', selection: { storeIds: Object.values(stores) } });
    expect(await statesByStore(app, tag.id)).toEqual({ Bergen: 'off', Bodø: 'off', Oslo: 'off', Tromsø: 'off' });
    expect(await call(app, 'activations.lastBulk', { organizationId })).toMatchObject({
      bulkChangeId: done.bulkChangeId,
      action: 'disable',
      pairs: 4,
      undoable: true,
    });

    const undone = await call(app, 'activations.undoBulk', { bulkChangeId: done.bulkChangeId! });
    expect(undone).toMatchObject({ restored: 4, workflows: 2 });
    expect(rows(app)).toEqual(before);
    expect(await statesByStore(app, tag.id)).toEqual(statesBefore);
    expect(await statesByStore(app, note.id)).toMatchObject({ Oslo: 'running' });
    const [entry] = (await call(app, 'audit.query', { organizationId, limit: 1 })).entries;
    expect(entry).toMatchObject({ action: 'activation.bulk_undone' });
    // Undone once; the toast and the Activity log no longer offer it.
    expect(await call(app, 'activations.lastBulk', { organizationId })).toMatchObject({ undoable: false });
    expect((await refusal(app, 'activations.undoBulk', { bulkChangeId: done.bulkChangeId! })).code).toBe('conflict');
  });

  it('undo of a bulk enable removes the pairs it created, leaving no trace of them', async () => {
    const { app, organizationId, stores, note } = await setUp();
    const before = rows(app);
    const done = await call(app, 'activations.bulk', {
      organizationId,
      action: 'enable',
      selection: { cells: [{ workflowId: note.id, storeId: stores.Tromsø }] },
    });
    expect(done.changed).toBe(1);
    await call(app, 'activations.undoBulk', { bulkChangeId: done.bulkChangeId! });
    expect(rows(app)).toEqual(before);
  });

  it('refuses to undo when a pair changed since, or a later bulk change was made, and writes nothing', async () => {
    const { app, organizationId, stores, tag, note } = await setUp();
    const first = await call(app, 'activations.bulk', { organizationId, action: 'disable', selection: { workflowIds: [tag.id] } });
    await call(app, 'activations.set', { workflowId: tag.id, storeIds: [stores.Oslo], enabled: true });
    const afterManual = rows(app);
    const changed = await refusal(app, 'activations.undoBulk', { bulkChangeId: first.bulkChangeId! });
    expect(changed).toMatchObject({ code: 'conflict', details: { pairs: [{ workflowId: tag.id, storeId: stores.Oslo }] } });
    expect(rows(app)).toEqual(afterManual);

    const second = await call(app, 'activations.bulk', { organizationId, action: 'disable', selection: { workflowIds: [note.id] } });
    expect((await refusal(app, 'activations.undoBulk', { bulkChangeId: first.bulkChangeId! })).message).toMatch(
      /^Only the last bulk change/,
    );
    await call(app, 'activations.undoBulk', { bulkChangeId: second.bulkChangeId! });
    expect(await statesByStore(app, note.id)).toMatchObject({ Oslo: 'running' });
  });

  it('each audit note of a bulk change names it, so the Activity log can offer its undo', async () => {
    const { app, organizationId, tag } = await setUp();
    const done = await call(app, 'activations.bulk', { organizationId, action: 'disable', selection: { workflowIds: [tag.id] } });
    const [entry] = (await call(app, 'audit.query', { organizationId, action: 'activation.disabled', limit: 1 })).entries;
    expect(entry!.after).toMatchObject({ bulkChangeId: done.bulkChangeId });
  });
});
