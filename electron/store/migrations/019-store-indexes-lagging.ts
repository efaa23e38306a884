import { dropForeignKey } from '../drop-foreign-key';
import type { Migration } from './migration';

/**
 * Runs and trigger events by store leave the intake's path, as runs by workflow did in migration 18. With 1,000
 * stores `runs_by_store` and `trigger_events_by_store` put each new entry on a random leaf: a commit of 32 events
 * wrote ~32 pages of each (test/bench/intake-pages.ts). Their jobs now:
 *   - the Runs screen's store filter reads `runs_indexed_by_store`, a second lagging index of `runs`, filled by the
 *     same pass and up to the same mark as the one by workflow (RunStore.indexRuns; `lagging_indexes` source 'runs'),
 *     and the runs above the mark by rowid (RunStore.search);
 *   - nothing reads trigger events by store but a store's deletion: `trigger_events_indexed_by_store` holds only
 *     (store, the event's rowid), filled by that pass too, up to a mark of its own (source 'trigger_events'). An event
 *     that started no run has nothing else to be found by.
 * Entries go with their rows (the triggers below, whoever deletes them); a deletion that removes the highest rowid
 * lowers its mark, so a rowid SQLite hands out again is never taken for indexed (as in 18). The foreign keys
 * runs.store_id and trigger_events.store_id → stores go: without an index on the child column each deleted store
 * scanned every run and every event for its cascade (an organization's deletion once per store). A store's deletion
 * deletes its runs and events itself (store-history.ts), in the same transaction; an organization's deletes its
 * runs by runs_by_organization and its events by their stores.
 */
export const migration019: Migration = {
  version: 19,
  name: 'runs and trigger events by store: lagging indexes',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS runs_indexed_by_store (
        store_id    TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        run_id      TEXT NOT NULL,
        PRIMARY KEY (store_id, started_at, run_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS trigger_events_indexed_by_store (
        store_id     TEXT NOT NULL,
        event_rowid  INTEGER NOT NULL,
        PRIMARY KEY (store_id, event_rowid)
      ) STRICT, WITHOUT ROWID;
      -- The runs' index by store up to the runs' mark (the one by workflow's), the events' index up to a mark of its own.
      DELETE FROM runs_indexed_by_store;
      INSERT INTO runs_indexed_by_store (store_id, started_at, run_id)
        SELECT store_id, started_at, id FROM runs
        WHERE rowid <= coalesce((SELECT through_rowid FROM lagging_indexes WHERE source = 'runs'), 0)
        ORDER BY store_id, started_at, id;
      DELETE FROM trigger_events_indexed_by_store;
      INSERT INTO trigger_events_indexed_by_store (store_id, event_rowid)
        SELECT store_id, rowid FROM trigger_events ORDER BY store_id, rowid;
      INSERT OR REPLACE INTO lagging_indexes (source, through_rowid)
        VALUES ('trigger_events', (SELECT coalesce(max(rowid), 0) FROM trigger_events));

      DROP TRIGGER IF EXISTS runs_indexed_go_with_run;
      CREATE TRIGGER runs_indexed_go_with_run AFTER DELETE ON runs BEGIN
        DELETE FROM runs_indexed_by_workflow WHERE workflow_id = old.workflow_id AND started_at = old.started_at AND run_id = old.id;
        DELETE FROM runs_indexed_by_store WHERE store_id = old.store_id AND started_at = old.started_at AND run_id = old.id;
        UPDATE lagging_indexes SET through_rowid = (SELECT coalesce(max(rowid), 0) FROM runs)
          WHERE source = 'runs' AND through_rowid > (SELECT coalesce(max(rowid), 0) FROM runs);
      END;
      DROP TRIGGER IF EXISTS runs_indexed_follow_run;
      CREATE TRIGGER runs_indexed_follow_run AFTER UPDATE OF id, workflow_id, store_id, started_at ON runs BEGIN
        DELETE FROM runs_indexed_by_workflow WHERE workflow_id = old.workflow_id AND started_at = old.started_at AND run_id = old.id;
        DELETE FROM runs_indexed_by_store WHERE store_id = old.store_id AND started_at = old.started_at AND run_id = old.id;
        INSERT OR IGNORE INTO runs_indexed_by_workflow (workflow_id, started_at, run_id)
          SELECT new.workflow_id, new.started_at, new.id WHERE new.rowid <= (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs');
        INSERT OR IGNORE INTO runs_indexed_by_store (store_id, started_at, run_id)
          SELECT new.store_id, new.started_at, new.id WHERE new.rowid <= (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs');
      END;
      CREATE TRIGGER IF NOT EXISTS trigger_events_indexed_go_with_event AFTER DELETE ON trigger_events BEGIN
        DELETE FROM trigger_events_indexed_by_store WHERE store_id = old.store_id AND event_rowid = old.rowid;
        UPDATE lagging_indexes SET through_rowid = (SELECT coalesce(max(rowid), 0) FROM trigger_events)
          WHERE source = 'trigger_events' AND through_rowid > (SELECT coalesce(max(rowid), 0) FROM trigger_events);
      END;
      CREATE TRIGGER IF NOT EXISTS trigger_events_indexed_follow_event AFTER UPDATE OF store_id ON trigger_events BEGIN
        DELETE FROM trigger_events_indexed_by_store WHERE store_id = old.store_id AND event_rowid = old.rowid;
        INSERT OR IGNORE INTO trigger_events_indexed_by_store (store_id, event_rowid)
          SELECT new.store_id, new.rowid WHERE new.rowid <= (SELECT through_rowid FROM lagging_indexes WHERE source = 'trigger_events');
      END;
      DROP INDEX IF EXISTS runs_by_store;
      DROP INDEX IF EXISTS trigger_events_by_store;
    `);
    for (const table of ['runs', 'trigger_events']) {
      const references = (db.pragma(`foreign_key_list(${table})`) as { from: string; table: string }[]).some(
        (fk) => fk.from === 'store_id' && fk.table === 'stores',
      );
      if (references) dropForeignKey(db, table, 'store_id', 'stores');
    }
  },
};
