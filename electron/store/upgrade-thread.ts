import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatabaseTooNewError, type MigrationReport, type UpgradeProgress } from './migrate';
import { newestGoodBackup, StartupError, startupErrorFor } from './startup-check';

export interface UpgradeWorkerData {
  databasePath: string;
  nativeBinding?: string;
  /** The time the backup made before migrating is named after (ISO). */
  now: string;
}

export type FromUpgradeWorker =
  | { type: 'progress'; progress: UpgradeProgress }
  | { type: 'done'; report: MigrationReport }
  | { type: 'damaged'; finding: string }
  | { type: 'failed'; name: string; message: string; code?: string; found?: number; supported?: number };

/**
 * Checks and upgrades a database in a worker thread (upgrade-worker.ts), so a long upgrade (migration 016: ~5 s
 * per 200,000 trigger events) leaves the thread serving the window free to say how far it is. Rejects with the
 * same errors as openDatabase on this thread: StartupError (damaged, not a database), DatabaseTooNewError.
 */
export function upgradeInWorker(
  databasePath: string,
  options: { nativeBinding?: string | undefined; now: Date; onProgress?: ((progress: UpgradeProgress) => void) | undefined },
): Promise<MigrationReport> {
  const data: UpgradeWorkerData = {
    databasePath,
    now: options.now.toISOString(),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  const worker = spawnUpgradeWorker(data);
  return new Promise<MigrationReport>((resolve, reject) => {
    worker.on('message', (message: FromUpgradeWorker) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') resolve(message.report);
      else if (message.type === 'damaged')
        reject(new StartupError(databasePath, 'damaged', `quick_check: ${message.finding}`, newestGoodBackup(databasePath)));
      else if (message.name === 'DatabaseTooNewError') reject(new DatabaseTooNewError(databasePath, message.found!, message.supported!));
      else {
        const error = Object.assign(new Error(message.message), { code: message.code });
        reject(startupErrorFor(databasePath, error) ?? error);
      }
    });
    worker.on('error', reject);
    // After an answer this changes nothing (a promise settles once).
    worker.on('exit', (code) => reject(new Error(`the upgrade's worker thread exited (code ${code}) before it finished`)));
  });
}

/** The built worker (build/electron/store/upgrade-worker.js), or the source one through tsx (tests, npm run bench). */
function spawnUpgradeWorker(data: UpgradeWorkerData): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'upgrade-worker.js'), { workerData: data });
  const source = path.join(__dirname, 'upgrade-worker.ts');
  const tsx = require.resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true, workerData: data });
}
