import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/**
 * How many WAL pages the runtime's own connection lets gather before it checkpoints by itself: a backstop for
 * when the checkpointer thread falls behind, which keeps the WAL file bounded (~16 MB).
 */
export const RUNTIME_WAL_AUTOCHECKPOINT_PAGES = 4000;
const INTERVAL_MS = 20;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Copies the WAL back into the database file from a thread of its own, so the runtime's thread does not.
 *
 * At SQLite's default (a checkpoint by the committing connection once the WAL holds 1,000 pages), the intake
 * wrote ~400 pages per batch of 32 events and so paid a checkpoint every two or three commits: the pages
 * copied into the file and its sync, 35 ms each on this disk (5 ms of it CPU), while no request was read and
 * no answer sent. Here a connection in another thread checkpoints (PASSIVE: it never blocks the writer) every
 * few milliseconds while there is something to copy; the runtime's connection keeps checkpointing itself only
 * past RUNTIME_WAL_AUTOCHECKPOINT_PAGES. Durability does not change: each commit still syncs the WAL
 * (`synchronous = FULL`) before anything is acknowledged; a checkpoint only copies what is already durable.
 */
export function startWalCheckpointer(runtimeDb: Database, databasePath: string, nativeBinding?: string): WalCheckpointer {
  runtimeDb.pragma(`wal_autocheckpoint = ${RUNTIME_WAL_AUTOCHECKPOINT_PAGES}`);
  // Plain JavaScript (no tsx, no build step of its own); better-sqlite3 resolved here, where it is found.
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.module);
    const db = new Database(workerData.path, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
    db.pragma('busy_timeout = 1000');
    db.pragma('wal_autocheckpoint = 0');
    let timer = null;
    const tick = () => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ }
      timer = setTimeout(tick, workerData.intervalMs);
    };
    tick();
    parentPort.on('message', () => { clearTimeout(timer); db.close(); parentPort.close(); });`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { module: require.resolve('better-sqlite3'), path: databasePath, nativeBinding, intervalMs: INTERVAL_MS },
  });
  // A checkpointer that fails leaves the runtime's own connection to checkpoint, as it did before.
  worker.on('error', () => runtimeDb.pragma('wal_autocheckpoint = 1000'));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
