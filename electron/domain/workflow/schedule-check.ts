import type { StepProblems } from './problem-list';
import { RECURRENCE_KEY } from './recurrence';
import { scheduledTimeSchedules } from './scheduled-time';

const FIELD_NAME = 'Schedule';

/** What each issue means, in English for the API and logs (the UI says it from `issue` in either language). */
const explained: Record<string, string> = {
  unreadable: 'is not a list of iCalendar rules (DTSTART and RRULE)',
  empty: 'has no schedule',
  no_start: 'has no start date and time (DTSTART)',
  bad_start: 'has a start that is not a date and time (YYYYMMDDTHHMMSS)',
  unknown_zone: 'names a time zone that does not exist',
  unknown_line: 'has a line that is neither DTSTART nor RRULE',
  bad_rule: 'has a repeat rule part that is not iCalendar',
  too_often: 'repeats more often than every 10 minutes, the shortest interval Flow allows',
  too_rare: 'repeats less often than once a year, the longest interval Flow allows',
  unreachable_time: 'never runs: its interval never reaches the hours or minutes it names (BYHOUR, BYMINUTE) from its start time',
  no_such_day: 'never runs: the months and days it names (BYMONTH, BYMONTHDAY) make no date',
  never_comes: 'never runs: no day and time it names ever comes after its start (as the 10th Monday of a month)',
};

/**
 * The Scheduled time trigger's `recurrence`, located at that field as the editor's schedule form shows it.
 * Flow needs a start to run at all, so a missing schedule is an error like a missing required input; each
 * unreadable or out-of-limits schedule is one error naming the schedule and the part that is wrong.
 */
export function checkScheduledTime(config: Readonly<Record<string, string>>, at: StepProblems): void {
  const parsed = scheduledTimeSchedules(config);
  if (parsed.text === null) {
    at.error('missing_required_field', RECURRENCE_KEY, 'The schedule needs a start date and time', {
      fieldKey: RECURRENCE_KEY,
      fieldName: FIELD_NAME,
    });
    return;
  }
  for (const issue of parsed.issues) {
    const where = issue.schedule > 0 ? `Schedule ${issue.schedule}` : 'The schedule';
    at.error('wrong_format', RECURRENCE_KEY, `${where} ${explained[issue.code]}: "${issue.value}"`, {
      fieldKey: RECURRENCE_KEY,
      fieldName: FIELD_NAME,
      issue: issue.code,
      schedule: issue.schedule,
      value: issue.value,
    });
  }
}
