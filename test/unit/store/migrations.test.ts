import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../../../electron/store/migrate';
import { latestSchemaVersion, migrations } from '../../../electron/store/migrations';
import { useTempDir } from '../../support/temp-dir';
import { closeDatabaseAfterTest, openTestDatabase } from '../../support/app';

const tempDir = useTempDir();

function tables(db: Database.Database): string[] {
  return (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  ).map((r) => r.name);
}

describe('migrations', () => {
  it('creates a fresh database at the latest version, with WAL, foreign keys and full sync, and makes no backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fresh.db');
    const { db, migration } = await openTestDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(tables(db)).toEqual(expect.arrayContaining(['organizations', 'audit_log', 'stores', 'workflows', 'activations']));
    expect(migration).toMatchObject({ from: 0, to: latestSchemaVersion, backupPath: null });
    db.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('re-opens an existing database without migrating again and keeps its rows', async () => {
    const file = path.join(tempDir(), 'existing.db');
    const first = await openTestDatabase(file);
    first.db.prepare(`INSERT INTO organizations VALUES ('o1', 'Nordic Goods', 't', 't')`).run();
    first.db.close();
    const again = await openTestDatabase(file);
    expect(again.migration.applied).toEqual([]);
    expect(again.db.prepare('SELECT name FROM organizations').all()).toEqual([{ name: 'Nordic Goods' }]);
  });

  it('backs up an existing database with its data before migrating it, then applies the pending steps', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    const v1 = await openTestDatabase(file, { migrations: migrations.slice(0, 1) });
    v1.db.prepare(`INSERT INTO organizations VALUES ('o1', 'Nordic Goods', 't', 't')`).run();
    v1.db.close();

    const upgraded = await openTestDatabase(file);
    expect(upgraded.migration.from).toBe(1);
    expect(upgraded.migration.to).toBe(latestSchemaVersion);
    const backupPath = upgraded.migration.backupPath!;
    expect(path.dirname(backupPath)).toBe(dir);
    upgraded.db.close();

    const backup = closeDatabaseAfterTest(new Database(backupPath, { readonly: true }));
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT name FROM organizations').all()).toEqual([{ name: 'Nordic Goods' }]);
    expect(tables(backup)).not.toContain('stores');
  });

  it('refuses a database written by a newer version, says so, and leaves the file unchanged', async () => {
    const file = path.join(tempDir(), 'newer.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    const before = fs.readFileSync(file);

    const opening = openTestDatabase(file);
    await expect(opening).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(openTestDatabase(file)).rejects.toThrow(/newer Flow Admin \(schema version \d+; this version knows up to \d+\)/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('applies all pending steps in one transaction: a failing step leaves the database as it was', async () => {
    const file = path.join(tempDir(), 'atomic.db');
    const broken = [
      ...migrations,
      { version: latestSchemaVersion + 1, name: 'ok part', up: (db: Database.Database) => db.exec('CREATE TABLE half_done (x)') },
      { version: latestSchemaVersion + 2, name: 'broken', up: (db: Database.Database) => db.exec('THIS IS NOT SQL') },
    ];
    const first = await openTestDatabase(file);
    first.db.close();
    await expect(openTestDatabase(file, { migrations: broken })).rejects.toThrow(/syntax error/);
    const raw = closeDatabaseAfterTest(new Database(file));
    expect(raw.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(tables(raw)).not.toContain('half_done');
  });

  it('lists migrations in increasing order from 1 (numbers are reserved per branch, so a gap may wait for its step)', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses a list whose versions do not grow', async () => {
    const file = path.join(tempDir(), 'order.db');
    await expect(openTestDatabase(file, { migrations: [migrations[1]!, migrations[0]!] })).rejects.toThrow(
      /has version 1, expected more than 2/,
    );
  });
});
