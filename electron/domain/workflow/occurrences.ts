import { localTime, zonedInstant } from '../time/wall-clock';
import type { LocalDateTime, Schedule } from './recurrence';
import { nearExpansion, occurrenceAfter, occurrenceBefore, type NearExpansion } from './rule-near';
import { neverComes } from './rule-comes';
import { unreachableRule } from './rule-reach';

/**
 * When a Scheduled time trigger's schedules come, as instants. The `rrule` library expands the RRULE; it is
 * given the schedule's wall-clock times as if they were UTC ("floating"), and each occurrence is then placed
 * in the schedule's zone (the rule's TZID, else the store's). So "every day at 09:00 America/New_York" stays
 * 09:00 across daylight-saving changes, which rrule's own TZID handling (it depends on the machine's zone)
 * does not promise.
 */

const HOUR_MS = 3_600_000;
/** Enough to step over a daylight-saving change (at most 2 h anywhere) between wall clock and instant. */
const SLACK_MS = 3 * HOUR_MS;
/** A rule whose occurrences all fall outside the search window (ended by UNTIL) is not searched forever. */
const MAX_STEPS = 64;

function floating(t: LocalDateTime): Date {
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

/** The instant a floating date (a wall-clock time written as UTC) happens in the zone. */
function instantOf(d: Date, timeZone: string): number {
  return zonedInstant(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    timeZone,
    d.getUTCSeconds(),
  );
}

/** The wall-clock time at an instant in the zone, written as UTC. */
function wallClock(instantMs: number, timeZone: string): number {
  const t = localTime(instantMs, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** UNTIL as an instant: in UTC when it ends in Z (RFC 5545 asks so with a TZID), else the schedule's wall clock. */
function untilInstant(until: string, timeZone: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until)!;
  const [y, mo, d, h = 23, mi = 59, s = 59] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  if (m[7] === 'Z') return Date.UTC(y!, mo! - 1, d!, h, mi, s);
  return zonedInstant(y!, mo!, d!, h, mi, timeZone, s);
}

/**
 * Rules are built once per schedule: the scheduler asks the same ones at every due slot. Each question is
 * answered from near the asked time (rule-near.ts), not by walking the rule from its start.
 */
const built = new WeakMap<Schedule, NearExpansion | 'never'>();

/**
 * Null: rrule could never finish the rule (rule-reach.ts), or it never comes (rule-comes.ts: rrule would walk to
 * year 9999 looking), so it has no slots. Validation refuses such rules and
 * parsing leaves them out; this keeps a Schedule made some other way from hanging the scheduler's thread.
 */
function expansion(schedule: Schedule): NearExpansion | null {
  let rule = built.get(schedule);
  if (!rule) {
    // UNTIL is an instant in the zone; it is checked by untilInstant rather than compared as floating time.
    const text = schedule.repeat!.text;
    rule =
      unreachableRule(text, schedule.start) || neverComes(text, schedule.start) ? 'never' : nearExpansion(text, floating(schedule.start));
    built.set(schedule, rule);
  }
  return rule === 'never' ? null : rule;
}

function zoneOf(schedule: Schedule, storeTimeZone: string): string {
  return schedule.timeZone ?? storeTimeZone;
}

/** The instant the schedule ends (UNTIL), Infinity when it does not. */
function endOf(schedule: Schedule, timeZone: string): number {
  const until = schedule.repeat?.until;
  return until == null ? Infinity : untilInstant(until, timeZone);
}

/** The schedule's first occurrence strictly after `afterMs`, or Infinity when it has no more. */
function nextOf(schedule: Schedule, afterMs: number, storeTimeZone: string): number {
  const zone = zoneOf(schedule, storeTimeZone);
  if (!schedule.repeat) {
    const once = instantOf(floating(schedule.start), zone);
    return once > afterMs ? once : Infinity;
  }
  // Ended (UNTIL past): nothing to ask rrule, which would look past the end for a slot it then drops.
  const end = endOf(schedule, zone);
  if (afterMs >= end) return Infinity;
  const rule = expansion(schedule);
  if (!rule) return Infinity;
  let cursor = new Date(wallClock(afterMs, zone) - SLACK_MS);
  for (let i = 0; i < MAX_STEPS; i++) {
    const d = occurrenceAfter(rule, cursor);
    if (!d) return Infinity;
    const instant = instantOf(d, zone);
    if (instant > end) return Infinity;
    if (instant > afterMs) return instant;
    cursor = d;
  }
  return Infinity;
}

/** The schedule's latest occurrence at or before `atMs`, or null when none has come. */
function latestOf(schedule: Schedule, atMs: number, storeTimeZone: string): number | null {
  const zone = zoneOf(schedule, storeTimeZone);
  if (!schedule.repeat) {
    const once = instantOf(floating(schedule.start), zone);
    return once <= atMs ? once : null;
  }
  const rule = expansion(schedule);
  if (!rule) return null;
  // Asked after its end (UNTIL): its last slot is the latest, so the walk back starts at the end, not at now.
  const asked = Math.min(atMs, endOf(schedule, zone));
  let cursor = new Date(wallClock(asked, zone) + SLACK_MS);
  for (let i = 0; i < MAX_STEPS; i++) {
    const d = occurrenceBefore(rule, cursor);
    if (!d) return null;
    const instant = instantOf(d, zone);
    if (instant <= asked) return instant;
    cursor = d;
  }
  return null;
}

/** When the trigger next fires after `afterMs`: the earliest of its schedules (Infinity: never again). */
export function nextOccurrence(schedules: readonly Schedule[], afterMs: number, storeTimeZone: string): number {
  let next = Infinity;
  for (const s of schedules) next = Math.min(next, nextOf(s, afterMs, storeTimeZone));
  return next;
}

/** The trigger's latest occurrence at or before `atMs`, over all its schedules (null: none yet). */
export function latestOccurrence(schedules: readonly Schedule[], atMs: number, storeTimeZone: string): number | null {
  let latest: number | null = null;
  for (const s of schedules) {
    const at = latestOf(s, atMs, storeTimeZone);
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest;
}
