import type { Migration } from './migration';

/**
 * The event id an app sends with a trigger (X-Flow-Admin-Event-Id) is kept on the event it recorded, not in a
 * table of its own. The replay window's ids live in the runtime's memory (electron/runtime/event-id-window.ts)
 * and are rebuilt from the last minutes of events at start; a repeat's answer is derived from the event and
 * its runs. The table of migration 9 cost an insert, an update, a random primary-key page, a time index and
 * a prune per event: 65 of the 415 pages a commit of 32 events wrote. Its ids are carried over (the first
 * answer names the event), so a repeat still inside the window right after the upgrade starts no second run.
 * No index on the column: the window looks an event up by its rowid.
 */
export const migration014: Migration = {
  version: 14,
  name: 'app event ids on trigger events',
  up(db) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('trigger_events')`).pluck().all() as string[];
    if (!columns.includes('app_event_id')) db.exec(`ALTER TABLE trigger_events ADD COLUMN app_event_id TEXT`);
    const oldTable = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'trigger_event_ids'`).get();
    if (oldTable) {
      db.exec(`
        UPDATE trigger_events SET app_event_id = i.event_id
          FROM trigger_event_ids i
          WHERE json_valid(i.answer) AND trigger_events.id = json_extract(i.answer, '$.eventId');
        DROP TABLE trigger_event_ids;
      `);
    }
  },
};
