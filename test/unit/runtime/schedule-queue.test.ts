import { describe, expect, it } from 'vitest';
import { DueHeap } from '../../../electron/runtime/due-heap';
import { parseRecurrence } from '../../../electron/domain/workflow/recurrence';
import { pairKey, ScheduleQueue, type ScheduledPair } from '../../../electron/runtime/schedule-queue';
import type { ScheduleMark } from '../../../electron/store/schedule-store';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

// LoyaltyLion's birthday trigger fires daily at 09:00 store time; Oslo is UTC+1 in March.
const birthdays = (storeId: string): ScheduledPair => ({
  storeId,
  appId: 'loyaltylion',
  triggerHandle: 'customer_birthday_today',
  workflowId: '',
  timeZone: 'Europe/Oslo',
  at: '09:00',
  own: null,
});
/** A "Scheduled time" workflow's own rule, starting Monday 10 March 2025 (no TZID: the store's zone, Oslo). */
const ownTime = (workflowId: string, rule: string | null, time = '143000', date = '20250310'): ScheduledPair => {
  const text = JSON.stringify([`DTSTART:${date}T${time}${rule ? `\nRRULE:${rule}` : ''}`]);
  return {
    storeId: 's1',
    appId: 'shopify',
    triggerHandle: 'scheduled_time',
    workflowId,
    timeZone: 'Europe/Oslo',
    at: null,
    own: { schedules: parseRecurrence(text).schedules, text },
  };
};
const DAILY = 'FREQ=DAILY;INTERVAL=1';
const WEEKLY = 'FREQ=WEEKLY;INTERVAL=1';
const fired = (queue: ScheduleQueue, now: string) =>
  queue
    .due(at(now))
    .fires.map((f) => `${f.pair.storeId}${f.pair.workflowId} ${iso(f.slotMs)}`)
    .sort();

describe('the due heap', () => {
  it('gives entries back by due time, follows moves and removals by key', () => {
    const heap = new DueHeap<string>();
    const dues = [50, 10, 40, 30, 20, 60, 5];
    dues.forEach((due, i) => heap.set(`k${i}`, due, `v${i}`));
    heap.set('k0', 1, 'v0'); // moved earlier
    heap.set('k1', 45, 'v1'); // moved later
    heap.delete('k6');
    expect(heap.popDue(44).map((e) => e.key)).toEqual(['k0', 'k4', 'k3', 'k2']);
    expect(heap.peekDue()).toBe(45);
    expect(heap.size).toBe(2);
    expect(heap.popDue(Infinity).map((e) => e.value)).toEqual(['v1', 'v5']);
  });
});

