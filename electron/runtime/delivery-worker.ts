import { randomUUID } from 'node:crypto';
import { SHOPIFY_APP_ID } from '../domain/catalog/catalog';
import type { OutboxRow, OutboxStore } from '../store/outbox-store';
import type { RunStore } from '../store/run-store';
import { AppClient, NoAnswer } from './app-client';
import type { AppEndpoints } from './app-endpoints';
import { decide, type Answer, type Decided, type DeliveryPolicy } from './delivery-policy';
import type { GroupCommit } from './group-commit';
import { defaultSandboxLimits } from './flow-actions/code-sandbox';
import {
  decideEffect,
  parseEffect,
  performEffect,
  type EffectAttempt,
  type EffectOptions,
  type FlowEffect,
} from './flow-actions/flow-effect';
import type { Runner } from './runner';
import { DELIVERY_SIGNATURE_HEADER, sign } from './signature';

export interface DeliveryWorkerDeps {
  outbox: OutboxStore;
  runs: RunStore;
  runner: Runner;
  endpoints: AppEndpoints;
  commit: GroupCommit;
  policy: () => DeliveryPolicy;
  nowMs: () => number;
  random: () => number;
  /** Requests in flight at once. */
  concurrency: number;
  /** The longest the worker sleeps before looking at the outbox again. */
  idleMs: number;
  log: (message: string, error?: unknown) => void;
  /** Send HTTP request's timeout and Run code's limits (tests make them small). */
  effects?: Partial<EffectOptions>;
}

const MAX_KEPT_BODY = 2_000;
/** A lease outlives the request's timeout by this much: time to write the answer. */
const LEASE_MARGIN_MS = 60_000;

/**
 * Sends the outbox to the apps. A row leaves the outbox only after the app's answer is written; a request
 * in flight when Flow Admin quits is simply sent again at the next start, with the same action_run_id, so
 * the app can tell it is a retry. Each row is leased (committed) before it is sent, so a second worker on the
 * same file skips it: the single-writer lock keeps a second process out, the lease holds even if it did not.
 */
