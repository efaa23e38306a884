/**
 * Wall-clock time in a time zone, with Intl only (no time zone database of our own). A local date and time's
 * instant is found by correcting a UTC guess by the zone's offset, twice, so days when clocks change come
 * out right; a time inside the hour clocks skip is placed as RFC 5545 says (zonedInstant). Shared by the catalog's fixed schedules (runtime) and the Scheduled time trigger's rules
 * (domain), so both agree on what "09:00 in Oslo" is.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Whether Intl knows the zone (an IANA name such as "America/New_York", or "UTC"). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in the zone at an instant. Throws RangeError for an unknown zone. */
export function localTime(instantMs: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instantMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instantMs: number, timeZone: string): number {
  const t = localTime(instantMs, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a local date and time happens in the zone. A time that happens twice (clocks turned back) is
 * the one the correction settles on, as before: the first in zones west of UTC (01:30 EDT in New York), the
 * second east of it (02:30 CET in Oslo). A time that never happens (clocks jump forward over it) is read with
 * the offset in force before the jump, as RFC 5545 (3.3.5) asks: 02:30 in New York on the March day clocks go
 * from 02:00 to 03:00 is 02:30 EST, 07:30 UTC, which the wall clock shows as 03:30 EDT.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string, second = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = offsetAt(guess, timeZone);
  const offset = offsetAt(guess - first, timeZone);
  const instant = guess - offset;
  // The usual case: both offsets agree, so the instant shows the asked wall-clock time.
  if (offset === first) return instant;
  const shown = offsetAt(instant, timeZone);
  if (shown === offset) return instant;
  // In a gap the offset only grows (clocks jump forward): the smaller one was in force before it.
  return guess - Math.min(offset, shown);
}
