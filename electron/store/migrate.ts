import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration';
import { makePrivate } from './private-files';
import type { UpgradeProgress } from './upgrade-progress';

export type { UpgradeProgress } from './upgrade-progress';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly databasePath: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${databasePath} was written by a newer Flow Admin (schema version ${found}; this version knows up to ${supported}). ` +
        'Update Flow Admin to open it. The file was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
  /** Where the copy made before migrating is, when the database already held data. */
  backupPath: string | null;
}

/**
 * Versions only grow. Numbers are reserved per branch, so one may land before a lower number it skipped:
 * a gap is allowed; the step that fills it later must then be written to be safe on a database already past it.
 */
function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const before = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= before)
      throw new Error(`migration "${m.name}" has version ${m.version}, expected more than ${before}`);
  });
}

/**
 * Brings the schema up to date. An existing database is first copied with SQLite's online backup,
 * then every pending step runs in one transaction: either all apply or none does.
 */
export async function migrate(
  db: Database,
  databasePath: string,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
  onProgress?: (progress: UpgradeProgress) => void,
): Promise<MigrationReport> {
  checkOrder(migrations);
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) throw new DatabaseTooNewError(databasePath, from, latest);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [], backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && databasePath !== ':memory:') {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backupPath = `${databasePath}.before-v${latest}.${stamp}.bak`;
    onProgress?.({ version: null, name: 'backup before upgrading', step: 0, steps: pending.length, done: null, total: null, unit: null });
    await db.backup(backupPath);
    makePrivate(backupPath);
  }

  db.transaction(() => {
    pending.forEach((m, i) => {
      const at = { version: m.version, name: m.name, step: i + 1, steps: pending.length, unit: m.unit ?? null };
      onProgress?.({ ...at, done: null, total: null });
      m.up(db, onProgress && ((done, total) => onProgress({ ...at, done, total })));
      db.pragma(`user_version = ${m.version}`);
    });
  })();
  return { from, to: latest, applied: pending.map((m) => m.name), backupPath };
}