export class DeliveryWorker {
  private readonly inflight = new Map<string, Promise<void>>();
  /** Rows whose lease is being committed: not taken again meanwhile. */
  private readonly claiming = new Set<string>();
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private kicked = false;
  /** This worker's name on the leases it takes. */
  readonly owner = randomUUID();
  /** Kept-alive connections to the apps, as many as deliveries in flight. */
  private client: AppClient;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.client = new AppClient(deps.concurrency);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.client = new AppClient(this.deps.concurrency);
    this.kick();
  }

  /** Stops taking new deliveries and waits for those in flight to be answered and written. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inflight.values()]);
    this.client.close();
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  /** Looks at the outbox soon (new deliveries were queued, or one finished). */
  kick(): void {
    if (!this.running || this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      this.pump();
    });
  }

  private pump(): void {
    if (!this.running) return;
    const { outbox, concurrency, nowMs } = this.deps;
    const busy = this.inflight.size + this.claiming.size;
    const capacity = concurrency - busy;
    const now = nowMs();
    let full = capacity <= 0;
    if (capacity > 0) {
      // Rows in flight hold a committed lease, which the query leaves out; rows being leased do not yet, so ask for
      // enough to find `capacity` others. (Asking for `capacity + busy` read up to 64 rows, bodies and all, to send one.)
      const due = outbox
        .due(now, capacity + this.claiming.size)
        .filter((row) => !this.inflight.has(row.actionRunId) && !this.claiming.has(row.actionRunId))
        .slice(0, capacity);
      if (due.length > 0) this.lease(due, now);
      full = due.length === capacity;
    }
    this.arm(full, now);
  }

  /**
   * Leases the rows, then sends those it got. The lease is written by the group commit, with the events and
   * results of the same turn (one sync of the file for all of them, not one per pump), and a row is sent only
   * once its lease is committed.
   */
  private lease(rows: OutboxRow[], now: number): void {
    const ids = rows.map((row) => row.actionRunId);
    for (const id of ids) this.claiming.add(id);
    const until = now + this.deps.policy().timeoutMs + LEASE_MARGIN_MS;
    this.deps.commit
      .run(() => this.deps.outbox.claim(ids, this.owner, now, until))
      .catch((error: unknown) => {
        // The file is busy (another process writing) or the write failed: tried again later, nothing sent unleased.
        this.deps.log('deliveries could not be leased', error);
        return new Set<string>();
      })
      .then((leased) => {
        for (const id of ids) this.claiming.delete(id);
        if (leased.size === 0 || !this.running) return;
        // One read of the routing generation for the whole batch (each delivery read it again: 1 % of the thread).
        let generation: number | undefined;
        try {
          generation = this.deps.endpoints.currentGeneration();
        } catch {
          generation = undefined; // read again per row, where a failure is that row's answer
        }
        for (const row of rows) if (leased.has(row.actionRunId)) this.send(row, generation);
      });
  }

  /**
   * Sleeps until the next delivery falls due, at most idleMs. While every slot is taken, or the rows due now are
   * all in flight, a delivery that finishes kicks the next pump: the outbox is not asked again meanwhile (it used
   * to be, every millisecond, since rows in flight are still due in the table).
   */
  private arm(full: boolean, now: number): void {
    if (this.timer) clearTimeout(this.timer);
    const next = full ? null : this.deps.outbox.nextDueAt();
    const wait = next === null || next <= now ? this.deps.idleMs : Math.min(this.deps.idleMs, next - now);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(wait, 1),
    );
    this.timer.unref?.();
  }

  private send(row: OutboxRow, generation: number | undefined): void {
    const job = (async () => {
      // Shopify's own rows are work Flow itself carries out (Send HTTP request, Run code), not a POST to an app.
      const effect = row.appId === SHOPIFY_APP_ID ? readEffect(row.body) : null;
      const attempt: EffectAttempt = effect
        ? await performEffect(effect, this.effectOptions())
        : { answer: await this.request(row, generation), value: undefined };
      const progress = {
        attempts: row.attempts,
        polls: row.polls,
        throttles: row.throttles ?? 0,
        firstAcceptedAt: row.firstAcceptedAt,
        queuedAt: Date.parse(row.createdAt),
      };
      const policy = this.deps.policy();
      const decided = effect
        ? decideEffect(effect, progress, attempt.answer, policy, this.deps.nowMs(), this.deps.random)
        : decide(progress, attempt.answer, policy, this.deps.nowMs(), this.deps.random);
      await this.deps.commit.run(() => this.apply(row, decided, attempt, effect !== null));
    })()
      .catch((error: unknown) => {
        // Left as it was in the outbox: it is tried again later with the same action_run_id.
        if (this.running) this.deps.log(`delivery ${row.actionRunId} could not be recorded`, error);
      })
      .finally(() => {
        this.inflight.delete(row.actionRunId);
        this.kick();
      });
    this.inflight.set(row.actionRunId, job);
  }

  private effectOptions(): EffectOptions {
    return { httpTimeoutMs: 30_000, sandbox: defaultSandboxLimits, ...this.deps.effects };
  }

  private async request(row: OutboxRow, generation: number | undefined): Promise<Answer> {
    let endpoint;
    try {
      endpoint = this.deps.endpoints.resolve(row.storeId, row.appId, generation);
    } catch (error) {
      // A missing or wrong key is fixed by restoring it: the delivery waits for that (within its wait budget)
      // instead of failing at once.
      return { kind: 'not_ready', error: `The app's signing secret cannot be opened yet: ${(error as Error).message}` };
    }
    if (!endpoint) {
      return {
        kind: 'not_deliverable',
        error: `No endpoint is set for ${row.appId} in this store: set one, then replay the failed deliveries`,
      };
    }
    const { timeoutMs } = this.deps.policy();
    try {
      const headers = { 'content-type': 'application/json', [DELIVERY_SIGNATURE_HEADER]: sign(row.body, endpoint.secret) };
      const response = await this.client.post(endpoint.url, headers, row.body, timeoutMs);
      return { kind: 'response', ...response };
    } catch (error) {
      if (error instanceof NoAnswer) return { kind: 'no_response', error: error.detail, timedOut: error.timedOut };
      return { kind: 'no_response', error: (error as Error).message, timedOut: false };
    }
  }

  /** Writes the outcome to the outbox row, its step and its run: one savepoint of the group commit. */
  private apply(row: OutboxRow, decided: Decided, attempt: EffectAttempt, isEffect: boolean): void {
    const { answer } = attempt;
    const { outbox, runs, runner } = this.deps;
    const nowMs = this.deps.nowMs();
    const nowIso = new Date(nowMs).toISOString();
    const { decision, progress } = decided;
    outbox.update({
      actionRunId: row.actionRunId,
      state: decision.state,
      attempts: progress.attempts,
      polls: progress.polls,
      throttles: progress.throttles,
      nextAttemptAt: 'nextAttemptAt' in decision ? decision.nextAttemptAt : nowMs,
      firstAcceptedAt: progress.firstAcceptedAt,
      lastStatus: decided.lastStatus,
      lastError: decided.lastError,
      updatedAt: nowIso,
    });
    if (decision.state === 'delivered') outbox.markThrough(row.storeId, row.appId, nowIso);
    const stepStatus = decision.state === 'delivered' ? 'succeeded' : decision.state === 'pending' ? 'queued' : decision.state;
    const final = decision.state === 'delivered' || decision.state === 'failed';
    const response =
      answer.kind === 'response' && !(isEffect && attempt.value === undefined && answer.body === '')
        ? { status: answer.status, body: keptBody(answer.body) }
        : null;
    // What later steps read (`sendHttpRequest`, `runCode`) is kept whole as `value`: the run goes on from it.
    const outputs: Record<string, unknown> = { actionRunId: row.actionRunId, response };
    if (isEffect && decision.state === 'delivered' && attempt.value !== undefined) outputs.value = attempt.value;
    if (attempt.logs) outputs.logs = attempt.logs;
    runs.updateStep({
      runId: row.runId,
      seq: row.stepSeq,
      status: stepStatus,
      outputs: JSON.stringify(outputs),
      error: decision.state === 'delivered' || decision.state === 'accepted' ? null : decision.error,
      attempts: progress.attempts + progress.polls + progress.throttles,
      startedAt: null,
      finishedAt: final ? nowIso : null,
    });
    if (isEffect && decision.state === 'delivered') runner.continueAfterEffect(row.runId, row.stepSeq);
    else runner.refreshStatus(row.runId, undefined, nowIso);
  }
}

function readEffect(body: string): FlowEffect | null {
  try {
    return parseEffect(body);
  } catch {
    return null;
  }
}

/** The app's answer as the run shows it: JSON when it is JSON, text otherwise, cut to a readable size. */
function keptBody(body: string): unknown {
  const text = body.length > MAX_KEPT_BODY ? `${body.slice(0, MAX_KEPT_BODY)}…` : body;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
