import { describe, expect, it } from 'vitest';
import { call, openTestApp } from '../../support/app';
import { organizationWithStores, statesByStore, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const T0 = new Date('2025-03-01T10:00:00.000Z');

describe('R8 uninstalling the Flow app from a store deactivates its workflows there; they stay in the organization and can be activated again from it', () => {
  it('deactivates only that store, records when, keeps the workflows, and re-enables them from the organization', async () => {
    const app = await openTestApp(tempDir());
    let now = T0;
    app.handlerContext.now = () => now;
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    const tag = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    const note = await workflowWith(app, organizationId, 'Note orders', 'shopify:order_paid', ['shopify:add_order_note']);
    await call(app, 'activations.set', { workflowId: tag.id, storeIds: 'all', enabled: true });
    await call(app, 'activations.set', { workflowId: note.id, storeIds: [stores.Oslo!], enabled: true });

    const impact = await call(app, 'stores.flowUninstallImpact', { storeId: stores.Oslo! });
    expect(impact).toMatchObject({ deactivates: 2, workflows: [{ name: 'Note orders' }, { name: 'Tag orders' }] });

    now = new Date('2025-03-02T08:30:00.000Z');
    const result = await call(app, 'stores.setFlowApp', { storeId: stores.Oslo!, installed: false });
    expect(result.deactivated).toBe(2);
    expect(result.store).toMatchObject({ flowInstalled: false, flowUninstalledAt: '2025-03-02T08:30:00.000Z' });
    expect(await call(app, 'status.pair', { workflowId: tag.id, storeId: stores.Oslo! })).toMatchObject({
      state: 'deactivated',
      since: '2025-03-02T08:30:00.000Z',
      enabled: false,
    });
    expect(await statesByStore(app, tag.id)).toEqual({ Bergen: 'running', Oslo: 'deactivated' });
    expect((await call(app, 'workflows.list', { organizationId })).map((w) => w.name)).toEqual(['Note orders', 'Tag orders']);
    const overview = await call(app, 'status.overview', { organizationId });
    expect(overview.attention.deactivated).toEqual([
      {
        storeId: stores.Oslo,
        storeName: 'Oslo',
        flowInstalled: false,
        since: '2025-03-02T08:30:00.000Z',
        workflows: 2,
        // Re-enabling waits for the Flow app: until it is back, installing it is the fix.
        fix: { kind: 'install_flow_app', storeId: stores.Oslo, inPlace: true },
      },
    ]);

    // Installing Flow again does not by itself switch them back on (the admin decides, from the organization).
    await call(app, 'stores.setFlowApp', { storeId: stores.Oslo!, installed: true });
    expect((await statesByStore(app, tag.id)).Oslo).toBe('deactivated');

    // One by one...
    await call(app, 'activations.set', { workflowId: note.id, storeIds: [stores.Oslo!], enabled: true });
    expect((await call(app, 'status.pair', { workflowId: note.id, storeId: stores.Oslo! })).state).toBe('running');
    // ...or all at once.
    const all = await call(app, 'activations.reenableDeactivated', { organizationId });
    expect(all).toMatchObject({ changed: 1, changedWorkflowIds: [tag.id], changedStoreIds: [stores.Oslo] });
    expect(await statesByStore(app, tag.id)).toEqual({ Bergen: 'running', Oslo: 'running' });
  });
});
