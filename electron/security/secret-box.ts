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

/**
 * Where the key is kept: a file (browser mode), a file sealed by the OS keychain (the desktop app), memory
 * (tests). Loading never makes a key: only create() does, and the secret box calls it only while no sealed
 * secret exists, since a new key would make every one of them unreadable for good.
 */
export interface KeyProvider {
  /** Where the key is kept, as a person would look for it (a path). */
  readonly where: string;
  /** The key, or null when none is kept there yet. Throws when one is kept but cannot be read. */
  load(): Buffer | null;
  /** Makes a new key and keeps it. */
  create(): Buffer;
}

export class SecretBoxError extends Error {
  override readonly name: string = 'SecretBoxError';
}

/** The key is not where it is kept, while secrets sealed with it exist: restoring it is the only way back. */
export class MissingKeyError extends SecretBoxError {
  override readonly name = 'MissingKeyError';
  constructor(
    readonly where: string,
    readonly sealedSecrets: number,
  ) {
    super(
      `The key file ${where} is missing, and this database holds ${sealedSecrets} secret${sealedSecrets === 1 ? '' : 's'} sealed with it ` +
        `(connection tokens, app signing secrets). Restore ${path.basename(where)} from your backup of ${path.dirname(where)} and start again. ` +
        'Flow Admin does not make a new key while sealed secrets exist: they could never be opened again.',
    );
  }
}

export class SecretBox {
  private cached: Buffer | null = null;

  /** `sealedSecrets` counts what the key has sealed; a key is made only while it is 0. */
  constructor(
    private readonly provider: KeyProvider,
    private readonly sealedSecrets: () => number = () => 0,
  ) {}

  get keyLocation(): string {
    return this.provider.where;
  }

  /**
   * At start: refuses (MissingKeyError) when secrets are sealed but the key is gone, rather than failing
   * later at each secret or, worse, making a new key.
   */
  checkKey(): void {
    const sealed = this.sealedSecrets();
    if (sealed === 0) return;
    const key = this.provider.load();
    if (key === null) throw new MissingKeyError(this.provider.where, sealed);
    checkLength(key, this.provider.where);
  }

  /**
   * The key itself, for the runtime's worker thread in this same process (it opens app signing secrets with
   * its own SecretBox over memoryKeyProvider). Never written anywhere nor sent out of the process.
   */
  keyForWorkerThread(): Buffer {
    return Buffer.from(this.key());
  }

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
      let key = this.provider.load();
      if (key === null) {
        const sealed = this.sealedSecrets();
        if (sealed > 0) throw new MissingKeyError(this.provider.where, sealed);
        key = this.provider.create();
      }
      checkLength(key, this.provider.where);
      this.cached = key;
    }
    return this.cached;
  }
}

function checkLength(key: Buffer, where: string): void {
  if (key.length !== KEY_BYTES)
    throw new SecretBoxError(`${where} is not a Flow Admin key (${key.length} bytes, expected ${KEY_BYTES}); secrets cannot be opened`);
}

/** The key file kept beside the database, e.g. `<userData>/flow-admin.key`. */
export function keyFilePathFor(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'flow-admin.key');
}

/** Where the desktop app keeps the key sealed by the OS keychain: browser mode cannot open it. */
export function sealedKeyFilePathFor(keyFile: string): string {
  return `${keyFile}.safe`;
}

/**
 * A key kept in a file readable by its owner only (0600) in a folder only its owner enters (0700). If the
 * desktop app has moved the key into the OS keychain (flow-admin.key.safe), this provider says so instead of
 * making another key.
 */
export function keyFileProvider(file: string): KeyProvider {
  const sealedCopy = sealedKeyFilePathFor(file);
  return {
    where: file,
    load() {
      try {
        return fs.readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (fs.existsSync(sealedCopy)) {
        throw new SecretBoxError(
          `The key is kept by the desktop app, sealed with the OS keychain (${sealedCopy}); browser mode cannot open it. ` +
            'Use the desktop app for this database, or open another one with --db.',
        );
      }
      return null;
    },
    create() {
      if (fs.existsSync(sealedCopy))
        throw new SecretBoxError(`The key is kept by the desktop app (${sealedCopy}); browser mode does not make another`);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        // 'wx': if another process created it meanwhile, keep theirs rather than overwrite it.
        fs.writeFileSync(file, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      return fs.readFileSync(file);
    },
  };
}

/** A key that lives only in memory (an in-memory database, tests). */
export function memoryKeyProvider(key: Buffer = randomBytes(KEY_BYTES)): KeyProvider {
  return { where: '(memory)', load: () => key, create: () => key };
}

/** The key file beside the database, or a key in memory for an in-memory database. */
export function keyProviderFor(databasePath: string): KeyProvider {
  return databasePath === ':memory:' ? memoryKeyProvider() : keyFileProvider(keyFilePathFor(databasePath));
}
