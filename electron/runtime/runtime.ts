import { AppEndpointStore } from '../store/app-endpoint-store';
import { OutboxStore } from '../store/outbox-store';
import { RoutingStore } from '../store/routing-store';
import { RunStore } from '../store/run-store';
import { StatusFactsStore } from '../store/status-facts-store';
import { ScheduleStore } from '../store/schedule-store';
import { TriggerEventIdStore } from '../store/trigger-event-id-store';
import { AppEndpoints } from './app-endpoints';
import { DeliveryWorker } from './delivery-worker';
import { defaultDeliveryPolicy, type DeliveryPolicy } from './delivery-policy';
import { GroupCommit } from './group-commit';
import { WalSync } from './wal-sync';
import { EventIdWindow } from './event-id-window';
import { Intake, REPLAY_WINDOW_MS } from './intake';
import { checkDataObject } from './data-object-check';
import type { DataObjectCheck } from './trigger-payload';
import { loadAdminSchema } from '../domain/schema/load-admin-schema';
import { purgeOldRuns } from './retention';
import { purgeDeletedHistory } from './history-purge';
import { HistoryPurgeStore } from '../store/history-purge-store';
import { Routing } from './routing';
import { Runner } from './runner';
import { readRuntimeSettings, writeRuntimeSettings, type RuntimeSettings } from './runtime-settings';
import { Scheduler } from './scheduler';
import { timeOrderedId } from './time-ordered-id';
import { startTriggerEndpoint, type TriggerEndpoint } from './trigger-endpoint';
import type { RuntimeThread, RuntimeThreadState } from './runtime-thread';
import { runtimeThreadFor } from './runtime-thread-start';
import type { RuntimeOptions } from './runtime-options';
import { resumeDueRuns } from './resume-waits';

export type { RuntimeOptions } from './runtime-options';

/** Pages of WAL after which a commit copies them into the database file (SQLite's default is 1,000). */
export const WAL_CHECKPOINT_PAGES = 10_000;
/**
 * The lagging indexes are filled once 16,384 runs wait for them (looked at every second: two reads of a B-tree's
 * edge), in one sorted INSERT. What a pass writes is about one page per workflow that has new runs: with 2,000
 * workflows a pass of a few thousand runs would still touch most of their pages (each commit of ~48 runs touched
 * ~48), so it pays only when it holds many runs per workflow. The runs not yet indexed are read by rowid on a
 * workflow filter: at most this many (the runs-by-workflow-scale bench times that read).
 */
const INDEX_CHECK_MS = 1_000;
const INDEX_AT_RUNS = 16_384;
const INDEX_BATCH = 100_000;

/**
 * The local Flow runtime: trigger intake, routing, runs, the outbox and its delivery worker, the scheduler
 * and retention. The app context owns one; start() begins serving and delivering (pending deliveries from
 * an earlier session resume), stop() lets work in flight finish and leaves the rest in the outbox.
 */
export class Runtime {
  readonly runs: RunStore;
  readonly historyPurges: HistoryPurgeStore;
  readonly outbox: OutboxStore;
  readonly endpointStore: AppEndpointStore;
  readonly endpoints: AppEndpoints;
  readonly routing: Routing;
  readonly runner: Runner;
  readonly intake: Intake;
  readonly commit: GroupCommit;
  private readonly worker: DeliveryWorker;
  private readonly scheduler: Scheduler;
  private readonly nowMs: () => number;
  private readonly log: (message: string, error?: unknown) => void;
  private current: RuntimeSettings;
  private currentPolicy: DeliveryPolicy | null = null;
  private endpoint: TriggerEndpoint | null = null;
  private started = false;
  private waitTimer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private indexTimer: NodeJS.Timeout | null = null;
  private thread: RuntimeThread | null = null;
  private historyPurge: Promise<number> | null = null;

