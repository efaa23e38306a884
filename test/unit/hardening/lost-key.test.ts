import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorageKeyProvider, type SafeStorageLike } from '../../../electron/security/safe-storage-key';
import { keyFilePathFor, MissingKeyError, SecretBox, sealedKeyFilePathFor } from '../../../electron/security/secret-box';
import { call } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';
import { bigOrder, openRuntimeApp, waitFor } from '../runtime/fixture';
import { useStoreWithApp } from '../runtime/store-with-app';

/**
 * Finding 4: with flow-admin.key gone, a new key was written silently, every stored secret became
 * unreadable and pending deliveries failed at once. Now a missing key with sealed secrets refuses to start
 * (saying what is missing and how to restore it), a key error during delivery is waited out, and the desktop
 * app keeps the key sealed by the OS keychain (Electron's safeStorage, here a stand-in object: Electron
 * cannot run on this machine).
 */
const tempDir = useTempDir();
const { storeWithApp } = useStoreWithApp(tempDir);

/** A store whose sealed secrets include Klaviyo's signing secret; the runtime not started. */
const storeWithSecrets = (dir: string) => storeWithApp({ dir, start: false });

describe('a missing key', () => {
  it('refuses to start when secrets are sealed with it, says which file and how to restore it, and writes no new key', async () => {
    const dir = tempDir();
    const { app } = await storeWithSecrets(dir);
    app.close();
    const keyFile = keyFilePathFor(path.join(dir, 'flow-admin.db'));
    const saved = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);

    const refused = await openRuntimeApp(dir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MissingKeyError);
    expect((refused as Error).message).toBe(
      `The key file ${keyFile} is missing, and this database holds 1 secret sealed with it (connection tokens, app signing secrets). ` +
        `Restore flow-admin.key from your backup of ${dir} and start again. Flow Admin does not make a new key while sealed secrets exist: they could never be opened again.`,
    );
    expect(fs.existsSync(keyFile)).toBe(false);

    // Restored, it opens and the secret is readable again.
    fs.writeFileSync(keyFile, saved, { mode: 0o600 });
    const again = await openRuntimeApp(dir);
    const org = (await call(again, 'organizations.list', {}))[0]!;
    expect(org).toBeDefined();
  });

  it('a database without sealed secrets starts, and the key is made only when a secret is first sealed', async () => {
    const dir = tempDir();
    await openRuntimeApp(dir);
    expect(fs.existsSync(keyFilePathFor(path.join(dir, 'flow-admin.db')))).toBe(false);
  });

  it('the key gone while running: deliveries wait (nothing fails, nothing sent unsigned), then go once it is restored', async () => {
    const dir = tempDir();
    const { app, fake, org } = await storeWithSecrets(dir);
    app.close();
    const app2 = await openRuntimeApp(dir);
    const keyFile = keyFilePathFor(path.join(dir, 'flow-admin.db'));
    const saved = fs.readFileSync(keyFile);
    fs.rmSync(keyFile); // e.g. a sync tool or a clean-up removed it after start
    await app2.runtime.start();
    const { runIds } = await call(app2, 'runtime.sendTestEvent', {
      storeId: org.storeId,
      trigger: { app: 'shopify', handle: 'order_created' },
      payload: bigOrder,
    });
    await waitFor(
      () => app2.runtime.outbox.byRun(runIds[0]!)[0]!,
      (d) => (d.throttles ?? 0) >= 2,
    );
    expect(app2.runtime.outbox.byRun(runIds[0]!)[0]).toMatchObject({ state: 'pending', attempts: 0 });
    expect(app2.runtime.outbox.byRun(runIds[0]!)[0]!.lastError).toMatch(
      /^The app's signing secret cannot be opened yet: The key file .* is missing/,
    );
    expect(fake.received).toHaveLength(0);
    expect(fs.existsSync(keyFile)).toBe(false);

    fs.writeFileSync(keyFile, saved, { mode: 0o600 });
    await waitFor(
      () => app2.runtime.runs.run(runIds[0]!)!.status,
      (s) => s === 'succeeded_with_actions',
    );
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.signatureValid).toBe(true);
  });
});

