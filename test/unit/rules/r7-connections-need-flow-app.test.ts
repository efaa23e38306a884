import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, openTestApp, refusal } from '../../support/app';
import { organizationWithStores, workflowWith } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('R7 the connections of Asana, Google Sheets, Slack and Trello are changed only in a store with the Flow app installed', () => {
  it('refuses to create, change or remove a connection where the Flow app is not installed, says why, and writes nothing', async () => {
    const app = await openTestApp(tempDir());
    const { stores } = await organizationWithStores(app, ['Oslo', 'Bergen']);
    await call(app, 'connections.set', { storeId: stores.Bergen!, appId: 'trello', account: 'ops@nordic.example', secret: 'first-token' });
    await call(app, 'stores.setFlowApp', { storeId: stores.Oslo!, installed: false });
    await call(app, 'stores.setFlowApp', { storeId: stores.Bergen!, installed: false });
    const auditBefore = app.handlerContext.audit.query({ limit: 1000 }).length;

    for (const appId of ['asana', 'google_sheets', 'slack', 'trello']) {
      const name = app.handlerContext.catalog.app(appId)!.name.en;
      const created = await refusal(app, 'connections.set', {
        storeId: stores.Oslo,
        appId,
        account: 'ops@nordic.example',
        secret: 'token',
      });
      expect(created).toMatchObject({
        code: 'refused',
        message: `Store "Oslo" does not have the Flow app installed: connections for ${name} are changed in the store's Flow app, so install Flow there first (R7)`,
        details: { reason: 'flow_app_not_installed', rule: 'R7' },
      });
    }
    const changed = await refusal(app, 'connections.set', {
      storeId: stores.Bergen,
      appId: 'trello',
      account: 'new@nordic.example',
      secret: 'second',
    });
    expect(changed.message).toMatch(/^Store "Bergen" does not have the Flow app installed: connections for Trello/);
    const removed = await refusal(app, 'connections.remove', { storeId: stores.Bergen, appId: 'trello' });
    expect(removed.code).toBe('refused');

    const bergen = await call(app, 'connections.list', { storeId: stores.Bergen! });
    expect(bergen.connections.find((c) => c.appId === 'trello')).toMatchObject({ connected: true, account: 'ops@nordic.example' });
    expect((await call(app, 'connections.list', { storeId: stores.Oslo! })).connections.every((c) => !c.connected)).toBe(true);
    expect(app.handlerContext.audit.query({ limit: 1000 })).toHaveLength(auditBefore);

    // With the Flow app installed again, the same change goes through.
    await call(app, 'stores.setFlowApp', { storeId: stores.Oslo!, installed: true });
    const slack = await call(app, 'connections.set', { storeId: stores.Oslo!, appId: 'slack', account: '#orders', secret: 'xoxb-1' });
    expect(slack).toMatchObject({ appId: 'slack', connected: true, account: '#orders', hasSecret: true });
  });

  it('only those four apps have connections kept by Flow', async () => {
    const app = await openTestApp(tempDir());
    const { stores } = await organizationWithStores(app, ['Oslo']);
    const error = await refusal(app, 'connections.set', { storeId: stores.Oslo, appId: 'klaviyo', account: 'a', secret: 'b' });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(
      /^Flow keeps no connection for Klaviyo[^:]*: only Asana, Google Sheets[^,]*, Slack and Trello have connections in Flow \(R7\)$/,
    );
    expect((await call(app, 'connections.list', { storeId: stores.Oslo! })).connections.map((c) => c.appId)).toEqual([
      'asana',
      'google_sheets',
      'slack',
      'trello',
    ]);
  });

  it('a workflow using one of them is blocked in a store without its connection', async () => {
    const app = await openTestApp(tempDir());
    const { organizationId, stores } = await organizationWithStores(app, ['Oslo']);
    await call(app, 'apps.install', { appId: 'slack', storeIds: [stores.Oslo!], setupComplete: true });
    const workflow = await workflowWith(app, organizationId, 'Big order alert', 'shopify:order_created', ['slack:send_message']);
    await call(app, 'activations.set', { workflowId: workflow.id, storeIds: 'all', enabled: true });
    const pair = await call(app, 'status.pair', { workflowId: workflow.id, storeId: stores.Oslo! });
    expect(pair.reasons).toEqual([
      {
        code: 'connection_missing',
        appId: 'slack',
        missingSetup: [],
        message: 'Flow has no Slack connection in this store',
        // Its fix needs the token typed in: the UI takes the admin to the store's connections.
        fix: { kind: 'set_connection', storeId: stores.Oslo, appId: 'slack', inPlace: false },
      },
    ]);
    await call(app, 'connections.set', { storeId: stores.Oslo!, appId: 'slack', account: '#orders', secret: 'xoxb-1' });
    expect((await call(app, 'status.pair', { workflowId: workflow.id, storeId: stores.Oslo! })).state).toBe('running');
    await call(app, 'connections.remove', { storeId: stores.Oslo!, appId: 'slack' });
    expect((await call(app, 'status.pair', { workflowId: workflow.id, storeId: stores.Oslo! })).state).toBe('blocked');
  });

  it('keeps secrets encrypted at rest: neither the database nor its log holds them in plain text, and the API never returns them', async () => {
    const dir = tempDir();
    const app = await openTestApp(dir);
    const { stores } = await organizationWithStores(app, ['Oslo']);
    const secret = 'xoxb-very-secret-slack-token-4242';
    const set = await call(app, 'connections.set', { storeId: stores.Oslo!, appId: 'slack', account: '#orders', secret });
    const listed = await call(app, 'connections.list', { storeId: stores.Oslo! });
    const log = await call(app, 'audit.query', { storeId: stores.Oslo!, limit: 10 });
    expect(JSON.stringify([set, listed, log])).not.toContain(secret);

    const sealed = app.handlerContext.connections.getSealed(stores.Oslo!, 'slack')!;
    expect(app.handlerContext.secrets.open(sealed.secretEncrypted, `connection:${stores.Oslo}:slack`)).toBe(secret);
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('flow-admin.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(fs.readFileSync(path.join(dir, file)).includes(Buffer.from(secret))).toBe(false);
    app.close();
    expect(fs.readFileSync(path.join(dir, 'flow-admin.db')).includes(Buffer.from(secret))).toBe(false);
    expect(fs.statSync(path.join(dir, 'flow-admin.key')).mode & 0o777).toBe(0o600);
  });
});
