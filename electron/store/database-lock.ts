import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makePrivateDir } from './private-files';

/**
 * One writer per database file. The desktop app and browser mode open the same file by default; two of them
 * would each run a delivery worker over one outbox and send deliveries twice. The lock is a file beside the
 * database (`flow-admin.db.lock`, 0600) created exclusively, holding who has it, so the second one is told
 * which program holds the database. A lock left by a process that died (kill -9, a crash) is taken over:
 * its process no longer exists on this computer.
 */
export interface LockHolder {
  pid: number;
  host: string;
  /** Which program: "the desktop app", "browser mode (npm run web)". */
  program: string;
  since: string;
}

export interface DatabaseLock {
  readonly file: string;
  release(): void;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly databasePath: string,
    readonly lockFile: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `${holder.program}, process ${holder.pid}${holder.host === os.hostname() ? ' on this computer' : ` on ${holder.host}`}, since ${holder.since}`
      : `another program (its lock file ${lockFile} cannot be read)`;
    super(
      `${databasePath} is already open in Flow Admin: ${who}. Close that one first, or open another database. ` +
        `Two programs writing one database would send deliveries twice. If no Flow Admin is running, delete ${lockFile}.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

export function lockFileFor(databasePath: string): string {
  return `${databasePath}.lock`;
}

export function acquireDatabaseLock(databasePath: string, program: string): DatabaseLock {
  const file = lockFileFor(databasePath);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), program, since: new Date().toISOString() };
  makePrivateDir(path.dirname(path.resolve(databasePath)));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return { file, release: () => releaseIfMine(file, me) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder === undefined) continue; // gone meanwhile: try again
    if (holder === null || !isStale(holder)) throw new DatabaseLockedError(databasePath, file, holder);
    // Its process is gone. Move the stale file aside (only one taker's rename succeeds), then try again.
    try {
      fs.renameSync(file, `${file}.stale-${process.pid}`);
      fs.rmSync(`${file}.stale-${process.pid}`, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new DatabaseLockedError(databasePath, file, readHolder(file) ?? null);
}

/** undefined: no lock file; null: one that cannot be read (held, as far as anyone can tell). */
function readHolder(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return null;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : null;
  } catch {
    return null;
  }
}

/** Only a lock from this computer can be known stale: a process id means nothing on another host. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function releaseIfMine(file: string, me: LockHolder): void {
  const holder = readHolder(file);
  if (holder && holder.pid === me.pid && holder.since === me.since) fs.rmSync(file, { force: true });
}
