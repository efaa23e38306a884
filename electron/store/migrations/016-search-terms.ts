import { searchDocument } from '../search-terms';
import type { Migration } from './migration';

/**
 * The values runs are found by move from `trigger_event_values` (a B-tree keyed by value, and a second one by
 * event) to `trigger_event_terms`, a contentless full-text index with one document per event (its rowid the
 * event's rowid) whose terms are the values (search-terms.ts). Each value of each event put an entry on a random
 * page of the first B-tree and one at the end of the second: ~9 of the ~36 B-tree entries an event wrote, and the
 * most pages of any table in a commit (test/bench/intake-pages.ts). The full-text index writes a commit's terms
 * as one small sorted segment and merges segments in the background of later commits. `detail=none`: a value is
 * one term, matched whole; no positions needed. `contentless_delete`: an event's document goes with the event
 * (the trigger below, which also fires on the cascades of a store's or organization's deletion).
 * Existing values are carried over event by event, in the new case folding. A later migration that rebuilds
 * `trigger_events` must keep its rowids (INSERT ... SELECT rowid, ...) and this trigger.
 */
export const migration016: Migration = {
  version: 16,
  name: 'search values as full-text terms',
  unit: 'trigger events',
  up(db, progress) {
    db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS trigger_event_terms USING fts5 (terms, content = '', contentless_delete = 1, detail = none);
      CREATE TRIGGER IF NOT EXISTS trigger_event_terms_go_with_event AFTER DELETE ON trigger_events
        BEGIN DELETE FROM trigger_event_terms WHERE rowid = old.rowid; END;
    `);
    const oldTable = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'trigger_event_values'`).get();
    if (!oldTable) return;
    const insert = db.prepare(`INSERT INTO trigger_event_terms (rowid, terms) VALUES (?, ?)`);
    // A chunk of events at a time (a connection runs no insert while a query is being read): their values
    // joined by a line break, which no value holds (event-values.ts leaves such values out).
    const chunk = db
      .prepare(
        `SELECT e.rowid, group_concat(v.value, char(10)) FROM trigger_events e JOIN trigger_event_values v ON v.event_id = e.id
         WHERE e.rowid > ? GROUP BY e.rowid ORDER BY e.rowid LIMIT 5000`,
      )
      .raw();
    // ~5 s per 200,000 events: the upgrade says how far it is (read from the index by event, not the values).
    const total = progress ? (db.prepare(`SELECT count(DISTINCT event_id) FROM trigger_event_values`).pluck().get() as number) : 0;
    let done = 0;
    let after = -1;
    for (;;) {
      const rows = chunk.all(after) as [number, string][];
      if (rows.length === 0) break;
      for (const [rowid, values] of rows) insert.run(rowid, searchDocument(values.split('\n')));
      after = rows[rows.length - 1]![0];
      progress?.((done += rows.length), total);
    }
    db.exec(`DROP TABLE trigger_event_values`);
  },
};
