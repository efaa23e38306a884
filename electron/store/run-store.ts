import type { Database, Statement } from 'better-sqlite3';
import { LaggingIndexStore } from './lagging-index-store';
import { searchDocument, searchQuery } from './search-terms';

export type RunStatus = 'running' | 'waiting' | 'succeeded_with_actions' | 'succeeded_without_actions' | 'has_errors';
export type StepStatus = 'pending' | 'queued' | 'accepted' | 'succeeded' | 'recorded' | 'failed' | 'skipped';
export type StepKind = 'condition' | 'action' | 'foreach' | 'wait' | 'skipped';
export type EventSource = 'app' | 'test' | 'schedule';

export interface TriggerEventRow {
  id: string;
  storeId: string;
  appId: string;
  triggerHandle: string;
  source: EventSource;
  /** JSON text. */
  payload: string;
  receivedAt: string;
  /** The event id the app sent (X-Flow-Admin-Event-Id), for the replay window; null for tests and schedules. */
  appEventId?: string | null;
}

export interface RunRow {
  id: string;
  workflowId: string;
  workflowVersion: number;
  storeId: string;
  eventId: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  resumeAt: number | null;
  replayOf: string | null;
}

export interface RunStepRow {
  runId: string;
  seq: number;
  stepId: string;
  kind: StepKind;
  iteration: number | null;
  appId: string | null;
  handle: string | null;
  status: StepStatus;
  /** JSON text. */
  inputs: string | null;
  outputs: string | null;
  error: string | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunSearch {
  organizationId?: string;
  workflowId?: string;
  storeId?: string;
  statuses?: RunStatus[];
  since?: string;
  until?: string;
  /** A value of the trigger's data (an order ID, a customer email), matched whole, ignoring case. */
  dataValue?: string;
  /** Paging: runs started before this run (by start time, then id). */
  before?: { startedAt: string; id: string };
  limit: number;
}

export interface RunSummaryRow extends RunRow {
  workflowName: string;
  storeName: string;
  appId: string;
  triggerHandle: string;
}

const STEPS_PER_STATEMENT = 8;

/** The columns a run step is written with, in the order of {@link pushStepValues}. */
const STEP_INSERT_COLUMNS = `run_id, seq, step_id, kind, iteration, app_id, handle, status, inputs, outputs, error, attempts, started_at, finished_at`;
const STEP_INSERT_ROW = `(${Array(14).fill('?').join(', ')})`;

/** One step's values for an insert, in the order of STEP_INSERT_COLUMNS. */
function pushStepValues(values: unknown[], r: RunStepRow): void {
  values.push(
    r.runId,
    r.seq,
    r.stepId,
    r.kind,
    r.iteration,
    r.appId,
    r.handle,
    r.status,
    r.inputs,
    r.outputs,
    r.error,
    r.attempts,
    r.startedAt,
    r.finishedAt,
  );
}

const runColumns = `r.id, r.workflow_id AS workflowId, r.workflow_version AS workflowVersion, r.store_id AS storeId,
  r.event_id AS eventId, r.status, r.started_at AS startedAt, r.finished_at AS finishedAt, r.resume_at AS resumeAt,
  r.replay_of AS replayOf`;
const stepColumns = `run_id AS runId, seq, step_id AS stepId, kind, iteration, app_id AS appId, handle, status, inputs,
  outputs, error, attempts, started_at AS startedAt, finished_at AS finishedAt`;

/** SQL for trigger events, runs and their steps. Hot-path statements are prepared once. */
export class RunStore {
  private readonly insertEventStmt: Statement;
  private readonly insertRunStmt: Statement;
  private readonly stepCountsStmt: Statement<[string], { kind: StepKind; status: StepStatus; n: number }>;
  private readonly setStatusStmt: Statement;
  private readonly updateStepStmt: Statement;
  private readonly resumeAtStmt: Statement<[string], number | null>;
  private readonly insertStepsStmts: Statement[] = [];
  private readonly insertTermsStmt: Statement;
  private dueToResumeStmt: Statement<[number, number], RunRow> | undefined;
  private readonly purgesQueuedStmt: Statement<[], number>;
  private readonly laggingIndexes: LaggingIndexStore;

