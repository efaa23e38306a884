import type { RunStore } from '../store/run-store';
import type { GroupCommit } from './group-commit';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 2_000;

/**
 * Deletes trigger events older than the retention period, with their runs, steps and deliveries, a chunk
 * per transaction so the app stays responsive during a large purge.
 */
export async function purgeOldRuns(runs: RunStore, commit: GroupCommit, nowMs: number, retentionDays: number): Promise<number> {
  const before = new Date(nowMs - retentionDays * DAY_MS).toISOString();
  let total = 0;
  for (;;) {
    const deleted = await commit.run(() => runs.purgeChunk(before, CHUNK));
    total += deleted;
    if (deleted < CHUNK) break;
  }
  // A large purge changes what the runs indexes hold: let SQLite refresh its statistics where it sees fit.
  if (total >= CHUNK) runs.optimize();
  return total;
}
