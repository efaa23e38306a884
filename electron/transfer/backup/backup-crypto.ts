import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/**
 * Passphrase encryption of a backup file: a key derived with scrypt (N = 2^15, r = 8, p = 1, a fresh
 * 16-byte salt per file) and AES-256-GCM (a fresh 12-byte IV, the format name authenticated as associated
 * data). A wrong passphrase and a damaged file look the same to GCM: the tag does not match.
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

const SCRYPT = { N: 1 << 15, r: 8, p: 1 };
const MAXMEM = 128 * 1024 * 1024;

export class WrongPassphraseError extends Error {
  constructor() {
    super('the passphrase does not open this backup (or the file is damaged)');
    this.name = 'WrongPassphraseError';
  }
}

function key(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: MAXMEM });
}

export function encrypt(plain: string, passphrase: string, aad: string): EncryptedPayload {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(passphrase, salt, SCRYPT), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64');
  return { kdf: 'scrypt', ...SCRYPT, salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) };
}

/** @throws WrongPassphraseError when the passphrase (or the file) is wrong */
export function decrypt(payload: EncryptedPayload, passphrase: string, aad: string): string {
  // Bounds on the stored parameters: a crafted file must not make scrypt eat the machine.
  if (payload.N > 1 << 20 || payload.r > 32 || payload.p > 16 || (payload.N & (payload.N - 1)) !== 0) throw new WrongPassphraseError();
  const from = (s: string) => Buffer.from(s, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(passphrase, from(payload.salt), payload), from(payload.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(from(payload.tag));
    return Buffer.concat([decipher.update(from(payload.data)), decipher.final()]).toString('utf8');
  } catch {
    throw new WrongPassphraseError();
  }
}
