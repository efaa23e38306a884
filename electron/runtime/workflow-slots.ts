import type { Repeat } from '../domain/workflow/scheduled-time';
import { latestSlot, localTime, zonedInstant } from './schedule-slots';

/**
 * The slots of one workflow's "Scheduled time" in a store's time zone. Its first slot (the first time of
 * day after the workflow was first seen running in the store) fixes the rest: weekly on that weekday,
 * monthly on that day of the month (on the month's last day when the month is shorter), or only that one
 * slot when it does not repeat. All dates are the store's local calendar dates.
 */

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function dateOf(instantMs: number, timeZone: string): LocalDate {
  const t = localTime(instantMs, timeZone);
  return { year: t.year, month: t.month, day: t.day };
}

/** Normalizes overflowing days and months (e.g. day 0 = the previous month's last day). */
function date(year: number, month: number, day: number): LocalDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function slotOn(d: LocalDate, at: string, timeZone: string): number {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  return zonedInstant(d.year, d.month, d.day, hour, minute, timeZone);
}

function weekday(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first slot at `at` strictly after `afterMs`. */
export function nextSlot(afterMs: number, at: string, timeZone: string): number {
  const latest = latestSlot(afterMs, at, timeZone);
  const d = dateOf(latest, timeZone);
  return slotOn(date(d.year, d.month, d.day + 1), at, timeZone);
}

/** The latest slot not after `nowMs` and not before `firstSlotMs`, or null when there is none yet. */
export function dueSlot(nowMs: number, at: string, repeat: Repeat, firstSlotMs: number, timeZone: string): number | null {
  if (repeat === 'once') return firstSlotMs <= nowMs ? firstSlotMs : null;
  const daily = latestSlot(nowMs, at, timeZone);
  let slot = daily;
  if (repeat === 'weekly') {
    const today = dateOf(daily, timeZone);
    const back = (weekday(today) - weekday(dateOf(firstSlotMs, timeZone)) + 7) % 7;
    slot = slotOn(date(today.year, today.month, today.day - back), at, timeZone);
  } else if (repeat === 'monthly') {
    const today = dateOf(daily, timeZone);
    const wanted = dateOf(firstSlotMs, timeZone).day;
    const thisMonth = Math.min(wanted, daysInMonth(today.year, today.month));
    if (thisMonth <= today.day) {
      slot = slotOn({ year: today.year, month: today.month, day: thisMonth }, at, timeZone);
    } else {
      const last = date(today.year, today.month, 0);
      slot = slotOn({ year: last.year, month: last.month, day: Math.min(wanted, last.day) }, at, timeZone);
    }
  }
  return slot >= firstSlotMs ? slot : null;
}

/**
 * The first slot after `lastMs` at which dueSlot gives a new slot: when a workflow's own schedule is next
 * due (Infinity for a one-time slot already fired). Weekly and monthly slots are daily slots that dueSlot
 * accepts, so the daily ones after the shortest gap are tried in turn (at most a few).
 */
export function slotAfter(lastMs: number, at: string, repeat: Repeat, firstSlotMs: number, timeZone: string): number {
  if (lastMs < firstSlotMs) return firstSlotMs;
  if (repeat === 'once') return Infinity;
  const skipDays = repeat === 'weekly' ? 6 : repeat === 'monthly' ? 26 : 0;
  let candidate = nextSlot(lastMs + skipDays * 86_400_000, at, timeZone);
  for (let i = 0; i < 40; i++) {
    if (dueSlot(candidate, at, repeat, firstSlotMs, timeZone) === candidate) return candidate;
    candidate = nextSlot(candidate, at, timeZone);
  }
  return candidate;
}
