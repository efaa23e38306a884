import { describe, expect, it } from 'vitest';
import { call, openTestApp } from '../../support/app';
import { installReady, organizationWithStores, statesByStore, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('R6 a workflow runs in a store only if every connector app it uses is installed there', () => {
  it('is blocked with every missing app named, runs once all are installed, and runs in more stores as the apps are installed there', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Trondheim']);
    await installReady(app, 'klaviyo', [stores.Oslo!]);
    await installReady(app, 'loyaltylion', [stores.Oslo!]);
    const workflow = await workflowWith(app, organizationId, 'VIP follow-up', 'shopify:order_created', [
      'klaviyo:track_event',
      'loyaltylion:add_points',
    ]);
    await call(app, 'activations.set', { workflowId: workflow.id, storeIds: 'all', enabled: true });
    expect(await statesByStore(app, workflow.id)).toEqual({ Bergen: 'blocked', Oslo: 'running', Trondheim: 'blocked' });
    const bergen = await call(app, 'status.pair', { workflowId: workflow.id, storeId: stores.Bergen! });
    expect(bergen.reasons.map((r) => [r.code, r.appId])).toEqual([
      ['app_not_installed', 'klaviyo'],
      ['app_not_installed', 'loyaltylion'],
    ]);

    // One of the two apps is not enough.
    await installReady(app, 'klaviyo', [stores.Bergen!]);
    expect((await call(app, 'status.pair', { workflowId: workflow.id, storeId: stores.Bergen! })).reasons.map((r) => r.appId)).toEqual([
      'loyaltylion',
    ]);
    // Both: it runs there, with nothing re-enabled.
    await installReady(app, 'loyaltylion', [stores.Bergen!, stores.Trondheim!]);
    await installReady(app, 'klaviyo', [stores.Trondheim!]);
    expect(await statesByStore(app, workflow.id)).toEqual({ Bergen: 'running', Oslo: 'running', Trondheim: 'running' });

    // Uninstalling an app blocks it again, and says so before.
    const impact = await call(app, 'apps.uninstallImpact', { appId: 'klaviyo', storeIds: [stores.Oslo!] });
    expect(impact).toEqual({ appId: 'klaviyo', installedIn: 1, workflowsUsingApp: 1, blocksEnabledPairs: 1 });
    await call(app, 'apps.uninstall', { appId: 'klaviyo', storeIds: [stores.Oslo!] });
    expect((await statesByStore(app, workflow.id)).Oslo).toBe('blocked');
  });

  it("a workflow of Shopify's own triggers and actions needs no app and runs in every store", async () => {
    const app = await openTestApp(tempDir());
    const { organizationId } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    const workflow = await workflowWith(app, organizationId, 'Tag big orders', 'shopify:order_created', ['shopify:add_order_tags']);
    await call(app, 'activations.set', { workflowId: workflow.id, storeIds: 'all', enabled: true });
    expect(await statesByStore(app, workflow.id)).toEqual({ Bergen: 'running', Oslo: 'running' });
  });

  it("a trigger's app counts like an action's app", async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo']);
    const workflow = await workflowWith(app, organizationId, 'Winback tag', 'loyaltylion:customer_moved_to_winback_segment', [
      'shopify:add_customer_tags',
    ]);
    await call(app, 'activations.set', { workflowId: workflow.id, storeIds: [stores.Oslo!], enabled: true });
    expect(
      (await call(app, 'status.pair', { workflowId: workflow.id, storeId: stores.Oslo! })).reasons.map((r) => [r.code, r.appId]),
    ).toEqual([['app_not_installed', 'loyaltylion']]);
  });
});
