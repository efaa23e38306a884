import type { Database } from 'better-sqlite3';
import { DomainError } from '../../domain/domain-error';
import { decrypt, UnsupportedKdfError, WrongPassphraseError } from './backup-crypto';
import {
  BACKUP_AAD,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupBody,
  checkPlainBackup,
  encryptedBackup,
  type BackupBody,
} from './backup-format';
import type { SecretSealer } from './export-organization';
import { migration011 } from '../../store/migrations/011-drafts-and-publishing';
import { columnsOf, tableExists, tableSpecs, type IdKind } from './organization-tables';
import { nameClash, uniqueName } from '../../domain/organization/names';

export interface RestoreOptions {
  /** The restored organization's name; by default the backup's, with " (restored)" when that is taken. */
  newName?: string;
  now: Date;
  newId(): string;
  secrets: SecretSealer;
}

export interface RestoreResult {
  organizationId: string;
  name: string;
  counts: Record<string, number>;
  /** Connections and app endpoints left out because the backup has no secrets: set them again. */
  withoutSecret: { table: string; storeName: string; appId: string }[];
}

/**
 * Reads a backup file (decrypting it when it is encrypted) and checks it, without writing anything.
 * @throws DomainError saying what is wrong and where
 */
export async function readBackup(content: string, passphrase: string | undefined): Promise<BackupBody> {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new DomainError('invalid_input', `The backup is not valid JSON: ${(error as Error).message}`, { path: ['content'] });
  }
  const format = (value as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (format.format !== BACKUP_FORMAT) {
    throw new DomainError(
      'invalid_input',
      'This is not a Flow Admin organization backup (its "format" is not flow-admin-organization-backup)',
      { path: ['content', 'format'] },
    );
  }
  if (typeof format.formatVersion === 'number' && format.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new DomainError(
      'invalid_input',
      `The backup was written by a newer Flow Admin (format version ${format.formatVersion}; this one reads ${BACKUP_FORMAT_VERSION}). Update Flow Admin to restore it.`,
      {
        path: ['content', 'formatVersion'],
      },
    );
  }
  if ('encrypted' in (value as object)) {
    const sealed = encryptedBackup.safeParse(value);
    if (!sealed.success)
      throw new DomainError(
        'invalid_input',
        `The encrypted backup is damaged: ${sealed.error.issues[0]!.path.join('.')}: ${sealed.error.issues[0]!.message}`,
        { path: ['content'] },
      );
    if (!passphrase) throw new DomainError('invalid_input', 'This backup is encrypted: give its passphrase', { path: ['passphrase'] });
    try {
      value = JSON.parse(await decrypt(sealed.data.encrypted, passphrase, BACKUP_AAD));
    } catch (error) {
      if (error instanceof WrongPassphraseError)
        throw new DomainError('invalid_input', 'The passphrase does not open this backup (or the file is damaged). Nothing was restored.', {
          path: ['passphrase'],
        });
      if (error instanceof UnsupportedKdfError) {
        throw new DomainError('invalid_input', `This backup was not written by Flow Admin: ${error.message}. Nothing was restored.`, {
          path: ['content', 'encrypted'],
        });
      }
      throw error;
    }
  } else if (checkPlainBackup(value as Record<string, unknown>) === 'mismatch') {
    throw new DomainError(
      'invalid_input',
      'The backup was changed after it was written (its SHA-256 checksum does not match its contents): it may be damaged or edited. Nothing was restored.',
      { path: ['content', 'sha256'] },
    );
  }
  const body = backupBody.safeParse(value);
  if (!body.success) {
    const first = body.error.issues[0]!;
    throw new DomainError('invalid_input', `The backup is damaged at ${first.path.join('.') || '(top)'}: ${first.message}`, {
      path: ['content', ...first.path.map(String)],
    });
  }
  return body.data;
}

