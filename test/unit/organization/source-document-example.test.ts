import { describe, expect, it } from 'vitest';
import { call, openTestApp } from '../../support/app';
import { organizationWithStores, statesByStore, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/**
 * The source document's example: four stores; a workflow with a loyalty app's connector, made before the app
 * is installed anywhere; the app installed in one store, then in the others.
 */
describe("the source document's example: four stores and a loyalty app", () => {
  it('the app is unusable until installed, the workflow runs only where it is installed, then everywhere with no re-enable', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores, storeIds } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Trondheim', 'Stavanger']);

    // Before any install: LoyaltyLion is on the Not installed list, and a workflow using it says it cannot be used.
    const lists = await call(app, 'apps.lists', { organizationId });
    expect(lists.installed).toEqual([]);
    expect(lists.notInstalled.map((a) => a.appId)).toContain('loyaltylion');
    const workflow = await workflowWith(app, organizationId, 'Reward first orders', 'shopify:order_created', ['loyaltylion:add_points']);
    expect(workflow.problems.map((p) => p.code)).toContain('app_not_installed_in_organization');
    await call(app, 'activations.set', { workflowId: workflow.id, storeIds: 'all', enabled: true });
    expect(Object.values(await statesByStore(app, workflow.id))).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);

    // Installed and set up in Oslo: usable, and the workflow runs there only; the others say why not.
    await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: [stores.Oslo!], setupComplete: true });
    const afterOne = await call(app, 'apps.lists', { organizationId });
    expect(afterOne.installed.map((a) => [a.appId, a.storeIds])).toEqual([['loyaltylion', [stores.Oslo]]]);
    expect((await call(app, 'workflows.get', { id: workflow.id })).problems.map((p) => p.code)).not.toContain(
      'app_not_installed_in_organization',
    );
    expect(await statesByStore(app, workflow.id)).toEqual({
      Bergen: 'blocked',
      Oslo: 'running',
      Stavanger: 'blocked',
      Trondheim: 'blocked',
    });
    const bergen = await call(app, 'status.pair', { workflowId: workflow.id, storeId: stores.Bergen! });
    expect(bergen.reasons).toEqual([
      {
        code: 'app_not_installed',
        appId: 'loyaltylion',
        missingSetup: [],
        message: 'LoyaltyLion rewards & referral is not installed in this store',
        fix: { kind: 'install_app', storeId: stores.Bergen, appId: 'loyaltylion', inPlace: true },
      },
    ]);

    // Installed in the other three: it runs everywhere, nothing re-enabled by hand.
    const others = storeIds.filter((id) => id !== stores.Oslo);
    await call(app, 'apps.install', { appId: 'loyaltylion', storeIds: others, setupComplete: true });
    expect(Object.values(await statesByStore(app, workflow.id))).toEqual(['running', 'running', 'running', 'running']);
    const overview = await call(app, 'status.overview', { organizationId });
    expect(overview.counts.pairs).toMatchObject({ running: 4, blocked: 0 });
    expect(overview.running.workflowsRunningEverywhere).toBe(1);
  });
});
