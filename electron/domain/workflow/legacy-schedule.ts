import { localTime } from '../time/wall-clock';
import { formatLocalDateTime, weekdays, type LocalDateTime } from './recurrence';
import { isScheduledTimeTrigger } from './scheduled-time';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * Flow Admin once kept the Scheduled time trigger's settings in keys of its own, `time` ("HH:MM", each
 * store's local time) and `repeat` (daily / weekly / monthly; none: once). Flow stores one `recurrence`
 * rule instead. This turns the old keys into the rule that runs at the same moments:
 * - no zone in the rule (a floating DTSTART), so it still runs at each store's own local time;
 * - the start date is the day it first ran (its first slot), which fixed the weekday of a weekly and the
 *   day of a monthly repeat, else the day the version was saved;
 * - a monthly day after the 28th ran on a shorter month's last day: BYMONTHDAY=28..day with BYSETPOS=-1
 *   picks the last of those days each month has;
 * - an unset or unreadable time ran daily at 00:00 (the catalog's slot), and an unknown repeat daily.
 */

const timeOfDay = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** What the runtime counted the old settings as, as its bookkeeping wrote them ("14:30 daily"). */
export function legacyScheduleSettings(config: Readonly<Record<string, string>>): string {
  const time = config.time ?? '';
  const repeat = config.repeat ?? '';
  if (!timeOfDay.test(time)) return '00:00 daily';
  const known = repeat === '' ? 'once' : ['daily', 'weekly', 'monthly'].includes(repeat) ? repeat : 'daily';
  return `${time} ${known}`;
}

/** Whether the definition still has the old keys (and no rule). */
export function hasLegacySchedule(definition: WorkflowDefinition): boolean {
  const trigger = definition.trigger;
  if (!trigger || !isScheduledTimeTrigger(trigger.task)) return false;
  return trigger.config.recurrence === undefined && (trigger.config.time !== undefined || trigger.config.repeat !== undefined);
}

function ruleOf(repeat: string, start: LocalDateTime): string | null {
  if (repeat === 'once') return null;
  if (repeat === 'weekly') {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day)).getUTCDay(); // 0 = Sunday
    return `FREQ=WEEKLY;INTERVAL=1;BYDAY=${weekdays[(day + 6) % 7]};WKST=MO`;
  }
  if (repeat === 'monthly') {
    if (start.day <= 28) return `FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=${start.day};WKST=MO`;
    const days = Array.from({ length: start.day - 27 }, (_, i) => 28 + i).join(',');
    return `FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=${days};BYSETPOS=-1;WKST=MO`;
  }
  return 'FREQ=DAILY;INTERVAL=1;WKST=MO';
}

/**
 * The `recurrence` for the old settings. `firstSlot` is when it first ran in a store (epoch ms, and that
 * store's zone), or null; `savedAt` (ISO) dates it otherwise.
 */
export function legacyRecurrence(
  config: Readonly<Record<string, string>>,
  firstSlot: { at: number; timeZone: string } | null,
  savedAt: string,
): string {
  const [time, repeat] = legacyScheduleSettings(config).split(' ') as [string, string];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const saved = new Date(Number.isNaN(Date.parse(savedAt)) ? 0 : Date.parse(savedAt));
  const day = firstSlot
    ? localTime(firstSlot.at, firstSlot.timeZone)
    : { year: saved.getUTCFullYear(), month: saved.getUTCMonth() + 1, day: saved.getUTCDate() };
  const start: LocalDateTime = { year: day.year, month: day.month, day: day.day, hour, minute, second: 0 };
  const rule = ruleOf(repeat, start);
  const dtstart = `DTSTART:${formatLocalDateTime(start)}`;
  return JSON.stringify([rule === null ? dtstart : `${dtstart}\nRRULE:${rule}`]);
}

/** The definition with `recurrence` in place of the old keys; other keys an import brought are kept. */
export function migrateLegacySchedule(definition: WorkflowDefinition, recurrence: string): WorkflowDefinition {
  const { time: _time, repeat: _repeat, ...rest } = definition.trigger!.config;
  return { ...definition, trigger: { ...definition.trigger!, config: { ...rest, recurrence } } };
}
