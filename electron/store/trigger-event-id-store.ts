import type { Database, Statement } from 'better-sqlite3';

/** SQL for the event ids apps send with triggers, kept for the replay window (migration 009). */
export class TriggerEventIdStore {
  private readonly claimStmt: Statement;
  private readonly answerStmt: Statement;
  private readonly getStmt: Statement<[string, string, string], string>;
  private readonly pruneStmt: Statement;

  constructor(db: Database) {
    this.claimStmt = db.prepare(
      `INSERT INTO trigger_event_ids (store_id, app_id, event_id, received_at, answer) VALUES (?, ?, ?, ?, '') ON CONFLICT DO NOTHING`,
    );
    this.answerStmt = db.prepare(`UPDATE trigger_event_ids SET answer = ? WHERE store_id = ? AND app_id = ? AND event_id = ?`);
    this.getStmt = db.prepare<[string, string, string], string>(
      `SELECT answer FROM trigger_event_ids WHERE store_id = ? AND app_id = ? AND event_id = ?`,
    );
    this.pruneStmt = db.prepare(`DELETE FROM trigger_event_ids WHERE received_at < ?`);
  }

  /** True when the id is new (now taken); false when it was seen: then `answer` gives what it got. */
  claim(storeId: string, appId: string, eventId: string, nowMs: number): boolean {
    return this.claimStmt.run(storeId, appId, eventId, nowMs).changes === 1;
  }

  setAnswer(storeId: string, appId: string, eventId: string, answer: string): void {
    this.answerStmt.run(answer, storeId, appId, eventId);
  }

  answer(storeId: string, appId: string, eventId: string): string | null {
    return this.getStmt.pluck().get(storeId, appId, eventId) ?? null;
  }

  prune(beforeMs: number): number {
    return this.pruneStmt.run(beforeMs).changes;
  }
}
