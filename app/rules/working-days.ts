import { addDays } from './dates'

// Working days for the public notice of a payout (公示, issue 13 §7: the Chongqing county guides post the
// list at township level for 5 working days). Saturdays and Sundays are skipped; the portal keeps no table
// of public holidays or of the weekends worked in their place (调休), so a notice over 国庆 or 春节 is counted
// as if those were ordinary weekdays — staff pick a later start day when that matters. Pure.

/** The notice period the guides ask for, in working days. */
export const NOTICE_WORKING_DAYS = 5

/** Whether a `YYYY-MM-DD` calendar day is a Saturday or a Sunday. */
export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday === 0 || weekday === 6
}

/** The day itself when it is a weekday, else the Monday after it (`YYYY-MM-DD`). */
export function firstWorkingDayFrom(date: string): string {
  let day = date
  while (isWeekend(day)) day = addDays(day, 1)
  return day
}

/**
 * The period of a notice that starts on `from` (`YYYY-MM-DD`) and lasts `days` working days (5 by default,
 * at least 1): `from` is the first working day on or after the given day, `until` the last working day of
 * the period, both inclusive. E.g. Monday 2026-12-07 → 12-07 to Friday 12-11; Thursday 12-10 → 12-10 to
 * Wednesday 12-16; Saturday 12-12 → Monday 12-14 to Friday 12-18. Throws a RangeError for fewer than 1 day.
 */
export function noticePeriod(from: string, days: number = NOTICE_WORKING_DAYS): { from: string; until: string } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`noticePeriod expects a whole number of days ≥ 1, got ${days}`)
  const start = firstWorkingDayFrom(from)
  let until = start
  for (let counted = 1; counted < days; counted++) until = firstWorkingDayFrom(addDays(until, 1))
  return { from: start, until }
}

/** How many working days (Monday to Friday) lie from `from` to `until`, both inclusive; 0 when `until` is earlier. */
export function workingDaysBetween(from: string, until: string): number {
  let n = 0
  for (let day = from; day <= until; day = addDays(day, 1)) if (!isWeekend(day)) n++
  return n
}
