import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { installReady, organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** Oslo and Bergen have LoyaltyLion ready, Tromsø does not; Bodø has no Flow app. */
async function setting() {
  const app = await openTestApp(tempDir());
  const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø', 'Bodø']);
  await installReady(app, 'loyaltylion', [stores.Oslo!, stores.Bergen!]);
  const points = await workflowWith(app, organizationId, 'Points', 'shopify:order_created', ['loyaltylion:add_points']);
  const tags = await workflowWith(app, organizationId, 'Tags', 'shopify:order_created', ['shopify:add_order_tags']);
  const broken = await workflowWith(app, organizationId, 'Broken', 'shopify:order_created', ['shopify:add_order_tags'], {
    missingRequired: true,
  });
  const idle = await workflowWith(app, organizationId, 'Idle', 'shopify:order_paid', ['shopify:add_order_note']);
  for (const w of [points, tags, broken]) await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
  await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: false });
  return { app, organizationId, stores, points, tags, broken, idle };
}

describe('status of workflows in stores', () => {
  it('an enabled workflow with validation errors is invalid wherever it is enabled, with the errors', async () => {
    const { app, stores, broken } = await setting();
    const pair = await call(app, 'status.pair', { workflowId: broken.id, storeId: stores.Oslo! });
    expect(pair.state).toBe('invalid');
    expect(pair.problems.map((p) => p.code)).toEqual(['missing_required_field']);
    expect(pair.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it("one store's page: every workflow with its state and reasons, counts, and a filter by state", async () => {
    const { app, stores } = await setting();
    const tromso = await call(app, 'status.store', { storeId: stores.Tromsø! });
    expect(tromso.items.map((i) => [i.name, i.state])).toEqual([
      ['Broken', 'invalid'],
      ['Idle', 'off'],
      ['Points', 'blocked'],
      ['Tags', 'running'],
    ]);
    expect(tromso.counts).toEqual({ running: 1, off: 1, deactivated: 0, blocked: 1, invalid: 1 });
    const blocked = await call(app, 'status.store', { storeId: stores.Tromsø!, states: ['blocked'] });
    expect(blocked).toMatchObject({
      total: 1,
      items: [{ name: 'Points', reasons: [{ code: 'app_not_installed', appId: 'loyaltylion' }] }],
    });
    const bodo = await call(app, 'status.store', { storeId: stores.Bodø! });
    expect(bodo.items.map((i) => i.state)).toEqual(['deactivated', 'off', 'deactivated', 'deactivated']);
  });

  it("the stores list counts each store's workflows by state, as the store's own page does", async () => {
    const { app, organizationId, stores } = await setting();
    const list = await call(app, 'stores.list', { organizationId });
    expect(list.map((s) => [s.name, s.timeZone, s.workflows.running, s.workflows.blocked])).toEqual([
      ['Bergen', 'Europe/Oslo', 2, 0],
      ['Bodø', 'Europe/Oslo', 0, 0],
      ['Oslo', 'Europe/Oslo', 2, 0],
      ['Tromsø', 'Europe/Oslo', 1, 1],
    ]);
    for (const store of list) expect(store.workflows).toEqual((await call(app, 'status.store', { storeId: store.id })).counts);
    expect(list.find((s) => s.id === stores.Bodø)!.workflows).toMatchObject({ deactivated: 3, off: 1 });
  });

  it("one workflow's page: every store, with paging", async () => {
    const { app, points } = await setting();
    const page = await call(app, 'status.workflow', { workflowId: points.id, offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((i) => [i.name, i.state])).toEqual([
      ['Bodø', 'deactivated'],
      ['Oslo', 'running'],
    ]);
    expect(page.workflow.appsUsed).toEqual(['loyaltylion']);
  });

  it('the matrix: compact rows of state letters, shared reason lists, counts across all stores, pages and filters', async () => {
    const { app, organizationId, stores, points } = await setting();
    const m = await call(app, 'status.matrix', { organizationId });
    expect(m.stores.map((s) => s.name)).toEqual(['Bergen', 'Bodø', 'Oslo', 'Tromsø']);
    expect(m.rows.map((r) => [r.name, r.states])).toEqual([
      ['Broken', 'idii'],
      ['Idle', 'oooo'],
      ['Points', 'rdrb'],
      ['Tags', 'rdrr'],
    ]);
    const pointsRow = m.rows.find((r) => r.workflowId === points.id)!;
    expect(pointsRow.counts).toEqual({ running: 2, off: 0, deactivated: 1, blocked: 1, invalid: 0 });
    expect(pointsRow.reasonRefs).toHaveLength(1);
    const [column, ref] = pointsRow.reasonRefs[0]!;
    expect(m.stores[column]!.id).toBe(stores.Tromsø);
    expect(m.reasonSets[ref]).toEqual([
      {
        code: 'app_not_installed',
        appId: 'loyaltylion',
        missingSetup: [],
        message: 'LoyaltyLion rewards & referral is not installed in this store',
      },
    ]);

    const paged = await call(app, 'status.matrix', { organizationId, workflows: { offset: 2, limit: 1 }, stores: { offset: 1, limit: 2 } });
    expect(paged).toMatchObject({ totalWorkflows: 4, totalStores: 4, workflowOffset: 2, storeOffset: 1 });
    expect(paged.rows.map((r) => [r.name, r.states, r.counts.running])).toEqual([['Points', 'dr', 2]]);

    const blocked = await call(app, 'status.matrix', { organizationId, filter: { states: ['blocked'] } });
    expect(blocked.rows.map((r) => r.name)).toEqual(['Points']);
    expect(blocked.stores.map((s) => s.name)).toEqual(['Tromsø']);
    const byApp = await call(app, 'status.matrix', { organizationId, filter: { appId: 'loyaltylion' } });
    expect(byApp.rows.map((r) => r.name)).toEqual(['Points']);
    const search = await call(app, 'status.matrix', { organizationId, filter: { search: 'TAG' }, stores: { ids: [stores.Oslo!] } });
    expect(search.rows.map((r) => [r.name, r.states])).toEqual([['Tags', 'r']]);
  });

  it('the matrix refuses ids that are not of the organization', async () => {
    const { app, organizationId } = await setting();
    const ghost = '0b9f3c1e-3a57-4b8e-9f00-000000000000';
    expect(await refusal(app, 'status.matrix', { organizationId, stores: { ids: [ghost] } })).toMatchObject({
      code: 'not_found',
      message: `stores.ids: ${ghost} is not a store of this organization`,
    });
  });

  it('the overview: what needs attention and how much runs where', async () => {
    const { app, organizationId, stores, broken } = await setting();
    const o = await call(app, 'status.overview', { organizationId });
    expect(o.counts).toMatchObject({ stores: 4, storesWithoutFlow: 1, workflows: 4, appsInstalled: 1 });
    expect(o.counts.pairs).toEqual({ running: 5, off: 4, deactivated: 3, blocked: 1, invalid: 3 });
    expect(o.running).toEqual({ workflowsRunningSomewhere: 2, workflowsRunningEverywhere: 0, storesRunningSomething: 3 });
    expect(o.attention.deactivated).toMatchObject([{ storeId: stores.Bodø, workflows: 3 }]);
    expect(o.attention.blocked).toEqual([
      {
        code: 'app_not_installed',
        appId: 'loyaltylion',
        message: 'LoyaltyLion rewards & referral is not installed in 1 store where workflows using it are enabled',
        pairs: 1,
        workflows: 1,
        stores: 1,
        // Resolved for many stores at once on the app's page.
        fix: { kind: 'install_app', appId: 'loyaltylion', where: 'app' },
      },
    ]);
    expect(o.attention.invalid).toMatchObject([{ workflowId: broken.id, errorCount: 1, enabledStores: 3 }]);
    expect(o.attention.invalidTotal).toBe(1);
  });

  it('follows changes: a page read after a change shows it (the kept grid is never stale)', async () => {
    const { app, organizationId, stores, points } = await setting();
    const before = await call(app, 'status.matrix', { organizationId, workflows: { ids: [points.id] } });
    expect(before.rows[0]!.states).toBe('rdrb');
    await installReady(app, 'loyaltylion', [stores.Tromsø!]);
    const after = await call(app, 'status.matrix', { organizationId, workflows: { ids: [points.id] } });
    expect(after.rows[0]!.states).toBe('rdrr');
    // A change made by another connection to the same file is seen as well.
    const other = new Database(app.handlerContext.db.name);
    other.prepare('UPDATE activations SET enabled = 0 WHERE workflow_id = ? AND store_id = ?').run(points.id, stores.Oslo);
    other.close();
    expect((await call(app, 'status.matrix', { organizationId, workflows: { ids: [points.id] } })).rows[0]!.states).toBe('rdor');
  });
});

describe('the kept overview', () => {
  it('is reused when nothing changed (kept at close for the next start, never by the read), and recomputed after any change, wherever it was made', async () => {
    const dir = tempDir();
    let app = await openTestApp(dir);
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    await installReady(app, 'klaviyo', [stores.Oslo!]);
    const w = await workflowWith(app, organizationId, 'Track', 'shopify:order_created', ['klaviyo:track_event']);
    await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
    const first = await call(app, 'status.overview', { organizationId });
    expect(first.counts.pairs).toMatchObject({ running: 1, blocked: 1 });
    const kept = () => app.handlerContext.db.prepare('SELECT count(*) FROM status_overviews').pluck().get();
    expect(kept()).toBe(0);
    expect(app.handlerContext.statusFacts.keepOverviews()).toBe(1);
    expect(kept()).toBe(1);
    app.close();

    app = await openTestApp(dir);
    expect(await call(app, 'status.overview', { organizationId })).toEqual(first);
    app.close();

    // Changed by another program while Flow Admin was closed.
    const other = new Database(`${dir}/flow-admin.db`);
    other
      .prepare(
        `INSERT INTO installations (store_id, app_id, installed_at, setup_done) VALUES (?, 'klaviyo', 't', '["account","configuration"]')`,
      )
      .run(stores.Bergen);
    other.close();
    app = await openTestApp(dir);
    expect((await call(app, 'status.overview', { organizationId })).counts.pairs).toMatchObject({ running: 2, blocked: 0 });
    await call(app, 'activations.set', { workflowId: w.id, storeIds: [stores.Bergen!], enabled: false });
    expect((await call(app, 'status.overview', { organizationId })).counts.pairs).toMatchObject({ running: 1, off: 1 });
  });
});
