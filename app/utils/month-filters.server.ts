import { monthLabel, monthRange, MONTH_PATTERN } from '~/rules/statistics'
import { z } from '~/rules/zod'
import { parseListParams } from './list'

// A list's month filters (issue 15 §5): the dashboards link each figure to the list it counts with the
// month as a parameter — `month`, `published`, `submitted`, `decided`, `paid` — always a Shanghai
// calendar month `YYYY-MM`. Not personal data, so it sits in the URL; what does not parse is dropped
// (app/utils/list.ts), so a bad month shows the list without it, never an error.

/** A month `YYYY-MM` (1900–2099, months 01–12), as `<input type="month">` sends it. */
export const MONTH = z.string().regex(MONTH_PATTERN)

/** The month in parameter `name` of the URL's search parameters, or null when absent or not a month. Never throws. */
export function readMonthParam(search: URLSearchParams, name = 'month'): string | null {
  return parseListParams(search, { [name]: MONTH })[name] ?? null
}

/** A month `YYYY-MM` in words: 2026年11月. */
export function monthInWords(month: string) {
  return monthLabel(month)
}

/**
 * The calendar days of a month as a half-open range of `YYYY-MM-DD` text, [first day, first day of the
 * next month), for columns that store a Shanghai day (a batch's departure_date): 2026-12 → ['2026-12-01', '2027-01-01'].
 */
export function monthDays(month: string): [string, string] {
  const { fromDay, toDay } = monthRange(month)
  return [fromDay, toDay]
}
