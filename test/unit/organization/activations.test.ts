import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores, statesByStore, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('activations: a workflow enabled or disabled per store', () => {
  it('in one store, a chosen set, or all stores, saying what changed and what already was so', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø', 'Bodø']);
    const w = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);

    const one = await call(app, 'activations.set', { workflowId: w.id, storeIds: [stores.Oslo!], enabled: true });
    expect(one).toEqual({
      enabled: true,
      changed: 1,
      unchanged: 0,
      changedStoreIds: [stores.Oslo],
      changedWorkflowIds: [w.id],
      withoutFlowApp: 0,
    });
    const set = await call(app, 'activations.set', { workflowId: w.id, storeIds: [stores.Oslo!, stores.Bergen!], enabled: true });
    expect(set).toMatchObject({ changed: 1, unchanged: 1, changedStoreIds: [stores.Bergen] });
    const all = await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    expect(all).toMatchObject({ changed: 2, unchanged: 2 });
    expect(await statesByStore(app, w.id)).toEqual({ Bergen: 'running', Bodø: 'running', Oslo: 'running', Tromsø: 'running' });

    const off = await call(app, 'activations.set', { workflowId: w.id, storeIds: [stores.Tromsø!, stores.Bodø!], enabled: false });
    expect(off).toMatchObject({ enabled: false, changed: 2, unchanged: 0 });
    expect(await statesByStore(app, w.id)).toEqual({ Bergen: 'running', Bodø: 'off', Oslo: 'running', Tromsø: 'off' });

    // One audit entry per bulk change, with the list, found by each store it concerns.
    const entries = (await call(app, 'audit.query', { workflowId: w.id, limit: 10 })).entries.filter((e) =>
      e.action.startsWith('activation.'),
    );
    expect(entries.map((e) => e.action)).toEqual(['activation.disabled', 'activation.enabled', 'activation.enabled', 'activation.enabled']);
    expect(entries[1]).toMatchObject({ before: { off: expect.arrayContaining([stores.Tromsø, stores.Bodø]) }, after: { enabled: true } });
    expect((await call(app, 'audit.query', { storeId: stores.Bodø!, limit: 10 })).entries.map((e) => e.action)).toEqual([
      'activation.disabled',
      'activation.enabled',
      'store.added',
    ]);
  });

  it('enables several workflows in one store, or all of them', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo']);
    const a = await workflowWith(app, organizationId, 'A', 'shopify:order_created', ['shopify:add_order_tags']);
    const b = await workflowWith(app, organizationId, 'B', 'shopify:order_paid', ['shopify:add_order_note']);
    expect(await call(app, 'activations.setInStore', { storeId: stores.Oslo!, workflowIds: [a.id], enabled: true })).toMatchObject({
      changed: 1,
    });
    expect(await call(app, 'activations.setInStore', { storeId: stores.Oslo!, workflowIds: 'all', enabled: true })).toMatchObject({
      changed: 1,
      unchanged: 1,
      changedWorkflowIds: [b.id],
    });
    expect((await call(app, 'status.store', { storeId: stores.Oslo! })).counts.running).toBe(2);
  });

  it('enabling where the Flow app is missing is recorded as asked, and the status says it is blocked by that', async () => {
    const app = await openTestApp(tempDir());
    const org = await call(app, 'organizations.create', { name: 'Nordic Goods' });
    const outlet = await call(app, 'stores.add', {
      organizationId: org.id,
      name: 'Outlet',
      domain: 'outlet.myshopify.com',
      flowInstalled: false,
    });
    const w = await workflowWith(app, org.id, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    expect(await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true })).toMatchObject({
      changed: 1,
      withoutFlowApp: 1,
    });
    expect(await call(app, 'status.pair', { workflowId: w.id, storeId: outlet.id })).toMatchObject({
      state: 'blocked',
      enabled: true,
      reasons: [{ code: 'flow_app_not_installed' }],
    });
  });

  it('a bulk change naming a store that does not exist or is of another organization changes nothing', async () => {
    const app = await openTestApp(tempDir());
    const nordic = await organizationWithStores(app, ['Oslo', 'Bergen']);
    const arctic = await organizationWithStores(app, ['Kiruna'], 'Arctic Outfitters');
    const w = await workflowWith(app, nordic.organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    const ghost = '0b9f3c1e-3a57-4b8e-9f00-000000000000';
    expect(await refusal(app, 'activations.set', { workflowId: w.id, storeIds: [nordic.stores.Oslo, ghost], enabled: true })).toMatchObject(
      {
        code: 'not_found',
        message: `Store ${ghost} does not exist`,
      },
    );
    expect(
      await refusal(app, 'activations.set', { workflowId: w.id, storeIds: [nordic.stores.Oslo, arctic.stores.Kiruna], enabled: true }),
    ).toMatchObject({
      code: 'invalid_input',
    });
    expect(
      await refusal(app, 'activations.setInStore', { storeId: arctic.stores.Kiruna, workflowIds: [w.id], enabled: true }),
    ).toMatchObject({
      code: 'not_found',
      message: `workflowIds: ${w.id} is not a workflow of this organization`,
    });
    expect(app.handlerContext.db.prepare('SELECT count(*) FROM activations').pluck().get()).toBe(0);
  });

  it('a bulk change is one transaction: a failure half-way leaves every pair as it was', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø']);
    const w = await workflowWith(app, organizationId, 'Tag orders', 'shopify:order_created', ['shopify:add_order_tags']);
    const db = app.handlerContext.db;
    // Make the audit write fail after the activations are written.
    db.exec(`CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_subjects BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const error = await refusal(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    expect(error.code).toBe('internal');
    expect(db.prepare('SELECT count(*) FROM activations').pluck().get()).toBe(0);
    db.exec(`DROP TRIGGER fail_audit`);
    expect(await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true })).toMatchObject({ changed: 3 });
  });
});
