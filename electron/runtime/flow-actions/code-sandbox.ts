import { Worker } from 'node:worker_threads';
import { sandboxWorkerSource } from './sandbox-worker-source';

/** How much a Run code script may use. */
export interface SandboxLimits {
  /** Wall time for loading and running the script. */
  timeMs: number;
  memoryBytes: number;
  stackBytes: number;
}

export const defaultSandboxLimits: SandboxLimits = { timeMs: 5_000, memoryBytes: 16 * 1024 * 1024, stackBytes: 512 * 1024 };

export type SandboxResult =
  { ok: true; output: unknown; logs: string[]; durationMs: number } | { ok: false; error: string; logs: string[]; durationMs: number };

/** Kept per run: what console.log wrote, cut to a readable amount. */
const MAX_LOG_LINES = 100;
const MAX_LOG_LINE = 1_000;
/** Time for the worker to start and load QuickJS, on top of the script's own limit, before it is stopped from outside. */
const START_GRACE_MS = 2_000;

/** How the pool keeps its workers (tests make them short). */
export interface SandboxPoolOptions {
  /** Scripts run at the same time, one per worker; more wait their turn. */
  maxWorkers: number;
  /**
   * A worker beyond the first starts only once a script has waited this long for one: scripts take milliseconds,
   * so one worker runs them all unless one is slow (a loop until its limit) or they come faster than it runs them.
   */
  moreWorkersAfterMs: number;
  /** A worker with nothing to run for this long ends (an organization without Run code keeps none). */
  idleMs: number;
  /** A worker ends after this many scripts and a new one takes over. */
  maxScriptsPerWorker: number;
}

const defaultPoolOptions: SandboxPoolOptions = { maxWorkers: 2, moreWorkersAfterMs: 1_000, idleMs: 10_000, maxScriptsPerWorker: 500 };

interface Job {
  id: number;
  script: string;
  inputJson: string;
  limits: SandboxLimits;
  started: number;
  resolve: (result: SandboxResult) => void;
}

type WorkerAnswer = { id: number; ok?: boolean; output?: unknown; error?: string; limit?: string; logs: string[]; durationMs: number };

interface Pooled {
  worker: Worker;
  scripts: number;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

function limitMessage(limit: string, limits: SandboxLimits): string {
  if (limit === 'time') return `The script ran longer than ${limits.timeMs} ms and was stopped`;
  if (limit === 'memory') return `The script used more than ${Math.round(limits.memoryBytes / (1024 * 1024))} MB of memory and was stopped`;
  return 'The script recursed too deep (stack overflow) and was stopped';
}

function quickjsPath(): string {
  return require.resolve('quickjs-emscripten');
}

/**
 * The worker threads Run code scripts run in. A thread with its own V8 and QuickJS costs 30–40 MB and up to a
 * second to start on a busy machine; one per script made the server's memory jump by that much per script at
 * once under traffic, and left its allocator's memory behind. So a few workers are kept while scripts keep
 * coming (each script still gets a QuickJS runtime of its own, see sandbox-worker-source.ts), and ended when
 * idle. A worker whose script outlives its limit, fails or crashes is ended and not reused. The second worker
 * (15–20 MB resident) starts only when a script has waited for the first (moreWorkersAfterMs), so a slow script
 * still does not hold up the others for longer than that.
 */
export class SandboxPool {
  private readonly workers = new Set<Pooled>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Set while a waiting script may need another worker: pumps again when it has waited moreWorkersAfterMs. */
  private moreTimer: NodeJS.Timeout | null = null;
  private readonly options: SandboxPoolOptions;

  constructor(options: Partial<SandboxPoolOptions> = {}) {
    this.options = { ...defaultPoolOptions, ...options };
  }

  /** Workers alive now (for tests). */
  get size(): number {
    return this.workers.size;
  }

