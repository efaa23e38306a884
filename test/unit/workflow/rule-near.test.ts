import fc from 'fast-check';
import { RRule } from 'rrule';
import { describe, expect, it } from 'vitest';
import { latestOccurrence, nextOccurrence } from '../../../electron/domain/workflow/occurrences';
import { parseRecurrence } from '../../../electron/domain/workflow/recurrence';
import { nearExpansion, occurrenceAfter, occurrenceBefore } from '../../../electron/domain/workflow/rule-near';

const DAY_MS = 86_400_000;
const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** How far from its start a rule is asked: the full expansion (the reference) walks all of it. */
const reach: Record<string, number> = { MINUTELY: 4, HOURLY: 40, DAILY: 900, WEEKLY: 1200, MONTHLY: 2000, YEARLY: 3000 };

/** An RRULE as Flow's editor or a hand-made file may write it: every part the app reads, in any mix. */
const rule = fc
  .record({
    freq: fc.constantFrom('MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 5 }),
    byday: fc.option(fc.uniqueArray(fc.constantFrom(...days), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    nthDay: fc.option(fc.tuple(fc.constantFrom(1, 2, -1), fc.constantFrom(...days)), { nil: undefined }),
    bymonthday: fc.option(fc.uniqueArray(fc.constantFrom(1, 13, 28, -1), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    bymonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    byhour: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    byminute: fc.option(fc.uniqueArray(fc.constantFrom(0, 15, 30, 45), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    bysetpos: fc.option(fc.constantFrom(1, -1), { nil: undefined }),
    wkst: fc.option(fc.constantFrom('MO', 'SU', 'WE'), { nil: undefined }),
    count: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 5, nil: undefined }),
  })
  .map((r) => {
    // rrule steps hour by hour (minute by minute) until one is in BYHOUR (BYMINUTE), without end when none of
    // the hours its INTERVAL reaches is (as the full expansion does too): such rules have INTERVAL=1 here.
    const byTime = (r.byhour || r.byminute) && (r.freq === 'HOURLY' || r.freq === 'MINUTELY');
    const interval = r.freq === 'MINUTELY' ? (byTime ? 10 : 10 * r.interval) : r.freq === 'YEARLY' || byTime ? 1 : r.interval;
    const parts = [`FREQ=${r.freq}`, `INTERVAL=${interval}`];
    const positional = r.nthDay && (r.freq === 'MONTHLY' || r.freq === 'YEARLY');
    if (positional) parts.push(`BYDAY=${r.nthDay![0]}${r.nthDay![1]}`);
    else if (r.byday) parts.push(`BYDAY=${r.byday.join(',')}`);
    if (r.bymonthday) parts.push(`BYMONTHDAY=${r.bymonthday.join(',')}`);
    if (r.bymonth) parts.push(`BYMONTH=${r.bymonth.join(',')}`);
    // Every few minutes within chosen hours loops in rrule once a day is filtered out (BYDAY, BYMONTH): left out.
    if (r.byhour && r.freq !== 'MINUTELY') parts.push(`BYHOUR=${r.byhour.join(',')}`);
    if (r.byminute && r.freq !== 'MINUTELY') parts.push(`BYMINUTE=${r.byminute.join(',')}`);
    if (r.bysetpos && (r.byday || positional)) parts.push(`BYSETPOS=${r.bysetpos}`);
    if (r.wkst) parts.push(`WKST=${r.wkst}`);
    if (r.count) parts.push(`COUNT=${r.count}`);
    return { text: parts.join(';'), freq: r.freq };
  });

/** A DTSTART between 2019 and 2026, any second of the day. */
const start = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(Math.floor(ms / 1000) * 1000));

const asked = fc.tuple(rule, start, fc.double({ min: -0.05, max: 1, noNaN: true }), fc.integer({ min: 0, max: 59 }));

const time = (d: Date | null) => (d === null ? null : d.getTime());

/**
 * A rule that never comes (the last Friday on the 1st; every 20 minutes at :15) makes rrule walk to year 9999
 * either way: not asked here. Checked within 8 years (60 days for minutes and hours, whose walk is long).
 */
function comes(text: string, freq: string, dtstart: Date): boolean {
  const within = (freq === 'MINUTELY' || freq === 'HOURLY' ? 60 : 8 * 366) * DAY_MS;
  const bounded = new RRule({ ...RRule.parseString(text), dtstart, until: new Date(dtstart.getTime() + within) });
  return bounded.after(dtstart, true) !== null;
}

describe('A schedule expanded from near the asked time gives exactly the occurrences of its full expansion', () => {
  it('the next occurrence after any time: the same instant, or none, as expanding from DTSTART', () => {
    fc.assert(
      fc.property(asked, ([r, dtstart, at, second]) => {
        fc.pre(comes(r.text, r.freq, dtstart));
        const e = nearExpansion(r.text, dtstart);
        const cursor = new Date(dtstart.getTime() + Math.floor(at * reach[r.freq]! * DAY_MS) + second * 1000);
        expect(time(occurrenceAfter(e, cursor))).toBe(time(e.full.after(cursor, false)));
      }),
      { numRuns: 120 },
    );
  }, 180_000);

  it('the latest occurrence before any time: the same instant, or none, also when it lies periods or years back', () => {
    fc.assert(
      fc.property(asked, ([r, dtstart, at, second]) => {
        fc.pre(comes(r.text, r.freq, dtstart));
        const e = nearExpansion(r.text, dtstart);
        const cursor = new Date(dtstart.getTime() + Math.floor(at * reach[r.freq]! * DAY_MS) + second * 1000);
        expect(time(occurrenceBefore(e, cursor))).toBe(time(e.full.before(cursor, false)));
      }),
      { numRuns: 120 },
    );
  }, 180_000);

  it('asked again and again along the way (as the scheduler does), every slot of a long-running rule is the same', () => {
    for (const text of [
      'FREQ=DAILY;INTERVAL=1;WKST=MO',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;WKST=SU',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=HOURLY;INTERVAL=5;BYDAY=SA',
    ]) {
      const dtstart = new Date(Date.UTC(2025, 0, 1, 9, 0, 0));
      const e = nearExpansion(text, dtstart);
      const reference = nearExpansion(text, dtstart).full;
      let cursor = new Date(Date.UTC(2026, 0, 1));
      for (let i = 0; i < 60; i++) {
        const d = occurrenceAfter(e, cursor);
        expect(time(d)).toBe(time(reference.after(cursor, false)));
        expect(time(occurrenceBefore(e, d!))).toBe(time(reference.before(d!, false)));
        cursor = d!;
      }
    }
  });
});

describe('Every few minutes or hours within named hours (hand-made files)', () => {
  it('gives the slots of the full expansion, whose skips over the other hours do not keep the interval’s grid', () => {
    for (const text of [
      'FREQ=MINUTELY;INTERVAL=40;BYHOUR=0',
      'FREQ=MINUTELY;INTERVAL=25;BYHOUR=6,18',
      'FREQ=HOURLY;INTERVAL=5;BYHOUR=1,3,9',
    ]) {
      const dtstart = new Date(Date.UTC(2025, 0, 1, 0, 10, 0));
      const e = nearExpansion(text, dtstart);
      const reference = nearExpansion(text, dtstart).full;
      let cursor = new Date(Date.UTC(2025, 0, 20, 12, 0, 0));
      for (let i = 0; i < 20; i++) {
        const d = occurrenceAfter(e, cursor);
        expect(time(d), `${text} after ${cursor.toISOString()}`).toBe(time(reference.after(cursor, false)));
        expect(time(occurrenceBefore(e, d!))).toBe(time(reference.before(d!, false)));
        cursor = d!;
      }
    }
  });
});

describe('A daily Scheduled time started long ago', () => {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

  it('keeps its wall-clock time across daylight saving in its zone, two years after its start', () => {
    const { schedules } = parseRecurrence(JSON.stringify(['DTSTART;TZID=America/New_York:20250101T023000\nRRULE:FREQ=DAILY;INTERVAL=1']));
    // 02:30 in New York: 07:30 UTC in winter (EST), 06:30 UTC from 8 March 2026 (EDT), 07:30 again from 1 November.
    expect(iso(nextOccurrence(schedules, Date.parse('2026-03-06T12:00:00Z'), 'UTC'))).toBe('2026-03-07T07:30:00.000Z');
    expect(iso(nextOccurrence(schedules, Date.parse('2026-03-08T12:00:00Z'), 'UTC'))).toBe('2026-03-09T06:30:00.000Z');
    expect(iso(latestOccurrence(schedules, Date.parse('2026-10-31T12:00:00Z'), 'UTC'))).toBe('2026-10-31T06:30:00.000Z');
    expect(iso(latestOccurrence(schedules, Date.parse('2026-11-01T12:00:00Z'), 'UTC'))).toBe('2026-11-01T07:30:00.000Z');
  });

  it('a rule without a zone fires at each store’s own local time', () => {
    const { schedules } = parseRecurrence(JSON.stringify(['DTSTART:20250101T090000\nRRULE:FREQ=DAILY;INTERVAL=1;WKST=MO']));
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(iso(nextOccurrence(schedules, now, 'Europe/Oslo'))).toBe('2026-12-04T08:00:00.000Z');
    expect(iso(nextOccurrence(schedules, now, 'America/Los_Angeles'))).toBe('2026-12-03T17:00:00.000Z');
    expect(iso(latestOccurrence(schedules, now, 'Asia/Tokyo'))).toBe('2026-12-03T00:00:00.000Z');
  });
});
