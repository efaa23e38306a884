import { describe, expect, it } from 'vitest';
import { call, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { count, openRuntimeApp, orgWithStore } from './fixture';
import { useOpenedApps } from '../../support/opened-apps';

const tempDir = useTempDir();
const opened = useOpenedApps();

async function open() {
  const app = await openRuntimeApp(tempDir());
  opened.push(app);
  return app;
}

describe("an installation's endpoint and signing secret", () => {
  it('returns a new secret once, keeps it on later changes, rotates it on request; the database holds it only encrypted', async () => {
    const app = await open();
    const org = await orgWithStore(app, ['klaviyo']);
    const first = await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'klaviyo', url: 'http://127.0.0.1:8123/flow' });
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const moved = await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'klaviyo', url: 'http://127.0.0.1:8124/flow' });
    expect(moved.secret).toBeNull();
    expect(app.runtime.endpoints.resolve(org.storeId, 'klaviyo')).toEqual({ url: 'http://127.0.0.1:8124/flow', secret: first.secret });
    const rotated = await call(app, 'runtime.setAppEndpoint', {
      storeId: org.storeId,
      appId: 'klaviyo',
      url: 'http://127.0.0.1:8124/flow',
      rotateSecret: true,
    });
    expect(rotated.secret).not.toBe(first.secret);
    expect(app.runtime.endpoints.resolve(org.storeId, 'klaviyo')!.secret).toBe(rotated.secret);

    const stored = app.db.prepare(`SELECT secret_encrypted FROM app_endpoints`).pluck().get() as Buffer;
    expect(stored.includes(Buffer.from(rotated.secret!))).toBe(false);
    expect(await call(app, 'runtime.appEndpoints', { storeId: org.storeId })).toEqual([
      { storeId: org.storeId, appId: 'klaviyo', url: 'http://127.0.0.1:8124/flow', updatedAt: expect.any(String) },
    ]);
    // The audit log says the secret changed, never what it is.
    const log = JSON.stringify(app.handlerContext.audit.query({ action: 'runtime.app_endpoint_set', limit: 10 }));
    expect(log).toContain('secretChanged');
    expect(log).not.toContain(first.secret!);
    expect(log).not.toContain(rotated.secret!);
  });

  it('a secret the app already has can be given', async () => {
    const app = await open();
    const org = await orgWithStore(app, ['klaviyo']);
    const given = await call(app, 'runtime.setAppEndpoint', {
      storeId: org.storeId,
      appId: 'klaviyo',
      url: 'https://app.example/flow',
      secret: 'the-apps-own-secret-123',
    });
    expect(given.secret).toBeNull();
    expect(app.runtime.endpoints.resolve(org.storeId, 'klaviyo')!.secret).toBe('the-apps-own-secret-123');
  });

  it('is kept with the installation: uninstalling the app removes it', async () => {
    const app = await open();
    const org = await orgWithStore(app, ['klaviyo']);
    await call(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'klaviyo', url: 'http://127.0.0.1:8123/flow' });
    expect(app.runtime.endpoints.resolve(org.storeId, 'klaviyo')).not.toBeNull();
    await call(app, 'apps.uninstall', { appId: 'klaviyo', storeIds: [org.storeId] });
    expect(count(app, 'app_endpoints')).toBe(0);
    expect(app.runtime.endpoints.resolve(org.storeId, 'klaviyo')).toBeNull();
  });

  it('refuses an app not installed in the store, a URL that is not http(s), and a short secret, writing nothing', async () => {
    const app = await open();
    const org = await orgWithStore(app, ['klaviyo']);
    expect(
      await refusal(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'yotpo', url: 'http://127.0.0.1:1/x' }),
    ).toMatchObject({
      code: 'refused',
      message: 'Yotpo: Photo & Product Reviews is not installed in Oslo: install it there first',
    });
    expect(
      await refusal(app, 'runtime.setAppEndpoint', { storeId: org.storeId, appId: 'klaviyo', url: 'file:///etc/passwd' }),
    ).toMatchObject({
      code: 'invalid_input',
      message: 'runtime.setAppEndpoint: url: must be an http(s) URL',
    });
    expect(
      await refusal(app, 'runtime.setAppEndpoint', {
        storeId: org.storeId,
        appId: 'klaviyo',
        url: 'http://127.0.0.1:1/x',
        secret: 'short',
      }),
    ).toMatchObject({
      code: 'invalid_input',
      message: 'runtime.setAppEndpoint: secret: must be at least 16 characters',
    });
    expect(count(app, 'app_endpoints')).toBe(0);
  });
});

describe('runtime status and settings', () => {
  it('reports whether it is started, where apps send triggers, and the outbox', async () => {
    const app = await open();
    expect(await call(app, 'runtime.status', {})).toEqual({
      started: false,
      triggerEndpointUrl: null,
      settings: { retentionDays: 90, maxAttempts: 10, deliveryWaitHours: 24, triggerPort: 0 },
      outbox: { pending: 0, accepted: 0, delivered: 0, failed: 0 },
      thread: { mode: 'inline', restarts: 0, lastError: null },
    });
    await app.runtime.start();
    const status = await call(app, 'runtime.status', {});
    expect(status.started).toBe(true);
    expect(status.triggerEndpointUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/triggers$/);
    await app.runtime.stop();
    expect((await call(app, 'runtime.status', {})).started).toBe(false);
  });

  it('settings are kept across restarts and audited', async () => {
    const dir = tempDir();
    let app = await openRuntimeApp(dir);
    await call(app, 'runtime.settings.set', { retentionDays: 7, maxAttempts: 3 });
    app.close();
    app = await openRuntimeApp(dir);
    opened.push(app);
    expect(await call(app, 'runtime.settings.get', {})).toEqual({
      retentionDays: 7,
      maxAttempts: 3,
      deliveryWaitHours: 24,
      triggerPort: 0,
    });
    expect(app.runtime.policy().maxAttempts).toBe(3);
    expect(app.handlerContext.audit.query({ action: 'runtime.settings_updated', limit: 5 })[0]).toMatchObject({
      before: { retentionDays: 90, maxAttempts: 10 },
      after: { retentionDays: 7, maxAttempts: 3 },
    });
  });
});
