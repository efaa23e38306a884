import type { Database, Statement } from 'better-sqlite3';

export type DeliveryState = 'pending' | 'accepted' | 'delivered' | 'failed';

export interface OutboxRow {
  actionRunId: string;
  runId: string;
  stepSeq: number;
  storeId: string;
  appId: string;
  /** The exact JSON text POSTed to the app (and signed). */
  body: string;
  state: DeliveryState;
  /** Requests that got an answer other than 202, or none. */
  attempts: number;
  /** 202 answers: the app accepted and is asked again later. */
  polls: number;
  /** Answers that asked to wait (429/503 with Retry-After) and waits for the key: they spend no attempts. */
  throttles?: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  firstAcceptedAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = `action_run_id AS actionRunId, run_id AS runId, step_seq AS stepSeq, store_id AS storeId, app_id AS appId, body,
  state, attempts, polls, throttles, next_attempt_at AS nextAttemptAt, first_accepted_at AS firstAcceptedAt, last_status AS lastStatus,
  last_error AS lastError, created_at AS createdAt, updated_at AS updatedAt`;

/** SQL for the outbox of deliveries to apps. */
export class OutboxStore {
  private readonly insertStmt: Statement;
  private readonly dueStmt: Statement<[{ now: number; limit: number }], OutboxRow>;
  private readonly updateStmt: Statement;
  private readonly nextDueStmt: Statement<[], { at: number | null }>;
  private readonly markThroughStmt: Statement<[{ storeId: string; appId: string; at: string }]>;
  private readonly claimStmt: Statement<[{ ids: string; owner: string; now: number; until: number }], string>;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox (action_run_id, run_id, step_seq, store_id, app_id, body, state, attempts, polls, next_attempt_at,
         first_accepted_at, last_status, last_error, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.dueStmt = db.prepare<{ now: number; limit: number }, OutboxRow>(
      `SELECT ${columns} FROM outbox WHERE state IN ('pending', 'accepted') AND next_attempt_at <= @now
         AND (lease_until IS NULL OR lease_until <= @now) ORDER BY next_attempt_at LIMIT @limit`,
    );
    this.nextDueStmt = db.prepare<[], { at: number | null }>(
      `SELECT min(max(next_attempt_at, coalesce(lease_until, 0))) AS at FROM outbox WHERE state IN ('pending', 'accepted')`,
    );
    // Only a row nobody holds: a lease whose time is up was left by a worker that died, or whose answer could
    // not be written (then it waits out the lease rather than being sent again at once).
    // The whole batch in one statement (one per row was a statement, and its bindings, per delivery).
    this.claimStmt = db
      .prepare<[{ ids: string; owner: string; now: number; until: number }], string>(
        `UPDATE outbox SET lease_owner = @owner, lease_until = @until
         WHERE action_run_id IN (SELECT value FROM json_each(@ids)) AND state IN ('pending', 'accepted')
           AND (lease_until IS NULL OR lease_until <= @now)
         RETURNING action_run_id`,
      )
      .pluck();
    // Only when failures newer than the mark exist (a probe of the failed-only index): the common delivery writes nothing.
    this.markThroughStmt = db.prepare(
      `INSERT INTO delivery_marks (store_id, app_id, through_at) SELECT @storeId, @appId, @at
         WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.store_id = @storeId AND o.app_id = @appId AND o.state = 'failed'
           AND o.updated_at > coalesce((SELECT through_at FROM delivery_marks WHERE store_id = @storeId AND app_id = @appId), ''))
       ON CONFLICT (store_id, app_id) DO UPDATE SET through_at = max(through_at, excluded.through_at)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE outbox SET state = @state, attempts = @attempts, polls = @polls, throttles = @throttles, next_attempt_at = @nextAttemptAt,
         first_accepted_at = @firstAcceptedAt, last_status = @lastStatus, last_error = @lastError, updated_at = @updatedAt,
         lease_owner = NULL, lease_until = NULL
       WHERE action_run_id = @actionRunId`,
    );
  }

  insert(r: OutboxRow): void {
    this.insertStmt.run(
      r.actionRunId,
      r.runId,
      r.stepSeq,
      r.storeId,
      r.appId,
      r.body,
      r.state,
      r.attempts,
      r.polls,
      r.nextAttemptAt,
      r.firstAcceptedAt,
      r.lastStatus,
      r.lastError,
      r.createdAt,
      r.updatedAt,
    );
  }

  /** Deliveries whose time has come, oldest first. */
  due(nowMs: number, limit: number): OutboxRow[] {
    return this.dueStmt.all({ now: nowMs, limit });
  }

  /**
   * Leases rows to one worker until `untilMs`, in one transaction; returns the ids it got. A row another
   * worker holds is left to it. Send only once the transaction that holds it has committed (the delivery worker
   * writes it with the group commit and sends when that resolves).
   */
  claim(ids: readonly string[], owner: string, nowMs: number, untilMs: number): Set<string> {
    // IMMEDIATE: take the write lock first (waiting on busy_timeout), so another writer's commit in between
    // cannot make it fail half-way.
    return this.db
      .transaction(() => new Set(this.claimStmt.all({ ids: JSON.stringify(ids), owner, now: nowMs, until: untilMs })))
      .immediate();
  }

  /** Forgets every lease: only for a process that holds the database's single-writer lock, at start. */
  releaseAllLeases(): number {
    return this.db.prepare(`UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL`).run().changes;
  }

  /** When the next delivery falls due (epoch ms), or null when none is waiting. */
  nextDueAt(): number | null {
    // An aggregate always answers one row (at is null when nothing waits).
    return this.nextDueStmt.get()?.at ?? null;
  }

  /** Writes the outcome of a request; the lease ends with it. */
  update(
    row: Pick<
      OutboxRow,
      'actionRunId' | 'state' | 'attempts' | 'polls' | 'nextAttemptAt' | 'firstAcceptedAt' | 'lastStatus' | 'lastError' | 'updatedAt'
    > & { throttles?: number },
  ): void {
    this.updateStmt.run({ throttles: 0, ...row });
  }

  /**
   * A delivery to the store's app went through at `at`: failures before it stop counting for readiness. Writes only
   * when failures newer than the last mark exist (migration 15), so a delivery that goes through moves no index.
   */
  markThrough(storeId: string, appId: string, at: string): void {
    this.markThroughStmt.run({ storeId, appId, at });
  }

  get(actionRunId: string): OutboxRow | undefined {
    return this.db.prepare<[string], OutboxRow>(`SELECT ${columns} FROM outbox WHERE action_run_id = ?`).get(actionRunId);
  }

  byRun(runId: string): OutboxRow[] {
    return this.db.prepare<[string], OutboxRow>(`SELECT ${columns} FROM outbox WHERE run_id = ? ORDER BY step_seq`).all(runId);
  }

  counts(): Record<DeliveryState, number> {
    const out: Record<DeliveryState, number> = { pending: 0, accepted: 0, delivered: 0, failed: 0 };
    for (const r of this.db
      .prepare<[], { state: DeliveryState; n: number }>(`SELECT state, count(*) AS n FROM outbox GROUP BY state`)
      .all()) {
      out[r.state] = r.n;
    }
    return out;
  }
}