describe('the scheduler’s queue of running pairs', () => {
  it('a sync after a route change writes nothing for the pairs that did not change, and moves only the one that did', () => {
    const queue = new ScheduleQueue();
    const now = at('2025-03-10T10:00:00Z');
    queue.sync([birthdays('s1'), birthdays('s2'), ownTime('w1', DAILY)], now);
    const due = queue.nextDueMs();
    // Another change somewhere (routes rebuilt): the same running pairs come in again.
    expect(queue.sync([birthdays('s1'), birthdays('s2'), ownTime('w1', DAILY)], now + 60_000)).toEqual({ marks: [], forgotten: [] });
    expect(queue.nextDueMs()).toBe(due);
    // s2's store moved to New York: only its slot moves (09:00 there is 14:00 UTC), its mark stands.
    const moved = { ...birthdays('s2'), timeZone: 'America/New_York' };
    expect(queue.sync([birthdays('s1'), moved, ownTime('w1', DAILY)], now + 120_000)).toEqual({ marks: [], forgotten: [] });
    // 09:00 in New York (EDT since 9 March) is 13:00 UTC, still today; s1 stays at 09:00 Oslo, w1 at 14:30 Oslo.
    expect(fired(queue, '2025-03-10T13:00:00Z')).toEqual(['s2 2025-03-10T13:00:00.000Z']);
    expect(fired(queue, '2025-03-10T13:30:00Z')).toEqual(['s1w1 2025-03-10T13:30:00.000Z']);
    expect(fired(queue, '2025-03-11T08:00:00Z')).toEqual(['s1 2025-03-11T08:00:00.000Z']);
  });

  it('a pair first seen counts from now: its first fire is the next slot, not today’s earlier one', () => {
    const queue = new ScheduleQueue();
    const writes = queue.sync([birthdays('s1')], at('2025-03-10T10:00:00Z'));
    expect(writes.marks.map((m) => iso(m.lastSlotAt))).toEqual(['2025-03-10T08:00:00.000Z']);
    expect(fired(queue, '2025-03-11T07:59:00Z')).toEqual([]);
    expect(fired(queue, '2025-03-11T08:00:30Z')).toEqual(['s1 2025-03-11T08:00:00.000Z']);
    expect(fired(queue, '2025-03-11T08:01:30Z')).toEqual([]);
  });

  it('a new running pair gets its slot; a pair stopped between ticks is not run and its mark is forgotten', () => {
    const queue = new ScheduleQueue();
    queue.sync([birthdays('s1')], at('2025-03-10T06:00:00Z'));
    // Between ticks: s1 stops running, s2 starts.
    const writes = queue.sync([birthdays('s2')], at('2025-03-10T07:00:00Z'));
    expect(writes.forgotten.map((m) => m.storeId)).toEqual(['s1']);
    expect(queue.size).toBe(1);
    expect(fired(queue, '2025-03-10T08:00:30Z')).toEqual(['s2 2025-03-10T08:00:00.000Z']);
  });

  it('after a sleep or a clock jump of days, each due pair fires once, its latest slot', () => {
    const queue = new ScheduleQueue();
    queue.sync([birthdays('s1'), ownTime('w1', DAILY)], at('2025-03-10T06:00:00Z'));
    expect(fired(queue, '2025-03-14T12:00:00Z')).toEqual(['s1 2025-03-14T08:00:00.000Z', 's1w1 2025-03-13T13:30:00.000Z'].sort());
    expect(fired(queue, '2025-03-14T12:01:00Z')).toEqual([]);
    expect(fired(queue, '2025-03-14T13:30:00Z')).toEqual(['s1w1 2025-03-14T13:30:00.000Z']);
  });

  it('at start, stored marks say what was last fired: a slot missed while closed fires once; marks of pairs not running are forgotten', () => {
    const stored = new Map<string, ScheduleMark>();
    const mark = (pair: ScheduledPair, lastSlotAt: string): ScheduleMark => ({
      storeId: pair.storeId,
      appId: pair.appId,
      triggerHandle: pair.triggerHandle,
      workflowId: pair.workflowId,
      lastSlotAt: at(lastSlotAt),
      firstSlotAt: null,
      settings: null,
    });
    stored.set(pairKey(birthdays('s1')), mark(birthdays('s1'), '2025-03-10T08:00:00Z'));
    stored.set(pairKey(birthdays('gone')), mark(birthdays('gone'), '2025-03-10T08:00:00Z'));
    const queue = new ScheduleQueue();
    const writes = queue.sync([birthdays('s1')], at('2025-03-14T12:00:00Z'), stored);
    expect(writes.marks).toEqual([]);
    expect(writes.forgotten.map((m) => m.storeId)).toEqual(['gone']);
    expect(fired(queue, '2025-03-14T12:00:00Z')).toEqual(['s1 2025-03-14T08:00:00.000Z']);
  });

  it('weekly fires 7 days after its start, one-time once; a changed rule counts from the change', () => {
    const queue = new ScheduleQueue();
    queue.sync([ownTime('weekly', WEEKLY), ownTime('once', null)], at('2025-03-10T12:00:00Z')); // a Monday
    expect(fired(queue, '2025-03-10T13:31:00Z')).toEqual(['s1once 2025-03-10T13:30:00.000Z', 's1weekly 2025-03-10T13:30:00.000Z']);
    expect(fired(queue, '2025-03-16T23:00:00Z')).toEqual([]);
    expect(queue.nextDueMs()).toBe(at('2025-03-17T13:30:00Z'));
    expect(fired(queue, '2025-03-17T13:31:00Z')).toEqual(['s1weekly 2025-03-17T13:30:00.000Z']);
    // Edited to Tuesdays at 08:00: its mark holds the new rule and counts from the edit.
    const edited = ownTime('weekly', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU', '080000');
    const writes = queue.sync([edited, ownTime('once', null)], at('2025-03-17T14:00:00Z'));
    expect(writes.marks.map((m) => [m.workflowId, iso(m.lastSlotAt), m.settings])).toEqual([
      ['weekly', '2025-03-17T14:00:00.000Z', edited.own!.text],
    ]);
    expect(queue.nextDueMs()).toBe(at('2025-03-18T07:00:00Z'));
    expect(fired(queue, '2025-03-18T07:00:00Z')).toEqual(['s1weekly 2025-03-18T07:00:00.000Z']);
  });

  it('a rule that has ended (COUNT, UNTIL) or a one-time start that has passed is never due again', () => {
    const queue = new ScheduleQueue();
    queue.sync(
      [ownTime('twice', 'FREQ=DAILY;INTERVAL=1;COUNT=2'), ownTime('until', 'FREQ=DAILY;INTERVAL=1;UNTIL=20250311T235959Z')],
      at('2025-03-10T12:00:00Z'),
    );
    expect(fired(queue, '2025-03-10T13:31:00Z')).toEqual(['s1twice 2025-03-10T13:30:00.000Z', 's1until 2025-03-10T13:30:00.000Z']);
    expect(fired(queue, '2025-03-11T13:31:00Z')).toEqual(['s1twice 2025-03-11T13:30:00.000Z', 's1until 2025-03-11T13:30:00.000Z']);
    expect(queue.nextDueMs()).toBe(Infinity);
    expect(fired(queue, '2025-03-20T13:31:00Z')).toEqual([]);
  });
});
