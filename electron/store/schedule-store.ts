import type { Database } from 'better-sqlite3';

export interface ScheduleMark {
  storeId: string;
  appId: string;
  triggerHandle: string;
  /** The slot last fired (or first seen), epoch ms. */
  lastSlotAt: number;
}

/** SQL for the scheduled triggers' bookkeeping: the last slot each fired for, per store. */
export class ScheduleStore {
  constructor(private readonly db: Database) {}

  all(): ScheduleMark[] {
    return this.db
      .prepare(`SELECT store_id AS storeId, app_id AS appId, trigger_handle AS triggerHandle, last_slot_at AS lastSlotAt FROM scheduled_triggers`)
      .all() as ScheduleMark[];
  }

  mark(m: ScheduleMark): void {
    this.db
      .prepare(
        `INSERT INTO scheduled_triggers (store_id, app_id, trigger_handle, last_slot_at) VALUES (@storeId, @appId, @triggerHandle, @lastSlotAt)
         ON CONFLICT (store_id, app_id, trigger_handle) DO UPDATE SET last_slot_at = excluded.last_slot_at`,
      )
      .run(m);
  }
}
