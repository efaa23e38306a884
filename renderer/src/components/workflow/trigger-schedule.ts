import type { Frequency, Weekday } from '$shared/domain/workflow/recurrence';

/**
 * The Scheduled time trigger's form, over the one setting Flow stores: `recurrence`, a JSON list of
 * iCalendar rules (DTSTART with its TZID, and an RRULE when it repeats). The form shows what Flow's editor
 * offers per schedule (start date and time, time zone, repeat every N minutes / hours / days / weeks /
 * months, the weekdays of a weekly repeat) and writes the rule back. Parts of a rule the form does not show
 * (COUNT, UNTIL, BYSETPOS, … from an imported file) are kept as they were.
 *
 * The renderer runs none of the main process's code, so this reads only the shape the form needs (each
 * schedule a DTSTART line and an optional RRULE line); whether the rule is valid is validation's answer
 * (domain/workflow/recurrence.ts), shown at the field. A text of another shape is edited as text.
 */
export const SCHEDULED_TIME = { app: 'shopify', handle: 'scheduled_time' } as const;
export const RECURRENCE_KEY = 'recurrence';
export const weekdays: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export function isScheduledTime(task: { app: string; handle: string } | null | undefined): boolean {
  return task?.app === SCHEDULED_TIME.app && task.handle === SCHEDULED_TIME.handle;
}

/** What the form edits of one schedule. `rule` is the RRULE text (null: does not repeat). */
export interface ScheduleDraft {
  /** YYYY-MM-DD, as a date input writes it. */
  date: string;
  /** HH:MM, as a time input writes it. */
  time: string;
  /** Seconds of the start, kept from the file (the form has minutes). */
  second: number;
  /** The TZID; null: each store's own zone. */
  timeZone: string | null;
  rule: string | null;
}

/** The frequencies the form offers, in Flow's editor's order (Flow allows every 10 minutes to once a year). */
export const repeatFrequencies: readonly Frequency[] = ['MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

const two = (n: number) => String(n).padStart(2, '0');

const startLine = /^DTSTART(?:;TZID=([^:;]+))?:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;

/** One schedule's text as the form's draft, or null when it is not a DTSTART and an optional RRULE line. */
function draftOf(text: string): ScheduleDraft | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const m = startLine.exec(lines[0] ?? '');
  if (!m || lines.length > 2) return null;
  const rule = lines[1];
  if (rule !== undefined && !rule.startsWith('RRULE:')) return null;
  const [, zone, y, mo, d, h, mi, sec, utc] = m;
  return {
    date: `${y}-${mo}-${d}`,
    time: `${h}:${mi}`,
    second: Number(sec),
    timeZone: utc === 'Z' ? 'UTC' : (zone ?? null),
    rule: rule === undefined ? null : rule.slice('RRULE:'.length),
  };
}

export type ScheduleForm =
  | { kind: 'schedules'; drafts: ScheduleDraft[] }
  /** A rule the form cannot show (it does not read): edited as text, and validation says what is wrong. */
  | { kind: 'text'; text: string };

export function scheduleForm(config: Readonly<Record<string, string>>): ScheduleForm {
  const text = config[RECURRENCE_KEY];
  if (text === undefined || text.trim() === '') return { kind: 'schedules', drafts: [] };
  let texts: unknown;
  try {
    texts = text.trim().startsWith('[') ? JSON.parse(text) : [text];
  } catch {
    return { kind: 'text', text };
  }
  if (!Array.isArray(texts) || texts.length === 0) return { kind: 'text', text };
  const drafts = texts.map((t) => (typeof t === 'string' ? draftOf(t) : null));
  return drafts.every((d): d is ScheduleDraft => d !== null) ? { kind: 'schedules', drafts } : { kind: 'text', text };
}

/** DTSTART's value, 20250617T100000, from the date and time inputs. */
function startText(d: ScheduleDraft): string {
  return `${d.date.replaceAll('-', '')}T${d.time.replace(':', '')}${two(d.second)}`;
}

function scheduleText(d: ScheduleDraft): string {
  const at = startText(d);
  const start = d.timeZone === null ? `DTSTART:${at}` : d.timeZone === 'UTC' ? `DTSTART:${at}Z` : `DTSTART;TZID=${d.timeZone}:${at}`;
  return d.rule ? `${start}\nRRULE:${d.rule}` : start;
}

