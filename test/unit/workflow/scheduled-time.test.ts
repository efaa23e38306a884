import { describe, expect, it } from 'vitest';
import { latestOccurrence, nextOccurrence } from '../../../electron/domain/workflow/occurrences';
import { loadCatalog } from '../../../electron/domain/catalog/load-catalog';
import { sampleDefinition } from '../../../electron/domain/organization/sample-definition';
import { formatRecurrence, parseRecurrence } from '../../../electron/domain/workflow/recurrence';
import type { WorkflowDefinition } from '../../../electron/domain/workflow/workflow-definition';
import { action, located, validate } from './definitions';

function scheduled(config: Record<string, string>): WorkflowDefinition {
  return {
    trigger: { id: 'when', task: { app: 'shopify', handle: 'scheduled_time' }, config },
    steps: [action('mail', 'shopify:send_internal_email', { to: 'ops@example.com', subject: 's', body: 'b' })],
  };
}

/** The `recurrence` value as Flow stores it: a JSON list of DTSTART/RRULE texts. */
const recurrence = (...rules: string[]) => JSON.stringify(rules);
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? String(ms) : new Date(ms).toISOString());

/** The next `n` occurrences after `fromIso`, one after the other. */
function next(value: string, fromIso: string, n: number, storeZone = 'Europe/Oslo'): string[] {
  const { schedules } = parseRecurrence(value);
  const out: string[] = [];
  let t = at(fromIso);
  for (let i = 0; i < n; i++) {
    t = nextOccurrence(schedules, t, storeZone);
    out.push(iso(t));
    if (!Number.isFinite(t)) break;
  }
  return out;
}

