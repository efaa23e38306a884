import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../domain/domain-error';
import { migrate } from '../store/migrate';
import { latestSchemaVersion, migrations } from '../store/migrations';
import type { SettingsStore } from '../store/settings-store';
import { makePrivate, ownPrivateDir } from '../store/private-files';
import { isSound } from '../store/startup-check';
import { activationGeneration } from '../store/status-generation';

/**
 * Local copies of the whole database in `backups/` beside it, made with SQLite's online backup (the app
 * keeps running). Automatic ones on a schedule (every N hours, the last K kept); manual ones on request;
 * one before every restore. Restoring copies a backup over the live database through the same backup API,
 * so the open connection sees the restored data at once: no reopen. Before that, the current database is
 * itself backed up, and the backup to restore is checked (integrity, schema not newer than this app).
 * During the copy (a few event-loop turns) the database is locked: a write arriving then waits for it.
 */
export type BackupKind = 'automatic' | 'manual' | 'before-restore';

export interface DatabaseBackupEntry {
  file: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
}

export interface BackupSchedule {
  /** 0 turns automatic backups off. */
  everyHours: number;
  /** How many automatic backups to keep; older ones are deleted. */
  keep: number;
}

export const defaultSchedule: BackupSchedule = { everyHours: 24, keep: 7 };
const NAME = /^flow-admin-(automatic|manual|before-restore)-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)\.db$/;
const CHECK_EVERY_MS = 10 * 60 * 1000;
const FIRST_CHECK_MS = 60 * 1000;

export interface DatabaseBackupsOptions {
  db: SqliteDatabase;
  databasePath: string;
  settings: SettingsStore;
  now: () => Date;
}