/** The config with these schedules as its `recurrence` (none: the key removed); other keys are kept. */
export function withSchedules(config: Record<string, string>, drafts: readonly ScheduleDraft[]): Record<string, string> {
  const { [RECURRENCE_KEY]: _old, ...rest } = config;
  return drafts.length === 0 ? rest : { ...rest, [RECURRENCE_KEY]: JSON.stringify(drafts.map(scheduleText)) };
}

/** The config with the rule text as typed (the text form). */
export function withRecurrenceText(config: Record<string, string>, text: string): Record<string, string> {
  const { [RECURRENCE_KEY]: _old, ...rest } = config;
  return text.trim() === '' ? rest : { ...rest, [RECURRENCE_KEY]: text };
}

/** A new schedule: tomorrow at 09:00 (Flow needs a start in the future), each store's zone, not repeating. */
export function newSchedule(now: Date): ScheduleDraft {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return {
    date: `${tomorrow.getFullYear()}-${two(tomorrow.getMonth() + 1)}-${two(tomorrow.getDate())}`,
    time: '09:00',
    second: 0,
    timeZone: null,
    rule: null,
  };
}

/** The RRULE's parts in order, upper-cased keys. */
function parts(rule: string | null): [string, string][] {
  if (!rule) return [];
  return rule.split(';').map((p) => {
    const [k = '', v = ''] = p.split('=');
    return [k.toUpperCase(), v];
  });
}

export interface RepeatChoice {
  frequency: Frequency | null;
  interval: number;
  weekdays: Weekday[];
}

/** What the form shows of a rule: its frequency, interval and weekdays. */
export function repeatOf(rule: string | null): RepeatChoice {
  const p = new Map(parts(rule));
  const frequency = (p.get('FREQ') as Frequency | undefined) ?? null;
  const weekdays = (p.get('BYDAY') ?? '').split(',').filter((d) => /^(MO|TU|WE|TH|FR|SA|SU)$/.test(d)) as Weekday[];
  return { frequency, interval: Number(p.get('INTERVAL') ?? '1') || 1, weekdays };
}

/**
 * The rule with the form's choices. Another frequency drops the day choices that belonged to the old one
 * (BYDAY, BYMONTHDAY, BYSETPOS); every other part (COUNT, UNTIL, WKST, …) stays where it was.
 */
export function ruleWith(rule: string | null, choice: RepeatChoice): string | null {
  if (choice.frequency === null) return null;
  const before = parts(rule);
  const sameFrequency = new Map(before).get('FREQ') === choice.frequency;
  const kept = before.filter(
    ([k]) => k !== 'FREQ' && k !== 'INTERVAL' && k !== 'BYDAY' && (sameFrequency || (k !== 'BYMONTHDAY' && k !== 'BYSETPOS')),
  );
  const out: [string, string][] = [
    ['FREQ', choice.frequency],
    ['INTERVAL', String(Math.max(1, Math.floor(choice.interval)))],
  ];
  if (choice.frequency === 'WEEKLY' && choice.weekdays.length > 0) out.push(['BYDAY', choice.weekdays.join(',')]);
  if (!kept.some(([k]) => k === 'WKST')) kept.push(['WKST', 'MO']);
  return [...out, ...kept].map(([k, v]) => `${k}=${v}`).join(';');
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The schedule in words, as the form shows it back: "Every 2 weeks on Monday at 09:00 (America/New_York)",
 * "Once on 2025-01-06 at 09:00 (each store's time zone)", with how it ends when the rule says.
 */
export function describeSchedule(d: ScheduleDraft, t: Translate): string {
  const zone = d.timeZone === null ? t('steps.schedule.storeZone') : d.timeZone;
  const repeat = repeatOf(d.rule);
  if (repeat.frequency === null) return t('steps.schedule.once', { date: d.date, time: d.time, zone });
  const every = t(`steps.schedule.every.${repeat.frequency}`, { count: repeat.interval });
  const days = repeat.weekdays.map((w) => t(`steps.schedule.weekdays.${w}`));
  const on = days.length > 0 ? t('steps.schedule.onDays', { days: days.join(', ') }) : '';
  const p = new Map(parts(d.rule));
  const count = p.get('COUNT');
  const until = p.get('UNTIL');
  const ends = count
    ? t('steps.schedule.endsAfter', { count: Number(count) })
    : until
      ? t('steps.schedule.endsOn', { date: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` })
      : '';
  return t('steps.schedule.repeating', { every, on, time: d.time, zone, from: d.date, ends });
}

/** Every time zone Intl knows, for the time zone choice (with the one in the file, should Intl not list it). */
export function timeZoneChoices(current: string | null): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set(['UTC', ...known]);
  if (current) zones.add(current);
  return [...zones];
}
