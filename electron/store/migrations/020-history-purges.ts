import type { Migration } from './migration';

/**
 * A deleted store's history (its runs, with their steps and deliveries, and its trigger events) is purged by the
 * runtime a chunk at a time (runtime/history-purge.ts) instead of inside the deletion's transaction, which held the
 * main thread and the write lock for 27 s for an organization of 980,000 runs. `history_purges` is that queue: one
 * row per deleted store, with the highest rowids of `runs` and `trigger_events` when it went. Only rows at or below
 * those marks are the deleted store's: a store given the same id again (an import of the same organization) keeps
 * what it records afterwards, and readers hide the rows at or below the marks meanwhile (RunStore).
 * A deletion that removes the highest rowid lowers the marks above what is left (the triggers below, as the lagging
 * indexes' in 18 and 19): SQLite hands out max(rowid) + 1 again, and a new row must never be taken for a purged one.
 */
export const migration020: Migration = {
  version: 20,
  name: 'history purges of deleted stores',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS history_purges (
        store_id              TEXT PRIMARY KEY,
        runs_through_rowid    INTEGER NOT NULL,
        events_through_rowid  INTEGER NOT NULL,
        queued_at             TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER IF NOT EXISTS history_purges_below_top_run AFTER DELETE ON runs BEGIN
        UPDATE history_purges SET runs_through_rowid = (SELECT coalesce(max(rowid), 0) FROM runs)
          WHERE runs_through_rowid > (SELECT coalesce(max(rowid), 0) FROM runs);
      END;
      CREATE TRIGGER IF NOT EXISTS history_purges_below_top_event AFTER DELETE ON trigger_events BEGIN
        UPDATE history_purges SET events_through_rowid = (SELECT coalesce(max(rowid), 0) FROM trigger_events)
          WHERE events_through_rowid > (SELECT coalesce(max(rowid), 0) FROM trigger_events);
      END;
    `);
  },
};
