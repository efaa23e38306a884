import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../../electron/app-context';
import { keyFilePathFor, keyFileProvider, memoryKeyProvider, SecretBox, SecretBoxError } from '../../../electron/security/secret-box';
import { call, openTestApp } from '../../support/app';
import { organizationWithStores } from '../../support/organization-fixture';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

describe('the secret box (secrets at rest)', () => {
  it('opens what it sealed, only with the same key and context, and never seals the same way twice', () => {
    const box = new SecretBox(memoryKeyProvider());
    const a = box.seal('token-1', 'connection:s1:slack');
    expect(box.open(a, 'connection:s1:slack')).toBe('token-1');
    expect(box.seal('token-1', 'connection:s1:slack').equals(a)).toBe(false);
    expect(() => box.open(a, 'connection:s2:slack')).toThrow(SecretBoxError);
    expect(() => new SecretBox(memoryKeyProvider()).open(a, 'connection:s1:slack')).toThrow(/cannot be opened/);
    const tampered = Buffer.from(a);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.open(tampered, 'connection:s1:slack')).toThrow(SecretBoxError);
  });

  it('keeps its key in a file beside the database, readable by its owner only, created on first use', async () => {
    const dir = tempDir();
    const app = await openTestApp(dir);
    const keyFile = keyFilePathFor(path.join(dir, 'flow-admin.db'));
    expect(keyFile).toBe(path.join(dir, 'flow-admin.key'));
    expect(fs.existsSync(keyFile)).toBe(false); // opening alone writes no key

    const { stores } = await organizationWithStores(app, ['Oslo']);
    await call(app, 'connections.set', { storeId: stores.Oslo!, appId: 'slack', account: '#orders', secret: 'xoxb-1' });
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(keyFile).size).toBe(32);
    app.close();

    // A new process with the same key file opens what the first sealed.
    const reopened = await openTestApp(dir);
    const sealed = reopened.handlerContext.connections.getSealed(stores.Oslo!, 'slack')!;
    expect(reopened.handlerContext.secrets.open(sealed.secretEncrypted, `connection:${stores.Oslo}:slack`)).toBe('xoxb-1');
  });

  it('refuses a key file of the wrong size rather than sealing with a bad key', () => {
    const file = path.join(tempDir(), 'flow-admin.key');
    fs.writeFileSync(file, 'short');
    expect(() => new SecretBox(keyFileProvider(file)).seal('x', 'c')).toThrow(/is not a Flow Admin key \(5 bytes, expected 32\)/);
  });

  it('takes its key from an injected provider (the desktop shell can wrap the key with the OS keychain)', async () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 7);
    const app = await openAppContext({ databasePath: path.join(dir, 'flow-admin.db'), userName: 't', keyProvider: memoryKeyProvider(key) });
    const { stores } = await organizationWithStores(app, ['Oslo']);
    await call(app, 'connections.set', { storeId: stores.Oslo!, appId: 'trello', account: 'ops', secret: 'trello-token' });
    const sealed = app.handlerContext.connections.getSealed(stores.Oslo!, 'trello')!;
    expect(new SecretBox(memoryKeyProvider(key)).open(sealed.secretEncrypted, `connection:${stores.Oslo}:trello`)).toBe('trello-token');
    expect(fs.existsSync(path.join(dir, 'flow-admin.key'))).toBe(false);
  });
});
