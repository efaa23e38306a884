import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, type MigrationReport } from './migrate';
import { databaseFiles, makePrivate, makePrivateDir } from './private-files';
import { newestGoodBackup, quickCheck, StartupError, startupErrorFor } from './startup-check';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/migration';

export interface OpenDatabaseOptions {
  /** A better-sqlite3 addon built for another ABI (Electron's), see scripts/start-desktop.mjs. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  now?: () => Date;
}

export interface OpenedDatabase {
  db: SqliteDatabase;
  migration: MigrationReport;
}

/**
 * Opens (or creates) the one database file, with the pragmas the design asks for, checks it (PRAGMA
 * quick_check: a damaged file is refused at start with where the damage is and the newest sound backup,
 * instead of serving until a query fails) and migrates it.
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
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    if (onDisk) {
      const check = quickCheck(db);
      if (check !== 'ok') throw new StartupError(databasePath, 'damaged', `quick_check: ${check}`, newestGoodBackup(databasePath));
    }
    // Migrate (or refuse a newer file) before switching to WAL, which rewrites the file header.
    const migration = await migrate(db, databasePath, options.migrations ?? allMigrations, options.now);
    db.pragma('journal_mode = WAL');
    if (onDisk) makePrivate(...databaseFiles(databasePath));
    return { db, migration };
  } catch (error) {
    db.close();
    throw startupErrorFor(databasePath, error) ?? error;
  }
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
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  return db;
}
