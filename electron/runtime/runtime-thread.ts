import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RuntimeOptions } from './runtime-options';

/** The runtime options that can cross into a worker thread: tuning that can be copied (no functions). */
export const portableRuntimeOptionKeys = [
  'delivery',
  'concurrency',
  'idleMs',
  'schedulerIntervalMs',
  'retentionIntervalMs',
  'triggerPort',
  'effects',
  'groupCommitMaxBatch',
  'indexAtRuns',
  'historyPurgeChunk',
  'historyPurgeOnTimer',
] as const satisfies readonly (keyof RuntimeOptions)[];

export type PortableRuntimeOptions = Pick<RuntimeOptions, (typeof portableRuntimeOptionKeys)[number]>;

export interface RuntimeWorkerData {
  databasePath: string;
  nativeBinding?: string;
  catalogDir?: string;
  /** The secrets key (same process; null when it cannot be read, with why). */
  key: Uint8Array | null;
  keyWhere: string;
  keyError: string | null;
  soleWriter: boolean;
  options: PortableRuntimeOptions;
}

export type ToRuntimeWorker = { type: 'kick' } | { type: 'settings' } | { type: 'endpoints' } | { type: 'stop' };
export type FromRuntimeWorker =
  { type: 'started'; triggerEndpointUrl: string | null } | { type: 'stopped' } | { type: 'log'; message: string; error: string | null };

export interface RuntimeThreadState {
  /** Times the worker stopped unexpectedly and was started again. */
  restarts: number;
  /** What the last unexpected stop said, if any. */
  lastError: string | null;
}

/** The first wait before starting a crashed worker again; doubled per crash in a row, up to the last. */
const RESTART_DELAYS_MS = [200, 1_000, 5_000, 30_000];

/**
 * The main thread's handle on the runtime's worker thread (runtime-worker.ts): starts it, relays kicks and
 * settings, stops it. A worker that dies unexpectedly (an uncaught error, a crash) is reported through `log`
 * and started again after a short wait that grows while it keeps dying; events it had acknowledged are in
 * the database already (it acknowledges only after the commit), and its deliveries resume from the outbox.
 */
export class RuntimeThread {
  private worker: Worker | null = null;
  private url: string | null = null;
  private stopping = false;
  private crashesInARow = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  readonly state: RuntimeThreadState = { restarts: 0, lastError: null };

  constructor(
    private readonly data: () => RuntimeWorkerData,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  get triggerEndpointUrl(): string | null {
    return this.url;
  }

  /** Resolves once the worker serves triggers (or rejects with why it could not start). */
  start(): Promise<void> {
    this.stopping = false;
    return new Promise<void>((resolve, reject) => {
      const worker = spawnWorker(this.data());
      this.worker = worker;
      let started = false;
      worker.on('message', (message: FromRuntimeWorker) => {
        if (message.type === 'started') {
          started = true;
          this.crashesInARow = 0;
          this.url = message.triggerEndpointUrl;
          resolve();
        } else if (message.type === 'log') this.log(message.message, message.error ?? undefined);
      });
      worker.on('error', (error) => {
        this.state.lastError = error.stack ?? error.message;
        if (!started) reject(error);
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = null;
        this.url = null;
        if (this.stopping) return;
        if (!started) return reject(new Error(`the runtime worker exited (code ${code}) before it started`));
        this.crashed(code);
      });
    });
  }

  private crashed(code: number): void {
    this.state.restarts++;
    this.state.lastError ??= `exited with code ${code}`;
    const delay = RESTART_DELAYS_MS[Math.min(this.crashesInARow++, RESTART_DELAYS_MS.length - 1)]!;
    this.log(
      `the runtime's worker thread stopped unexpectedly (exit code ${code}): ${this.state.lastError}; starting it again in ${delay} ms`,
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.start().catch((error: unknown) => {
        this.log('the runtime worker could not be started again', error);
        if (!this.stopping) this.crashed(1);
      });
    }, delay);
    this.restartTimer.unref?.();
  }

  send(message: ToRuntimeWorker): void {
    this.worker?.postMessage(message);
  }

  /** Lets the worker finish what is in flight and close its connection; resolves when it has exited. */
  stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    return new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'stop' } satisfies ToRuntimeWorker);
    });
  }

  /** Stops it at once (closing without waiting): what it queued but had not acknowledged is not written. */
  terminate(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    void this.worker?.terminate();
    this.worker = null;
  }
}

/** The built worker (build/electron/runtime/runtime-worker.js), or the source one through tsx (tests, npm run bench). */
function spawnWorker(data: RuntimeWorkerData): Worker {
  const compiled = path.join(__dirname, 'runtime-worker.js');
  if (!__filename.endsWith('.ts')) return new Worker(compiled, { workerData: data });
  const source = path.join(__dirname, 'runtime-worker.ts');
  const tsx = require.resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true, workerData: data });
}
