import { z } from '~/rules/zod'
import { parseListParams } from './list'

// A list's month filters (issue 15 §5): the dashboards link each figure to the list it counts with the
// month as a parameter — `month`, `published`, `submitted`, `decided`, `paid` — always a Shanghai
// calendar month `YYYY-MM`. Not personal data, so it sits in the URL; what does not parse is dropped
// (app/utils/list.ts), so a bad month shows the list without it, never an error.

/** A month `YYYY-MM` (1900–2099, months 01–12), as `<input type="month">` sends it. */
export const MONTH = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/)

/** The month in parameter `name` of the URL's search parameters, or null when absent or not a month. Never throws. */
export function readMonthParam(search: URLSearchParams, name = 'month'): string | null {
  return parseListParams(search, { [name]: MONTH })[name] ?? null
}

/** A month `YYYY-MM` in words: 2026年11月. */
export function monthInWords(month: string) {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}

/**
 * The calendar days of a month as a half-open range of `YYYY-MM-DD` text, [first day, first day of the
 * next month), for columns that store a Shanghai day (a batch's departure_date): 2026-12 → ['2026-12-01', '2027-01-01'].
 */
export function monthDays(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  return [`${month}-01`, `${next}-01`]
}
