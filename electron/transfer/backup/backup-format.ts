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
