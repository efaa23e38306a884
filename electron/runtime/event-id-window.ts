import type { TriggerEventIdStore } from '../store/trigger-event-id-store';

/**
 * A 30-bit hash of an app's event id in its store and app (FNV-1a, two lanes folded): the window's key. 30 bits
 * stay a small integer in V8, so a key is no heap number: 29 bytes an entry in the map instead of 45 for a 53-bit
 * key (measured with 1,000,000 entries). Collisions are expected now and then and cost one row read (`find`).
 */
export function eventIdHash(storeId: string, appId: string, eventId: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const part of [storeId, appId, eventId]) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    // A separator, so ("ab", "c") and ("a", "bc") differ.
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x01000193);
  }
  return (a ^ (b >>> 7)) >>> 2;
}

type Rowids = number | number[];

/**
 * The app event ids seen within the replay window, in memory: a hash of (store, app, event id) → the rowid of
 * the trigger event it recorded. A table of its own cost an insert, an update, a random index page and a prune
 * per event; here a new id costs a hash and a map entry (~30 bytes), and the id itself is kept on the event.
 *
 * A hit is checked against the event row (same store, app and id), which makes the map safe to be wrong:
 * a hash collision, or an entry whose transaction rolled back (its rowid then names nothing, or a later
 * event), is simply not a match. Within a transaction, the rows it wrote are visible to that check, so the
 * same id twice in one group commit is caught too.
 *
 * Kept in three generations of `keepMs / 2`: an id is remembered at least `keepMs` and at most 1.5× that.
 * Rebuilt from the events of the last `keepMs` when first used (the runtime's start, or after a restart).
 */
export class EventIdWindow {
  private generations: Map<number, Rowids>[] = [new Map(), new Map(), new Map()];
  private generationStartedAt = -Infinity;
  private loaded = false;

  constructor(
    private readonly store: TriggerEventIdStore,
    private readonly keepMs: number,
  ) {}

  /** The recorded event's id, when this app event id was seen in the window; else null. */
  find(storeId: string, appId: string, appEventId: string, nowMs: number): string | null {
    this.advance(nowMs);
    const hash = eventIdHash(storeId, appId, appEventId);
    for (const generation of this.generations) {
      const entry = generation.get(hash);
      if (entry === undefined) continue;
      for (const rowid of typeof entry === 'number' ? [entry] : entry) {
        const row = this.store.byRowid(rowid);
        if (row && row.storeId === storeId && row.appId === appId && row.appEventId === appEventId) return row.id;
      }
    }
    return null;
  }

  /** Remembers an app event id just recorded on the event at `rowid`. */
  remember(storeId: string, appId: string, appEventId: string, rowid: number): void {
    this.add(this.generations[0]!, eventIdHash(storeId, appId, appEventId), rowid);
  }

  /** The runs the event started when it came: a repeat's answer. */
  firstRunIds(eventId: string): string[] {
    return this.store.firstRunIds(eventId);
  }

  private add(generation: Map<number, Rowids>, hash: number, rowid: number): void {
    const entry = generation.get(hash);
    if (entry === undefined) generation.set(hash, rowid);
    else if (typeof entry === 'number') generation.set(hash, [entry, rowid]);
    else entry.push(rowid);
  }

  private advance(nowMs: number): void {
    if (!this.loaded) {
      this.loaded = true;
      this.generationStartedAt = nowMs;
      const current = this.generations[0]!;
      for (const row of this.store.receivedSince(new Date(nowMs - this.keepMs).toISOString()))
        this.add(current, eventIdHash(row.storeId, row.appId, row.appEventId), row.rowid);
      return;
    }
    if (nowMs - this.generationStartedAt >= this.keepMs / 2) {
      this.generations = [new Map(), this.generations[0]!, this.generations[1]!];
      this.generationStartedAt = nowMs;
    } else if (nowMs < this.generationStartedAt) {
      // The clock was set back: the current generation goes on from now (it keeps its ids longer, drops none).
      this.generationStartedAt = nowMs;
    }
  }
}
