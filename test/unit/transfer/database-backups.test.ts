import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../../electron/app-context';
import { openDatabase } from '../../../electron/store/open-database';
import { latestSchemaVersion, migrations } from '../../../electron/store/migrations';
import { call, refusal } from '../../support/app';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

/** A real database file with a clock the test moves. */
async function openWithClock(dir: string) {
  const clock = { now: new Date('2025-03-01T08:00:00.000Z') };
  const app = await openAppContext({
    databasePath: path.join(dir, 'flow-admin.db'),
    userName: 'test-admin',
    now: () => clock.now,
    runtime: { triggerPort: 0, log: () => {} },
  });
  const advance = (hours: number) => (clock.now = new Date(clock.now.getTime() + hours * 3600_000));
  return { app, clock, advance, backups: app.handlerContext.databaseBackups };
}

const names = async (app: Awaited<ReturnType<typeof openWithClock>>['app']) =>
  (await call(app, 'organizations.list', {})).map((o) => o.name);

describe('database backups', () => {
  it('backs up the whole database into backups/ beside it, while it stays open, and lists it', async () => {
    const dir = tempDir();
    const { app } = await openWithClock(dir);
    await call(app, 'organizations.create', { name: 'Nordic Goods' });
    const made = await call(app, 'backup.createDatabaseBackup', {});
    expect(made).toEqual({
      file: 'flow-admin-manual-2025-03-01T08-00-00-000Z.db',
      kind: 'manual',
      createdAt: '2025-03-01T08:00:00.000Z',
      bytes: expect.any(Number),
    });
    const copy = new Database(path.join(dir, 'backups', made.file), { readonly: true });
    expect(copy.prepare(`SELECT name FROM organizations`).pluck().all()).toEqual(['Nordic Goods']);
    copy.close();
    const again = await call(app, 'backup.createDatabaseBackup', {});
    expect(again.file).toBe('flow-admin-manual-2025-03-01T08-00-00-001Z.db');
    expect(await call(app, 'backup.listDatabaseBackups', {})).toEqual({
      folder: path.join(dir, 'backups'),
      schedule: { everyHours: 24, keep: 7 },
      backups: [again, made],
    });
  });

  it('makes automatic backups when due, not before, and keeps only the last K', async () => {
    const { app, advance, backups } = await openWithClock(tempDir());
    expect(await backups.runIfDue()).toBeNull(); // an empty database is not worth a backup
    await call(app, 'organizations.create', { name: 'Nordic Goods' });
    await call(app, 'backup.setSchedule', { everyHours: 6, keep: 2 });
    await call(app, 'backup.createDatabaseBackup', {});
    expect((await backups.runIfDue())?.kind).toBe('automatic');
    advance(5);
    expect(await backups.runIfDue()).toBeNull();
    for (let i = 0; i < 3; i++) {
      advance(6);
      expect(await backups.runIfDue()).not.toBeNull();
    }
    const list = backups.list();
    expect(list.filter((b) => b.kind === 'automatic').map((b) => b.createdAt)).toEqual([
      '2025-03-02T07:00:00.000Z',
      '2025-03-02T01:00:00.000Z',
    ]);
    expect(list.filter((b) => b.kind === 'manual')).toHaveLength(1);
    await call(app, 'backup.setSchedule', { everyHours: 0, keep: 2 });
    advance(100);
    expect(await backups.runIfDue()).toBeNull();
  });

  it('records schedule changes and refuses nonsense, naming the field', async () => {
    const { app } = await openWithClock(tempDir());
    expect(await call(app, 'backup.setSchedule', { everyHours: 12, keep: 3 })).toEqual({ everyHours: 12, keep: 3 });
    expect(app.handlerContext.audit.query({ action: 'settings.backup_schedule_changed', limit: 1 })[0]).toMatchObject({
      summary: 'Automatic database backups every 12 h, keeping 3',
      before: { everyHours: 24, keep: 7 },
      after: { everyHours: 12, keep: 3 },
    });
    expect(await refusal(app, 'backup.setSchedule', { everyHours: 12, keep: 0 })).toMatchObject({
      code: 'invalid_input',
      message: 'backup.setSchedule: keep: must keep at least 1',
    });
    expect(await refusal(app, 'backup.setSchedule', { everyHours: 1.5, keep: 3 })).toMatchObject({
      message: 'backup.setSchedule: everyHours: must be a whole number',
    });
  });

  it('restores a backup over the live database, after backing up the current one, and keeps working', async () => {
    const dir = tempDir();
    const { app, advance } = await openWithClock(dir);
    await call(app, 'organizations.create', { name: 'Kept' });
    const backup = await call(app, 'backup.createDatabaseBackup', {});
    advance(1);
    await call(app, 'organizations.create', { name: 'Made after the backup' });

    await app.runtime.start();
    const result = await call(app, 'backup.restoreDatabaseBackup', { file: backup.file });
    expect(app.runtime.isStarted).toBe(true); // stopped for the restore, started again on the restored data
    await app.runtime.stop();
    expect(result.restored).toEqual(backup);
    expect(result.safetyBackup).toMatchObject({ kind: 'before-restore', createdAt: '2025-03-01T09:00:00.000Z' });
    expect(await names(app)).toEqual(['Kept']);
    // What was there before the restore is not lost.
    const safety = new Database(path.join(dir, 'backups', result.safetyBackup.file), { readonly: true });
    expect(safety.prepare(`SELECT name FROM organizations ORDER BY name`).pluck().all()).toEqual(['Kept', 'Made after the backup']);
    safety.close();
    expect(app.handlerContext.audit.query({ action: 'database.restored', limit: 1 })[0]!.summary).toBe(
      `Restored the database from ${backup.file} (the database before was saved as ${result.safetyBackup.file})`,
    );
    await call(app, 'organizations.create', { name: 'After the restore' });
    app.close();
    // And the file on disk is the restored database, with the change made after.
    const reopened = await openAppContext({ databasePath: path.join(dir, 'flow-admin.db'), userName: 'test-admin' });
    expect(await names(reopened)).toEqual(['After the restore', 'Kept']);
  });

  it('refuses a name outside its folder, a damaged backup and one from a newer Flow Admin, changing nothing', async () => {
    const dir = tempDir();
    const { app } = await openWithClock(dir);
    await call(app, 'organizations.create', { name: 'Live' });
    const good = await call(app, 'backup.createDatabaseBackup', {});
    expect(await refusal(app, 'backup.restoreDatabaseBackup', { file: '../flow-admin.db' })).toMatchObject({
      code: 'not_found',
      message: `There is no database backup named "../flow-admin.db" in ${path.join(dir, 'backups')}`,
    });

    const damaged = 'flow-admin-manual-2025-01-01T00-00-00-000Z.db';
    fs.writeFileSync(path.join(dir, 'backups', damaged), 'this is not a database at all, just text');
    expect(await refusal(app, 'backup.restoreDatabaseBackup', { file: damaged })).toMatchObject({
      code: 'refused',
      message: expect.stringMatching(
        /^The backup flow-admin-manual-2025-01-01T00-00-00-000Z\.db cannot be opened \(.*\); nothing was restored$/,
      ),
    });

    const newer = 'flow-admin-manual-2025-01-02T00-00-00-000Z.db';
    fs.copyFileSync(path.join(dir, 'backups', good.file), path.join(dir, 'backups', newer));
    const db = new Database(path.join(dir, 'backups', newer));
    db.pragma('user_version = 99');
    db.close();
    expect(await refusal(app, 'backup.restoreDatabaseBackup', { file: newer })).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('was written by a newer Flow Admin (schema 99;'),
    });

    expect(await names(app)).toEqual(['Live']);
    expect((await call(app, 'backup.listDatabaseBackups', {})).backups.filter((b) => b.kind === 'before-restore')).toEqual([]);
  });

  it('restores a backup from an older schema and brings it up to date', async () => {
    const dir = tempDir();
    const old = await openDatabase(path.join(dir, 'old.db'), { migrations: migrations.slice(0, 2) });
    old.db
      .prepare(
        `INSERT INTO organizations (id, name, created_at, updated_at) VALUES ('8d3e1a52-7d0c-4f6f-9a51-0c6f8f1d9a01', 'From version 2', 'x', 'x')`,
      )
      .run();
    old.db.pragma('journal_mode = DELETE');
    old.db.close();
    fs.mkdirSync(path.join(dir, 'backups'));
    fs.copyFileSync(path.join(dir, 'old.db'), path.join(dir, 'backups', 'flow-admin-manual-2024-12-31T00-00-00-000Z.db'));
    const { app } = await openWithClock(dir);
    await call(app, 'backup.restoreDatabaseBackup', { file: 'flow-admin-manual-2024-12-31T00-00-00-000Z.db' });
    expect(app.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(await names(app)).toEqual(['From version 2']);
  });

  it('has nothing to back up for a database in memory', async () => {
    const app = await openAppContext({ databasePath: ':memory:', userName: 'test-admin' });
    expect(await refusal(app, 'backup.createDatabaseBackup', {})).toMatchObject({
      code: 'refused',
      message: 'This database lives in memory: there is no file to back up or restore',
    });
    expect(await call(app, 'backup.listDatabaseBackups', {})).toMatchObject({ folder: '', backups: [] });
  });
});