export class DatabaseBackups {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: DatabaseBackupsOptions) {}

  get available(): boolean {
    return this.options.databasePath !== ':memory:';
  }

  folder(): string {
    return path.join(path.dirname(path.resolve(this.options.databasePath)), 'backups');
  }

  schedule(): BackupSchedule {
    const read = (key: string, fallback: number) => {
      const n = Number(this.options.settings.get(key));
      return Number.isInteger(n) && n >= 0 ? n : fallback;
    };
    return { everyHours: read('backup.everyHours', defaultSchedule.everyHours), keep: read('backup.keep', defaultSchedule.keep) };
  }

  setSchedule(schedule: BackupSchedule): BackupSchedule {
    this.options.settings.set('backup.everyHours', String(schedule.everyHours));
    this.options.settings.set('backup.keep', String(schedule.keep));
    return this.schedule();
  }

  /** Newest first. */
  list(): DatabaseBackupEntry[] {
    if (!this.available || !fs.existsSync(this.folder())) return [];
    return fs
      .readdirSync(this.folder())
      .map((file) => ({ file, match: NAME.exec(file) }))
      .filter((x): x is { file: string; match: RegExpExecArray } => x.match !== null)
      .map(({ file, match }) => ({
        file,
        kind: match[1] as BackupKind,
        createdAt: match[2]!.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z'),
        bytes: fs.statSync(path.join(this.folder(), file)).size,
      }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.file.localeCompare(a.file));
  }

  async create(kind: BackupKind): Promise<DatabaseBackupEntry> {
    this.requireAvailable();
    ownPrivateDir(this.folder());
    let at = this.options.now();
    let file = fileName(kind, at);
    // Two backups in the same millisecond (tests, a double click) must not overwrite each other.
    while (fs.existsSync(path.join(this.folder(), file))) file = fileName(kind, (at = new Date(at.getTime() + 1)));
    const written = path.join(this.folder(), file);
    await this.options.db.backup(written);
    makePrivate(written);
    // A backup of a damaged database is no backup: check the copy, and keep none that fails.
    if (!isSound(written)) {
      fs.rmSync(written, { force: true });
      throw new DomainError(
        'refused',
        `The backup ${file} did not pass SQLite's quick_check, so it was deleted: the database itself may be damaged. The older backups were kept.`,
        { file },
      );
    }
    return this.list().find((b) => b.file === file)!;
  }

  /** Deletes automatic backups beyond the newest `keep`, never the last sound one; returns the files deleted. */
  prune(keep: number = this.schedule().keep): string[] {
    const all = this.list();
    const automatic = all.filter((b) => b.kind === 'automatic');
    const old = automatic.slice(keep);
    const sound = (b: DatabaseBackupEntry) => isSound(path.join(this.folder(), b.file));
    // If no backup that stays is sound, the newest sound one among those to delete stays too.
    if (!all.filter((b) => !old.includes(b)).some(sound)) {
      const lastGood = old.find(sound);
      if (lastGood) old.splice(old.indexOf(lastGood), 1);
    }
    for (const b of old) fs.rmSync(path.join(this.folder(), b.file), { force: true });
    return old.map((b) => b.file);
  }

  /** Makes an automatic backup when the newest is older than the schedule says (and there is data). */
  async runIfDue(): Promise<DatabaseBackupEntry | null> {
    const { everyHours, keep } = this.schedule();
    if (!this.available || everyHours === 0) return null;
    const newest = this.list().find((b) => b.kind === 'automatic');
    const due = !newest || this.options.now().getTime() - Date.parse(newest.createdAt) >= everyHours * 3600_000;
    const hasData = (this.options.db.prepare<[], number>(`SELECT count(*) FROM organizations`).pluck().get() ?? 0) > 0;
    if (!due || !hasData) return null;
    const made = await this.create('automatic');
    this.prune(keep);
    return made;
  }

  /** Checks now and then whether a backup is due; the timers never keep the process alive. */
  start(): void {
    if (this.timers.length > 0 || !this.available) return;
    const tick = () => {
      this.running ??= this.runIfDue()
        .catch((error: unknown) => console.error(`Automatic database backup failed: ${(error as Error).message}`))
        .finally(() => (this.running = null));
    };
    this.timers = [setTimeout(tick, FIRST_CHECK_MS), setInterval(tick, CHECK_EVERY_MS)];
    for (const timer of this.timers) timer.unref();
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /**
   * Replaces the live database with a backup. The current one is backed up first ("before-restore"); the
   * backup is checked before anything is touched; a backup from an older schema is migrated after.
   */
  async restore(file: string): Promise<{ restored: DatabaseBackupEntry; safetyBackup: DatabaseBackupEntry }> {
    this.requireAvailable();
    const entry = this.list().find((b) => b.file === file);
    if (!entry)
      throw new DomainError('not_found', `There is no database backup named "${file}" in ${this.folder()}`, { path: ['file'], file });
    const source = path.join(this.folder(), entry.file);
    checkBackup(source);
    const safetyBackup = await this.create('before-restore');
    const { db } = this.options;
    const generation = routingGeneration(db);
    const activations = activationGeneration(db)();
    const from = new Database(source, { readonly: true, fileMustExist: true });
    try {
      // All remaining pages in one step after the first: the window in which the live database is locked
      // by the copy stays as short as the event loop allows.
      await from.backup(path.resolve(this.options.databasePath), { progress: () => 0x7fffffff });
    } finally {
      from.close();
    }
    await migrate(db, this.options.databasePath, migrations, this.options.now);
    // The runtime's routing cache keys on this counter; restored data must never look unchanged.
    if (generation !== null)
      db.prepare(`UPDATE routing_generation SET n = ? WHERE id = 1`).run(generation + (routingGeneration(db) ?? 0) + 1);
    // So does every activation grid kept in memory (activation-grids.ts), keyed on the activations' own counter.
    if (activations !== null)
      db.prepare(`UPDATE routing_generation SET activations = ? WHERE id = 1`).run(activations + (activationGeneration(db)() ?? 0) + 1);
    return { restored: entry, safetyBackup };
  }

  private requireAvailable(): void {
    if (!this.available) throw new DomainError('refused', 'This database lives in memory: there is no file to back up or restore', {});
  }
}

function fileName(kind: BackupKind, at: Date): string {
  return `flow-admin-${kind}-${at.toISOString().replace(/[:.]/g, '-')}.db`;
}

function routingGeneration(db: SqliteDatabase): number | null {
  try {
    return db.prepare<[], number>(`SELECT n FROM routing_generation WHERE id = 1`).pluck().get() ?? null;
  } catch {
    return null;
  }
}

/** @throws DomainError when the file is not a sound Flow Admin database this app can open */
function checkBackup(file: string): void {
  let probe: SqliteDatabase | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const ok = probe.pragma('integrity_check', { simple: true });
    if (ok !== 'ok')
      throw new DomainError('refused', `The backup ${path.basename(file)} is damaged (${String(ok)}); nothing was restored`, { file });
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new DomainError(
        'refused',
        `The backup ${path.basename(file)} was written by a newer Flow Admin (schema ${version}; this one knows up to ${latestSchemaVersion}); nothing was restored`,
        { file },
      );
    }
    if (version < 1)
      throw new DomainError('refused', `${path.basename(file)} is not a Flow Admin database; nothing was restored`, { file });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'refused',
      `The backup ${path.basename(file)} cannot be opened (${(error as Error).message}); nothing was restored`,
      { file },
    );
  } finally {
    probe?.close();
  }
}
