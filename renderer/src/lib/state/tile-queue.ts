/**
 * Which matrix tiles are fetched next, and how many requests at once. The grid says on every scroll frame which
 * tiles it wants, as jobs (tiles fetched together in one request, so that they arrive in one frame), most needed
 * first; that list replaces the previous one, so tiles of a view the admin has already scrolled past are never
 * requested (a scrollbar dragged end to end does not fetch every view on the way). At most `concurrency`
 * requests are in flight: on a shared machine the server's and the browser's time go to the tiles in view, not
 * to a backlog.
 */
export class TileQueue {
  private wanted: number[][] = [];
  private readonly inFlight = new Set<number>();
  private requests = 0;
  private epoch = 0;

  /**
   * @param load fetches and stores the tiles of one job (by key); it resolves when done, also when it failed.
   * @param has whether a tile is loaded already (or being loaded by someone else).
   */
  constructor(
    private readonly load: (keys: number[]) => Promise<void>,
    private readonly has: (key: number) => boolean,
    private readonly concurrency = 2,
  ) {}

  /** The jobs wanted now, most needed first; replaces what was wanted before and starts what it can. */
  want(jobs: readonly (readonly number[])[]): void {
    this.wanted = jobs.map((job) => this.missing(job)).filter((job) => job.length > 0);
    this.pump();
  }

  /** Forgets what was wanted (a new filter or organization); requests in flight finish but start nothing more. */
  clear(): void {
    this.epoch++;
    this.wanted = [];
    this.inFlight.clear();
    this.requests = 0;
  }

  /** How many requests are in flight. */
  get running(): number {
    return this.requests;
  }

  /** Jobs wanted and not started yet. */
  get waiting(): readonly (readonly number[])[] {
    return this.wanted;
  }

  private missing(job: readonly number[]): number[] {
    return job.filter((key) => !this.has(key) && !this.inFlight.has(key));
  }

  private pump(): void {
    while (this.requests < this.concurrency && this.wanted.length > 0) {
      const job = this.missing(this.wanted.shift()!);
      if (job.length === 0) continue;
      const epoch = this.epoch;
      this.requests++;
      for (const key of job) this.inFlight.add(key);
      void this.load(job).finally(() => {
        if (epoch !== this.epoch) return;
        this.requests--;
        for (const key of job) this.inFlight.delete(key);
        this.pump();
      });
    }
  }
}
