import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, keyFileProvider, SecretBoxError, sealedKeyFilePathFor, type KeyProvider } from './secret-box';

/** The part of Electron's `safeStorage` the key needs; main.ts passes the real one, tests a stand-in. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The desktop app's key: the data key sealed by the OS keychain (Keychain, DPAPI, libsecret) through Electron's
 * safeStorage, kept as `flow-admin.key.safe` (0600). A plain `flow-admin.key` from browser mode or an older
 * version is moved in (sealed, checked, then deleted). Where the OS offers no keychain, the plain key file is
 * used as browser mode does, rather than refusing to start.
 */
export function safeStorageKeyProvider(keyFile: string, safeStorage: SafeStorageLike): KeyProvider {
  const sealedFile = sealedKeyFilePathFor(keyFile);
  const plain = keyFileProvider(keyFile);
  const available = () => {
    try {
      return safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  };

  const unseal = (): Buffer => {
    if (!available()) {
      throw new SecretBoxError(
        `The key is sealed with the OS keychain (${sealedFile}), and the keychain cannot be used now: unlock it (log in again) and start Flow Admin again`,
      );
    }
    let text: string;
    try {
      text = safeStorage.decryptString(fs.readFileSync(sealedFile));
    } catch (error) {
      throw new SecretBoxError(
        `The OS keychain cannot unseal ${sealedFile} (${(error as Error).message}): it was sealed by another user or computer`,
      );
    }
    return Buffer.from(text, 'base64');
  };

  const seal = (key: Buffer): void => {
    fs.mkdirSync(path.dirname(sealedFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(sealedFile, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  };

  return {
    get where() {
      return fs.existsSync(sealedFile) || (available() && !fs.existsSync(keyFile)) ? sealedFile : keyFile;
    },
    load() {
      if (fs.existsSync(sealedFile)) return unseal();
      const key = plain.load();
      if (key === null || !available()) return key;
      // Move the plain key into the keychain; the plain file goes only once the sealed copy opens to the same key.
      seal(key);
      if (!unseal().equals(key))
        throw new SecretBoxError(`Sealing the key into ${sealedFile} did not give it back unchanged; ${keyFile} was kept`);
      fs.rmSync(keyFile);
      return key;
    },
    create() {
      if (!available()) return plain.create();
      const key = randomBytes(KEY_BYTES);
      try {
        seal(key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      return unseal();
    },
  };
}