/** Stands in for Electron's safeStorage: "seals" with a per-keychain XOR so a file sealed elsewhere does not open. */
function fakeSafeStorage(available = true, pad = 0x5a): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ pad));
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString: (text) => (calls.push('encrypt'), xor(Buffer.concat([Buffer.from('v10'), Buffer.from(text)]))),
    decryptString: (data) => {
      calls.push('decrypt');
      const plain = xor(data).toString();
      if (!plain.startsWith('v10')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return plain.slice(3);
    },
  };
}

describe('the desktop app keeps the key with the OS keychain (safeStorage)', () => {
  it('a new key is written only sealed (0600), never in plain, and opens what it sealed', () => {
    const dir = tempDir();
    const keyFile = path.join(dir, 'flow-admin.key');
    const storage = fakeSafeStorage();
    const box = new SecretBox(safeStorageKeyProvider(keyFile, storage));
    const sealed = box.seal('shpat_123', 'connection:s:a');
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(fs.statSync(sealedKeyFilePathFor(keyFile)).mode & 0o777).toBe(0o600);
    expect(new SecretBox(safeStorageKeyProvider(keyFile, storage)).open(sealed, 'connection:s:a')).toBe('shpat_123');
  });

  it("browser mode's plain key file is moved into the keychain: same key, plain file gone", () => {
    const dir = tempDir();
    const keyFile = path.join(dir, 'flow-admin.key');
    const key = Buffer.alloc(32, 9);
    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    const provider = safeStorageKeyProvider(keyFile, fakeSafeStorage());
    expect(provider.load()).toEqual(key);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(provider.load()).toEqual(key);
    expect(provider.where).toBe(sealedKeyFilePathFor(keyFile));
  });

  it('a sealed key from another keychain is refused with a reason, not replaced', () => {
    const dir = tempDir();
    const keyFile = path.join(dir, 'flow-admin.key');
    new SecretBox(safeStorageKeyProvider(keyFile, fakeSafeStorage(true, 0x11))).seal('x', 'c');
    const before = fs.readFileSync(sealedKeyFilePathFor(keyFile));
    expect(() => safeStorageKeyProvider(keyFile, fakeSafeStorage(true, 0x22)).load()).toThrow(
      /The OS keychain cannot unseal .*flow-admin\.key\.safe .*sealed by another user or computer/,
    );
    expect(fs.readFileSync(sealedKeyFilePathFor(keyFile))).toEqual(before);
  });

  it('without a keychain (encryption not available) it keeps the plain key file, as browser mode does', () => {
    const dir = tempDir();
    const keyFile = path.join(dir, 'flow-admin.key');
    new SecretBox(safeStorageKeyProvider(keyFile, fakeSafeStorage(false))).seal('x', 'c');
    expect(fs.existsSync(keyFile)).toBe(true);
    expect(fs.existsSync(sealedKeyFilePathFor(keyFile))).toBe(false);
  });

  it('browser mode, finding only the sealed key, says the desktop app keeps it instead of making another', async () => {
    const dir = tempDir();
    const { app } = await storeWithSecrets(dir);
    app.close();
    const keyFile = keyFilePathFor(path.join(dir, 'flow-admin.db'));
    expect(safeStorageKeyProvider(keyFile, fakeSafeStorage()).load()).not.toBeNull(); // the desktop app moved it in
    await expect(openRuntimeApp(dir)).rejects.toThrow(
      /The key is kept by the desktop app, sealed with the OS keychain \(.*flow-admin\.key\.safe\); browser mode cannot open it/,
    );
    expect(fs.existsSync(keyFile)).toBe(false);
  });
});