  constructor(private readonly db: Database) {
    this.insertEventStmt = db.prepare(
      `INSERT INTO trigger_events (id, store_id, app_id, trigger_handle, source, payload, received_at, app_event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // OR REPLACE: were an event's terms ever left behind (its table rebuilt without the trigger that deletes them),
    // the next event given its rowid replaces them instead of being found by them too (~5 µs per event measured).
    this.insertTermsStmt = db.prepare(`INSERT OR REPLACE INTO trigger_event_terms (rowid, terms) VALUES (?, ?)`);
    this.insertRunStmt = db.prepare(
      // The organization comes with the store (by its primary key): what the Runs screen's indexes are on.
      `INSERT INTO runs (id, workflow_id, workflow_version, store_id, event_id, status, started_at, finished_at, resume_at, replay_of, organization_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT organization_id FROM stores WHERE id = ?))`,
    );
    this.laggingIndexes = new LaggingIndexStore(db);
    this.stepCountsStmt = db.prepare<[string], { kind: StepKind; status: StepStatus; n: number }>(
      `SELECT kind, status, count(*) AS n FROM run_steps WHERE run_id = ? GROUP BY kind, status`,
    );
    this.setStatusStmt = db.prepare(`UPDATE runs SET status = ?, finished_at = ?, resume_at = ? WHERE id = ?`);
    this.purgesQueuedStmt = db.prepare<[], number>(`SELECT EXISTS (SELECT 1 FROM history_purges)`).pluck();
    this.resumeAtStmt = db.prepare<[string], number | null>(`SELECT resume_at FROM runs WHERE id = ?`).pluck();
    this.updateStepStmt = db.prepare(
      `UPDATE run_steps SET status = @status, outputs = coalesce(@outputs, outputs), error = @error, attempts = @attempts,
         started_at = coalesce(started_at, @startedAt), finished_at = @finishedAt
       WHERE run_id = @runId AND seq = @seq`,
    );
  }

  // Positional parameters: binding by name costs a property lookup per column, on the hottest path there is.
  /** Returns the event's rowid (what the replay window remembers it by). */
  insertEvent(r: TriggerEventRow): number {
    return Number(
      this.insertEventStmt.run(r.id, r.storeId, r.appId, r.triggerHandle, r.source, r.payload, r.receivedAt, r.appEventId ?? null)
        .lastInsertRowid,
    );
  }

  /** The values an event's runs can be found by (event-values.ts), as one document of the event's rowid (search-terms.ts). */
  insertEventValues(eventRowid: number, values: Iterable<string>): void {
    const terms = searchDocument(values);
    if (terms !== '') this.insertTermsStmt.run(eventRowid, terms);
  }

  insertRun(r: RunRow): void {
    this.insertRunStmt.run(
      r.id,
      r.workflowId,
      r.workflowVersion,
      r.storeId,
      r.eventId,
      r.status,
      r.startedAt,
      r.finishedAt,
      r.resumeAt,
      r.replayOf,
      r.storeId,
    );
  }

  /** A run's steps, several rows per statement (one statement per row was a tenth of the time of an event). */
  insertSteps(rows: readonly RunStepRow[]): void {
    let i = 0;
    while (i < rows.length) {
      const n = Math.min(STEPS_PER_STATEMENT, rows.length - i);
      const values: unknown[] = [];
      for (let k = i; k < i + n; k++) pushStepValues(values, rows[k]!);
      this.stepsStatement(n).run(values);
      i += n;
    }
  }

  private stepsStatement(n: number): Statement {
    let stmt = this.insertStepsStmts[n];
    if (!stmt) {
      stmt = this.insertStepsStmts[n] = this.db.prepare(
        `INSERT INTO run_steps (${STEP_INSERT_COLUMNS}) VALUES ${Array(n).fill(STEP_INSERT_ROW).join(', ')}`,
      );
    }
    return stmt;
  }

  updateStep(change: {
    runId: string;
    seq: number;
    status: StepStatus;
    outputs: string | null;
    error: string | null;
    attempts: number;
    startedAt: string | null;
    finishedAt: string | null;
  }): void {
    this.updateStepStmt.run(change);
  }

  /** How many steps of each kind are in each status: what the run's status follows from. */
  stepCounts(runId: string): { kind: StepKind; status: StepStatus; n: number }[] {
    return this.stepCountsStmt.all(runId);
  }

  resumeAt(runId: string): number | null {
    return this.resumeAtStmt.get(runId) ?? null;
  }

  setStatus(runId: string, status: RunStatus, finishedAt: string | null, resumeAt: number | null): void {
    this.setStatusStmt.run(status, finishedAt, resumeAt, runId);
  }

  event(id: string): TriggerEventRow | undefined {
    return this.db
      .prepare<[string], TriggerEventRow>(
        `SELECT id, store_id AS storeId, app_id AS appId, trigger_handle AS triggerHandle, source, payload, received_at AS receivedAt
         FROM trigger_events WHERE id = ?`,
      )
      .get(id);
  }

  run(id: string): RunSummaryRow | undefined {
    return this.db.prepare<[string], RunSummaryRow>(this.summarySql(`${summarySelect} WHERE r.id = ?`)).get(id);
  }

  steps(runId: string): RunStepRow[] {
    return this.db.prepare<[string], RunStepRow>(`SELECT ${stepColumns} FROM run_steps WHERE run_id = ? ORDER BY seq`).all(runId);
  }

  /** PRAGMA optimize: SQLite re-analyzes the tables whose statistics a large change made stale (cheap otherwise). */
  optimize(): void {
    this.db.pragma('optimize');
  }

  /** Runs paused by a wait step whose time has come. */
  dueToResume(nowMs: number, limit: number): RunRow[] {
    // Asked every second by the running runtime (prepared once: preparing it each time was 0.2 % of its thread).
    this.dueToResumeStmt ??= this.db.prepare<[number, number], RunRow>(
      `SELECT ${runColumns} FROM runs r WHERE r.resume_at IS NOT NULL AND r.resume_at <= ? ORDER BY r.resume_at LIMIT ?`,
    );
    return this.dueToResumeStmt.all(nowMs, limit);
  }

  search(q: RunSearch): RunSummaryRow[] {
    const params: Record<string, unknown> = { limit: q.limit };
    if (q.workflowId !== undefined && q.dataValue === undefined) return this.searchByLaggingIndex('workflow', q, params);
    if (q.storeId !== undefined && q.dataValue === undefined) return this.searchByLaggingIndex('store', q, params);
    const where: string[] = [];
    let from = summarySelect;
    if (q.dataValue !== undefined) {
      // Driven by the value: its events from the full-text index, their runs by runs_by_event (CROSS JOIN keeps
      // that order; the planner would otherwise walk every run of the organization testing each one's event).
      from = summaryByValue;
      where.push('trigger_event_terms MATCH @dataValue');
      params.dataValue = searchQuery(q.dataValue);
    }
    if (q.workflowId !== undefined) {
      where.push('r.workflow_id = @workflowId');
      params.workflowId = q.workflowId;
    }
    where.push(...filters(q, params, { startedAt: 'r.started_at', id: 'r.id' }));
    const sql = `${from} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY r.started_at DESC, r.id DESC LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], RunSummaryRow>(this.summarySql(sql)).all(params);
  }

