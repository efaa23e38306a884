import type { HistoryPurgeStore } from '../store/history-purge-store';
import type { GroupCommit } from './group-commit';

/**
 * Runs and trigger events (together) per purge transaction. A deleted store's runs lie one per page among the other
 * stores' (each takes its steps, deliveries and index entries with it): at 1,000,000 runs over 1,000 stores a chunk
 * of 1,000 took 156 ms (median; up to 515 ms), one of 250 46 ms (up to 156 ms), 19 ms (up to 86 ms) once a deleted
 * organization's runs went by runs_by_organization (docs/performance.md, "Deleted stores' history"). The intake's
 * commits wait for at most one chunk.
 */
export const HISTORY_PURGE_CHUNK = 250;

/**
 * Purges the history of deleted stores (migration 20) a chunk per transaction, in the group commit, so trigger
 * intake goes on between chunks. The queue is in the database: a purge stopped by a quit or a crash goes on at the
 * next start. Returns how many runs and events went.
 */
export async function purgeDeletedHistory(purges: HistoryPurgeStore, commit: GroupCommit, chunk = HISTORY_PURGE_CHUNK): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await commit.run(() => purges.purgeChunk(chunk));
    if (deleted === null) return total;
    total += deleted;
  }
}