  run(script: string, input: unknown, limits: SandboxLimits): Promise<SandboxResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, script, inputJson: JSON.stringify(input ?? null), limits, started: Date.now(), resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let pooled = [...this.workers].find((w) => w.job === null);
      if (!pooled) {
        if (this.workers.size >= this.options.maxWorkers) return;
        const waitedMs = Date.now() - this.queue[0]!.started;
        if (this.workers.size > 0 && waitedMs < this.options.moreWorkersAfterMs) {
          this.pumpAgainIn(this.options.moreWorkersAfterMs - waitedMs);
          return;
        }
        pooled = this.spawn();
      }
      this.assign(pooled, this.queue.shift()!);
    }
  }

  private pumpAgainIn(ms: number): void {
    if (this.moreTimer) return;
    this.moreTimer = setTimeout(() => {
      this.moreTimer = null;
      this.pump();
    }, ms);
    // The busy worker keeps the process alive while a script waits; this timer need not.
    this.moreTimer.unref?.();
  }

  private spawn(): Pooled {
    const worker = new Worker(sandboxWorkerSource(MAX_LOG_LINES, MAX_LOG_LINE), {
      eval: true,
      workerData: { quickjsPath: quickjsPath() },
      // The script's memory is QuickJS's own (limited per script); this bounds the worker around it.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    const pooled: Pooled = { worker, scripts: 0, job: null, timer: null };
    this.workers.add(pooled);
    worker.on('message', (m: WorkerAnswer) => {
      if (pooled.job?.id !== m.id) return;
      const { limits } = pooled.job;
      if (m.ok) this.finish(pooled, { ok: true, output: m.output, logs: m.logs, durationMs: m.durationMs });
      else
        this.finish(pooled, {
          ok: false,
          error: m.limit ? limitMessage(m.limit, limits) : (m.error ?? 'The script failed'),
          logs: m.logs,
          durationMs: m.durationMs,
        });
    });
    worker.on('error', (error: Error) => {
      const job = pooled.job;
      this.retire(pooled);
      if (!job) return;
      const limit = /memory|allocation/i.test(error.message) ? 'memory' : /call stack/i.test(error.message) ? 'stack' : null;
      job.resolve({
        ok: false,
        error: limit ? limitMessage(limit, job.limits) : `The sandbox failed: ${error.message}`,
        logs: [],
        durationMs: Date.now() - job.started,
      });
    });
    worker.on('exit', () => {
      const job = pooled.job;
      this.retire(pooled);
      job?.resolve({ ok: false, error: 'The sandbox stopped without an answer', logs: [], durationMs: Date.now() - job.started });
    });
    return pooled;
  }

  private assign(pooled: Pooled, job: Job): void {
    if (pooled.timer) clearTimeout(pooled.timer);
    pooled.job = job;
    pooled.scripts++;
    pooled.worker.ref();
    // Stopped from outside when the script's own deadline (in the worker) did not stop it.
    pooled.timer = setTimeout(() => {
      this.retire(pooled);
      job.resolve({ ok: false, error: limitMessage('time', job.limits), logs: [], durationMs: Date.now() - job.started });
    }, job.limits.timeMs + START_GRACE_MS);
    const { id, script, inputJson, limits } = job;
    pooled.worker.postMessage({ id, script, inputJson, ...limits });
  }

  private finish(pooled: Pooled, result: SandboxResult): void {
    const job = pooled.job!;
    if (pooled.timer) clearTimeout(pooled.timer);
    pooled.job = null;
    pooled.timer = null;
    if (pooled.scripts >= this.options.maxScriptsPerWorker) this.retire(pooled);
    else {
      // Idle: it does not keep the process alive, and ends if nothing comes.
      pooled.worker.unref();
      pooled.timer = setTimeout(() => this.retire(pooled), this.options.idleMs);
      pooled.timer.unref?.();
    }
    job.resolve(result);
    this.pump();
  }

  /** Ends a worker and forgets it (its job, if any, is answered by the caller). */
  private retire(pooled: Pooled): void {
    if (!this.workers.delete(pooled)) return;
    if (pooled.timer) clearTimeout(pooled.timer);
    pooled.job = null;
    pooled.timer = null;
    void pooled.worker.terminate();
    this.pump();
  }
}

const sharedPool = new SandboxPool();

/**
 * Runs a Run code script: `export default function main(input)` is called with `input` (the input query's
 * answer) and returns the output. In a worker thread, so a script that loops or allocates never holds up the
 * server; ended from outside if it outlives its limit. Never rejects: every failure is a result.
 */
export function runInSandbox(script: string, input: unknown, limits: SandboxLimits = defaultSandboxLimits): Promise<SandboxResult> {
  return sharedPool.run(script, input, limits);
}