  constructor(private readonly options: RuntimeOptions) {
    const { db, catalog } = options;
    const now = options.now ?? (() => new Date());
    this.nowMs = () => now().getTime();
    const newId = options.newId ?? (() => timeOrderedId(this.nowMs()));
    this.log = options.log ?? ((message, error) => console.error(`Flow Admin runtime: ${message}`, error ?? ''));
    this.current = readRuntimeSettings(options.settings);
    // The WAL is copied into the database file every 10,000 pages (~40 MB) instead of SQLite's 1,000: at 1,000 a
    // checkpoint (35 ms, the file's sync included) came every two or three commits of 32 events, and the random
    // index pages the intake touches were written back again each time. Over HTTP, alternated with 1,000 in the
    // same run: 1.20-1.55x the events/s, 0.84-0.98x the CPU per event (docs/performance.md). Commits stay
    // synced (FULL, or the sync off the thread below): this moves only when the file catches up with the WAL.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    // On its own connection the commit leaves the sync of the WAL to the thread pool, and the group commit answers
    // after it (wal-sync.ts): as durable as FULL, without the thread waiting for the disk in every commit
    // (1.12-1.60x the events/s over HTTP alternated with FULL, docs/performance.md "Both cores").
    if (options.syncOffThread) db.pragma('synchronous = NORMAL');
    this.commit = new GroupCommit(
      db,
      options.groupCommitMaxBatch,
      options.syncOffThread ? new WalSync(options.syncOffThread.walPath) : null,
    );
    this.runs = new RunStore(db);
    this.historyPurges = new HistoryPurgeStore(db);
    this.outbox = new OutboxStore(db);
    this.endpointStore = new AppEndpointStore(db);
    const routingStore = new RoutingStore(db);
    this.routing = new Routing(routingStore, options.statusFacts ?? new StatusFactsStore(db, catalog), catalog, () =>
      this.commit.currentFlush(),
    );
    // An endpoint set on the UI thread is not a routing change: the worker is told to drop what it opened (after
    // the change is committed, as with settings), or it would go on delivering to the old URL with the old secret.
    this.endpoints = new AppEndpoints(
      this.endpointStore,
      options.secrets,
      () => routingStore.generation(),
      () => {
        if (this.thread) setImmediate(() => this.thread?.send({ type: 'endpoints' }));
      },
    );
    this.runner = new Runner({
      catalog,
      runs: this.runs,
      outbox: this.outbox,
      routing: this.routing,
      nowMs: this.nowMs,
      newId,
      onQueued: () => this.kickDeliveries(),
    });
    let objectCheck: DataObjectCheck | null = null;
    this.intake = new Intake({
      catalog,
      routing: this.routing,
      endpoints: this.endpoints,
      runner: this.runner,
      commit: this.commit,
      eventIds: new EventIdWindow(new TriggerEventIdStore(db), 2 * REPLAY_WINDOW_MS),
      nowMs: this.nowMs,
      objectCheck: () => {
        if (!objectCheck) {
          const schema = options.adminSchema ?? loadAdminSchema();
          objectCheck = (object, value, path) => checkDataObject(schema, object, value, path);
        }
        return objectCheck;
      },
    });
    this.worker = new DeliveryWorker({
      outbox: this.outbox,
      runs: this.runs,
      runner: this.runner,
      endpoints: this.endpoints,
      commit: this.commit,
      policy: () => this.policy(),
      nowMs: this.nowMs,
      random: options.random ?? Math.random,
      concurrency: options.concurrency ?? 32,
      idleMs: options.idleMs ?? 1_000,
      log: this.log,
      ...(options.effects ? { effects: options.effects } : {}),
    });
    this.scheduler = new Scheduler({
      catalog,
      routing: this.routing,
      schedules: new ScheduleStore(db),
      commit: this.commit,
      runner: this.runner,
      nowMs: this.nowMs,
      intervalMs: options.schedulerIntervalMs ?? 60_000,
      log: this.log,
    });
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Where apps send triggers, while started. */
  get triggerEndpointUrl(): string | null {
    return this.thread ? this.thread.triggerEndpointUrl : (this.endpoint?.url ?? null);
  }

  /** Where the runtime runs, and how often its worker thread had to be started again (and why, last). */
  threadState(): { mode: 'inline' | 'worker' } & RuntimeThreadState {
    return this.thread ? { mode: 'worker', ...this.thread.state } : { mode: 'inline', restarts: 0, lastError: null };
  }

  get deliveriesInFlight(): number {
    return this.worker.inFlight;
  }

  /** The same object until the settings change (read 2-3 times per delivery: building it each time was 0.8 % of the worker). */
  policy(): DeliveryPolicy {
    if (this.currentPolicy) return this.currentPolicy;
    const waitMs = this.current.deliveryWaitHours * 3600_000;
    this.currentPolicy = Object.freeze({
      ...defaultDeliveryPolicy,
      acceptedTimeoutMs: waitMs,
      waitBudgetMs: waitMs,
      ...this.options.delivery,
      maxAttempts: this.current.maxAttempts,
    });
    return this.currentPolicy;
  }

  settings(): RuntimeSettings {
    return { ...this.current };
  }

  /** Call inside the caller's transaction; takes effect at once (the port at the next start). */
  updateSettings(change: Partial<RuntimeSettings>): RuntimeSettings {
    writeRuntimeSettings(this.options.settings, change);
    this.current = readRuntimeSettings(this.options.settings);
    this.currentPolicy = null;
    // After the caller's transaction commits, the worker thread reads them from its own connection.
    if (this.thread) setImmediate(() => this.thread?.send({ type: 'settings' }));
    return this.settings();
  }

  /** Reads the settings again (the worker thread, told the UI thread changed them). */
  reloadSettings(): void {
    this.current = readRuntimeSettings(this.options.settings);
    this.currentPolicy = null;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.options.workerThread) return this.startThread(this.options.workerThread);
    if (this.options.soleWriter) this.outbox.releaseAllLeases();
    this.endpoint = await startTriggerEndpoint(this.intake, {
      port: this.options.triggerPort ?? this.current.triggerPort,
      accepting: () => this.started,
    });
    this.worker.start();
    await this.scheduler.start();
    await this.resumeDueRuns();
    this.waitTimer = setInterval(() => void this.resumeDueRuns(), this.options.idleMs ?? 1_000);
    this.waitTimer.unref?.();
    void this.purge();
    this.retentionTimer = setInterval(() => void this.purge(), this.options.retentionIntervalMs ?? 60 * 60_000);
    this.retentionTimer.unref?.();
    const purgeHistory = this.options.historyPurgeOnTimer ?? true;
    if (purgeHistory) void this.purgeDeletedHistory();
    this.indexTimer = setInterval(() => {
      try {
        if (this.runs.unindexedRuns() >= (this.options.indexAtRuns ?? INDEX_AT_RUNS)) void this.indexRuns();
        // Deleted stores' history, queued by the UI thread's deletion (or left by an earlier session).
        if (purgeHistory && !this.historyPurge && this.historyPurges.queued() > 0) void this.purgeDeletedHistory();
      } catch (error) {
        this.log('runs could not be indexed', error);
      }
    }, INDEX_CHECK_MS);
    this.indexTimer.unref?.();
  }

