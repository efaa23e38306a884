import { describe, expect, it } from 'vitest';
import { dueSlot, nextSlot } from '../../../electron/runtime/workflow-slots';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ms = (text: string) => Date.parse(text);

describe('a workflow’s own slots in a store’s time zone', () => {
  it('the first slot is the next time of day strictly after a moment, in local time', () => {
    expect(iso(nextSlot(ms('2025-03-10T12:00:00Z'), '14:30', 'Europe/Oslo'))).toBe('2025-03-10T13:30:00.000Z');
    expect(iso(nextSlot(ms('2025-03-10T13:30:00Z'), '14:30', 'Europe/Oslo'))).toBe('2025-03-11T13:30:00.000Z');
    // 23:30 in Los Angeles: 07:30 UTC on 8 March (winter time), 06:30 UTC on 9 March (clocks went forward at 02:00).
    expect(iso(nextSlot(ms('2025-03-08T07:45:00Z'), '23:30', 'America/Los_Angeles'))).toBe('2025-03-09T07:30:00.000Z');
    expect(iso(nextSlot(ms('2025-03-09T08:05:00Z'), '23:30', 'America/Los_Angeles'))).toBe('2025-03-10T06:30:00.000Z');
  });

  it('weekly: on the first slot’s weekday, never before the first slot', () => {
    const first = ms('2025-03-12T13:30:00Z'); // Wednesday 14:30 in Oslo
    expect(dueSlot(ms('2025-03-12T13:29:00Z'), '14:30', 'weekly', first, 'Europe/Oslo')).toBeNull();
    expect(iso(dueSlot(ms('2025-03-12T13:30:00Z'), '14:30', 'weekly', first, 'Europe/Oslo'))).toBe('2025-03-12T13:30:00.000Z');
    expect(iso(dueSlot(ms('2025-03-18T20:00:00Z'), '14:30', 'weekly', first, 'Europe/Oslo'))).toBe('2025-03-12T13:30:00.000Z');
    expect(iso(dueSlot(ms('2025-03-19T13:31:00Z'), '14:30', 'weekly', first, 'Europe/Oslo'))).toBe('2025-03-19T13:30:00.000Z');
    // Across the change to summer time (30 March): still 14:30 on Wednesdays.
    expect(iso(dueSlot(ms('2025-04-03T00:00:00Z'), '14:30', 'weekly', first, 'Europe/Oslo'))).toBe('2025-04-02T12:30:00.000Z');
  });

  it('monthly: on the first slot’s day of the month, on the last day of shorter months', () => {
    const first = ms('2025-01-31T08:00:00Z'); // 31 January, 09:00 in Oslo
    const at = (now: string) => iso(dueSlot(ms(now), '09:00', 'monthly', first, 'Europe/Oslo'));
    expect(at('2025-02-27T12:00:00Z')).toBe('2025-01-31T08:00:00.000Z');
    expect(at('2025-02-28T08:00:00Z')).toBe('2025-02-28T08:00:00.000Z');
    expect(at('2025-03-30T12:00:00Z')).toBe('2025-02-28T08:00:00.000Z');
    expect(at('2025-03-31T07:00:00Z')).toBe('2025-03-31T07:00:00.000Z'); // summer time
    expect(at('2025-05-01T00:00:00Z')).toBe('2025-04-30T07:00:00.000Z');
    expect(at('2028-02-29T09:00:00Z')).toBe('2028-02-29T08:00:00.000Z'); // a leap year
  });

  it('no repeat: the first slot only, once it has come', () => {
    const first = ms('2025-03-10T13:30:00Z');
    expect(dueSlot(ms('2025-03-10T13:00:00Z'), '14:30', 'once', first, 'Europe/Oslo')).toBeNull();
    expect(iso(dueSlot(ms('2025-04-10T13:00:00Z'), '14:30', 'once', first, 'Europe/Oslo'))).toBe('2025-03-10T13:30:00.000Z');
  });
});