  /** A statement reading run summaries, without the look-up that hides deleted stores' runs while none is queued (storeOfRun). */
  private summarySql(sql: string): string {
    return this.purgesQueuedStmt.get() ? sql : sql.replaceAll(purgedHidden, '');
  }

  /**
   * A workflow's or a store's runs: its entries in the lagging index by that key (migrations 18, 19), read in order,
   * and the runs above the index's mark (the few recorded since the runtime last filled it: LaggingIndexStore.fill), by
   * rowid. One statement, so both parts are read from one snapshot; an entry is there only for a run at or below the
   * mark. With both a workflow and a store, the workflow's index drives and the store is a filter.
   */
  private searchByLaggingIndex(by: 'workflow' | 'store', q: RunSearch, params: Record<string, unknown>): RunSummaryRow[] {
    const key = by === 'workflow' ? 'workflowId' : 'storeId';
    params[key] = q[key];
    const withoutKey = { ...q, [key]: undefined };
    const indexed = [`x.${by}_id = @${key}`, ...filters(withoutKey, params, { startedAt: 'x.started_at', id: 'x.run_id' })];
    const tail = [
      `r.rowid > (SELECT through_rowid FROM lagging_indexes WHERE source = 'runs')`,
      `r.${by}_id = @${key}`,
      ...filters(withoutKey, params, { startedAt: 'r.started_at', id: 'r.id' }),
    ];
    const sql = `SELECT * FROM (${summaryByIndex[by]} WHERE ${indexed.join(' AND ')} ORDER BY x.started_at DESC, x.run_id DESC LIMIT @limit)
      UNION ALL
      SELECT * FROM (${summaryOfTail} WHERE ${tail.join(' AND ')} ORDER BY r.started_at DESC, r.id DESC LIMIT @limit)
      ORDER BY startedAt DESC, id DESC LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], RunSummaryRow>(this.summarySql(sql)).all(params);
  }

  /** Fills the lagging indexes with what was recorded since the last time (LaggingIndexStore.fill). */
  indexRuns(most: number): number {
    return this.laggingIndexes.fill(most);
  }

  /** How many rows the lagging indexes do not hold yet (LaggingIndexStore.waiting). */
  unindexedRuns(): number {
    return this.laggingIndexes.waiting();
  }

  /**
   * Deletes trigger events received before `before` (their runs, steps and deliveries go with them), a
   * chunk at a time so a large purge never holds the database for long. Returns how many events went.
   */
  purgeChunk(before: string, chunk: number): number {
    return this.db
      .prepare(`DELETE FROM trigger_events WHERE id IN (SELECT id FROM trigger_events WHERE received_at < ? LIMIT ?)`)
      .run(before, chunk).changes;
  }
}

/**
 * The run's store, unless the run is a deleted store's waiting for its purge (migration 20): at or below the marks of
 * its store's queue entry. Such a run's store is usually gone (the join finds none); this hides it from a store
 * given the same id again. Left out of the statement while nothing is queued (RunStore.summarySql): with it the store
 * filter at 1,000 runs per store took 0.92 ms against 0.46 without (runs-by-store-scale.ts, two runs, not alternated).
 */
const purgedHidden = `
    AND NOT EXISTS (SELECT 1 FROM history_purges p WHERE p.store_id = r.store_id AND r.rowid <= p.runs_through_rowid)`;
const storeOfRun = `JOIN stores s ON s.id = r.store_id${purgedHidden}`;

const summarySelect = `SELECT ${runColumns}, w.name AS workflowName, s.name AS storeName, e.app_id AS appId,
    e.trigger_handle AS triggerHandle
  FROM runs r
  JOIN workflows w ON w.id = r.workflow_id
  ${storeOfRun}
  JOIN trigger_events e ON e.id = r.event_id`;

/** The run filters other than the value and the workflow, on the columns given (a lagging index's or the run's own). */
function filters(q: RunSearch, params: Record<string, unknown>, on: { startedAt: string; id: string }): string[] {
  const where: string[] = [];
  const simple: [keyof RunSearch, string][] = [
    ['organizationId', 'r.organization_id = @organizationId'],
    ['storeId', 'r.store_id = @storeId'],
    ['since', `${on.startedAt} >= @since`],
    ['until', `${on.startedAt} < @until`],
  ];
  for (const [key, clause] of simple) {
    if (q[key] !== undefined) {
      where.push(clause);
      params[key] = q[key];
    }
  }
  if (q.statuses && q.statuses.length > 0) {
    where.push(`r.status IN (${q.statuses.map((_, i) => `@status${i}`).join(', ')})`);
    q.statuses.forEach((s, i) => (params[`status${i}`] = s));
  }
  if (q.before) {
    where.push(`(${on.startedAt} < @beforeAt OR (${on.startedAt} = @beforeAt AND ${on.id} < @beforeId))`);
    params.beforeAt = q.before.startedAt;
    params.beforeId = q.before.id;
  }
  return where;
}

const summaryColumns = `${runColumns}, w.name AS workflowName, s.name AS storeName, e.app_id AS appId,
    e.trigger_handle AS triggerHandle`;

/** A workflow's or a store's indexed runs in the lagging index's order (CROSS JOIN: the index drives, each run by its id). */
const summaryByLaggingIndex = (by: 'workflow' | 'store') => `SELECT ${summaryColumns}
  FROM runs_indexed_by_${by} x
  CROSS JOIN runs r ON r.id = x.run_id
  JOIN workflows w ON w.id = r.workflow_id
  ${storeOfRun}
  JOIN trigger_events e ON e.id = r.event_id`;
const summaryByIndex = { workflow: summaryByLaggingIndex('workflow'), store: summaryByLaggingIndex('store') };

/** Runs above the lagging indexes' mark: by rowid (NOT INDEXED: never a walk of an index over every run). */
const summaryOfTail = `SELECT ${summaryColumns}
  FROM runs r NOT INDEXED
  JOIN workflows w ON w.id = r.workflow_id
  ${storeOfRun}
  JOIN trigger_events e ON e.id = r.event_id`;

const summaryByValue = `SELECT ${runColumns}, w.name AS workflowName, s.name AS storeName, e.app_id AS appId,
    e.trigger_handle AS triggerHandle
  FROM trigger_event_terms t
  CROSS JOIN trigger_events e ON e.rowid = t.rowid
  CROSS JOIN runs r ON r.event_id = e.id
  JOIN workflows w ON w.id = r.workflow_id
  ${storeOfRun}`;
