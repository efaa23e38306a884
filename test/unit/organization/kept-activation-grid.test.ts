import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../../electron/app-context';
import { call, closeAfterTest, openTestApp } from '../../support/app';
import { installReady, organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** Each workflow's row of state letters, stores by name, as the matrix shows them; and the Overview's counts. */
async function shown(app: AppContext, organizationId: string) {
  const matrix = await call(app, 'status.matrix', { organizationId });
  const overview = await call(app, 'status.overview', { organizationId });
  return {
    stores: matrix.stores.map((s) => s.name),
    rows: Object.fromEntries(matrix.rows.map((r) => [r.name, r.states])),
    pairs: overview.counts.pairs,
  };
}

/** Another program's connection to the file while Flow Admin is closed. */
function whileClosed(dir: string, change: (db: Database.Database) => void): void {
  const other = new Database(path.join(dir, 'flow-admin.db'));
  other.pragma('foreign_keys = ON');
  change(other);
  other.close();
}

const kept = (dir: string) => {
  const db = new Database(path.join(dir, 'flow-admin.db'), { readonly: true });
  const row = db
    .prepare<[], { kept: number | null; now: number }>(
      `SELECT (SELECT generation FROM kept_activation_grids) AS kept, (SELECT activations FROM routing_generation) AS now`,
    )
    .get()!;
  db.close();
  return row;
};

/**
 * Oslo and Bergen have LoyaltyLion ready, Tromsø does not; Bodø's Flow app was removed (its enabled workflows
 * deactivated); Tags is switched off in Bergen; Idle is enabled nowhere; Narvik, added last, has no activation.
 */
async function setting(dir: string) {
  const app = await openTestApp(dir);
  const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen', 'Tromsø', 'Bodø']);
  await installReady(app, 'loyaltylion', [stores.Oslo!, stores.Bergen!]);
  const points = await workflowWith(app, organizationId, 'Points', 'shopify:order_created', ['loyaltylion:add_points']);
  const tags = await workflowWith(app, organizationId, 'Tags', 'shopify:order_created', ['shopify:add_order_tags']);
  await workflowWith(app, organizationId, 'Idle', 'shopify:order_paid', ['shopify:add_order_note']);
  for (const w of [points, tags]) await call(app, 'activations.set', { workflowId: w.id, storeIds: 'all', enabled: true });
  await call(app, 'activations.set', { workflowId: tags.id, storeIds: [stores.Bergen!], enabled: false });
  await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: false });
  const narvik = await call(app, 'stores.add', { organizationId, name: 'Narvik', domain: 'narvik.myshopify.com', timeZone: 'Europe/Oslo' });
  return { app, organizationId, stores: { ...stores, Narvik: narvik.id } as Record<string, string>, points, tags };
}

