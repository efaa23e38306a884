import type { Migration } from './migration';

/**
 * Scheduled-trigger bookkeeping per workflow. Shopify's "Scheduled time" trigger has each workflow's own time
 * and repeat, so its last fired slot is kept per (store, trigger, workflow); the catalog's fixed schedules
 * (daily triggers, birthdays) keep theirs per (store, trigger), as `workflow_id` ''. The key changes, so the
 * table is rebuilt (SQLite cannot alter a primary key); existing rows are kept as they were.
 */
export const migration005: Migration = {
  version: 5,
  name: 'scheduled triggers: bookkeeping per workflow for Shopify’s scheduled time',
  up(db) {
    db.exec(`
      CREATE TABLE scheduled_triggers_v5 (
        store_id        TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        app_id          TEXT NOT NULL,
        trigger_handle  TEXT NOT NULL,
        -- '' for a trigger fired on the catalog's schedule, for every workflow on it at once.
        workflow_id     TEXT NOT NULL DEFAULT '',
        last_slot_at    INTEGER NOT NULL,
        -- Per workflow: its first slot in the store, which gives the weekday (weekly), the day of the month
        -- (monthly) or the one time (does not repeat).
        first_slot_at   INTEGER,
        -- Per workflow: the settings the slots were counted for ("14:30 weekly"); other settings start over.
        settings        TEXT,
        PRIMARY KEY (store_id, app_id, trigger_handle, workflow_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO scheduled_triggers_v5 (store_id, app_id, trigger_handle, workflow_id, last_slot_at)
        SELECT store_id, app_id, trigger_handle, '', last_slot_at FROM scheduled_triggers;
      DROP TABLE scheduled_triggers;
      ALTER TABLE scheduled_triggers_v5 RENAME TO scheduled_triggers;
    `);
  },
};
