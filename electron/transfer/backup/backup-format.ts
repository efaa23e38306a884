import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * An organization backup file: one JSON document, versioned. The organization and every row that belongs
 * to it, table by table, with the database's own column names. Secrets (connection tokens, app signing
 * secrets) are left out unless asked for; then they are stored in plain text inside a file that is itself
 * encrypted with a passphrase (see backup-crypto.ts), since the machine key that seals them at rest does
 * not travel with the file.
 */
export const BACKUP_FORMAT = 'flow-admin-organization-backup';
export const BACKUP_FORMAT_VERSION = 1;

const row = z.record(z.string(), z.unknown());

export const backupBody = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  createdBy: z.string(),
  /** PRAGMA user_version of the database it came from: a newer one cannot be restored here. */
  schemaVersion: z.number().int(),
  includesSecrets: z.boolean(),
  organization: z.object({ id: z.string(), name: z.string(), created_at: z.string(), updated_at: z.string() }).loose(),
  tables: z.record(z.string(), z.array(row)),
  /** SHA-256 of the file without this field (see sealPlainBackup); older files have none. */
  sha256: z.string().optional(),
});
export type BackupBody = z.infer<typeof backupBody>;

export const encryptedBackup = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  encrypted: z.object({
    kdf: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.string(),
    iv: z.string(),
    tag: z.string(),
    data: z.string(),
  }),
});

/** Authenticated with the ciphertext: a payload cut from another kind of file does not open. */
export const BACKUP_AAD = `${BACKUP_FORMAT}/${BACKUP_FORMAT_VERSION}`;

/** A BLOB column in JSON. */
export interface Base64Value {
  $base64: string;
}

/**
 * A file without a passphrase carries the SHA-256 of its own JSON (without the `sha256` field, which is
 * written last), as .flow files carry theirs: an edit by hand or a damaged copy no longer restores
 * silently. It is a checksum, not a signature: whoever edits the file on purpose can recompute it; files
 * that must not be changed unnoticed are the encrypted ones (GCM authenticates every byte).
 */
export function sealPlainBackup(body: BackupBody): string {
  const { sha256: _, ...withoutChecksum } = body;
  const json = JSON.stringify(withoutChecksum);
  return `${json.slice(0, -1)},"sha256":"${sha256Hex(json)}"}`;
}

export type ChecksumStatus = 'verified' | 'missing' | 'mismatch';

/** Checks a parsed plain file against its `sha256`: the rest re-serialized in the order it was written. */
export function checkPlainBackup(value: Record<string, unknown>): ChecksumStatus {
  const { sha256, ...rest } = value;
  if (sha256 === undefined) return 'missing';
  return typeof sha256 === 'string' && sha256.toLowerCase() === sha256Hex(JSON.stringify(rest)) ? 'verified' : 'mismatch';
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
