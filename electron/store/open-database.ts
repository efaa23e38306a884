import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, type MigrationReport, type UpgradeProgress } from './migrate';
import { upgradeInWorker } from './upgrade-thread';
import { databaseFiles, makePrivate, makePrivateDir } from './private-files';
import { newestGoodBackup, quickCheck, StartupError, startupErrorFor } from './startup-check';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/migration';

export interface OpenDatabaseOptions {
  /** A better-sqlite3 addon built for another ABI (Electron's), see scripts/start-desktop.mjs. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  now?: () => Date;
  /**
   * Leave the check of a file that needs no write (up to date, already WAL) to the caller, off the path to the
   * first answer (app-context.ts runs it in a worker thread); the connection is then query_only until it passes.
   */
  checkOffPath?: boolean;
  /**
   * Check and upgrade a database that holds data (schema 1 or later) in a worker thread, saying how far it is, so
   * the thread serving the window is not blocked (the desktop app and browser mode). The app's own migrations only.
   */
  upgradeInWorker?: { onProgress?: (progress: UpgradeProgress) => void };
}

export interface OpenedDatabase {
  db: SqliteDatabase;
  migration: MigrationReport;
  /** false: not checked yet (checkOffPath), and the connection refuses every write (PRAGMA query_only) until told. */
  checked: boolean;
}

/**
 * Opens (or creates) the one database file, with the pragmas the design asks for, checks it (PRAGMA
 * quick_check: a damaged file is refused at start with where the damage is and the newest sound backup,
 * instead of serving until a query fails) and migrates it. The check comes before the first write: a file to
 * migrate (or switch to WAL) is checked here, on the path; with checkOffPath an up-to-date one is not.
 */
export async function openDatabase(databasePath: string, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const onDisk = databasePath !== ':memory:';
  if (onDisk) {
    try {
      makePrivateDir(path.dirname(databasePath));
      // Created empty and 0600 first: SQLite gives its -wal and -shm the database file's mode.
      fs.closeSync(fs.openSync(databasePath, 'a', 0o600));
      makePrivate(...databaseFiles(databasePath));
    } catch (error) {
      throw new StartupError(databasePath, 'cannot_open', (error as Error).message, null);
    }
  }
  let db: SqliteDatabase;
  try {
    db = new Database(databasePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw startupErrorFor(databasePath, error) ?? error;
  }
  try {
    setConnectionPragmas(db);
    const migrations = options.migrations ?? allMigrations;
    const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
    const from = db.pragma('user_version', { simple: true }) as number;
    // The worker checks, then migrates, then switches to WAL, as below; this connection waits, holding no lock.
    const upgraded =
      onDisk && options.upgradeInWorker && !options.migrations && from > 0 && from < latest
        ? await upgradeInWorker(databasePath, {
            nativeBinding: options.nativeBinding,
            now: (options.now ?? (() => new Date()))(),
            onProgress: options.upgradeInWorker.onProgress,
          })
        : null;
    const checkLater = onDisk && !upgraded && options.checkOffPath === true && needsNoWrite(db, migrations);
    if (onDisk && !checkLater && !upgraded) {
      const check = quickCheck(db);
      if (check !== 'ok') throw new StartupError(databasePath, 'damaged', `quick_check: ${check}`, newestGoodBackup(databasePath));
    }
    // Migrate (or refuse a newer file) before switching to WAL, which rewrites the file header.
    const migration = upgraded ?? (await migrate(db, databasePath, migrations, options.now));
    if (checkLater) db.pragma('query_only = ON');
    else db.pragma('journal_mode = WAL');
    if (onDisk) makePrivate(...databaseFiles(databasePath));
    return { db, migration, checked: !checkLater };
  } catch (error) {
    db.close();
    throw startupErrorFor(databasePath, error) ?? error;
  }
}

/** Up to date and in WAL already: opening writes nothing to it (migrations and the switch to WAL do). */
function needsNoWrite(db: SqliteDatabase, migrations: readonly Migration[]): boolean {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  // user_version first: reading it reads the header, after which journal_mode says what the file is in.
  return db.pragma('user_version', { simple: true }) === latest && db.pragma('journal_mode', { simple: true }) === 'wal';
}

/**
 * A second connection to a database another connection of this process has opened, checked and migrated:
 * the runtime's, in its worker thread. The same pragmas; WAL (already set on the file) lets the UI's
 * connection read while this one writes. No check or migration here: the first opener did both.
 */
export function openSecondConnection(databasePath: string, options: { nativeBinding?: string } = {}): SqliteDatabase {
  const db = new Database(databasePath, {
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  setConnectionPragmas(db);
  db.pragma('journal_mode = WAL');
  return db;
}

/**
 * What every connection of the app sets: foreign keys, a durable commit, a wait for the other connection's lock,
 * and a 4 MB page cache instead of better-sqlite3's 16 MB. The UI's reads and the runtime's commits touch the
 * tables' and indexes' last pages, which fit; the start's scans (activations, routing) no longer leave 16 MB
 * resident per connection. Alternated with 16 MB: the intake's CPU per event the same or less, 9-20 MB less RSS
 * under traffic (docs/performance-organization.md).
 */
function setConnectionPragmas(db: SqliteDatabase): void {
  db.pragma('cache_size = -4000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}
