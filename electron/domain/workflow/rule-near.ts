import { RRule, type Options } from 'rrule';

/**
 * A schedule's RRULE expanded from near the asked time instead of from its start. `rrule` walks every period
 * from DTSTART to the asked time, and each period allocates arrays a year long: a daily rule started two years
 * ago was ~700 periods and ~4 MB per question, and the runtime's first scheduler tick asked it for every zone.
 *
 * A rule without COUNT has the same occurrences from any later period of its own as the original has there,
 * provided the new start is the first instant of a period the original also walks (its INTERVAL counts from
 * DTSTART's period: minutes, hours, days and weeks in floating time, which has no daylight saving; months and
 * years by number) and what DTSTART gave by default is written out: BYHOUR, BYMINUTE and BYSECOND of its time,
 * and BYMONTHDAY / BYMONTH / BYDAY of its date when the rule names no day. COUNT counts from DTSTART, so such
 * a rule keeps its full expansion. The property test (`rule-near.test.ts`) holds this against the full one.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Moved rules kept per schedule (one per period asked about; each keeps rrule's own cache of answers). */
const MAX_KEPT = 32;

interface Periods {
  /** Fixed-length periods (minutes, hours, days, weeks): the first period's start and the length. */
  firstMs: number;
  sizeMs: number;
  /** Months and years: the first period's month number (year × 12 + month − 1) and the step in months. */
  firstMonth: number;
  stepMonths: number;
  interval: number;
}

export interface NearExpansion {
  /** The rule from DTSTART, as the schedule says it. */
  full: RRule;
  /** Null: the rule cannot be moved (COUNT). */
  periods: Periods | null;
  frozen: Partial<Options>;
  kept: Map<number, RRule>;
}

/** Prepares a rule (floating DTSTART, no TZID, no UNTIL: occurrences.ts checks UNTIL as an instant). */
export function nearExpansion(text: string, dtstart: Date): NearExpansion {
  const written = RRule.parseString(text);
  const options: Partial<Options> = { ...written, dtstart, tzid: null, until: null };
  const full = new RRule(options);
  if (written.count != null || losesItsGrid(written)) return { full, periods: null, frozen: options, kept: new Map() };
  const parsed = full.options;
  const frozen: Partial<Options> = { ...options };
  if (written.byhour == null && parsed.byhour) frozen.byhour = parsed.byhour;
  if (written.byminute == null && parsed.byminute) frozen.byminute = parsed.byminute;
  if (written.bysecond == null && parsed.bysecond) frozen.bysecond = parsed.bysecond;
  const namesNoDay =
    written.byweekno == null &&
    written.byyearday == null &&
    written.bymonthday == null &&
    written.byweekday == null &&
    written.byeaster == null;
  if (namesNoDay) {
    if (parsed.freq === RRule.YEARLY) frozen.bymonth = parsed.bymonth;
    if (parsed.freq === RRule.YEARLY || parsed.freq === RRule.MONTHLY) frozen.bymonthday = parsed.bymonthday;
    if (parsed.freq === RRule.WEEKLY) frozen.byweekday = parsed.byweekday;
  }
  return { full, periods: periodsOf(parsed.freq, parsed.interval, dtstart, parsed.wkst), frozen, kept: new Map() };
}

/**
 * Every few minutes (hours) within named hours or minutes: rrule's full expansion skips the hours outside BYHOUR
 * in steps that do not keep the INTERVAL's grid from DTSTART, so a rule moved to a later period lands on other
 * minutes than the full one (every 40 minutes with BYHOUR=0 gave another next slot). Such rules, which only
 * hand-made files hold (Flow's editor writes neither part), keep their full expansion: the same slots as before.
 */
function losesItsGrid(written: Partial<Options>): boolean {
  const subDaily = written.freq === RRule.MINUTELY || written.freq === RRule.HOURLY;
  return subDaily && (written.interval ?? 1) > 1 && (written.byhour != null || written.byminute != null);
}

