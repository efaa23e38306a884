import { RRule } from 'rrule';
import type { LocalDateTime } from './recurrence';

/**
 * Whether a Scheduled time rule ever comes. Some rules rrule can finish name no slot at all: the 10th Monday of
 * a month (BYSETPOS=10;BYDAY=MO), the last Friday that is the 1st (BYDAY=-1FR;BYMONTHDAY=1), every 168 hours on
 * Mondays from a Thursday. Asked for their next or latest slot, rrule walks to year 9999 looking: 0.2-1.3 s per
 * question, on the runtime's thread, for every store and zone asking. Its UNTIL does not bound that walk (it is
 * only compared with slots found), so the check bounds it by the year 9999 itself:
 *
 * The rule is walked by rrule from the same date 400·k years later, in the last 29 to 428 years before 9999. 400
 * years are the Gregorian calendar's whole cycle (146,097 days, a whole number of weeks): every date keeps its
 * weekday and every year its leap day, across the century years too. INTERVAL counts from the start, so the
 * walk there meets the rule's own slots 400·k years on, and a rule that comes in its first 29 to 428 years comes
 * in the walk. (A 28-year shift, used before, keeps weekdays only within a century that keeps its leap day: from
 * 2026 to 9950 it moved Thursday 1 January to a Sunday, and "every 28 hours at 00:00 on Mondays" from a Thursday
 * noon, which comes every Monday, was judged never to come.) A rule that comes stops at its first slot.
 *
 * Without a walk: every day (DAILY, or hours and minutes less than a day apart) is visited, so such a rule comes
 * when its days exist (rule-reach.ts's no_such_day) and its times are reached (unreachable_time), unless BYSETPOS
 * names only positions past the period's few times. Run only after rule-reach.ts: a rule rrule cannot finish at
 * all would hang the walk too.
 */

const CYCLE_YEARS = 400;
/** The walk starts no later than this year: at least 29 years before rrule's last (9999). */
const LATEST_START = 9971;
const MINUTES_PER_PERIOD: Record<number, number> = { [RRule.MINUTELY]: 1, [RRule.HOURLY]: 60, [RRule.DAILY]: 1440 };

const count = (list: unknown): number => (Array.isArray(list) && list.length > 0 ? list.length : 1);

/**
 * Whether the rule (its RRULE value, already through recurrence.ts's part checks and rule-reach.ts) started at
 * `start` (floating wall-clock time) never has a slot.
 */
export function neverComes(text: string, start: LocalDateTime): boolean {
  const written = RRule.parseString(text.toUpperCase());
  const freq = written.freq ?? RRule.DAILY;
  const interval = written.interval ?? 1;
  const perPeriod = MINUTES_PER_PERIOD[freq];
  if (perPeriod !== undefined) {
    // BYSETPOS picks among one period's slots: a day's BYHOUR × BYMINUTE, an hour's BYMINUTE, a minute's one.
    const slots =
      freq === RRule.DAILY ? count(written.byhour) * count(written.byminute) : freq === RRule.HOURLY ? count(written.byminute) : 1;
    const positions = written.bysetpos == null ? [] : [written.bysetpos].flat();
    if (positions.length > 0 && positions.every((p) => Math.abs(p) > slots)) return true;
    if (interval * perPeriod <= 1440) return false;
  }
  const year =
    start.year <= LATEST_START ? LATEST_START - ((((LATEST_START - start.year) % CYCLE_YEARS) + CYCLE_YEARS) % CYCLE_YEARS) : start.year;
  const dtstart = new Date(Date.UTC(year, start.month - 1, start.day, start.hour, start.minute, start.second));
  return new RRule({ ...written, dtstart, count: null, until: null, tzid: null }).after(dtstart, true) === null;
}
