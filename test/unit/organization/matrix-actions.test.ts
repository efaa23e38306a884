import { describe, expect, it } from 'vitest';
import { call, openTestApp } from '../../support/app';
import { installReady, organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** Oslo and Bergen have LoyaltyLion ready; Bodø has lost the Flow app (its enabled pairs deactivated, R8). */
async function setting() {
  const app = await openTestApp(tempDir());
  const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Bodø']);
  await installReady(app, 'loyaltylion', [stores.Oslo!, stores.Bergen!]);
  const points = await workflowWith(app, organizationId, 'Points', 'shopify:order_created', ['loyaltylion:add_points']);
  const tags = await workflowWith(app, organizationId, 'Tags', 'shopify:order_created', ['shopify:add_order_tags']);
  const idle = await workflowWith(app, organizationId, 'Idle', 'shopify:order_paid', ['shopify:add_order_note']);
  await call(app, 'activations.set', { workflowId: tags.id, storeIds: 'all', enabled: true });
  await call(app, 'activations.set', { workflowId: points.id, storeIds: [stores.Oslo!], enabled: true });
  await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: false });
  return { app, organizationId, stores, points, tags, idle };
}

describe('what the matrix and a pair panel offer to do, as the API says', () => {
  it('a pair says which of enable, disable and re-enable it allows and why not, and what version runs there', async () => {
    const { app, stores, tags, idle } = await setting();
    const running = await call(app, 'status.pair', { workflowId: tags.id, storeId: stores.Oslo! });
    expect(running.actions).toEqual({ enable: 'already_enabled', disable: null, reenable: 'not_deactivated' });
    expect(running.running).toMatchObject({ version: 1, trigger: { app: 'shopify', handle: 'order_created' }, actions: 1 });
    expect(running.currentVersion).toBe(1);
    const off = await call(app, 'status.pair', { workflowId: idle.id, storeId: stores.Oslo! });
    expect(off.actions).toEqual({ enable: null, disable: 'already_off', reenable: 'not_deactivated' });
    // Deactivated by the Flow app's removal: re-enabling waits for the Flow app (R8).
    const deactivated = await call(app, 'status.pair', { workflowId: tags.id, storeId: stores.Bodø! });
    expect(deactivated.state).toBe('deactivated');
    expect(deactivated.actions.reenable).toBe('flow_app_not_installed');
    await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: true });
    const back = await call(app, 'status.pair', { workflowId: tags.id, storeId: stores.Bodø! });
    expect(back.actions).toEqual({ enable: null, disable: null, reenable: null });
  });

  it('a row or column offers an action exactly when a bulk change of it would change something', async () => {
    const { app, organizationId, stores } = await setting();
    await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: true });
    const page = await call(app, 'status.matrix', { organizationId });
    expect(page.rows.length).toBe(3);
    expect(page.stores.length).toBe(3);
    const preview = (action: 'enable' | 'disable' | 'reenable', selection: { workflowIds?: string[]; storeIds?: string[] }) =>
      call(app, 'activations.bulkPreview', {
        organizationId,
        action,
        selection: { workflowIds: [], storeIds: [], cells: [], ...selection },
      });
    for (const action of ['enable', 'disable', 'reenable'] as const) {
      for (const row of page.rows) {
        const { changed } = await preview(action, { workflowIds: [row.workflowId] });
        expect({ row: row.name, action, offered: row.actions[action] === null }).toEqual({ row: row.name, action, offered: changed > 0 });
      }
      for (const store of page.stores) {
        const { changed } = await preview(action, { storeIds: [store.id] });
        expect({ store: store.name, action, offered: store.actions[action] === null }).toEqual({
          store: store.name,
          action,
          offered: changed > 0,
        });
      }
    }
    // A cell's actions by its state letter: an off cell can be enabled, not disabled.
    expect(page.cellActions.flow['o']).toEqual({ enable: null, disable: 'already_off', reenable: 'not_deactivated' });
    expect(page.cellActions.noFlow['d']).toEqual({ enable: null, disable: null, reenable: 'flow_app_not_installed' });
  });
});
