import type { Database } from 'better-sqlite3';
import { quickCheckInWorker } from './integrity-check';
import { newestGoodBackup, StartupError, startupErrorFor } from './startup-check';

export interface BackgroundCheck {
  /** Resolves once the file passed and may be written; rejects with StartupError 'damaged' when it did not. */
  checked: Promise<void>;
  /** Closing first: ends the worker (`checked` then rejects, saying so). */
  stop(): void;
}

/**
 * The start-up check of an up-to-date file (opened query_only by openDatabase's checkOffPath), off the path to the
 * first answer: PRAGMA quick_check on its own connection in a worker thread. Only when it passed is the connection
 * let write (and `passed` run, the first write); a damaged file stays unwritten and is refused with the same
 * StartupError as a check on the path: where the damage is and the newest sound backup.
 */
export function checkInBackground(
  db: Database,
  databasePath: string,
  options: { nativeBinding?: string | undefined; hold?: Promise<unknown> | undefined; passed: () => void },
): BackgroundCheck {
  const run = quickCheckInWorker(databasePath, options.nativeBinding);
  const checked = (async () => {
    let finding: string;
    try {
      [finding] = await Promise.all([run.result, options.hold]);
    } catch (error) {
      throw startupErrorFor(databasePath, error) ?? error;
    }
    if (finding !== 'ok') throw new StartupError(databasePath, 'damaged', `quick_check: ${finding}`, newestGoodBackup(databasePath));
    if (!db.open) throw new Error('closed before the integrity check finished');
    db.pragma('query_only = OFF');
    options.passed();
  })();
  // Seen by whoever awaits it (startBackgroundWork, the API's changes); not an unhandled rejection meanwhile.
  checked.catch(() => {});
  return { checked, stop: run.stop };
}
