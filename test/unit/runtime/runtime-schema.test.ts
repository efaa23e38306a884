import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/app-context';
import { migrations } from '../../../electron/store/migrations';
import { RoutingStore } from '../../../electron/store/routing-store';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { openRuntimeApp, orgWithStore, workflow } from './fixture';
import { openTestDatabase } from '../../support/app';

const tempDir = useTempDir();
const opened: AppContext[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

describe('the runtime schema (migration 4)', () => {
  it('upgrades a version 3 database with its data in place', async () => {
    const file = path.join(tempDir(), 'v3.db');
    const v3 = await openTestDatabase(file, { migrations: migrations.slice(0, 3) });
    v3.db.prepare(`INSERT INTO organizations VALUES ('o1', 'Nordic Goods', 't', 't')`).run();
    v3.db.close();
    const upgraded = await openTestDatabase(file);
    expect(upgraded.migration.applied).toContain('runtime: trigger events, runs, outbox, app endpoints, schedules');
    expect(upgraded.db.prepare(`SELECT name FROM organizations`).pluck().all()).toEqual(['Nordic Goods']);
    expect(upgraded.db.prepare(`SELECT n FROM routing_generation`).pluck().get()).toBe(0);
  });

  it('the database bumps the routing generation on every change that decides what runs where, whoever makes it', async () => {
    const app = await openRuntimeApp(tempDir());
    opened.push(app);
    const routing = new RoutingStore(app.db);
    const moved = async (change: () => Promise<unknown>) => {
      const before = routing.generation();
      await change();
      return routing.generation() > before;
    };
    let org = { organizationId: '', storeId: '', domain: '' };
    expect(await moved(async () => (org = await orgWithStore(app)))).toBe(true); // a store
    expect(await moved(() => call(app, 'apps.install', { appId: 'slack', storeIds: [org.storeId] }))).toBe(true);
    expect(await moved(() => call(app, 'apps.setSetupStep', { storeId: org.storeId, appId: 'slack', step: 'account', done: true }))).toBe(
      true,
    );
    expect(
      await moved(() => call(app, 'connections.set', { storeId: org.storeId, appId: 'slack', account: 'ops', secret: 'xoxb-1' })),
    ).toBe(true);
    let id = '';
    expect(await moved(async () => (id = await workflow(app, org.organizationId, 'W', { trigger: null, steps: [] }, [])))).toBe(true);
    expect(await moved(() => call(app, 'activations.set', { workflowId: id, storeIds: [org.storeId], enabled: true }))).toBe(true);
    expect(await moved(() => call(app, 'stores.setFlowApp', { storeId: org.storeId, installed: false }))).toBe(true);
    // Settings do not decide what runs where.
    expect(await moved(() => call(app, 'runtime.settings.set', { maxAttempts: 4 }))).toBe(false);
  });
});
