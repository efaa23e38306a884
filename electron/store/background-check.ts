import type { Database } from 'better-sqlite3';
import { quickCheckInWorker, type IntegrityCheckRun } from './integrity-check';
import { newestGoodBackup, StartupError, startupErrorFor } from './startup-check';

export interface BackgroundCheck {
  /** Resolves once the file passed and may be written; rejects with StartupError 'damaged' when it did not. */
  checked: Promise<void>;
  /** Starts the check now if it has not started (a change waits for it, or the first read was answered). */
  begin(): void;
  /** Closing first: ends the worker (`checked` then rejects, saying so). */
  stop(): void;
}

/**
 * The start-up check of an up-to-date file (opened query_only by openDatabase's checkOffPath), off the path to the
 * first answer: PRAGMA quick_check on its own connection in a worker thread. Only when it passed is the connection
 * let write (and `passed` run, the first write); a damaged file stays unwritten and is refused with the same
 * StartupError as a check on the path: where the damage is and the newest sound backup.
 * It starts once the first read was answered, when something waits for it (a change), or after `startAfterMs`,
 * whichever comes first: on a busy machine (no core to spare) a check reading the whole file beside the first
 * read slowed that read (1.14x at load 6, alternated with the check on the path).
 */
export function checkInBackground(
  db: Database,
  databasePath: string,
  options: { nativeBinding?: string | undefined; hold?: Promise<unknown> | undefined; passed: () => void; startAfterMs: number },
): BackgroundCheck {
  let run: IntegrityCheckRun | null = null;
  let stopped = false;
  let begin!: () => void;
  const begun = new Promise<void>((resolve) => (begin = resolve));
  const timer = setTimeout(begin, options.startAfterMs);
  timer.unref?.();
  const checked = (async () => {
    await begun;
    clearTimeout(timer);
    if (stopped) throw new Error('closed before the integrity check finished');
    run = quickCheckInWorker(databasePath, options.nativeBinding);
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
  return {
    checked,
    begin,
    stop: () => {
      stopped = true;
      begin();
      run?.stop();
    },
  };
}
