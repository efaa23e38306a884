import type { Database, Statement } from 'better-sqlite3';

/** One table's lagging indexes: the mark they are filled up to, the table's top rowid, the sorted fills, the mark's update. */
interface LaggingSource {
  through: Statement<[], number>;
  top: Statement<[], number>;
  fills: Statement<[number, number]>[];
  setThrough: Statement<[number]>;
}

/**
 * SQL for the lagging indexes (migrations 18, 19): `runs_indexed_by_workflow` and `runs_indexed_by_store` up to the
 * runs' mark, `trigger_events_indexed_by_store` up to the events' own (`lagging_indexes`). The runtime fills them in
 * large sorted batches between commits instead of an entry on a random leaf per row on the intake's path; readers
 * take the rows above a mark by rowid (RunStore.search, the history purge).
 */
export class LaggingIndexStore {
  private readonly sources: LaggingSource[];

  constructor(db: Database) {
    const source = (table: string, fills: string[]): LaggingSource => ({
      through: db.prepare<[], number>(`SELECT through_rowid FROM lagging_indexes WHERE source = '${table}'`).pluck(),
      top: db.prepare<[], number>(`SELECT max(rowid) FROM ${table}`).pluck(),
      fills: fills.map((sql) => db.prepare<[number, number]>(sql)),
      setThrough: db.prepare<[number]>(`UPDATE lagging_indexes SET through_rowid = ? WHERE source = '${table}'`),
    });
    // Sorted as each index is: consecutive entries go to the same leaf. OR IGNORE: an entry already there (a row
    // indexed by its update trigger) never fails the group commit it runs in.
    this.sources = [
      source(
        'runs',
        ['workflow', 'store'].map(
          (by) => `INSERT OR IGNORE INTO runs_indexed_by_${by} (${by}_id, started_at, run_id)
           SELECT ${by}_id, started_at, id FROM runs WHERE rowid > ? AND rowid <= ? ORDER BY ${by}_id, started_at, id`,
        ),
      ),
      source('trigger_events', [
        `INSERT OR IGNORE INTO trigger_events_indexed_by_store (store_id, event_rowid)
         SELECT store_id, rowid FROM trigger_events WHERE rowid > ? AND rowid <= ? ORDER BY store_id, rowid`,
      ]),
    ];
  }

  /**
   * Fills the lagging indexes with the rows recorded since the last time, at most `most` of each table, in one
   * sorted INSERT per index: entries of one workflow or store land together, a page for many instead of a random
   * page each. Inside the caller's transaction (the runtime's group commit). Returns how many rows it indexed of the
   * table that had more waiting (runs, or events that started none).
   */
  fill(most: number): number {
    let indexed = 0;
    for (const s of this.sources) {
      const through = s.through.get() ?? 0;
      const top = s.top.get() ?? 0;
      if (top <= through) continue;
      const upto = Math.min(top, through + most);
      for (const fill of s.fills) fill.run(through, upto);
      s.setThrough.run(upto);
      indexed = Math.max(indexed, upto - through);
    }
    return indexed;
  }

  /** How many rows the lagging indexes do not hold yet: of the table with more of them above its mark. */
  waiting(): number {
    return Math.max(0, ...this.sources.map((s) => (s.top.get() ?? 0) - (s.through.get() ?? 0)));
  }
}
