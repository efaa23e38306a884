import type { HistoryPurgeStore } from '../store/history-purge-store';
import type { GroupCommit } from './group-commit';

/**
 * Runs and trigger events (together) per purge transaction. Each run takes its steps and deliveries with it, and
 * every row its index entries: 1,000 runs of 3 steps and a delivery are ~7,000 row deletions
 * (docs/performance.md, "Deleted stores' history": the chunk's time at 1,000,000 runs).
 */
export const HISTORY_PURGE_CHUNK = 1_000;

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
