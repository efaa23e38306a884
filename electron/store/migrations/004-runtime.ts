import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * The local Flow runtime: trigger events received, runs with their steps, the outbox of deliveries to
 * apps, each installation's endpoint and signing secret, scheduled-trigger bookkeeping, and a routing
 * generation counter that the database itself bumps whenever anything that decides "which workflows run
 * in which store" changes, so the runtime's routing cache can never go stale, whoever made the change.
 */
export const routingTables = ['stores', 'installations', 'connections', 'workflows', 'activations'] as const;

export function createRoutingTriggers(db: Database, tables: readonly string[]): void {
  for (const table of tables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TRIGGER IF NOT EXISTS routing_generation_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
        BEGIN UPDATE routing_generation SET n = n + 1 WHERE id = 1; END;`);
    }
  }
}

export const migration004: Migration = {
  version: 4,
  name: 'runtime: trigger events, runs, outbox, app endpoints, schedules',
  up(db) {
    db.exec(`
      CREATE TABLE routing_generation (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        n   INTEGER NOT NULL
      ) STRICT;
      INSERT INTO routing_generation (id, n) VALUES (1, 0);

      -- Where Flow Admin delivers an app's actions for one installation, and the secret both sides sign
      -- with (triggers in, actions out). Goes with the installation: uninstalling removes it.
      CREATE TABLE app_endpoints (
        store_id          TEXT NOT NULL,
        app_id            TEXT NOT NULL,
        url               TEXT NOT NULL,
        secret_encrypted  BLOB NOT NULL,
        updated_at        TEXT NOT NULL,
        PRIMARY KEY (store_id, app_id),
        FOREIGN KEY (store_id, app_id) REFERENCES installations (store_id, app_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      -- Every accepted trigger event: from an app, a test, the scheduler.
      CREATE TABLE trigger_events (
        id              TEXT PRIMARY KEY,
        store_id        TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        app_id          TEXT NOT NULL,
        trigger_handle  TEXT NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('app', 'test', 'schedule')),
        payload         TEXT NOT NULL,
        received_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX trigger_events_by_time ON trigger_events (received_at);
      CREATE INDEX trigger_events_by_store ON trigger_events (store_id, received_at);

      -- The scalar values of the trigger's data of events that started runs, to find runs by an order
      -- ID or a customer email without scanning every payload.
      CREATE TABLE trigger_event_values (
        value     TEXT NOT NULL COLLATE NOCASE,
        event_id  TEXT NOT NULL REFERENCES trigger_events (id) ON DELETE CASCADE,
        PRIMARY KEY (value, event_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX trigger_event_values_by_event ON trigger_event_values (event_id);

      CREATE TABLE runs (
        id                TEXT PRIMARY KEY,
        workflow_id       TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
        workflow_version  INTEGER NOT NULL,
        store_id          TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        event_id          TEXT NOT NULL REFERENCES trigger_events (id) ON DELETE CASCADE,
        status            TEXT NOT NULL CHECK (status IN
                            ('running', 'waiting', 'succeeded_with_actions', 'succeeded_without_actions', 'has_errors')),
        started_at        TEXT NOT NULL,
        finished_at       TEXT,
        -- A wait step pauses the run until then (epoch ms).
        resume_at         INTEGER,
        replay_of         TEXT
      ) STRICT;
      CREATE INDEX runs_by_time ON runs (started_at);
      CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at);
      CREATE INDEX runs_by_store ON runs (store_id, started_at);
      CREATE INDEX runs_by_event ON runs (event_id);
      CREATE INDEX runs_waiting ON runs (resume_at) WHERE resume_at IS NOT NULL;

      -- Each condition, action, loop and wait a run reached, in order.
      CREATE TABLE run_steps (
        run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        step_id      TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('condition', 'action', 'foreach', 'wait', 'skipped')),
        iteration    INTEGER,
        app_id       TEXT,
        handle       TEXT,
        status       TEXT NOT NULL CHECK (status IN
                       ('pending', 'queued', 'accepted', 'succeeded', 'recorded', 'failed', 'skipped')),
        inputs       TEXT,
        outputs      TEXT,
        error        TEXT,
        attempts     INTEGER NOT NULL DEFAULT 0,
        started_at   TEXT,
        finished_at  TEXT,
        PRIMARY KEY (run_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- Deliveries of actions to apps. A row is written in the same transaction as its run, and leaves
      -- 'pending'/'accepted' only when the app answered for good: nothing is lost if the app is down or
      -- Flow Admin quits. action_run_id is the app's idempotency key: every retry carries the same one.
      CREATE TABLE outbox (
        action_run_id    TEXT PRIMARY KEY,
        run_id           TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step_seq         INTEGER NOT NULL,
        store_id         TEXT NOT NULL,
        app_id           TEXT NOT NULL,
        body             TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'delivered', 'failed')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        polls            INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER NOT NULL,
        first_accepted_at INTEGER,
        last_status      INTEGER,
        last_error       TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state IN ('pending', 'accepted');
      CREATE INDEX outbox_by_run ON outbox (run_id, step_seq);

      -- The last slot each scheduled trigger fired for, per store (epoch ms), so slots missed while
      -- Flow Admin was closed are caught up once at start.
      CREATE TABLE scheduled_triggers (
        store_id        TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
        app_id          TEXT NOT NULL,
        trigger_handle  TEXT NOT NULL,
        last_slot_at    INTEGER NOT NULL,
        PRIMARY KEY (store_id, app_id, trigger_handle)
      ) STRICT, WITHOUT ROWID;
    `);
    createRoutingTriggers(db, routingTables);
  },
};
