import type { Database } from 'better-sqlite3';

/**
 * A store's runtime history (its trigger events and runs; the runs' steps and deliveries go with them by their
 * foreign keys on the run) deleted by the store's deletion itself, since migration 19 dropped the foreign keys that
 * cascaded it: each part by its lagging index by store, then the rows above that index's mark by rowid. In the
 * caller's transaction, before the store's row goes.
 */
export function deleteStoreHistory(db: Database, storeId: string): void {
  db.prepare(`DELETE FROM runs WHERE id IN (SELECT run_id FROM runs_indexed_by_store WHERE store_id = ?)`).run(storeId);
  db.prepare(`DELETE FROM runs WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs') AND store_id = ?`).run(
    storeId,
  );
  db.prepare(`DELETE FROM trigger_events WHERE rowid IN (SELECT event_rowid FROM trigger_events_indexed_by_store WHERE store_id = ?)`).run(
    storeId,
  );
  db.prepare(
    `DELETE FROM trigger_events WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'trigger_events') AND store_id = ?`,
  ).run(storeId);
}

/**
 * Every store's history of an organization: its runs in one go by runs_by_organization, its events store by store
 * through their lagging index and then those above its mark (one pass over them for all stores). In the caller's
 * transaction, before the organization's row (and with it its stores) goes.
 */
export function deleteOrganizationHistory(db: Database, organizationId: string): void {
  db.prepare(`DELETE FROM runs WHERE organization_id = ?`).run(organizationId);
  db.prepare(
    `DELETE FROM trigger_events WHERE rowid IN (
       SELECT x.event_rowid FROM stores s CROSS JOIN trigger_events_indexed_by_store x ON x.store_id = s.id WHERE s.organization_id = ?)`,
  ).run(organizationId);
  db.prepare(
    `DELETE FROM trigger_events WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'trigger_events')
       AND store_id IN (SELECT id FROM stores WHERE organization_id = ?)`,
  ).run(organizationId);
}
