import { Worker } from 'node:worker_threads';

/** A quick_check running in its own worker thread: `result` is its finding ('ok', or where the damage is). */
export interface IntegrityCheckRun {
  result: Promise<string>;
  /** Ends the worker (closing before the check finished); `result` then rejects, saying so. */
  stop(): void;
}

/**
 * Plain JavaScript (no tsx to register: the worker starts in tens of milliseconds): opens its own read-only
 * connection and runs the same PRAGMA quick_check(5) as startup-check.ts, so the thread serving the UI never
 * waits for the whole file to be read.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  // quick_check reads each page about once: a 1 MB page cache instead of 16 MB keeps ~16 MB of the allocator's
  // memory from this thread, and the check was no slower for it (docs/performance-organization.md).
  db.pragma('cache_size = -1000');
  const rows = db.pragma('quick_check(5)');
  parentPort.postMessage({ result: rows.map((r) => r.quick_check).join('; ') });
} catch (error) {
  parentPort.postMessage({ error: { message: String(error && error.message || error), code: error && error.code } });
} finally {
  if (db) db.close();
}
`;

/** Starts PRAGMA quick_check on `databasePath` in a worker thread. */
export function quickCheckInWorker(databasePath: string, nativeBinding?: string): IntegrityCheckRun {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file: databasePath, module: require.resolve('better-sqlite3'), ...(nativeBinding ? { nativeBinding } : {}) },
  });
  let stopped = false;
  const result = new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { result?: string; error?: { message: string; code?: string } }) => {
      if (message.error) reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else resolve(message.result!);
    });
    worker.once('error', reject);
    // After an answer this changes nothing (a promise settles once).
    worker.once('exit', (code) =>
      reject(
        new Error(
          stopped
            ? 'closed before the integrity check finished'
            : `the integrity check's worker thread exited (code ${code}) before it answered`,
        ),
      ),
    );
  });
  return {
    result,
    stop: () => {
      stopped = true;
      void worker.terminate();
    },
  };
}