describe('Shopify’s scheduled time: reading `recurrence` as Flow stores it', () => {
  it('reads the start, its time zone and the repeat rule of each schedule', () => {
    const value = recurrence(
      'DTSTART;TZID=America/New_York:20250106T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO',
      'DTSTART:20251224T180000Z',
    );
    const { schedules, issues } = parseRecurrence(value);
    expect(issues).toEqual([]);
    expect(schedules[0]).toMatchObject({
      start: { year: 2025, month: 1, day: 6, hour: 9, minute: 0, second: 0 },
      timeZone: 'America/New_York',
      repeat: { frequency: 'WEEKLY', interval: 2, weekdays: ['MO', 'WE'], count: null, until: null },
    });
    expect(schedules[1]).toMatchObject({ timeZone: 'UTC', repeat: null });
    // Written back exactly as read.
    expect(formatRecurrence(schedules)).toBe(value);
  });

  it('reads a bare rule (not in a list) too, as hand-made files have it', () => {
    const { schedules, issues } = parseRecurrence('DTSTART;TZID=America/New_York:20250101T090000\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(issues).toEqual([]);
    expect(schedules).toHaveLength(1);
  });

  it.each([
    ['not a list nor a rule', '["DTSTART:2025', 'unreadable'],
    ['no start', recurrence('RRULE:FREQ=DAILY'), 'no_start'],
    ['a start that is no date', recurrence('DTSTART;TZID=Europe/Oslo:20250231T090000'), 'bad_start'],
    ['an unknown zone', recurrence('DTSTART;TZID=Mars/Olympus:20250101T090000'), 'unknown_zone'],
    ['an unknown frequency', recurrence('DTSTART:20250101T090000\nRRULE:FREQ=FORTNIGHTLY'), 'bad_rule'],
    ['a weekday that is none', recurrence('DTSTART:20250101T090000\nRRULE:FREQ=WEEKLY;BYDAY=XX'), 'bad_rule'],
    ['every 5 minutes (Flow: 10 at least)', recurrence('DTSTART:20250101T090000\nRRULE:FREQ=MINUTELY;INTERVAL=5'), 'too_often'],
    ['every 2 years (Flow: a year at most)', recurrence('DTSTART:20250101T090000\nRRULE:FREQ=YEARLY;INTERVAL=2'), 'too_rare'],
    ['a line Flow does not write', recurrence('DTSTART:20250101T090000\nEXDATE:20250102T090000'), 'unknown_line'],
  ])('%s is an error at the trigger’s schedule field, naming what is wrong', (_, value, issue) => {
    const problems = validate(scheduled({ recurrence: value }));
    expect(located(problems)).toEqual(['wrong_format@when/recurrence']);
    expect(problems[0]!.params).toMatchObject({ fieldKey: 'recurrence', fieldName: 'Schedule', issue });
    expect(problems[0]!.message).toMatch(/^Step "when": (The schedule|Schedule 1) /);
  });

  it('a scheduled workflow without a schedule is an error: Flow needs a start to run', () => {
    expect(located(validate(scheduled({})))).toEqual(['missing_required_field@when/recurrence']);
    expect(validate(scheduled({ recurrence: recurrence('DTSTART;TZID=Europe/Oslo:20250101T090000') }))).toEqual([]);
  });

  it('the demo generator’s scheduled workflows come with a schedule, so they are valid', () => {
    const sample = sampleDefinition(loadCatalog(), 'shopify:scheduled_time', ['shopify:send_internal_email']);
    expect(parseRecurrence(sample.trigger!.config.recurrence!).issues).toEqual([]);
    expect(located(validate(sample))).toEqual([]);
  });
});

describe('Shopify’s scheduled time: when it runs', () => {
  it('every 2 weeks on Monday and Wednesday at 09:00 New York time, the same instant for every store', () => {
    const value = recurrence('DTSTART;TZID=America/New_York:20250106T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO');
    const expected = ['2025-01-06T14:00:00.000Z', '2025-01-08T14:00:00.000Z', '2025-01-20T14:00:00.000Z', '2025-01-22T14:00:00.000Z'];
    expect(next(value, '2025-01-01T00:00:00Z', 4, 'Europe/Oslo')).toEqual(expected);
    expect(next(value, '2025-01-01T00:00:00Z', 4, 'Asia/Tokyo')).toEqual(expected);
  });

  it('keeps 09:00 local across daylight-saving changes (New York, March 2025)', () => {
    const value = recurrence('DTSTART;TZID=America/New_York:20250307T090000\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(next(value, '2025-03-07T00:00:00Z', 3)).toEqual([
      '2025-03-07T14:00:00.000Z',
      '2025-03-08T14:00:00.000Z',
      '2025-03-09T13:00:00.000Z',
    ]);
  });

  it('a time the clocks skip runs at the instant the offset before the jump gives (RFC 5545): 02:30 New York is 03:30 EDT', () => {
    // 8 March 2026, New York: 02:00 EST becomes 03:00 EDT. 02:30 EST is 07:30 UTC; before, 06:30 (01:30, before the gap).
    const newYork = recurrence('DTSTART;TZID=America/New_York:20260301T023000\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(next(newYork, '2026-03-07T00:00:00Z', 3)).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
    // 29 March 2026, Oslo: 02:00 CET becomes 03:00 CEST; 02:30 CET is 01:30 UTC, 03:30 on the clock.
    const oslo = recurrence('DTSTART;TZID=Europe/Oslo:20260301T023000\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(next(oslo, '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    // 4 October 2026, Lord Howe Island: clocks go 30 minutes forward, 02:00 (+10:30) to 02:30 (+11); 02:15 is 02:45.
    const lordHowe = recurrence('DTSTART;TZID=Australia/Lord_Howe:20260901T021500\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(next(lordHowe, '2026-10-02T00:00:00Z', 3)).toEqual([
      '2026-10-02T15:45:00.000Z',
      '2026-10-03T15:45:00.000Z',
      '2026-10-04T15:15:00.000Z',
    ]);
  });

  it('a time that comes twice (clocks turned back) runs once, at the instant it did before', () => {
    // New York 1 November 2026: 01:30 EDT (05:30 UTC), the first. Oslo 25 October 2026: 02:30 CET (01:30 UTC), the second.
    const newYork = recurrence('DTSTART;TZID=America/New_York:20261001T013000\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(next(newYork, '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    const oslo = recurrence('DTSTART;TZID=Europe/Oslo:20261001T023000\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(next(oslo, '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-25T01:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('a rule without a time zone runs at each store’s own local time', () => {
    const value = recurrence('DTSTART:20250310T143000\nRRULE:FREQ=DAILY;INTERVAL=1');
    expect(next(value, '2025-03-10T00:00:00Z', 1, 'Europe/Oslo')).toEqual(['2025-03-10T13:30:00.000Z']);
    expect(next(value, '2025-03-10T00:00:00Z', 1, 'America/New_York')).toEqual(['2025-03-10T18:30:00.000Z']);
  });

  it('runs once without a repeat rule; stops after COUNT or UNTIL; every 10 minutes is every 10 minutes', () => {
    expect(next(recurrence('DTSTART;TZID=UTC:20250310T120000'), '2025-03-01T00:00:00Z', 2)).toEqual([
      '2025-03-10T12:00:00.000Z',
      'Infinity',
    ]);
    expect(next(recurrence('DTSTART:20250310T120000Z\nRRULE:FREQ=DAILY;COUNT=2'), '2025-03-01T00:00:00Z', 3)).toEqual([
      '2025-03-10T12:00:00.000Z',
      '2025-03-11T12:00:00.000Z',
      'Infinity',
    ]);
    expect(next(recurrence('DTSTART:20250310T120000Z\nRRULE:FREQ=DAILY;UNTIL=20250311T120000Z'), '2025-03-10T13:00:00Z', 2)).toEqual([
      '2025-03-11T12:00:00.000Z',
      'Infinity',
    ]);
    expect(next(recurrence('DTSTART:20250310T120000Z\nRRULE:FREQ=MINUTELY;INTERVAL=10'), '2025-03-12T08:05:00Z', 2)).toEqual([
      '2025-03-12T08:10:00.000Z',
      '2025-03-12T08:20:00.000Z',
    ]);
  });

  it('monthly on the 31st skips the months without one, as iCalendar does', () => {
    const value = recurrence('DTSTART;TZID=Europe/Oslo:20250131T143000\nRRULE:FREQ=MONTHLY;INTERVAL=1');
    expect(next(value, '2025-01-01T00:00:00Z', 3)).toEqual([
      '2025-01-31T13:30:00.000Z',
      '2025-03-31T12:30:00.000Z',
      '2025-05-31T12:30:00.000Z',
    ]);
  });

  it('with several schedules, the earliest comes next; the latest that has come is the one to catch up', () => {
    const { schedules } = parseRecurrence(
      recurrence('DTSTART;TZID=UTC:20250310T090000\nRRULE:FREQ=DAILY', 'DTSTART;TZID=UTC:20250310T170000\nRRULE:FREQ=DAILY'),
    );
    expect(iso(nextOccurrence(schedules, at('2025-03-12T10:00:00Z'), 'UTC'))).toBe('2025-03-12T17:00:00.000Z');
    expect(iso(latestOccurrence(schedules, at('2025-03-12T10:00:00Z'), 'UTC'))).toBe('2025-03-12T09:00:00.000Z');
    expect(latestOccurrence(schedules, at('2025-03-01T00:00:00Z'), 'UTC')).toBeNull();
  });
});
