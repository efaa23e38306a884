import { isKnownTimeZone, type LocalTime } from '../time/wall-clock';
import { neverComes } from './rule-comes';
import { unreachableRule } from './rule-reach';

/**
 * The Scheduled time trigger's one setting, `recurrence`, as Shopify Flow stores it in a .flow file: a JSON
 * list of iCalendar rules (RFC 5545), one per schedule the editor's "Add schedule" made, each a DTSTART line
 * with its time zone and, when it repeats, an RRULE line:
 *
 *   ["DTSTART;TZID=America/Toronto:20250617T100000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO"]
 *
 * No RRULE line: the workflow runs once, at the start. A bare rule (not in a list) is read too, as some
 * hand-made files have it. The time zone is the rule's TZID, which Flow's editor sets to the store's zone
 * unless the admin picks another: every store then runs it at that instant. A start without a zone (a
 * "floating" time, which Flow Admin's migration of older settings writes) runs at each store's own local
 * time. This module only reads and checks the text; occurrences.ts expands it.
 */

export const RECURRENCE_KEY = 'recurrence';

export const frequencies = ['MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof frequencies)[number];

export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];

/** A local date and time, as written after DTSTART (seconds kept so a round trip loses nothing). */
export type LocalDateTime = LocalTime;

export interface RepeatRule {
  frequency: Frequency;
  interval: number;
  /** BYDAY without a position (weekly on Monday and Wednesday). */
  weekdays: Weekday[];
  /** BYMONTHDAY (monthly on the 15th; -1 is the last day). */
  monthDays: number[];
  /** COUNT: ends after that many occurrences. */
  count: number | null;
  /** UNTIL as written (20251231T235959Z, or a local time for a start without a zone). */
  until: string | null;
  /** The RRULE line's value exactly as written: what the expansion reads. */
  text: string;
}

export interface Schedule {
  start: LocalDateTime;
  /** The TZID ("UTC" for a start ending in Z); null: no zone, each store's own. */
  timeZone: string | null;
  /** Null: runs once, at the start. */
  repeat: RepeatRule | null;
}

export const recurrenceIssues = [
  'unreadable', // not a JSON list of strings, nor one rule
  'empty', // no schedule at all
  'no_start', // a schedule without its DTSTART line
  'bad_start', // DTSTART not a date and time (YYYYMMDDTHHMMSS)
  'unknown_zone', // a TZID Intl does not know
  'unknown_line', // a line other than DTSTART and RRULE
  'bad_rule', // an RRULE part that is not iCalendar
  'too_often', // Flow's smallest interval is 10 minutes
  'too_rare', // Flow's longest interval is one year
  'unreachable_time', // BYHOUR / BYMINUTE its interval never reaches from the start (rrule would loop forever)
  'no_such_day', // BYMONTH and BYMONTHDAY name no day that exists (February 30th)
  'never_comes', // rrule finishes it but it has no slot (the 10th Monday of a month): rrule would walk to year 9999
] as const;
export type RecurrenceIssueCode = (typeof recurrenceIssues)[number];

export interface RecurrenceIssue {
  code: RecurrenceIssueCode;
  /** 1-based schedule number (0: the setting as a whole). */
  schedule: number;
  /** The part that is wrong, as written. */
  value: string;
}

export interface ParsedRecurrence {
  schedules: Schedule[];
  issues: RecurrenceIssue[];
}

/** Flow's limits: every 10 minutes at most, once a year at least. Per frequency, the largest interval. */
const longestInterval: Record<Frequency, number> = { MINUTELY: 527_040, HOURLY: 8_784, DAILY: 366, WEEKLY: 52, MONTHLY: 12, YEARLY: 1 };
const ruleParts = new Set([
  'FREQ',
  'INTERVAL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYHOUR',
  'BYMINUTE',
  'BYSETPOS',
  'WKST',
  'COUNT',
  'UNTIL',
]);
const dateTime = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;
const startLine = /^DTSTART(?:;TZID=([^:;]+))?:(.*)$/;
const byDay = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const positiveInteger = /^[1-9]\d*$/;
/** Number lists rrule reads as they are: out of range they never match, and rrule walks on looking. */
const numberRanges: [part: string, min: number, max: number][] = [
  ['BYHOUR', 0, 23],
  ['BYMINUTE', 0, 59],
  ['BYMONTH', 1, 12],
  ['BYSETPOS', -366, 366],
];

