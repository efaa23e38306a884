import type { Database } from 'better-sqlite3';

/**
 * A stamp that changes whenever anything a status depends on changes: the database's own counter
 * (routing_generation, bumped by triggers on stores, installations, connections, workflows and activations,
 * whoever writes, and moved on by a restore), so caches keyed on it are never stale. Runs and audit entries
 * do not move it: the status grid survives a busy runtime. Without that table (an old schema), any change
 * by this connection or another one moves the stamp.
 */
export function statusGeneration(db: Database): () => string {
  let counter: (() => number) | null = null;
  try {
    const statement = db.prepare<[], number>(`SELECT n FROM routing_generation WHERE id = 1`).pluck();
    counter = () => statement.get() ?? 0;
  } catch {
    counter = null;
  }
  const changes = db.prepare<[], number>(`SELECT total_changes()`).pluck();
  return counter ? () => `g${counter!()}` : () => `c${db.pragma('data_version', { simple: true }) as number}:${changes.get() ?? 0}`;
}

/**
 * The database's counter of writes to `activations` alone (routing_generation.activations, bumped by the same
 * triggers, moved on by a restore): while it is unchanged, activation bytes read at that value are still true.
 * Null without that column (an old schema): then nothing may be reused.
 */
export function activationGeneration(db: Database): () => number | null {
  try {
    const statement = db.prepare<[], number>(`SELECT activations FROM routing_generation WHERE id = 1`).pluck();
    return () => statement.get() ?? null;
  } catch {
    return () => null;
  }
}
