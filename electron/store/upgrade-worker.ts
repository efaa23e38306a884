import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { quickCheck } from './startup-check';
import type { FromUpgradeWorker, UpgradeWorkerData } from './upgrade-thread';

/**
 * The worker thread an upgrade runs in (upgrade-thread.ts): its own connection, the same pragmas and order as
 * openDatabase (check first, then the backup and every pending step in one transaction, then WAL), telling the
 * main thread how far it is. A kill -9 meanwhile leaves the file as it was: the steps commit together or not at all.
 */
const data = workerData as UpgradeWorkerData;
const post = (message: FromUpgradeWorker) => parentPort!.postMessage(message);

async function upgrade(): Promise<void> {
  const db = new Database(data.databasePath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const finding = quickCheck(db);
    if (finding !== 'ok') return post({ type: 'damaged', finding });
    const report = await migrate(
      db,
      data.databasePath,
      migrations,
      () => new Date(data.now),
      (progress) => post({ type: 'progress', progress }),
    );
    db.pragma('journal_mode = WAL');
    post({ type: 'done', report });
  } finally {
    db.close();
  }
}

upgrade().catch((error: unknown) => {
  const e = error as { name?: string; message?: string; code?: string; found?: number; supported?: number };
  post({
    type: 'failed',
    name: e.name ?? 'Error',
    message: e.message ?? String(error),
    ...(e.code ? { code: e.code } : {}),
    ...(e.found !== undefined && e.supported !== undefined ? { found: e.found, supported: e.supported } : {}),
  });
});