  private async startThread(where: NonNullable<RuntimeOptions['workerThread']>): Promise<void> {
    this.thread = runtimeThreadFor(this.options, where, this.log);
    try {
      await this.thread.start();
    } catch (error) {
      this.started = false;
      this.thread = null;
      throw error;
    }
  }

  /** Stops intake, the scheduler and the timers; waits for deliveries in flight and writes what is queued. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.thread) {
      await this.thread.stop();
      this.thread = null;
      return;
    }
    if (this.waitTimer) clearInterval(this.waitTimer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.indexTimer) clearInterval(this.indexTimer);
    this.waitTimer = this.retentionTimer = this.indexTimer = null;
    await this.endpoint?.close();
    this.endpoint = null;
    await this.scheduler.stop();
    await this.worker.stop();
    this.commit.flush();
    await this.commit.synced();
  }

  /**
   * For closing the database right away (no await possible): writes what is queued and stops every timer.
   * Requests in flight are abandoned; their deliveries stay in the outbox and are sent again next time.
   */
  halt(): void {
    this.started = false;
    this.thread?.terminate();
    this.thread = null;
    if (this.waitTimer) clearInterval(this.waitTimer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.indexTimer) clearInterval(this.indexTimer);
    void this.scheduler.stop();
    void this.worker.stop();
    void this.endpoint?.close();
    this.endpoint = null;
    this.commit.flush();
    this.commit.close();
  }

  /** Deletes runs older than the retention setting; returns how many trigger events went. */
  purge(): Promise<number> {
    return purgeOldRuns(this.runs, this.commit, this.nowMs(), this.current.retentionDays).catch((error: unknown) => {
      this.log('old runs could not be deleted', error);
      return 0;
    });
  }

  /**
   * Purges the queued history of deleted stores (migration 20) a chunk per group commit, until the queue is empty;
   * a call while one is under way waits for that one. Returns how many runs and trigger events went.
   */
  purgeDeletedHistory(): Promise<number> {
    this.historyPurge ??= purgeDeletedHistory(this.historyPurges, this.commit, this.options.historyPurgeChunk)
      .catch((error: unknown) => {
        this.log("deleted stores' history could not be purged", error);
        return 0;
      })
      .finally(() => (this.historyPurge = null));
    return this.historyPurge;
  }

  /**
   * Puts the runs recorded since the last time into the lagging indexes (migration 18), in the group commit, in
   * sorted batches of at most INDEX_BATCH; the timer does it once INDEX_AT_RUNS wait. Returns how many runs went in.
   */
  async indexRuns(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const indexed = await this.commit.run(() => this.runs.indexRuns(INDEX_BATCH));
        total += indexed;
        if (indexed < INDEX_BATCH) return total;
      }
    } catch (error) {
      this.log('runs could not be indexed', error);
      return total;
    }
  }

  /** Carries on runs whose wait is over. */
  resumeDueRuns(): Promise<number> {
    return resumeDueRuns({
      runs: this.runs,
      routing: this.routing,
      runner: this.runner,
      commit: this.commit,
      nowMs: this.nowMs,
      log: this.log,
    });
  }

  /** Fires the scheduled triggers due now (the timer does it every schedulerIntervalMs). */
  tickScheduler(): Promise<number> {
    return this.scheduler.tick();
  }

  /** Looks at the outbox now (tests, and after a replay). */
  kickDeliveries(): void {
    if (this.thread) this.thread.send({ type: 'kick' });
    else this.worker.kick();
  }
}
