import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets at rest (connection tokens, app signing secrets): AES-256-GCM with a 32-byte key that never
 * enters the database. Each sealed value is `version (1) | iv (12) | tag (16) | ciphertext`; the caller's
 * `context` (e.g. `connection:<store>:<app>`) is authenticated with it, so a sealed value copied to another
 * row does not open there.
 */

export const KEY_BYTES = 32;
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Where the key comes from. Injectable so the desktop shell can wrap it with the OS keychain (safeStorage). */
export interface KeyProvider {
  /** The 32-byte key; created on first use when the provider keeps one. */
  key(): Buffer;
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

export class SecretBox {
  private cached: Buffer | null = null;

  constructor(private readonly provider: KeyProvider) {}

  seal(plain: string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, context: string): string {
    const data = Buffer.from(sealed);
    if (data.length < HEADER_BYTES || data[0] !== VERSION) throw new SecretBoxError('not a sealed secret of a known version');
    const decipher = createDecipheriv('aes-256-gcm', this.key(), data.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(data.subarray(1 + IV_BYTES, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('the secret cannot be opened: wrong key, wrong context, or damaged data');
    }
  }

  private key(): Buffer {
    if (!this.cached) {
      const key = this.provider.key();
      if (key.length !== KEY_BYTES) throw new SecretBoxError(`the key must be ${KEY_BYTES} bytes, got ${key.length}`);
      this.cached = key;
    }
    return this.cached;
  }
}

/** The key file kept beside the database, e.g. `<userData>/flow-admin.key`. */
export function keyFilePathFor(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'flow-admin.key');
}

/**
 * A key kept in a file readable by its owner only (0600), created with a random key the first time a
 * secret is sealed or opened, never before: opening the app alone writes no key.
 */
export function keyFileProvider(file: string): KeyProvider {
  return {
    key() {
      try {
        return readKey(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        // 'wx': if another process created it meanwhile, keep theirs rather than overwrite it.
        fs.writeFileSync(file, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      return readKey(file);
    },
  };
}

function readKey(file: string): Buffer {
  const key = fs.readFileSync(file);
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(`${file} is not a Flow Admin key (${key.length} bytes, expected ${KEY_BYTES}); secrets cannot be opened`);
  }
  return key;
}

/** A key that lives only in memory (an in-memory database, tests). */
export function memoryKeyProvider(key: Buffer = randomBytes(KEY_BYTES)): KeyProvider {
  return { key: () => key };
}

/** The key file beside the database, or a key in memory for an in-memory database. */
export function keyProviderFor(databasePath: string): KeyProvider {
  return databasePath === ':memory:' ? memoryKeyProvider() : keyFileProvider(keyFilePathFor(databasePath));
}
