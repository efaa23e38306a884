import type { Database, Statement } from 'better-sqlite3';

/** A deleted store whose history is still to be purged (migration 20). */
export interface HistoryPurgeRow {
  storeId: string;
  runsThroughRowid: number;
  eventsThroughRowid: number;
}

type Bounds = { storeId: string; mark: number; chunk: number };

/**
 * SQL for the purge of deleted stores' history (migration 20, runtime/history-purge.ts): a chunk of a store's runs,
 * then of its trigger events, at or below the marks of its queue entry. Each part is found as a store's deletion
 * found it before: by the lagging index by store, then the rows above that index's mark by rowid. Steps and
 * deliveries go with their runs (foreign keys on the run), index entries by the tables' triggers.
 */
export class HistoryPurgeStore {
  private readonly nextStmt: Statement<[], HistoryPurgeRow>;
  private readonly anyStmt: Statement<[], number>;
  private readonly parts: { runs: boolean; stmt: Statement<[Bounds]> }[];
  private readonly doneStmt: Statement<[string]>;
  private readonly deletedOrganizationStmt: Statement<[string, number], string>;
  private readonly organizationRunsStmt: Statement<[{ organizationId: string; chunk: number }]>;

  constructor(db: Database) {
    this.nextStmt = db.prepare<[], HistoryPurgeRow>(
      `SELECT store_id AS storeId, runs_through_rowid AS runsThroughRowid, events_through_rowid AS eventsThroughRowid
       FROM history_purges ORDER BY queued_at, store_id LIMIT 1`,
    );
    this.anyStmt = db.prepare<[], number>(`SELECT count(*) FROM history_purges`).pluck();
    const statement = (sql: string) => db.prepare<[Bounds]>(sql);
    this.parts = [
      {
        runs: true,
        stmt: statement(`DELETE FROM runs WHERE rowid IN (
          SELECT r.rowid FROM runs_indexed_by_store x CROSS JOIN runs r ON r.id = x.run_id
          WHERE x.store_id = @storeId AND r.rowid <= @mark LIMIT @chunk)`),
      },
      {
        runs: true,
        stmt: statement(`DELETE FROM runs WHERE rowid IN (
          SELECT rowid FROM runs WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs')
            AND rowid <= @mark AND store_id = @storeId LIMIT @chunk)`),
      },
      {
        runs: false,
        stmt: statement(`DELETE FROM trigger_events WHERE rowid IN (
          SELECT event_rowid FROM trigger_events_indexed_by_store WHERE store_id = @storeId AND event_rowid <= @mark LIMIT @chunk)`),
      },
      {
        runs: false,
        stmt: statement(`DELETE FROM trigger_events WHERE rowid IN (
          SELECT rowid FROM trigger_events WHERE rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'trigger_events')
            AND rowid <= @mark AND store_id = @storeId LIMIT @chunk)`),
      },
    ];
    this.doneStmt = db.prepare<[string]>(`DELETE FROM history_purges WHERE store_id = ?`);
    // A store of an organization that is gone (deleted with its stores): its runs by runs_by_organization instead, in
    // time order, so a page holds many runs to delete (by store, a run per page among 1,000 stores': 7.8x the work).
    // Only runs at or below the marks of their own store's entry, so a store moved out, or the organization given
    // its id again, keeps its runs.
    this.deletedOrganizationStmt = db
      .prepare<[string, number], string>(
        `SELECT r.organization_id FROM runs_indexed_by_store x CROSS JOIN runs r ON r.id = x.run_id
         WHERE x.store_id = ? AND r.rowid <= ? AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = r.organization_id) LIMIT 1`,
      )
      .pluck();
    this.organizationRunsStmt = db.prepare(
      `DELETE FROM runs WHERE rowid IN (
         SELECT r.rowid FROM runs r INDEXED BY runs_by_organization WHERE r.organization_id = @organizationId
           AND EXISTS (SELECT 1 FROM history_purges p WHERE p.store_id = r.store_id AND r.rowid <= p.runs_through_rowid)
         LIMIT @chunk)`,
    );
  }

  /** How many deleted stores still have history to purge. */
  queued(): number {
    return this.anyStmt.get() ?? 0;
  }

  /**
   * Deletes at most `chunk` runs and trigger events (together) of the queued stores, first queued first; a store's
   * entry goes once it has none left, and the chunk goes on with the next store (an organization's thousand small
   * stores are not a transaction each). Returns how many runs and events went, null if the queue was empty. Inside
   * the caller's transaction.
   */
  purgeChunk(chunk: number): number | null {
    let entry = this.nextStmt.get();
    if (!entry) return null;
    let deleted = 0;
    while (entry) {
      const organizationId = this.deletedOrganizationStmt.get(entry.storeId, entry.runsThroughRowid);
      if (organizationId !== undefined) {
        deleted += this.organizationRunsStmt.run({ organizationId, chunk: chunk - deleted }).changes;
        if (deleted >= chunk) return deleted;
      }
      for (const part of this.parts) {
        const mark = part.runs ? entry.runsThroughRowid : entry.eventsThroughRowid;
        deleted += part.stmt.run({ storeId: entry.storeId, mark, chunk: chunk - deleted }).changes;
        if (deleted >= chunk) return deleted;
      }
      // Less than the rest of the chunk was left: the store's history is gone.
      this.doneStmt.run(entry.storeId);
      entry = this.nextStmt.get();
    }
    return deleted;
  }
}
