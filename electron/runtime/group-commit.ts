import type { Database } from 'better-sqlite3';
import type { WalSync } from './wal-sync';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: work handed in during one turn of the event loop is written in one transaction (a piece
 * that throws is refused alone: see flush).
 * A transaction per event would spend its time syncing the file; one per batch makes thousands of
 * events a second durable, and a caller's promise still resolves only once its writes are committed.
 * Batching follows the load by itself: while one transaction is written and synced (synchronously), the
 * requests that arrive wait in their sockets; the next turn reads them all, and they make one batch.
 * When a batch fails as a whole (the disk full, an I/O error), every piece is tried alone and fails alone:
 * nothing of it is half written, and each caller is told.
 * With a WalSync (the runtime's own connection, at synchronous = NORMAL) the commit does not wait for the disk:
 * callers are answered once the WAL is synced off the thread, and the thread goes on meanwhile (reading and
 * checking the next requests, which join the next transaction once the sync is done).
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private flushes = 0;
  private flushing = false;
  private writing = 0;
  /** Commits whose WAL sync is under way (with a WalSync). */
  private syncing = 0;

  constructor(
    private readonly db: Database,
    private readonly maxBatch = 5000,
    private readonly sync: WalSync | null = null,
  ) {}

  /** Transactions written so far (batches, and pieces written alone after a batch failed). */
  get commits(): number {
    return this.flushes;
  }

  /** Milliseconds spent inside transactions so far (the writes, their commits and what the pieces do in them). */
  get writeMs(): number {
    return this.writing;
  }

  /**
   * Identifies the flush being written, null outside one. Nothing but this flush writes while it runs
   * (one connection, synchronous), so what it read once stays true until it ends.
   */
  currentFlush(): number | null {
    return this.flushing ? this.flushes : null;
  }

  run<R>(work: () => R): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the runtime is stopped'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // While the last commit's sync is under way, work waits for it: then it all goes in one transaction, as
      // work did while a commit synced on the thread (fewer, larger commits write fewer pages per event).
      if (!this.scheduled && this.syncing === 0) this.schedule();
    });
  }

  private schedule(): void {
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Refuses new work; work already queued is still written. */
  close(): void {
    this.closed = true;
  }

  /** Writes everything queued now (used before stopping). */
  flush(): void {
    this.scheduled = false;
    const started = performance.now();
    const written: [Pending, unknown][] = [];
    try {
      this.flushQueue(written);
    } finally {
      this.writing += performance.now() - started;
      this.answer(written);
    }
  }

  /** Resolves once every commit written so far is on disk (stopping, before the connection closes). */
  async synced(): Promise<void> {
    await this.sync?.release();
  }

  /** Tells the callers whose work was committed: at once, or once the WAL is synced. */
  private answer(written: [Pending, unknown][]): void {
    if (written.length === 0) return;
    if (!this.sync) {
      for (const [item, value] of written) item.resolve(value);
      return;
    }
    this.syncing++;
    this.sync.after((error) => {
      this.syncing--;
      // Committed but perhaps not on disk: the caller is refused (an app sends the trigger again, and its event id
      // finds this one: it is answered as the repeat it is, with no second run).
      if (error) for (const [item] of written) item.reject(new Error(`the commit could not be synced to disk: ${error.message}`));
      else for (const [item, value] of written) item.resolve(value);
      if (this.syncing === 0 && this.queue.length > 0 && !this.scheduled) this.schedule();
    });
  }

  private flushQueue(written: [Pending, unknown][]): void {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.flushes++;
      this.flushing = true;
      let results: unknown[];
      try {
        // IMMEDIATE: the write lock is taken (or waited for) before the first read, so another process's
        // commit cannot invalidate this transaction's snapshot half-way (SQLITE_BUSY_SNAPSHOT, no retry).
        results = this.db.transaction(() => batch.map((item) => item.work())).immediate();
      } catch {
        // One piece failed: the batch rolled back whole. Write each piece on its own, so only the failing
        // one is refused. (Cheaper than a savepoint per piece, since failures are rare: input is checked
        // before it gets here.)
        for (const item of batch) {
          try {
            this.flushes++;
            written.push([item, this.db.transaction(item.work).immediate()]);
          } catch (error) {
            item.reject(error);
          }
        }
        this.flushing = false;
        continue;
      }
      this.flushing = false;
      batch.forEach((item, i) => written.push([item, results[i]]));
    }
  }
}
