import { parseRecurrence, RECURRENCE_KEY, type ParsedRecurrence } from './recurrence';

/**
 * Shopify's "Scheduled time" trigger (`shopify::flow::scheduled_time`). Its settings are one config key,
 * `recurrence`, as in .flow files (recurrence.ts reads it). Validation, the editor and the local runtime
 * all read it through here, so they agree on what a valid schedule is.
 */
export const SCHEDULED_TIME_TRIGGER = { app: 'shopify', handle: 'scheduled_time' } as const;

export function isScheduledTimeTrigger(task: { app: string; handle: string } | null | undefined): boolean {
  return task?.app === SCHEDULED_TIME_TRIGGER.app && task.handle === SCHEDULED_TIME_TRIGGER.handle;
}

/**
 * Parsed rules by their text. The scheduler reads every running workflow's rule again whenever routes change,
 * and the expansion keeps its built rule per parsed schedule: the same text gives the same objects. Bounded,
 * since texts of edited workflows are never asked again.
 */
const parsedByText = new Map<string, ParsedRecurrence>();
const MAX_CACHED = 2_000;

/** The trigger's schedules, from its config; no `recurrence` at all is no schedule (the editor's empty form). */
export function scheduledTimeSchedules(config: Readonly<Record<string, string>>): ParsedRecurrence & { text: string | null } {
  const text = config[RECURRENCE_KEY];
  if (text === undefined || text.trim() === '') return { schedules: [], issues: [], text: null };
  let parsed = parsedByText.get(text);
  if (!parsed) {
    if (parsedByText.size >= MAX_CACHED) parsedByText.clear();
    parsed = parseRecurrence(text);
    parsedByText.set(text, parsed);
  }
  return { ...parsed, text };
}
