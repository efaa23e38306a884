import fs from 'node:fs';

/**
 * Makes the runtime's commits durable off its thread. The runtime's own connection (its worker thread) commits
 * with `synchronous = NORMAL`, which writes the WAL frames but does not sync them; this syncs the WAL file with
 * `fdatasync` on libuv's thread pool and tells each commit's callers once their frames are on disk. What an
 * acknowledgement promises is what `synchronous = FULL` promised (the WAL synced before the answer: an
 * acknowledged event survives a power loss); what changes is that the thread parses the next requests, sends
 * deliveries and writes the next batch while the disk syncs, instead of waiting for it inside the commit.
 * Commits that end while a sync is under way share the next one (one sync for all of them).
 */
export class WalSync {
  private fd: number | null = null;
  private running = false;
  private next: ((error: Error | null) => void)[] = [];
  private idle: (() => void)[] = [];

  constructor(private readonly walPath: string) {}

  /** Calls `done` once everything written to the WAL so far is on disk, or with the error that kept it off. */
  after(done: (error: Error | null) => void): void {
    this.next.push(done);
    if (!this.running) this.start();
  }

  private start(): void {
    const waiting = this.next;
    this.next = [];
    let fd: number;
    try {
      // Opened once (read-write: Windows' FlushFileBuffers needs it). The WAL file lives as long as a connection to
      // the database is open, and the runtime's own is, so it is the same file for the runtime's whole life.
      fd = this.fd ??= fs.openSync(this.walPath, 'r+');
    } catch (error) {
      for (const done of waiting) done(error as Error);
      return this.settled();
    }
    this.running = true;
    fs.fdatasync(fd, (error) => {
      this.running = false;
      for (const done of waiting) done(error);
      if (this.next.length > 0) this.start();
      else this.settled();
    });
  }

  private settled(): void {
    if (this.running || this.next.length > 0) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Resolves once no sync is waiting or under way, and lets the file go (opened again by the next sync). */
  async release(): Promise<void> {
    while (this.running || this.next.length > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }
}
