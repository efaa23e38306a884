import { dropForeignKey } from '../drop-foreign-key';
import type { Migration } from './migration';

/**
 * The runs' index by workflow leaves the intake's path. `runs_by_workflow` put each new run's entry at its
 * workflow's place, a random leaf among 2,000 workflows' (~68 of the ~270 WAL pages a commit of 32 events wrote:
 * test/bench/intake-pages.ts). Its job is now done by `runs_indexed_by_workflow`, a lagging index: filled by the
 * runtime in large sorted batches between commits (RunStore.indexRuns), so entries of one workflow share pages;
 * `lagging_indexes` says up to which rowid of `runs` it is filled. The Runs screen's workflow filter reads it and
 * the few runs above that rowid (RunStore.search). A run's entry goes with the run (the trigger below, whoever
 * deletes it), and a deletion that removes the highest rowid lowers the mark, so a rowid SQLite hands out again is
 * never taken for indexed. `runs` keeps its rowids (no VACUUM, no rebuild without them: as migration 16 says).
 * The foreign key runs.workflow_id → workflows goes (without an index each deleted workflow scanned every run for
 * its cascade, an organization's deletion once per workflow): a workflow's deletion deletes its runs itself
 * (WorkflowStore.delete). Runs are only recorded for workflows routing finds in the same transaction.
 */
export const migration018: Migration = {
  version: 18,
  name: 'runs by workflow: a lagging index',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS lagging_indexes (
        source        TEXT PRIMARY KEY,
        through_rowid INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS runs_indexed_by_workflow (
        workflow_id  TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        run_id       TEXT NOT NULL,
        PRIMARY KEY (workflow_id, started_at, run_id)
      ) STRICT, WITHOUT ROWID;
      DELETE FROM runs_indexed_by_workflow;
      INSERT INTO runs_indexed_by_workflow (workflow_id, started_at, run_id)
        SELECT workflow_id, started_at, id FROM runs ORDER BY workflow_id, started_at, id;
      INSERT OR REPLACE INTO lagging_indexes (source, through_rowid) VALUES ('runs', (SELECT coalesce(max(rowid), 0) FROM runs));
      CREATE TRIGGER IF NOT EXISTS runs_indexed_go_with_run AFTER DELETE ON runs BEGIN
        DELETE FROM runs_indexed_by_workflow WHERE workflow_id = old.workflow_id AND started_at = old.started_at AND run_id = old.id;
        UPDATE lagging_indexes SET through_rowid = (SELECT coalesce(max(rowid), 0) FROM runs)
          WHERE source = 'runs' AND through_rowid > (SELECT coalesce(max(rowid), 0) FROM runs);
      END;
      CREATE TRIGGER IF NOT EXISTS runs_indexed_follow_run AFTER UPDATE OF id, workflow_id, started_at ON runs BEGIN
        DELETE FROM runs_indexed_by_workflow WHERE workflow_id = old.workflow_id AND started_at = old.started_at AND run_id = old.id;
        INSERT OR IGNORE INTO runs_indexed_by_workflow (workflow_id, started_at, run_id)
          SELECT new.workflow_id, new.started_at, new.id WHERE new.rowid <= (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs');
      END;
      DROP INDEX IF EXISTS runs_by_workflow;
    `);
    const references = (db.pragma(`foreign_key_list(runs)`) as { from: string; table: string }[]).some(
      (fk) => fk.from === 'workflow_id' && fk.table === 'workflows',
    );
    if (references) dropForeignKey(db, 'runs', 'workflow_id', 'workflows');
  },
};