function periodsOf(freq: number, interval: number, dtstart: Date, wkst: number): Periods | null {
  const t = dtstart.getTime();
  const day = Math.floor(t / DAY_MS) * DAY_MS;
  const month = dtstart.getUTCFullYear() * 12 + dtstart.getUTCMonth();
  const fixed = (firstMs: number, sizeMs: number): Periods => ({ firstMs, sizeMs, firstMonth: 0, stepMonths: 0, interval });
  const months = (firstMonth: number, stepMonths: number): Periods => ({ firstMs: 0, sizeMs: 0, firstMonth, stepMonths, interval });
  switch (freq) {
    case RRule.MINUTELY:
      return fixed(Math.floor(t / MINUTE_MS) * MINUTE_MS, MINUTE_MS);
    case RRule.HOURLY:
      return fixed(Math.floor(t / HOUR_MS) * HOUR_MS, HOUR_MS);
    case RRule.DAILY:
      return fixed(day, DAY_MS);
    case RRule.WEEKLY: {
      // rrule's weekdays count from Monday (0); its first week is the one holding DTSTART, begun on WKST.
      const weekday = (dtstart.getUTCDay() + 6) % 7;
      return fixed(day - ((weekday - wkst + 7) % 7) * DAY_MS, 7 * DAY_MS);
    }
    case RRule.MONTHLY:
      return months(month, 1);
    case RRule.YEARLY:
      return months(dtstart.getUTCFullYear() * 12, 12);
    default:
      return null;
  }
}

/**
 * The first instant of the period the original walks that holds `cursorMs`, moved `back` of its steps
 * earlier; null when that is the rule's first period or before it (the full rule is as cheap there).
 */
function periodStart(p: Periods, cursorMs: number, back: number): number | null {
  if (p.sizeMs > 0) {
    const k = Math.floor(Math.floor((cursorMs - p.firstMs) / p.sizeMs) / p.interval) - back;
    return k > 0 ? p.firstMs + k * p.interval * p.sizeMs : null;
  }
  const c = new Date(cursorMs);
  const step = p.stepMonths * p.interval;
  const k = Math.floor((c.getUTCFullYear() * 12 + c.getUTCMonth() - p.firstMonth) / step) - back;
  if (k <= 0) return null;
  const m = p.firstMonth + k * step;
  return Date.UTC(Math.floor(m / 12), m % 12, 1);
}

/**
 * A rule with the original's occurrences from the period holding `cursorMs` (`back` steps earlier) on: the
 * full rule when it cannot be moved there. Answers from it are exact only at or after its start (`fromMs`).
 */
export function ruleNear(e: NearExpansion, cursorMs: number, back = 0): { rule: RRule; fromMs: number } {
  const startMs = e.periods ? periodStart(e.periods, cursorMs, back) : null;
  if (startMs === null) return { rule: e.full, fromMs: -Infinity };
  let rule = e.kept.get(startMs);
  if (!rule) {
    if (e.kept.size >= MAX_KEPT) e.kept.clear();
    rule = new RRule({ ...e.frozen, dtstart: new Date(startMs) });
    e.kept.set(startMs, rule);
  }
  return { rule, fromMs: startMs };
}

/** The first occurrence strictly after `cursor` (floating), as the full expansion gives it. */
export function occurrenceAfter(e: NearExpansion, cursor: Date): Date | null {
  return ruleNear(e, cursor.getTime()).rule.after(cursor, false);
}

/** How far back `occurrenceBefore` moves its start before it takes the full rule: this period, the one before, a year. */
const backSteps = [0, 1];
const YEAR_BACK_MS = 400 * DAY_MS;

/** The last occurrence strictly before `cursor` (floating), as the full expansion gives it. */
export function occurrenceBefore(e: NearExpansion, cursor: Date): Date | null {
  const c = cursor.getTime();
  for (const back of backSteps) {
    const near = ruleNear(e, c, back);
    const d = near.rule.before(cursor, false);
    // None since the moved start says nothing of the time before it: look further back.
    if (d || near.fromMs === -Infinity) return d;
  }
  const year = ruleNear(e, c - YEAR_BACK_MS);
  const d = year.rule.before(cursor, false);
  return d || year.fromMs === -Infinity ? d : e.full.before(cursor, false);
}
