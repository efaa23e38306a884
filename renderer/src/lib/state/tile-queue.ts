/**
 * Which matrix tiles are fetched next, and how many at once. The grid says on every scroll frame which tiles it
 * wants, most needed first; that list replaces the previous one, so tiles of a view the admin has already
 * scrolled past are never requested (a scrollbar dragged end to end does not fetch every view on the way).
 * At most `concurrency` requests are in flight: on a shared machine the server's and the browser's time go to the
 * tiles in view, not to a backlog.
 */
export class TileQueue {
  private wanted: number[] = [];
  private readonly inFlight = new Set<number>();
  private epoch = 0;

  /**
   * @param load fetches and stores one tile (by key); it resolves when done, also when the fetch failed.
   * @param has whether a tile is loaded already (or being loaded by someone else).
   */
  constructor(
    private readonly load: (key: number) => Promise<void>,
    private readonly has: (key: number) => boolean,
    private readonly concurrency = 3,
  ) {}

  /** The tiles wanted now, most needed first; replaces what was wanted before and starts what it can. */
  want(keys: readonly number[]): void {
    this.wanted = keys.filter((key) => !this.has(key) && !this.inFlight.has(key));
    this.pump();
  }

  /** Forgets what was wanted (a new filter or organization); requests in flight finish but start nothing more. */
  clear(): void {
    this.epoch++;
    this.wanted = [];
    this.inFlight.clear();
  }

  /** How many requests are in flight (for tests and the bench). */
  get running(): number {
    return this.inFlight.size;
  }

  /** Tiles wanted and not started yet. */
  get waiting(): readonly number[] {
    return this.wanted;
  }

  private pump(): void {
    while (this.inFlight.size < this.concurrency && this.wanted.length > 0) {
      const key = this.wanted.shift()!;
      if (this.has(key)) continue;
      const epoch = this.epoch;
      this.inFlight.add(key);
      void this.load(key).finally(() => {
        if (epoch !== this.epoch) return;
        this.inFlight.delete(key);
        this.pump();
      });
    }
  }
}