describe('the activation grid kept for the next start', () => {
  it('a start after stores and workflows changed while the app was closed shows what a start reading every activation shows', async () => {
    const dir = tempDir();
    const { app, organizationId, stores, points } = await setting(dir);
    // Every letter checked once by hand: Bergen, Bodø, Narvik, Oslo, Tromsø.
    expect(await shown(app, organizationId)).toMatchObject({
      stores: ['Bergen', 'Bodø', 'Narvik', 'Oslo', 'Tromsø'],
      rows: { Idle: 'ooooo', Points: 'rdorb', Tags: 'odorr' },
    });
    // Made after the grid was read (the kept grid does not know them): a workflow and a store.
    await workflowWith(app, organizationId, 'Later', 'shopify:order_paid', ['shopify:add_order_note']);
    await call(app, 'stores.add', { organizationId, name: 'Alta', domain: 'alta.myshopify.com', timeZone: 'Europe/Oslo' });
    // A store and a workflow of another organization, with activations another program wrote across the two
    // organizations (Points in Kiruna, Export in Oslo): moved into this one later, unknown to the kept grid.
    const other = await organizationWithStores(app, ['Kiruna'], 'Swedish Goods');
    const exported = await workflowWith(app, other.organizationId, 'Export', 'shopify:order_paid', ['shopify:add_order_note']);
    app.close();
    whileClosed(dir, (db) => {
      const activate = db.prepare(
        `INSERT INTO activations (workflow_id, store_id, enabled, deactivated_at, updated_at) VALUES (?, ?, 1, NULL, 't')`,
      );
      activate.run(points.id, other.stores.Kiruna);
      activate.run(exported.id, stores.Oslo);
    });
    let opened = await openTestApp(dir);
    await shown(opened, organizationId);
    opened.close();
    expect(kept(dir).kept).toBe(kept(dir).now);

    whileClosed(dir, (db) => {
      // Renamed: the stores' order changes (Bergen → Vardø, last); a store without activations goes.
      db.prepare(`UPDATE stores SET name = 'Vardø' WHERE id = ?`).run(stores.Bergen);
      db.prepare(`DELETE FROM stores WHERE id = ?`).run(stores.Narvik);
      db.prepare(`UPDATE stores SET organization_id = ? WHERE id = ?`).run(organizationId, other.stores.Kiruna);
      db.prepare(`UPDATE workflows SET organization_id = ? WHERE id = ?`).run(organizationId, exported.id);
    });
    // None of that wrote an activation: the next start takes them from the kept grid.
    expect(kept(dir).kept).toBe(kept(dir).now);
    opened = await openTestApp(dir);
    const fromKept = await shown(opened, organizationId);
    opened.close();
    expect(fromKept).toMatchObject({
      stores: ['Alta', 'Bodø', 'Kiruna', 'Oslo', 'Tromsø', 'Vardø'],
      rows: { Export: 'oooroo', Idle: 'oooooo', Later: 'oooooo', Points: 'odbrbr', Tags: 'odorro' },
    });

    whileClosed(dir, (db) => db.exec(`DELETE FROM kept_activation_grids`));
    opened = await openTestApp(dir);
    expect(await shown(opened, organizationId)).toEqual(fromKept);
  });

  it('an activation changed while the app was closed is read again, not taken from the kept grid', async () => {
    const dir = tempDir();
    const { app, organizationId, stores, points } = await setting(dir);
    expect((await shown(app, organizationId)).rows.Points).toBe('rdorb');
    app.close();
    whileClosed(dir, (db) =>
      db.prepare(`UPDATE activations SET enabled = 0 WHERE workflow_id = ? AND store_id = ?`).run(points.id, stores.Oslo),
    );
    expect(kept(dir).kept).not.toBe(kept(dir).now);
    const opened = await openTestApp(dir);
    expect((await shown(opened, organizationId)).rows.Points).toBe('rdoob');
  });

  it('a kept grid that cannot be read as one (damaged, or another size) is passed over: the activations are read', async () => {
    const dir = tempDir();
    const { app, organizationId } = await setting(dir);
    const before = await shown(app, organizationId);
    app.close();
    for (const damage of [`UPDATE kept_activation_grids SET cells = x'ff'`, `UPDATE kept_activation_grids SET store_ids = '[1,2]'`]) {
      whileClosed(dir, (db) => db.exec(damage));
      expect(kept(dir).kept).toBe(kept(dir).now);
      const opened = await openTestApp(dir);
      expect(await shown(opened, organizationId)).toEqual(before);
      opened.close();
    }
  });

  it('in a running app, a change to a store keeps the activations read, a change to an activation does not', async () => {
    const dir = tempDir();
    const { app, organizationId, stores } = await setting(dir);
    expect((await shown(app, organizationId)).rows.Tags).toBe('odorr');
    await call(app, 'stores.setFlowApp', { storeId: stores.Bodø!, installed: true });
    expect((await shown(app, organizationId)).rows.Tags).toBe('odorr');
    await call(app, 'activations.reenableDeactivated', { organizationId, storeIds: [stores.Bodø!] });
    expect((await shown(app, organizationId)).rows).toMatchObject({ Points: 'rborb', Tags: 'ororr' });
  });

  it('a restored database never shows the activations of another history that reached the same count of writes', async () => {
    const dir = tempDir();
    const clock = { now: new Date('2025-03-01T08:00:00.000Z') };
    const later = () => (clock.now = new Date(clock.now.getTime() + 3600_000));
    const app = closeAfterTest(
      await openAppContext({
        databasePath: path.join(dir, 'flow-admin.db'),
        userName: 'test-admin',
        now: () => clock.now,
        runtime: { triggerPort: 0, log: () => {} },
      }),
    );
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    const tags = await workflowWith(app, organizationId, 'Tags', 'shopify:order_created', ['shopify:add_order_tags']);
    await call(app, 'activations.set', { workflowId: tags.id, storeIds: 'all', enabled: true });
    const row = async () => (await shown(app, organizationId)).rows.Tags;
    const switchOff = (store: string) => call(app, 'activations.set', { workflowId: tags.id, storeIds: [store], enabled: false });
    expect(await row()).toBe('rr');
    const both = await call(app, 'backup.createDatabaseBackup', {});
    later();
    await switchOff(stores.Oslo!);
    expect(await row()).toBe('ro');
    const bergenOnly = await call(app, 'backup.createDatabaseBackup', {});
    later();
    // Back to both, and one write to an activation: as many writes as when Bergen alone ran, another pair.
    await call(app, 'backup.restoreDatabaseBackup', { file: both.file });
    later();
    await switchOff(stores.Bergen!);
    expect(await row()).toBe('or');
    await call(app, 'backup.restoreDatabaseBackup', { file: bergenOnly.file });
    expect(await row()).toBe('ro');
  });
});
