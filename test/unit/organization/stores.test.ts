import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { installReady, organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('stores of an organization', () => {
  it('adds, lists by name as people read them, renames and removes, recording each change', async () => {
    const app = await openTestApp(tempDir());
    const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
    const add = (name: string, domain: string) =>
      call(app, 'stores.add', { organizationId: org.id, name, domain, timeZone: 'Europe/Oslo' });
    const store10 = await add('Store 10', 'nordic-10.myshopify.com');
    await add('Store 9', 'NORDIC-9.myshopify.com');
    await add('Ålesund', 'nordic-aalesund.myshopify.com');
    const list = await call(app, 'stores.list', { organizationId: org.id });
    expect(list.map((s) => [s.name, s.domain])).toEqual([
      ['Store 9', 'nordic-9.myshopify.com'],
      ['Store 10', 'nordic-10.myshopify.com'],
      ['Ålesund', 'nordic-aalesund.myshopify.com'],
    ]);
    expect(list[0]).toMatchObject({
      timeZone: 'Europe/Oslo',
      flowInstalled: true,
      flowUninstalledAt: null,
      installedApps: 0,
      connections: 0,
    });
    expect((await call(app, 'organizations.list', {}))[0]!.storeCount).toBe(3);

    const renamed = await call(app, 'stores.rename', { storeId: store10.id, name: 'Oslo Flagship' });
    expect(renamed.name).toBe('Oslo Flagship');
    await call(app, 'stores.remove', { storeId: store10.id });
    expect((await call(app, 'stores.list', { organizationId: org.id })).map((s) => s.name)).toEqual(['Store 9', 'Ålesund']);

    const log = (await call(app, 'audit.query', { storeId: store10.id, limit: 10 })).entries;
    expect(log.map((e) => e.action)).toEqual(['store.removed', 'store.renamed', 'store.added']);
    expect(log[1]).toMatchObject({ before: { name: 'Store 10' }, after: { name: 'Oslo Flagship' } });
  });

  it('refuses a second store of the same name in the organization (ignoring case) and an address already used anywhere', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId } = await organizationWithStores(app, ['Oslo']);
    const sameName = await refusal(app, 'stores.add', { organizationId, name: 'OSLO', domain: 'other.myshopify.com' });
    expect(sameName).toMatchObject({ code: 'conflict', message: 'The organization already has a store named "Oslo"' });
    const other = await call(app, 'organizations.create', { name: 'Other Group' });
    const sameDomain = await refusal(app, 'stores.add', {
      organizationId: other.id,
      name: 'Oslo',
      domain: 'Nordic-Goods-Oslo.myshopify.com',
    });
    expect(sameDomain).toMatchObject({
      code: 'conflict',
      message: 'The address nordic-goods-oslo.myshopify.com is already used by the store "Oslo"',
    });
    // Another organization may have a store of the same name.
    await call(app, 'stores.add', { organizationId: other.id, name: 'Oslo', domain: 'other-oslo.myshopify.com' });
  });

  it('says what removing a store takes with it, and removes it all in one step; its workflows stay', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    await installReady(app, 'slack', [stores.Oslo!]);
    await installReady(app, 'klaviyo', [stores.Oslo!]);
    const w = await workflowWith(app, organizationId, 'Alert', 'shopify:order_created', ['slack:send_message']);
    await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });

    const impact = await call(app, 'stores.removalImpact', { storeId: stores.Oslo! });
    expect(impact).toMatchObject({ store: { name: 'Oslo' }, installations: 2, connections: 1, activations: 1, enabledWorkflows: 1 });
    expect(await call(app, 'stores.remove', { storeId: stores.Oslo! })).toEqual(impact);
    const db = app.handlerContext.db;
    for (const table of ['installations', 'connections']) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE store_id = ?`).pluck().get(stores.Oslo)).toBe(0);
    }
    expect((await call(app, 'status.workflow', { workflowId: w.id })).items.map((i) => i.name)).toEqual(['Bergen']);
    expect(await refusal(app, 'stores.get', { storeId: stores.Oslo })).toMatchObject({
      code: 'not_found',
      message: `Store ${stores.Oslo} does not exist`,
    });
  });

  it('adds a store without the Flow app when told so, and records installing it later', async () => {
    const app = await openTestApp(tempDir());
    const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
    const store = await call(app, 'stores.add', {
      organizationId: org.id,
      name: 'Outlet',
      domain: 'outlet.myshopify.com',
      flowInstalled: false,
    });
    expect(store).toMatchObject({ flowInstalled: false, timeZone: 'UTC' });
    expect(await call(app, 'stores.setFlowApp', { storeId: store.id, installed: true })).toMatchObject({
      store: { flowInstalled: true },
      deactivated: 0,
    });
    // Asking for what already is changes nothing and records nothing.
    await call(app, 'stores.setFlowApp', { storeId: store.id, installed: true });
    expect((await call(app, 'audit.query', { storeId: store.id, limit: 10 })).entries.map((e) => e.action)).toEqual([
      'store.flow_installed',
      'store.added',
    ]);
  });
});
