import type { Migration } from './migration';

/**
 * Deliveries by store: readiness (readiness-store.ts) reads, per store and app, the last delivery that went
 * through and the failures after it, on every status request. Without this index that read scanned the whole
 * outbox twice. Partial: only finished deliveries, the ones readiness reads, so rows being retried do not
 * move it. ANALYZE afterwards gives the planner its statistics (as 10 does).
 */
export const migration012: Migration = {
  version: 12,
  name: 'outbox by store',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS outbox_by_store ON outbox (store_id, app_id, state, updated_at)
        WHERE state IN ('delivered', 'failed');
      ANALYZE outbox;
    `);
  },
};
