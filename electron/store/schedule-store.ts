import type { Database } from 'better-sqlite3';

export interface ScheduleMark {
  storeId: string;
  appId: string;
  triggerHandle: string;
  /** The workflow whose own schedule this is, or '' for the trigger's catalog schedule (every workflow on it). */
  workflowId: string;
  /** The slot last fired (or, first seen, the moment it was), epoch ms. */
  lastSlotAt: number;
  /** Per workflow: its first slot, which gives the weekday, day of the month or one time. Null otherwise. */
  firstSlotAt: number | null;
  /** Per workflow: the settings the slots were counted for. Null otherwise. */
  settings: string | null;
}

/** SQL for the scheduled triggers' bookkeeping: the last slot each fired for, per store (and per workflow). */
export class ScheduleStore {
  constructor(private readonly db: Database) {}

  all(): ScheduleMark[] {
    return this.db
      .prepare<[], ScheduleMark>(
        `SELECT store_id AS storeId, app_id AS appId, trigger_handle AS triggerHandle, workflow_id AS workflowId,
                last_slot_at AS lastSlotAt, first_slot_at AS firstSlotAt, settings
         FROM scheduled_triggers`,
      )
      .all();
  }

  mark(m: ScheduleMark): void {
    this.db
      .prepare(
        `INSERT INTO scheduled_triggers (store_id, app_id, trigger_handle, workflow_id, last_slot_at, first_slot_at, settings)
         VALUES (@storeId, @appId, @triggerHandle, @workflowId, @lastSlotAt, @firstSlotAt, @settings)
         ON CONFLICT (store_id, app_id, trigger_handle, workflow_id)
         DO UPDATE SET last_slot_at = excluded.last_slot_at, first_slot_at = excluded.first_slot_at, settings = excluded.settings`,
      )
      .run(m);
  }

  forget(m: Pick<ScheduleMark, 'storeId' | 'appId' | 'triggerHandle' | 'workflowId'>): void {
    this.db
      .prepare(
        `DELETE FROM scheduled_triggers WHERE store_id = @storeId AND app_id = @appId AND trigger_handle = @triggerHandle AND workflow_id = @workflowId`,
      )
      .run(m);
  }
}
