import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('apps in the stores of an organization', () => {
  it("keeps the organization's Installed and Not installed lists (R5), each installed app with its stores", async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø']);
    const connectorCount = app.handlerContext.catalog.apps.filter((a) => !a.builtIn).length;
    expect((await call(app, 'apps.lists', { organizationId })).notInstalled).toHaveLength(connectorCount);

    const installed = await call(app, 'apps.install', {
      appId: 'klaviyo',
      storeIds: [stores.Oslo!, stores.Bergen!, stores.Oslo!],
      setupComplete: true,
    });
    expect(installed).toEqual({ appId: 'klaviyo', installed: [stores.Oslo, stores.Bergen], alreadyInstalled: [] });
    const again = await call(app, 'apps.install', { appId: 'klaviyo', storeIds: [stores.Bergen!, stores.Tromsø!] });
    expect(again).toEqual({ appId: 'klaviyo', installed: [stores.Tromsø], alreadyInstalled: [stores.Bergen] });

    const lists = await call(app, 'apps.lists', { organizationId });
    expect(lists.installed).toHaveLength(1);
    expect(lists.installed[0]).toMatchObject({ appId: 'klaviyo', notSetUpStoreIds: [stores.Tromsø] });
    expect(lists.installed[0]!.storeIds.sort()).toEqual([stores.Oslo, stores.Bergen, stores.Tromsø].sort());
    expect(lists.notInstalled).toHaveLength(connectorCount - 1);
    expect(lists.notInstalled.map((a) => a.appId)).not.toContain('shopify');

    const removed = await call(app, 'apps.uninstall', { appId: 'klaviyo', storeIds: Object.values(stores) });
    expect(removed).toMatchObject({ uninstalled: expect.arrayContaining(Object.values(stores)), notInstalled: [] });
    expect((await call(app, 'apps.lists', { organizationId })).installed).toEqual([]);
    const log = (await call(app, 'audit.query', { organizationId, limit: 10 })).entries.filter((e) => e.action.startsWith('app.'));
    expect(log.map((e) => e.action)).toEqual(['app.uninstalled', 'app.installed', 'app.installed']);
    // A bulk entry is found from each store it concerns.
    expect((await call(app, 'audit.query', { storeId: stores.Bergen!, action: 'app.installed', limit: 10 })).entries).toHaveLength(1);
  });

  it("refuses apps that are not in the catalog and Shopify's own, which are never installed", async () => {
    const app = await openTestApp(tempDir());
    const { stores } = await organizationWithStores(app, ['Oslo']);
    expect(await refusal(app, 'apps.install', { appId: 'mailchimp', storeIds: [stores.Oslo] })).toMatchObject({
      code: 'not_found',
      message: 'There is no app "mailchimp" in the catalog',
    });
    expect(await refusal(app, 'apps.install', { appId: 'shopify', storeIds: [stores.Oslo] })).toMatchObject({ code: 'refused' });
  });

  it('refuses stores that do not exist or belong to different organizations, naming them, and installs nothing', async () => {
    const app = await openTestApp(tempDir());
    const nordic = await organizationWithStores(app, ['Oslo'], 'Nordic Goods');
    const arctic = await organizationWithStores(app, ['Kiruna'], 'Arctic Outfitters');
    const ghost = '0b9f3c1e-3a57-4b8e-9f00-000000000000';
    expect(await refusal(app, 'apps.install', { appId: 'klaviyo', storeIds: [nordic.stores.Oslo, ghost] })).toMatchObject({
      code: 'not_found',
      message: `Store ${ghost} does not exist`,
    });
    expect(await refusal(app, 'apps.install', { appId: 'klaviyo', storeIds: [nordic.stores.Oslo, arctic.stores.Kiruna] })).toMatchObject({
      code: 'invalid_input',
      message: 'storeIds: "Kiruna" belongs to another organization; list stores of one organization only',
    });
    expect(app.handlerContext.db.prepare('SELECT count(*) FROM installations').pluck().get()).toBe(0);
  });

  it('shows each app of the catalog for one store with its setup steps', async () => {
    const app = await openTestApp(tempDir());
    const { stores } = await organizationWithStores(app, ['Oslo']);
    await call(app, 'apps.install', { appId: 'slack', storeIds: [stores.Oslo!], setupComplete: true });
    const apps = await call(app, 'apps.ofStore', { storeId: stores.Oslo! });
    expect(apps.find((a) => a.appId === 'slack')).toMatchObject({
      installed: true,
      usable: false,
      flowConnection: true,
      connected: false,
      setup: { setUp: true },
    });
    expect(apps.find((a) => a.appId === 'klaviyo')).toMatchObject({ installed: false, installedAt: null, usable: false });
  });
});
