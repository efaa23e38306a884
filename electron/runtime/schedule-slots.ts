/**
 * Wall-clock time in a store's time zone, with Intl only (no time zone database of our own). A slot is a
 * local "HH:MM" on a local date; its instant is found by correcting a UTC guess by the zone's offset,
 * twice, so days when clocks change come out right.
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

/** The instant a local date and time happens in the zone (in a gap when clocks jump forward: just after it). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return instant;
}

/** The latest slot at `at` ("HH:MM", local) that is not after `nowMs`. */
export function latestSlot(nowMs: number, at: string, timeZone: string): number {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const today = localTime(nowMs, timeZone);
  const slot = zonedInstant(today.year, today.month, today.day, hour, minute, timeZone);
  if (slot <= nowMs) return slot;
  const yesterday = new Date(Date.UTC(today.year, today.month - 1, today.day - 1));
  return zonedInstant(yesterday.getUTCFullYear(), yesterday.getUTCMonth() + 1, yesterday.getUTCDate(), hour, minute, timeZone);
}

/** The local calendar date `days` after the slot's date, at local midnight, as an instant. */
export function localDateAfter(slotMs: number, days: number, timeZone: string): number {
  const t = localTime(slotMs, timeZone);
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day + days));
  return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, timeZone);
}
