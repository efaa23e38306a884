import type { Migration } from './migration';

/**
 * The event ids apps send with each trigger (X-Flow-Admin-Event-Id), kept for the replay window: the same
 * id again is acknowledged with the first event's answer and starts no second run, as Shopify de-duplicates
 * webhooks by their id. Rows older than the window are deleted as new ones come in.
 */
export const migration009: Migration = {
  version: 9,
  name: 'trigger event ids for the replay window',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS trigger_event_ids (
        store_id     TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        app_id       TEXT NOT NULL,
        event_id     TEXT NOT NULL,
        -- Epoch ms, for pruning.
        received_at  INTEGER NOT NULL,
        -- The first answer (the recorded event and its runs), given again to a repeat.
        answer       TEXT NOT NULL,
        PRIMARY KEY (store_id, app_id, event_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS trigger_event_ids_by_time ON trigger_event_ids (received_at);
    `);
  },
};
