import fc from 'fast-check';
import { RRule } from 'rrule';
import { describe, expect, it } from 'vitest';
import { latestOccurrence, nextOccurrence } from '../../../electron/domain/workflow/occurrences';
import { parseRecurrence, type Schedule } from '../../../electron/domain/workflow/recurrence';
import { nearExpansion, occurrenceAfter, occurrenceBefore } from '../../../electron/domain/workflow/rule-near';
import { unreachableRule } from '../../../electron/domain/workflow/rule-reach';
import { action, located, validate } from './definitions';

/**
 * Rules `rrule` 2.8.1 never finishes (its counter loops looking for an hour or minute it cannot reach, or walks
 * to year 9999 for a day that does not exist). Before rule-reach.ts each of these hung the asking thread.
 */
const hanging: [what: string, dtstart: string, rule: string, issue: string][] = [
  [
    'every 4 hours from 17:00 at 20:00 (reaches 17, 21, 1, 5, 9, 13)',
    '20260101T170000',
    'FREQ=HOURLY;INTERVAL=4;BYHOUR=20',
    'unreachable_time',
  ],
  ['every 10 minutes within 09-10 on Mondays', '20260101T090000', 'FREQ=MINUTELY;INTERVAL=10;BYHOUR=9,10;BYDAY=MO', 'unreachable_time'],
  ['every 30 minutes within 09 in June', '20260101T090000', 'FREQ=MINUTELY;INTERVAL=30;BYHOUR=9;BYMONTH=6', 'unreachable_time'],
  ['every 90 minutes at 09 and 11', '20260101T090000', 'FREQ=MINUTELY;INTERVAL=90;BYHOUR=9,11', 'unreachable_time'],
  ['every 20 minutes from :00 at :05', '20260101T090000', 'FREQ=MINUTELY;INTERVAL=20;BYMINUTE=5', 'unreachable_time'],
  ['daily on 30 February', '20260101T090000', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'no_such_day'],
  ['every 10 minutes on 31 April', '20260101T090000', 'FREQ=MINUTELY;INTERVAL=10;BYMONTH=4;BYMONTHDAY=31', 'no_such_day'],
];

const schedule = (dtstart: string, text: string): Schedule => {
  const [, y, mo, d, h, mi] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(dtstart)!.map(Number) as number[];
  return {
    start: { year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: 0 },
    timeZone: 'UTC',
    repeat: { frequency: 'DAILY', interval: 1, weekdays: [], monthDays: [], count: null, until: null, text },
  };
};

describe('A Scheduled time rule the recurrence library could never finish', () => {
  it.each(hanging)('%s is refused at the trigger’s schedule field, saying it never runs', (_, dtstart, rule, issue) => {
    const problems = validate({
      trigger: {
        id: 'when',
        task: { app: 'shopify', handle: 'scheduled_time' },
        config: { recurrence: JSON.stringify([`DTSTART:${dtstart}Z\nRRULE:${rule}`]) },
      },
      steps: [action('mail', 'shopify:send_internal_email', { to: 'ops@example.com', subject: 's', body: 'b' })],
    });
    expect(located(problems)).toEqual(['wrong_format@when/recurrence']);
    expect(problems[0]!.params).toMatchObject({ fieldKey: 'recurrence', issue, value: rule });
    expect(problems[0]!.message).toMatch(/Schedule 1 never runs: /);
  });

  it.each(hanging)('%s, stored before this check, has no slots at runtime instead of hanging the scheduler', (_, dtstart, rule) => {
    // Made as a stored Schedule, past parsing: the expansion must not hand it to rrule.
    const s = schedule(dtstart, rule);
    expect(nextOccurrence([s], Date.UTC(2026, 2, 2, 12), 'UTC')).toBe(Infinity);
    expect(latestOccurrence([s], Date.UTC(2026, 2, 2, 12), 'UTC')).toBe(null);
    expect(parseRecurrence(JSON.stringify([`DTSTART:${dtstart}Z\nRRULE:${rule}`])).schedules).toEqual([]);
  });

  it('hours, minutes and months out of range are not iCalendar (rrule would look for them forever)', () => {
    for (const part of ['BYHOUR=24', 'BYMINUTE=60', 'BYMONTH=13', 'BYMONTH=0', 'BYSETPOS=0'])
      expect(parseRecurrence(JSON.stringify([`DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;${part}`])).issues).toEqual([
        { code: 'bad_rule', schedule: 1, value: part },
      ]);
  });
});

