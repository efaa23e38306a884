import type { Database } from 'better-sqlite3';

/**
 * A deleted store's history (its runs with their steps and deliveries, its trigger events) is queued for the
 * runtime's purge (runtime/history-purge.ts, migration 20) in the deletion's transaction, instead of deleted there:
 * deleting 980,000 runs held the main thread and the write lock for 27 s. The marks are the tables' highest rowids
 * now: only rows at or below them are the deleted store's (a store given the same id again keeps its new ones).
 * A store deleted again before its purge is done keeps one entry, with the higher marks.
 */
const queue = (stores: string) => `
  INSERT INTO history_purges (store_id, runs_through_rowid, events_through_rowid, queued_at)
    SELECT id, (SELECT coalesce(max(rowid), 0) FROM runs), (SELECT coalesce(max(rowid), 0) FROM trigger_events), @at
    FROM stores WHERE ${stores}
  ON CONFLICT (store_id) DO UPDATE SET runs_through_rowid = max(runs_through_rowid, excluded.runs_through_rowid),
    events_through_rowid = max(events_through_rowid, excluded.events_through_rowid), queued_at = excluded.queued_at`;

/**
 * Deliveries still to be sent for the stores' runs go at once (few: those the outbox has not finished), by the
 * outbox's index of due deliveries: nothing is sent for a deleted store, as when its runs went with it.
 */
const dropUnsent = (stores: string) => `
  DELETE FROM outbox INDEXED BY outbox_due WHERE state IN ('pending', 'accepted') AND store_id IN (SELECT id FROM stores WHERE ${stores})`;

/** Queues the store's history for the purge. In the caller's transaction, before the store's row goes. */
export function queueStoreHistory(db: Database, storeId: string, at: string): void {
  db.prepare(queue('id = @storeId')).run({ storeId, at });
  db.prepare(dropUnsent('id = @storeId')).run({ storeId });
}

/** Queues every store's history of the organization (an entry per store). In the caller's transaction, before the organization's row goes. */
export function queueOrganizationHistory(db: Database, organizationId: string, at: string): void {
  db.prepare(queue('organization_id = @organizationId')).run({ organizationId, at });
  db.prepare(dropUnsent('organization_id = @organizationId')).run({ organizationId });
}