/** Restores a backup read by readBackup as a new organization with new ids, in one transaction: all of it or nothing. */
export function restoreOrganization(db: Database, backup: BackupBody, options: RestoreOptions): RestoreResult {
  const schema = db.pragma('user_version', { simple: true }) as number;
  if (backup.schemaVersion > schema) {
    throw new DomainError(
      'invalid_input',
      `The backup comes from a newer database (schema ${backup.schemaVersion}; this one is ${schema}). Update Flow Admin to restore it.`,
      {
        path: ['content', 'schemaVersion'],
      },
    );
  }
  return db.transaction(() => {
    const name = chooseName(db, backup.organization.name, options.newName);
    refuseTakenDomains(db, backup);
    const ids = new IdMap(options.newId);
    const organizationId = ids.get('organization', backup.organization.id);
    db.prepare(`INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(
      organizationId,
      name,
      backup.organization.created_at,
      backup.organization.updated_at,
    );
    const counts: Record<string, number> = {};
    const withoutSecret: RestoreResult['withoutSecret'] = [];
    const storeNames = new Map((backup.tables.stores ?? []).map((s) => [String(s.id), String(s.name)]));
    const newSeq = new Map<number, number>();
    for (const spec of tableSpecs) {
      const rows = backup.tables[spec.table] ?? [];
      if (rows.length === 0) continue;
      if (!tableExists(db, spec.table))
        throw new DomainError('invalid_input', `The backup has rows for table ${spec.table}, which this database does not have`, {
          path: ['content', 'tables', spec.table],
        });
      const columns = columnsOf(db, spec.table).filter((c) => !(spec.table === 'audit_log' && c.name === 'seq'));
      let inserted = 0;
      for (const [i, source] of rows.entries()) {
        const row: Record<string, unknown> = { ...source };
        for (const [column, kind] of Object.entries(spec.ids))
          if (typeof row[column] === 'string') row[column] = ids.get(kind, row[column]);
        if (spec.table === 'audit_subjects') {
          const seq = newSeq.get(Number(row.seq));
          if (seq === undefined) continue;
          row.seq = seq;
        }
        if (spec.secret) {
          const secret = row[spec.secret.column] as { $secret?: string } | null | undefined;
          if (typeof secret?.$secret !== 'string') {
            withoutSecret.push({
              table: spec.table,
              storeName: storeNames.get(String(source.store_id)) ?? String(source.store_id),
              appId: String(row.app_id),
            });
            continue;
          }
          row[spec.secret.column] = options.secrets.seal(secret.$secret, spec.secret.context(row));
        }
        const values = columns.map((c) => {
          const v = row[c.name];
          if (v === undefined && c.notNull && !c.hasDefault) {
            throw new DomainError('invalid_input', `The backup's ${spec.table}[${i}] has no ${c.name}`, {
              path: ['content', 'tables', spec.table, String(i), c.name],
            });
          }
          return fromJson(v);
        });
        const present = columns.filter((c, k) => values[k] !== undefined);
        const result = db
          .prepare(
            `INSERT INTO ${spec.table} (${present.map((c) => `"${c.name}"`).join(', ')}) VALUES (${present.map(() => '?').join(', ')})`,
          )
          .run(...values.filter((v) => v !== undefined));
        if (spec.table === 'audit_log') newSeq.set(Number(source.seq), Number(result.lastInsertRowid));
        inserted++;
      }
      counts[spec.table] = inserted;
    }
    // A backup from before drafts (migration 10) ran each workflow's current version: it still does.
    if (backup.schemaVersion < publishingSchemaVersion) {
      db.prepare(`UPDATE workflows SET published_version = current_version WHERE organization_id = ? AND published_version IS NULL`).run(
        organizationId,
      );
    }
    return { organizationId, name, counts, withoutSecret };
  })();
}

const publishingSchemaVersion = migration011.version;

class IdMap {
  private readonly maps = new Map<IdKind, Map<string, string>>();
  constructor(private readonly newId: () => string) {}
  /** The new id for an old one: the same everywhere, made on first sight. */
  get(kind: IdKind, old: string): string {
    let map = this.maps.get(kind);
    if (!map) this.maps.set(kind, (map = new Map()));
    let id = map.get(old);
    if (!id) map.set(old, (id = this.newId()));
    return id;
  }
}

function fromJson(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $base64?: unknown }).$base64 === 'string') {
    return Buffer.from((value as { $base64: string }).$base64, 'base64');
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Restored under its own name, or "(restored)" after it when an organization here has the same name (sameName). */
function chooseName(db: Database, original: string, wanted: string | undefined): string {
  const taken = db.prepare<[], { id: string; name: string }>(`SELECT id, name FROM organizations`).all();
  if (wanted !== undefined) {
    const clash = nameClash(taken, wanted);
    if (clash) throw new DomainError('conflict', `An organization named "${clash.name}" already exists`, { path: ['newName'] });
    return wanted;
  }
  return uniqueName(
    original,
    taken.map((t) => t.name),
    (n) => ` (restored${n === 1 ? '' : ` ${n}`})`,
    1,
  );
}

/** A Shopify store belongs to one organization: its domain is unique in the whole database. */
function refuseTakenDomains(db: Database, backup: BackupBody): void {
  const find = db.prepare<[string], { domain: string; name: string }>(
    `SELECT s.domain, o.name FROM stores s JOIN organizations o ON o.id = s.organization_id WHERE s.domain = ? COLLATE NOCASE`,
  );
  const taken = (backup.tables.stores ?? [])
    .map((s) => find.get(String(s.domain)))
    .filter((x): x is { domain: string; name: string } => x !== undefined);
  if (taken.length === 0) return;
  const list = taken.map((t) => `${t.domain} (in "${t.name}")`).join(', ');
  throw new DomainError(
    'conflict',
    `Nothing was restored: ${taken.length} store${taken.length === 1 ? '' : 's'} of the backup already belong${taken.length === 1 ? 's' : ''} to an organization here: ${list}. A store can be in one organization only; delete that organization first, or restore into another database.`,
    { domains: taken.map((t) => t.domain) },
  );
}
