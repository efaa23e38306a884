import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/**
 * Passphrase encryption of a backup file: a key derived with scrypt (N = 2^15, r = 8, p = 1, a fresh
 * 16-byte salt per file) and AES-256-GCM (a fresh 12-byte IV, the format name authenticated as associated
 * data). A wrong passphrase and a damaged file look the same to GCM: the tag does not match.
 *
 * The parameters are pinned, not read from the file: a crafted file could otherwise ask for p = 16 and hold
 * a CPU for seconds per try. scrypt runs on libuv's thread pool (async), so even the pinned cost never
 * blocks the thread that serves the API.
 */
export interface EncryptedPayload {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export const SCRYPT_PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const MAXMEM = 64 * 1024 * 1024;

export class WrongPassphraseError extends Error {
  constructor() {
    super('the passphrase does not open this backup (or the file is damaged)');
    this.name = 'WrongPassphraseError';
  }
}

/** The file names key-derivation parameters other than the ones Flow Admin writes. */
export class UnsupportedKdfError extends Error {
  constructor(readonly found: { N: number; r: number; p: number }) {
    super(
      `the backup asks for scrypt N=${found.N}, r=${found.r}, p=${found.p}; Flow Admin writes and reads only N=${SCRYPT_PARAMS.N}, r=${SCRYPT_PARAMS.r}, p=${SCRYPT_PARAMS.p}`,
    );
    this.name = 'UnsupportedKdfError';
  }
}

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...SCRYPT_PARAMS, maxmem: MAXMEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function encrypt(plain: string, passphrase: string, aad: string): Promise<EncryptedPayload> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64');
  return { kdf: 'scrypt', ...SCRYPT_PARAMS, salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) };
}

/**
 * @throws UnsupportedKdfError when the file names other scrypt parameters (nothing is derived then)
 * @throws WrongPassphraseError when the passphrase (or the file) is wrong
 */
export async function decrypt(payload: EncryptedPayload, passphrase: string, aad: string): Promise<string> {
  if (payload.N !== SCRYPT_PARAMS.N || payload.r !== SCRYPT_PARAMS.r || payload.p !== SCRYPT_PARAMS.p)
    throw new UnsupportedKdfError(payload);
  const from = (s: string) => Buffer.from(s, 'base64');
  const key = await deriveKey(passphrase, from(payload.salt));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, from(payload.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(from(payload.tag));
    return Buffer.concat([decipher.update(from(payload.data)), decipher.final()]).toString('utf8');
  } catch {
    throw new WrongPassphraseError();
  }
}
