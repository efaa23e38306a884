import { localTime, zonedInstant } from '../domain/time/wall-clock';

/**
 * The catalog's fixed schedules (daily triggers, birthdays) in a store's time zone: a slot is a local
 * "HH:MM" on a local date. The wall-clock arithmetic itself is the domain's (wall-clock.ts).
 */
export { localTime, zonedInstant };

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

/** The first slot at `at` strictly after `afterMs`. */
export function nextSlot(afterMs: number, at: string, timeZone: string): number {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const latest = localTime(latestSlot(afterMs, at, timeZone), timeZone);
  const next = new Date(Date.UTC(latest.year, latest.month - 1, latest.day + 1));
  return zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), hour, minute, timeZone);
}
