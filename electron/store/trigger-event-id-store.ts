import type { Database, Statement } from 'better-sqlite3';

/** An app's event id as recorded on its trigger event, found by the event's rowid. */
export interface AppEventIdRow {
  rowid: number;
  /** The recorded event's own id. */
  id: string;
  storeId: string;
  appId: string;
  appEventId: string;
}

/**
 * SQL for the event ids apps send with triggers (migration 14: a column of trigger_events). The replay window
 * itself is kept in memory (runtime/event-id-window.ts); this reads what it is rebuilt from and what it checks.
 */
export class TriggerEventIdStore {
  private readonly byRowidStmt: Statement<[number], AppEventIdRow>;
  private readonly sinceStmt: Statement<[string], AppEventIdRow>;
  private readonly firstRunsStmt: Statement<[string], string>;

  constructor(db: Database) {
    const columns = `rowid, id, store_id AS storeId, app_id AS appId, app_event_id AS appEventId`;
    this.byRowidStmt = db.prepare<[number], AppEventIdRow>(
      `SELECT ${columns} FROM trigger_events WHERE rowid = ? AND app_event_id IS NOT NULL`,
    );
    // A range of trigger_events_by_time: the events of the last minutes.
    this.sinceStmt = db.prepare<[string], AppEventIdRow>(
      `SELECT ${columns} FROM trigger_events WHERE received_at >= ? AND app_event_id IS NOT NULL`,
    );
    // The runs the event started when it came (not replays), in the order they were inserted (rowid: the index on
    // event_id holds them in that order, so no sort; ids need not be time-ordered).
    this.firstRunsStmt = db
      .prepare<[string], string>(`SELECT id FROM runs WHERE event_id = ? AND replay_of IS NULL ORDER BY rowid`)
      .pluck();
  }

  /** The app event id recorded on the event at this rowid, if that event came from an app. */
  byRowid(rowid: number): AppEventIdRow | undefined {
    return this.byRowidStmt.get(rowid);
  }

  /** Every app event id received at or after `sinceIso`. */
  receivedSince(sinceIso: string): AppEventIdRow[] {
    return this.sinceStmt.all(sinceIso);
  }

  /** The runs an event started when it was recorded: a repeat's answer. */
  firstRunIds(eventId: string): string[] {
    return this.firstRunsStmt.all(eventId);
  }
}
