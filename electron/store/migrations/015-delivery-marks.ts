import type { Migration } from './migration';

/**
 * A delivery that goes through no longer moves an index. Readiness (readiness-store.ts) counts, per store and app,
 * the deliveries that failed after the last one that went through; migration 12 served it with an index of every
 * finished delivery by (store, app, state, updated_at), so each delivered row put an entry at its store's place
 * in it: 11.5 of the 55 WAL pages a batch of 48 answers wrote (test/bench/delivery-pages.ts), more with more
 * stores. Now the index holds failed deliveries only (few), and `delivery_marks` keeps, per (store, app), the time
 * of a delivery that went through after failures: written only when a delivery goes through while failures newer
 * than the mark exist, so the common delivery writes nothing here. A failure counts while it is newer than the
 * mark, as it did while it was newer than the last delivery that went through.
 */
export const migration015: Migration = {
  version: 15,
  name: 'delivery marks: failed deliveries by store, the last that went through after them',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS delivery_marks (
        store_id    TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        app_id      TEXT NOT NULL,
        through_at  TEXT NOT NULL,
        PRIMARY KEY (store_id, app_id)
      ) STRICT, WITHOUT ROWID;
      INSERT OR REPLACE INTO delivery_marks (store_id, app_id, through_at)
        SELECT store_id, app_id, MAX(updated_at) FROM outbox
        WHERE state = 'delivered' AND store_id IN (SELECT id FROM stores) GROUP BY store_id, app_id;
      DROP INDEX IF EXISTS outbox_by_store;
      CREATE INDEX IF NOT EXISTS outbox_failed_by_store ON outbox (store_id, app_id, updated_at) WHERE state = 'failed';
      ANALYZE outbox;
    `);
  },
};
