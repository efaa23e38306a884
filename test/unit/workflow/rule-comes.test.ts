import { RRule } from 'rrule';
import { describe, expect, it } from 'vitest';
import { latestOccurrence, nextOccurrence } from '../../../electron/domain/workflow/occurrences';
import { parseRecurrence, type Schedule } from '../../../electron/domain/workflow/recurrence';
import { action, located, validate } from './definitions';

/**
 * Rules `rrule` 2.8.1 finishes but that have no slot: asked for their next or latest slot, it walked to year
 * 9999 looking (0.2-1.3 s per question, on the runtime's thread). Before rule-comes.ts validation accepted them.
 */
const never: [what: string, dtstart: string, rule: string, issue: string][] = [
  ['the 10th Monday of each month', '20260101T090000', 'FREQ=MONTHLY;BYSETPOS=10;BYDAY=MO', 'never_comes'],
  // Refused by rule-reach.ts already (rrule's counter, jumping over the days BYDAY leaves out, cycles past 03:xx).
  ['every 20 minutes at 03:xx on Mondays from 09:05', '20260105T090500', 'FREQ=MINUTELY;INTERVAL=20;BYHOUR=3;BYDAY=MO', 'unreachable_time'],
  ['every hour at its second minute (BYSETPOS=2 of one)', '20260101T090000', 'FREQ=HOURLY;BYDAY=MO;BYSETPOS=2', 'never_comes'],
  ['monthly on the 31st of February and April', '20260101T090000', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2,4', 'no_such_day'],
  ['the last Friday of the month that is the 1st', '20260101T090000', 'FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=1', 'never_comes'],
  ['every 168 hours (a week) on Mondays from a Thursday', '20260101T090000', 'FREQ=HOURLY;INTERVAL=168;BYDAY=MO', 'never_comes'],
  [
    'yearly on the second Monday that is the 29th of February',
    '20260101T090000',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYSETPOS=2',
    'never_comes',
  ],
];

const recurrence = (dtstart: string, rule: string): string => JSON.stringify([`DTSTART:${dtstart}Z\nRRULE:${rule}`]);

const schedule = (dtstart: string, text: string, until: string | null = null): Schedule => {
  const [, y, mo, d, h, mi] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(dtstart)!.map(Number) as number[];
  return {
    start: { year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: 0 },
    timeZone: 'UTC',
    repeat: { frequency: 'DAILY', interval: 1, weekdays: [], monthDays: [], count: null, until, text },
  };
};

describe('A Scheduled time rule that never comes', () => {
  it.each(never)('%s is refused at the trigger’s schedule field, saying it never runs', (_, dtstart, rule, issue) => {
    const problems = validate({
      trigger: { id: 'when', task: { app: 'shopify', handle: 'scheduled_time' }, config: { recurrence: recurrence(dtstart, rule) } },
      steps: [action('mail', 'shopify:send_internal_email', { to: 'ops@example.com', subject: 's', body: 'b' })],
    });
    expect(located(problems)).toEqual(['wrong_format@when/recurrence']);
    expect(problems[0]!.params).toMatchObject({ fieldKey: 'recurrence', issue, value: rule });
    expect(problems[0]!.message).toMatch(/Schedule 1 never runs: /);
  });

  it.each(never)('%s, stored before this check, gives the runtime no slot without walking to year 9999', (_, dtstart, rule) => {
    // Made as a stored Schedule, past parsing: the expansion must not hand it to rrule unbounded (seconds per question).
    const s = schedule(dtstart, rule);
    for (const at of [Date.UTC(2026, 2, 2, 12), Date.UTC(2031, 6, 1)]) {
      expect(nextOccurrence([s], at, 'UTC')).toBe(Infinity);
      expect(latestOccurrence([s], at, 'UTC')).toBe(null);
    }
    expect(parseRecurrence(recurrence(dtstart, rule)).schedules).toEqual([]);
  });
});

describe('A rule that comes, however rarely, is accepted with the slots rrule gives it', () => {
  it.each([
    ['daily at 09:00', '20260101T090000', 'FREQ=DAILY;INTERVAL=1;WKST=MO'],
    ['every two weeks on Monday and Friday', '20260101T090000', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;WKST=MO'],
    ['the 5th Monday of the month (some months only)', '20260101T090000', 'FREQ=MONTHLY;BYDAY=5MO'],
    ['the last Monday of the month (BYSETPOS=-1)', '20260101T090000', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1'],
    ['yearly on the 29th of February', '20240229T090000', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'],
    [
      'yearly on the 29th of February when it is a Monday (next in 2044)',
      '20260101T090000',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
    ],
    ['every 6 hours on the 29th of February', '20260101T090000', 'FREQ=HOURLY;INTERVAL=6;BYMONTH=2;BYMONTHDAY=29'],
    ['every 20 minutes within 09 (every day)', '20260105T090500', 'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9'],
    // Every 28 hours from a Thursday noon is 00:00 every 7th day: every Monday. A 28-year shift towards 9999
    // crossed century years without a leap day, landed on another weekday, and judged it never to come.
    ['every 28 hours at 00:00 on Mondays from a Thursday noon', '20260101T120000', 'FREQ=HOURLY;INTERVAL=28;BYHOUR=0;BYDAY=MO'],
    [
      'every 168 hours on Mondays from Monday 28 December 2099 (2100 has no 29 February)',
      '20991228T090000',
      'FREQ=HOURLY;INTERVAL=168;BYDAY=MO',
    ],
  ])('%s', (_, dtstart, rule) => {
    const parsed = parseRecurrence(recurrence(dtstart, rule));
    expect(parsed.issues).toEqual([]);
    const full = new RRule({
      ...RRule.parseString(rule),
      dtstart: new Date(Date.parse(dtstart.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)/, '$1-$2-$3T$4:$5:$6Z'))),
    });
    for (const at of [Date.UTC(2026, 2, 2, 12), Date.UTC(2029, 0, 1)]) {
      expect(nextOccurrence(parsed.schedules, at, 'UTC')).toBe(full.after(new Date(at), false)!.getTime());
      expect(latestOccurrence(parsed.schedules, at, 'UTC')).toBe(full.before(new Date(at), true)?.getTime() ?? null);
    }
  });
});

describe('A rule whose UNTIL has passed', () => {
  it('has no next slot, and its latest is its last one before the end, however long ago', () => {
    // Every 10 minutes until 31 January: asked in March, 4,000 slots lie between its end and now.
    const s = schedule('20260101T090000', 'FREQ=MINUTELY;INTERVAL=10;UNTIL=20260131T120000Z', '20260131T120000Z');
    expect(nextOccurrence([s], Date.UTC(2026, 2, 2, 12), 'UTC')).toBe(Infinity);
    expect(new Date(latestOccurrence([s], Date.UTC(2026, 2, 2, 12), 'UTC')!).toISOString()).toBe('2026-01-31T12:00:00.000Z');
    expect(new Date(nextOccurrence([s], Date.UTC(2026, 0, 31, 11, 55), 'UTC')).toISOString()).toBe('2026-01-31T12:00:00.000Z');
  });
});
