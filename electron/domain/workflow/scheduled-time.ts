/**
 * Shopify's "Scheduled time" trigger keeps its settings in the trigger step's config, strings as in .flow
 * files: `time` (the time of day, "HH:MM", in each store's time zone) and `repeat` ("daily", "weekly",
 * "monthly"; absent or empty: it does not repeat). Validation and the local runtime read them here, so both
 * agree on what a valid setting is.
 */
export const SCHEDULED_TIME_TRIGGER = { app: 'shopify', handle: 'scheduled_time' } as const;

export const repeatChoices = ['daily', 'weekly', 'monthly'] as const;

/** `once`: the setting's absence, "does not repeat". */
export type Repeat = (typeof repeatChoices)[number] | 'once';

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isScheduledTimeTrigger(task: { app: string; handle: string } | null | undefined): boolean {
  return task?.app === SCHEDULED_TIME_TRIGGER.app && task.handle === SCHEDULED_TIME_TRIGGER.handle;
}

/** "00:00" to "23:59", two digits each, as the editor's time input writes it. */
export function isTimeOfDay(text: string): boolean {
  return timeOfDay.test(text);
}

export function isKnownRepeat(text: string): boolean {
  return text === '' || (repeatChoices as readonly string[]).includes(text);
}

export interface ScheduledTimeSettings {
  /** Null when `time` is missing or not a time of day. */
  at: string | null;
  repeat: Repeat;
}

/**
 * The settings as the runtime uses them. A `repeat` value Flow Admin does not know (kept from an imported
 * file) counts as daily: the workflow still repeats, rather than silently running once.
 */
export function scheduledTimeSettings(config: Readonly<Record<string, string>>): ScheduledTimeSettings {
  const time = config.time ?? '';
  const repeat = config.repeat ?? '';
  return {
    at: isTimeOfDay(time) ? time : null,
    repeat: repeat === '' ? 'once' : isKnownRepeat(repeat) ? (repeat as Repeat) : 'daily',
  };
}
