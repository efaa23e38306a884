import type { Database } from 'better-sqlite3';
import { DomainError, notFound } from '../../domain/domain-error';
import { encrypt } from './backup-crypto';
import { BACKUP_AAD, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, sealPlainBackup, type BackupBody } from './backup-format';
import { tableExists, tableSpecs } from './organization-tables';

/** Opens and seals secrets at rest (the SecretBox). */
export interface SecretSealer {
  seal(plain: string, context: string): Buffer;
  open(sealed: Uint8Array, context: string): string;
}

export interface ExportOrganizationOptions {
  includeSecrets: boolean;
  /** Encrypts the whole file; required with includeSecrets. */
  passphrase?: string;
  now: Date;
  actor: string;
  secrets: SecretSealer;
}

export interface OrganizationBackup {
  fileName: string;
  content: string;
  encrypted: boolean;
  /** Rows per table. */
  counts: Record<string, number>;
  /** Secrets in the file (0 without includeSecrets). */
  secrets: number;
}

export const MIN_PASSPHRASE = 8;

/**
 * One file with the organization and everything that belongs to it. Reads only (all of them before the first
 * await, so the file is one consistent snapshot); the caller records it. Async: the passphrase's key is
 * derived off the main thread.
 */
export async function exportOrganization(
  db: Database,
  organizationId: string,
  options: ExportOrganizationOptions,
): Promise<OrganizationBackup> {
  if (options.includeSecrets && !options.passphrase) {
    throw new DomainError('invalid_input', 'A backup with secrets must be encrypted: give a passphrase', { path: ['passphrase'] });
  }
  if (options.passphrase !== undefined && options.passphrase.length < MIN_PASSPHRASE) {
    throw new DomainError('invalid_input', `The passphrase must be at least ${MIN_PASSPHRASE} characters`, { path: ['passphrase'] });
  }
  const organization = db.prepare<[string], BackupBody['organization']>(`SELECT * FROM organizations WHERE id = ?`).get(organizationId);
  if (!organization) throw notFound('Organization', organizationId);

  const tables: Record<string, Record<string, unknown>[]> = {};
  const counts: Record<string, number> = {};
  let secrets = 0;
  for (const spec of tableSpecs) {
    if (!tableExists(db, spec.table)) continue;
    const rows = db
      .prepare<{ org: string }, Record<string, unknown>>(`SELECT * FROM ${spec.table} WHERE ${spec.where} ORDER BY ${spec.order}`)
      .all({ org: organizationId });
    tables[spec.table] = rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (spec.secret?.column === column) {
          if (!options.includeSecrets) out[column] = null;
          else {
            out[column] = { $secret: openSecret(options.secrets, value as Buffer, spec.secret.context(row), spec.table) };
            secrets++;
          }
        } else out[column] = Buffer.isBuffer(value) ? { $base64: value.toString('base64') } : value;
      }
      return out;
    });
    counts[spec.table] = rows.length;
  }
  const body: BackupBody = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: options.now.toISOString(),
    createdBy: options.actor,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    includesSecrets: options.includeSecrets,
    organization,
    tables,
  };
  const content = options.passphrase
    ? JSON.stringify({
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        encrypted: await encrypt(JSON.stringify(body), options.passphrase, BACKUP_AAD),
      })
    : sealPlainBackup(body);
  const stamp = options.now.toISOString().slice(0, 10);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold.
  const safe = organization.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').trim() || 'organization';
  return { fileName: `${safe} ${stamp}.flowadmin-backup.json`, content, encrypted: options.passphrase !== undefined, counts, secrets };
}

function openSecret(secrets: SecretSealer, sealed: Buffer, context: string, table: string): string {
  try {
    return secrets.open(sealed, context);
  } catch (error) {
    throw new DomainError(
      'refused',
      `A secret in ${table} (${context}) cannot be opened: ${(error as Error).message}. Export without secrets, or set it again first.`,
      {
        table,
        context,
      },
    );
  }
}