/** The rule texts of the setting: the list's entries, or the bare rule; null when it is neither. */
function ruleTexts(value: string): string[] | null {
  const trimmed = value.trim();
  if (!trimmed.startsWith('[')) return [trimmed];
  try {
    const list: unknown = JSON.parse(trimmed);
    return Array.isArray(list) && list.every((e) => typeof e === 'string') ? list : null;
  } catch {
    return null;
  }
}

function localDateTime(text: string): { at: LocalDateTime; utc: boolean } | null {
  const m = dateTime.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return { at: { year, month, day, hour, minute, second }, utc: m[7] === 'Z' };
}

function parseRule(text: string, schedule: number, issues: RecurrenceIssue[]): RepeatRule | null {
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined || !ruleParts.has(key.toUpperCase()) || parts.has(key.toUpperCase())) {
      issues.push({ code: 'bad_rule', schedule, value: part });
      return null;
    }
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const bad = (value: string): null => (issues.push({ code: 'bad_rule', schedule, value }), null);
  const frequency = parts.get('FREQ') ?? '';
  if (!(frequencies as readonly string[]).includes(frequency)) return bad(`FREQ=${frequency}`);
  const intervalText = parts.get('INTERVAL') ?? '1';
  if (!positiveInteger.test(intervalText)) return bad(`INTERVAL=${intervalText}`);
  const days = parts.get('BYDAY')?.split(',') ?? [];
  if (days.some((d) => !byDay.test(d))) return bad(`BYDAY=${parts.get('BYDAY')}`);
  const monthDays = parts.get('BYMONTHDAY')?.split(',') ?? [];
  if (monthDays.some((d) => !/^-?\d{1,2}$/.test(d) || Number(d) === 0 || Math.abs(Number(d)) > 31))
    return bad(`BYMONTHDAY=${parts.get('BYMONTHDAY')}`);
  for (const [part, min, max] of numberRanges) {
    const list = parts.get(part)?.split(',');
    if (list?.some((n) => !/^-?\d{1,3}$/.test(n) || Number(n) < min || Number(n) > max || (part === 'BYSETPOS' && Number(n) === 0)))
      return bad(`${part}=${parts.get(part)}`);
  }
  const count = parts.get('COUNT');
  if (count !== undefined && !positiveInteger.test(count)) return bad(`COUNT=${count}`);
  const until = parts.get('UNTIL');
  if (until !== undefined && !localDateTime(until) && !/^\d{8}$/.test(until)) return bad(`UNTIL=${until}`);
  const freq = frequency as Frequency;
  const interval = Number(intervalText);
  if (freq === 'MINUTELY' && interval < 10) issues.push({ code: 'too_often', schedule, value: `FREQ=${freq};INTERVAL=${interval}` });
  if (interval > longestInterval[freq]) issues.push({ code: 'too_rare', schedule, value: `FREQ=${freq};INTERVAL=${interval}` });
  return {
    frequency: freq,
    interval,
    weekdays: days.filter((d) => /^[A-Z]{2}$/.test(d)) as Weekday[],
    monthDays: monthDays.map(Number),
    count: count === undefined ? null : Number(count),
    until: until ?? null,
    text,
  };
}

