/**
 * Whether the `rrule` library can finish a Scheduled time rule. For HOURLY and MINUTELY rules rrule moves a
 * counter by INTERVAL and loops until the counter's hour is in BYHOUR (and its minute in BYMINUTE); it never
 * stops when no such time can be reached, and the scheduler's thread would hang with it. Every 4 hours from
 * 17:00 reaches 17, 21, 1, 5, 9 and 13, never BYHOUR=20. Every 20 minutes from :00 never reaches BYMINUTE=5.
 * Its MINUTELY counter also jumps to the day's end on a day BYDAY or BYMONTH leaves out and then steps whole
 * hours at a time, which can cycle where the plain walk does not.
 *
 * So this runs rrule's own counter arithmetic (datetime.ts's addHours and addMinutes, 2.8.1) on the time of
 * day alone, exactly, from every time of day the rule's periods can start at (rule-near.ts starts rules at
 * later periods), on days left out and days kept, and answers whether some step can loop forever. A rule
 * naming only days that do not exist (BYMONTH=2;BYMONTHDAY=30) is refused too: rrule walks to year 9999 for it.
 * Pure and without rrule itself, so the editor's checks can run it.
 */

const weekdayNames = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type Unreachable = 'unreachable_time' | 'no_such_day';

function numbers(value: string | undefined): number[] {
  return value === undefined ? [] : value.split(',').map(Number);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** rrule's addHours without a day left out: the hour it stops at, or null when it never stops. */
function addHours(hour: number, hours: number, byhour: readonly number[]): number | null {
  for (let i = 0; i < 24; i++) {
    hour = (hour + hours) % 24;
    if (byhour.length === 0 || byhour.includes(hour)) return hour;
  }
  return null;
}

/** rrule's addMinutes from a time of day (minutes since midnight): where it stops, or null when it never does. */
function addMinutes(at: number, minutes: number, skipDay: boolean, byhour: readonly number[], byminute: readonly number[]): number | null {
  let hour = Math.floor(at / 60);
  let minute = at % 60;
  // A day left out: rrule jumps to its last step before midnight (the minute may then exceed 59).
  if (skipDay) minute += Math.floor((1439 - at) / minutes) * minutes;
  const seen = new Set<number>();
  for (;;) {
    minute += minutes;
    const hours = Math.floor(minute / 60);
    minute %= 60;
    if (hours > 0) {
      const h = addHours(hour, hours, byhour);
      if (h === null) return null;
      hour = h;
    }
    if ((byhour.length === 0 || byhour.includes(hour)) && (byminute.length === 0 || byminute.includes(minute))) return hour * 60 + minute;
    // The counter's time of day decides every later step: the same one again is a loop.
    if (seen.has(hour * 60 + minute)) return null;
    seen.add(hour * 60 + minute);
  }
}

/** Whether BYDAY / BYMONTH / BYMONTHDAY leave some day out (rrule then jumps to the day's end). */
function leavesDaysOut(parts: ReadonlyMap<string, string>): boolean {
  const byday = parts.get('BYDAY');
  if (byday !== undefined && !weekdayNames.every((d) => byday.split(',').some((v) => v.endsWith(d)))) return true;
  if (parts.has('BYMONTH') && new Set(numbers(parts.get('BYMONTH'))).size < 12) return true;
  const monthDays = numbers(parts.get('BYMONTHDAY'));
  if (monthDays.length === 0) return false;
  return [28, 29, 30, 31].some((length) => {
    for (let d = 1; d <= length; d++) if (!monthDays.includes(d) && !monthDays.includes(d - length - 1)) return true;
    return false;
  });
}

/** Whether some month BYMONTH names has a day BYMONTHDAY names (February has its 29th in leap years). */
function someDayExists(parts: ReadonlyMap<string, string>): boolean {
  const monthDays = numbers(parts.get('BYMONTHDAY'));
  if (monthDays.length === 0) return true;
  const months = parts.has('BYMONTH') ? numbers(parts.get('BYMONTH')) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return months.some((m) => monthDays.some((d) => Math.abs(d) <= (daysInMonth[m - 1] ?? 0)));
}

/**
 * Why rrule could not finish the rule (its RRULE value, parts already checked as iCalendar, in upper case)
 * started at `start` (hour and minute of DTSTART), or null when it can.
 */
export function unreachableRule(text: string, start: { hour: number; minute: number }): Unreachable | null {
  const parts = new Map<string, string>();
  for (const part of text.toUpperCase().split(';')) {
    const [key, value] = part.split('=');
    if (key && value !== undefined) parts.set(key, value);
  }
  if (!someDayExists(parts)) return 'no_such_day';
  const freq = parts.get('FREQ');
  if (freq !== 'HOURLY' && freq !== 'MINUTELY') return null;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const byhour = numbers(parts.get('BYHOUR'));
  // HOURLY fills each hour from BYMINUTE without a loop; only its hour steps can cycle.
  const byminute = freq === 'MINUTELY' ? numbers(parts.get('BYMINUTE')) : [];
  if (byhour.length === 0 && byminute.length === 0) return null;
  const skips = leavesDaysOut(parts) ? [false, true] : [false];
  // Times of day (in the rule's steps) the counter can be at: every start a later period can have, then
  // wherever a step from a reached one stops.
  const unit = freq === 'HOURLY' ? 60 : 1;
  const stepMinutes = interval * unit;
  const startAt = freq === 'HOURLY' ? start.hour * 60 : start.hour * 60 + start.minute;
  const grid = gcd(stepMinutes % 1440, 1440) || 1440;
  const todo: number[] = [];
  const reached = new Set<number>();
  const reach = (at: number): void => {
    if (reached.has(at)) return;
    reached.add(at);
    todo.push(at);
  };
  for (let at = startAt % grid; at < 1440; at += grid) reach(at);
  while (todo.length > 0) {
    const at = todo.pop()!;
    for (const skip of skips) {
      let next: number | null;
      if (freq === 'HOURLY') {
        let hour = at / 60;
        if (skip) hour += Math.floor((23 - hour) / interval) * interval;
        const h = addHours(hour, interval, byhour);
        next = h === null ? null : h * 60;
      } else next = addMinutes(at, interval, skip, byhour, byminute);
      if (next === null) return 'unreachable_time';
      reach(next);
    }
  }
  return null;
}
