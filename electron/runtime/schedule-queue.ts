import { latestOccurrence, nextOccurrence } from '../domain/workflow/occurrences';
import type { Schedule } from '../domain/workflow/recurrence';
import type { ScheduleMark } from '../store/schedule-store';
import { DueHeap } from './due-heap';
import { latestSlot, localTime, nextSlot } from './schedule-slots';

/**
 * One running scheduled pair: a store and a trigger on the catalog's schedule (workflowId '', every workflow
 * on it in the store shares the slot), or a store and one workflow on Shopify's "Scheduled time" with its own.
 */
export interface ScheduledPair {
  storeId: string;
  appId: string;
  triggerHandle: string;
  workflowId: string;
  /** The store's zone: the catalog's slots are local, and so is a workflow schedule without a TZID. */
  timeZone: string;
  /** A trigger on the catalog's schedule: its local daily "HH:MM". Null for a workflow's own schedules. */
  at: string | null;
  /** A Scheduled time workflow: its schedules and the `recurrence` text they were read from. */
  own: { schedules: readonly Schedule[]; text: string } | null;
}

export interface ScheduledFire {
  pair: ScheduledPair;
  slotMs: number;
}

/** What the caller writes, in the same transaction as the fires' events. */
export interface ScheduleWrites {
  marks: ScheduleMark[];
  forgotten: ScheduleMark[];
}

interface Entry {
  pair: ScheduledPair;
  mark: ScheduleMark;
}

export function pairKey(p: Pick<ScheduleMark, 'storeId' | 'appId' | 'triggerHandle' | 'workflowId'>): string {
  return `${p.storeId}|${p.appId}|${p.triggerHandle}|${p.workflowId}`;
}

/**
 * The due slots of the running scheduled pairs, in a heap by next due time. Pure: the scheduler hands in
 * the running pairs when routes change (sync) and asks what is due at each tick (due); both answer the
 * marks to write. The rules are the scheduler's own:
 * - a pair first seen counts from now (nothing was missed before it ran);
 * - a pair that stops running is dropped and its mark forgotten, so running again counts from then;
 * - whatever was missed (Flow Admin closed, the computer asleep, the clock moved on) fires once, the latest
 *   slot, not once per missed slot; at start the stored marks say what was last fired.
 */
export class ScheduleQueue {
  private readonly heap = new DueHeap<Entry>();

  get size(): number {
    return this.heap.size;
  }

  /** When the next pair is due (Infinity: none). */
  nextDueMs(): number {
    return this.heap.peekDue();
  }

  /**
   * Makes the queue hold exactly `running`. `stored` (at start: the marks read from the database) gives the
   * pairs' last slots; a stored mark whose pair does not run is forgotten. Pairs already queued keep theirs.
   */
  sync(
    running: Iterable<ScheduledPair>,
    nowMs: number,
    stored: ReadonlyMap<string, ScheduleMark> = new Map(),
    /** Only these stores changed: `running` holds their pairs, and the other stores' queued pairs stand. */
    scope?: ReadonlySet<string>,
  ): ScheduleWrites {
    const writes: ScheduleWrites = { marks: [], forgotten: [] };
    const seen = new Set<string>();
    for (const pair of running) {
      const key = pairKey(pair);
      if (seen.has(key)) continue;
      seen.add(key);
      const queued = this.heap.get(key);
      // Unchanged (same zone, same time or rule): its mark and its due slot stand. Working the slot out
      // again in its time zone for every running pair was most of a sync after any route change.
      if (queued && samePair(queued.pair, pair)) continue;
      const mark = this.markFor(pair, queued?.mark ?? stored.get(key), nowMs);
      if (mark.changed) writes.marks.push(mark.mark);
      this.heap.set(key, this.dueAfter(pair, mark.mark), { pair, mark: mark.mark });
    }
    for (const key of [...this.heap.keys()]) {
      if (seen.has(key)) continue;
      const entry = this.heap.get(key)!;
      if (scope && !scope.has(entry.pair.storeId)) continue;
      writes.forgotten.push(entry.mark);
      this.heap.delete(key);
    }
    for (const [key, mark] of stored) if (!seen.has(key)) writes.forgotten.push(mark);
    return writes;
  }

  /** Takes the pairs due at `nowMs`: each fires its latest slot once and is queued for its next. */
  due(nowMs: number): { fires: ScheduledFire[]; marks: ScheduleMark[] } {
    const fires: ScheduledFire[] = [];
    const marks: ScheduleMark[] = [];
    for (const { key, value } of this.heap.popDue(nowMs)) {
      const { pair } = value;
      let mark = value.mark;
      const slot = this.latestDue(pair, nowMs);
      if (slot !== null && slot > mark.lastSlotAt) {
        mark = { ...mark, lastSlotAt: slot };
        marks.push(mark);
        fires.push({ pair, slotMs: slot });
      }
      // Never due again at or before now: a slot is only ever fired once.
      this.heap.set(key, Math.max(this.dueAfter(pair, mark), nowMs + 1), { pair, mark });
    }
    return { fires, marks };
  }

  /**
   * The pair's mark, kept when it still fits, else a new one that counts from now. A workflow's mark keeps
   * the `recurrence` it was counted for: another rule (the workflow was edited) counts from the change.
   */
  private markFor(pair: ScheduledPair, known: ScheduleMark | undefined, nowMs: number): { mark: ScheduleMark; changed: boolean } {
    const where = { storeId: pair.storeId, appId: pair.appId, triggerHandle: pair.triggerHandle, workflowId: pair.workflowId };
    if (pair.own === null) {
      if (known) return { mark: known, changed: false };
      return {
        mark: { ...where, lastSlotAt: latestSlot(nowMs, pair.at!, pair.timeZone), firstSlotAt: null, settings: null },
        changed: true,
      };
    }
    if (known && known.settings === pair.own.text) return { mark: known, changed: false };
    return { mark: { ...where, lastSlotAt: nowMs, firstSlotAt: null, settings: pair.own.text }, changed: true };
  }

  /** The latest slot not after now (null: none yet). */
  private latestDue(pair: ScheduledPair, nowMs: number): number | null {
    if (pair.own === null) return latestSlot(nowMs, pair.at!, pair.timeZone);
    return latestOccurrence(pair.own.schedules, nowMs, pair.timeZone);
  }

  /** When the pair next has a slot after its mark's last one (Infinity: its schedules have ended). */
  private dueAfter(pair: ScheduledPair, mark: ScheduleMark): number {
    if (pair.own === null) return nextSlot(mark.lastSlotAt, pair.at!, pair.timeZone);
    return nextOccurrence(pair.own.schedules, mark.lastSlotAt, pair.timeZone);
  }
}

/** Whether a queued pair is still the same pair (its key matched): where and when it fires are unchanged. */
function samePair(a: ScheduledPair, b: ScheduledPair): boolean {
  return a.timeZone === b.timeZone && a.at === b.at && (a.own?.text ?? null) === (b.own?.text ?? null);
}

const knownZones = new Set<string>();

/** Whether the zone is one Intl knows (a store with an unknown zone has no slots; the scheduler says so). Remembered per zone. */
export function knownTimeZone(timeZone: string, nowMs: number): boolean {
  if (knownZones.has(timeZone)) return true;
  try {
    localTime(nowMs, timeZone);
    knownZones.add(timeZone);
    return true;
  } catch {
    return false;
  }
}