function parseSchedule(text: string, schedule: number, issues: RecurrenceIssue[]): Schedule | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  let start: { at: LocalDateTime; timeZone: string | null } | null = null;
  let repeat: RepeatRule | null = null;
  let ok = true;
  for (const line of lines) {
    const s = startLine.exec(line);
    if (s) {
      const parsed = localDateTime(s[2]!);
      if (!parsed) {
        issues.push({ code: 'bad_start', schedule, value: s[2]! });
        ok = false;
        continue;
      }
      const zone = parsed.utc ? 'UTC' : (s[1] ?? null);
      if (zone !== null && !isKnownTimeZone(zone)) {
        issues.push({ code: 'unknown_zone', schedule, value: zone });
        ok = false;
        continue;
      }
      start = { at: parsed.at, timeZone: zone };
    } else if (line.startsWith('RRULE:')) {
      repeat = parseRule(line.slice('RRULE:'.length), schedule, issues);
      if (!repeat) ok = false;
    } else {
      issues.push({ code: 'unknown_line', schedule, value: line });
      ok = false;
    }
  }
  if (!start) {
    if (ok) issues.push({ code: 'no_start', schedule, value: text });
    return null;
  }
  // rule-reach first: a rule rrule cannot finish would hang the bounded walk too.
  const never =
    ok && repeat ? (unreachableRule(repeat.text, start.at) ?? (neverComes(repeat.text, start.at) ? 'never_comes' : null)) : null;
  if (never) {
    issues.push({ code: never, schedule, value: repeat!.text });
    return null;
  }
  return ok ? { start: start.at, timeZone: start.timeZone, repeat } : null;
}

/** Every schedule the setting holds, and what is wrong with it; a schedule with an issue is left out. */
export function parseRecurrence(value: string): ParsedRecurrence {
  const texts = ruleTexts(value);
  if (texts === null) return { schedules: [], issues: [{ code: 'unreadable', schedule: 0, value }] };
  const issues: RecurrenceIssue[] = [];
  const schedules: Schedule[] = [];
  texts.forEach((text, i) => {
    const schedule = parseSchedule(text, i + 1, issues);
    if (schedule) schedules.push(schedule);
  });
  if (texts.length === 0 || texts.every((t) => t.trim() === '')) issues.push({ code: 'empty', schedule: 0, value });
  return { schedules, issues };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** DTSTART's value: 20250617T100000. */
export function formatLocalDateTime(t: LocalDateTime): string {
  return `${t.year}${two(t.month)}${two(t.day)}T${two(t.hour)}${two(t.minute)}${two(t.second)}`;
}

/** One schedule as Flow writes it: the DTSTART line, then the RRULE line when it repeats. */
export function formatSchedule(schedule: Schedule): string {
  const start =
    schedule.timeZone === 'UTC'
      ? `DTSTART:${formatLocalDateTime(schedule.start)}Z`
      : schedule.timeZone
        ? `DTSTART;TZID=${schedule.timeZone}:${formatLocalDateTime(schedule.start)}`
        : `DTSTART:${formatLocalDateTime(schedule.start)}`;
  return schedule.repeat ? `${start}\nRRULE:${schedule.repeat.text}` : start;
}

/** The setting's value as Flow stores it: a JSON list of the schedules' rules. */
export function formatRecurrence(schedules: readonly Schedule[]): string {
  return JSON.stringify(schedules.map(formatSchedule));
}

/** An RRULE line's value from the editor's choices (WKST=MO as Flow's editor writes it). */
export function ruleText(rule: Pick<RepeatRule, 'frequency' | 'interval' | 'weekdays' | 'monthDays' | 'count' | 'until'>): string {
  const parts = [`FREQ=${rule.frequency}`, `INTERVAL=${rule.interval}`];
  if (rule.weekdays.length > 0) parts.push(`BYDAY=${rule.weekdays.join(',')}`);
  if (rule.monthDays.length > 0) parts.push(`BYMONTHDAY=${rule.monthDays.join(',')}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== null) parts.push(`UNTIL=${rule.until}`);
  parts.push('WKST=MO');
  return parts.join(';');
}
