import { describe, expect, it } from 'vitest';
import { call, openTestApp } from '../../support/app';
import { installReady, organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('the Flow app uninstalled in a store, then the workflows re-enabled from the organization', () => {
  it('asks what would be deactivated, deactivates it in one audited step, and re-enables everything in one step', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø']);
    await installReady(app, 'loyaltylion', Object.values(stores));
    const workflows = [];
    for (let i = 1; i <= 5; i++)
      workflows.push(await workflowWith(app, organizationId, `Reward ${i}`, 'shopify:order_created', ['loyaltylion:add_points']));
    for (const w of workflows) await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    // One of them was off in Tromsø by choice: uninstalling must not touch it, re-enabling must not switch it on.
    await call(app, 'activations.set', { workflowId: workflows[4]!.id, storeIds: [stores.Tromsø!], enabled: false });

    const impact = await call(app, 'stores.flowUninstallImpact', { storeId: stores.Tromsø! });
    expect(impact.deactivates).toBe(4);
    const uninstall = await call(app, 'stores.setFlowApp', { storeId: stores.Tromsø!, installed: false });
    expect(uninstall.workflowIds.sort()).toEqual(
      workflows
        .slice(0, 4)
        .map((w) => w.id)
        .sort(),
    );

    const tromso = await call(app, 'status.store', { storeId: stores.Tromsø! });
    expect(tromso.counts).toMatchObject({ deactivated: 4, off: 1, running: 0 });
    const entry = (await call(app, 'audit.query', { storeId: stores.Tromsø!, action: 'store.flow_uninstalled', limit: 5 })).entries;
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ actor: 'test-admin', before: { flowInstalled: true }, after: { flowInstalled: false } });
    // The bulk entry is found from each workflow it deactivated.
    expect(
      (await call(app, 'audit.query', { workflowId: workflows[0]!.id, action: 'store.flow_uninstalled', limit: 5 })).entries,
    ).toHaveLength(1);

    await call(app, 'stores.setFlowApp', { storeId: stores.Tromsø!, installed: true });
    const again = await call(app, 'activations.reenableDeactivated', { organizationId, storeIds: [stores.Tromsø!] });
    expect(again).toMatchObject({ enabled: true, changed: 4, changedStoreIds: [stores.Tromsø], withoutFlowApp: 0 });
    const after = await call(app, 'status.store', { storeId: stores.Tromsø! });
    expect(after.counts).toMatchObject({ running: 4, off: 1, deactivated: 0 });
    expect((await call(app, 'audit.query', { organizationId, action: 'activation.reenabled', limit: 5 })).entries).toHaveLength(1);

    // Nothing left to re-enable: a second call changes nothing and records nothing.
    expect(await call(app, 'activations.reenableDeactivated', { organizationId })).toMatchObject({ changed: 0 });
    expect((await call(app, 'audit.query', { organizationId, action: 'activation.reenabled', limit: 5 })).entries).toHaveLength(1);
  });

  it('re-enabling all waits for the Flow app: only stores with it are re-enabled, the others are reported as held back', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø']);
    const w = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    const v = await workflowWith(app, organizationId, 'Note orders', 'shopify:order_created', ['shopify:add_order_note']);
    for (const x of [w, v]) await call(app, 'activations.set', { workflowId: x.id, storeIds: 'all', enabled: true });
    for (const store of [stores.Oslo!, stores.Bergen!]) await call(app, 'stores.setFlowApp', { storeId: store, installed: false });
    // Bergen has the Flow app again; Oslo still lacks it.
    await call(app, 'stores.setFlowApp', { storeId: stores.Bergen!, installed: true });

    const result = await call(app, 'activations.reenableDeactivated', { organizationId });
    expect(result).toMatchObject({ changed: 2, changedStoreIds: [stores.Bergen], withoutFlowApp: 0 });
    expect(result.skipped).toEqual([{ reason: 'flow_app_not_installed', pairs: 2, storeIds: [stores.Oslo] }]);
    for (const x of [w, v]) {
      expect((await call(app, 'status.pair', { workflowId: x.id, storeId: stores.Bergen! })).state).toBe('running');
      expect((await call(app, 'status.pair', { workflowId: x.id, storeId: stores.Oslo! })).state).toBe('deactivated');
    }

    // Only Oslo asked for: nothing changes, nothing is recorded, and the answer says why.
    const oslo = await call(app, 'activations.reenableDeactivated', { organizationId, storeIds: [stores.Oslo!], workflowIds: [w.id] });
    expect(oslo).toMatchObject({ changed: 0, skipped: [{ reason: 'flow_app_not_installed', pairs: 1, storeIds: [stores.Oslo] }] });
    expect((await call(app, 'audit.query', { organizationId, action: 'activation.reenabled', limit: 5 })).entries).toHaveLength(1);

    // Once the Flow app is back, the same call re-enables them.
    await call(app, 'stores.setFlowApp', { storeId: stores.Oslo!, installed: true });
    expect(await call(app, 'activations.reenableDeactivated', { organizationId })).toMatchObject({ changed: 2, skipped: [] });
  });
});