describe('A rule the library can finish keeps its slots', () => {
  const nextIso = (dtstart: string, rule: string, fromIso: string) =>
    new Date(
      nextOccurrence(parseRecurrence(JSON.stringify([`DTSTART:${dtstart}Z\nRRULE:${rule}`])).schedules, Date.parse(fromIso), 'UTC'),
    ).toISOString();

  it.each([
    [
      'every 4 hours from 17:00 at 21:00',
      '20260101T170000',
      'FREQ=HOURLY;INTERVAL=4;BYHOUR=21',
      '2026-03-02T12:00:00Z',
      '2026-03-02T21:00:00.000Z',
    ],
    [
      'every 3 hours from 08:00 at 11:00 and 14:00',
      '20260101T080000',
      'FREQ=HOURLY;INTERVAL=3;BYHOUR=11,14',
      '2026-03-02T12:00:00Z',
      '2026-03-02T14:00:00.000Z',
    ],
    [
      'every 10 minutes within 09 (no day left out)',
      '20260101T090000',
      'FREQ=MINUTELY;INTERVAL=10;BYHOUR=9',
      '2026-03-02T09:21:00Z',
      '2026-03-02T09:30:00.000Z',
    ],
    [
      'every 15 minutes at :00 and :30',
      '20260101T090000',
      'FREQ=MINUTELY;INTERVAL=15;BYMINUTE=0,30',
      '2026-03-02T09:01:00Z',
      '2026-03-02T09:30:00.000Z',
    ],
    [
      'every 10 minutes on Mondays',
      '20260101T090000',
      'FREQ=MINUTELY;INTERVAL=10;BYDAY=MO',
      '2026-03-03T09:01:00Z',
      '2026-03-09T00:00:00.000Z',
    ],
    ['daily on 29 February', '20240229T090000', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2026-03-02T12:00:00Z', '2028-02-29T09:00:00.000Z'],
  ])('%s', (_, dtstart, rule, fromIso, expected) => {
    expect(unreachableRule(rule, { hour: Number(dtstart.slice(9, 11)), minute: Number(dtstart.slice(11, 13)) })).toBe(null);
    expect(nextIso(dtstart, rule, fromIso)).toBe(expected);
  });

  it('any hourly or every-few-minutes rule the check lets through: rrule finishes it, and the scheduler gets the slots it got before', () => {
    const rule = fc.record({
      freq: fc.constantFrom('HOURLY', 'MINUTELY'),
      interval: fc.integer({ min: 1, max: 30 }),
      byhour: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
      byminute: fc.option(fc.uniqueArray(fc.constantFrom(0, 10, 15, 20, 30, 45), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      byday: fc.option(fc.uniqueArray(fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'), { minLength: 1, maxLength: 6 }), {
        nil: undefined,
      }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.constantFrom(0, 5, 10, 30),
      askedHours: fc.integer({ min: 0, max: 24 * 40 }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(rule, (r) => {
        const interval = r.freq === 'MINUTELY' ? 10 * r.interval : r.interval;
        const parts = [`FREQ=${r.freq}`, `INTERVAL=${interval}`];
        if (r.byhour) parts.push(`BYHOUR=${r.byhour.join(',')}`);
        if (r.byminute) parts.push(`BYMINUTE=${r.byminute.join(',')}`);
        if (r.byday) parts.push(`BYDAY=${r.byday.join(',')}`);
        const text = parts.join(';');
        if (unreachableRule(text, r) !== null) return;
        accepted++;
        // Were the check wrong, rrule would loop in one of these and the test time out.
        const dtstart = new Date(Date.UTC(2026, 0, 1, r.hour, r.minute));
        // A rule rrule finishes but that never comes (every 28 hours at 00:00 on Mondays) walks to year 9999,
        // seconds each: its walk is bounded to 60 days here.
        const bounded = new RRule({ ...RRule.parseString(text), dtstart, until: new Date(dtstart.getTime() + 60 * 86_400_000) });
        if (bounded.after(dtstart, true) === null) return;
        const e = nearExpansion(text, dtstart);
        const cursor = new Date(dtstart.getTime() + r.askedHours * 3_600_000);
        occurrenceBefore(e, cursor);
        e.full.after(cursor, false);
        // The scheduler's answer is the expansion's, as before the check (in UTC: it asks from 3 hours back).
        let near: Date | null = new Date(cursor.getTime() - 3 * 3_600_000);
        for (let i = 0; i < 64 && near && near <= cursor; i++) near = occurrenceAfter(e, near);
        const s = schedule(`20260101T${String(r.hour).padStart(2, '0')}${String(r.minute).padStart(2, '0')}00`, text);
        expect(nextOccurrence([s], cursor.getTime(), 'UTC')).toBe(near?.getTime() ?? Infinity);
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(60);
  }, 60_000);
});
