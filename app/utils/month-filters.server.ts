import { periodRange } from '~/rules/statistics'
import { z } from '~/rules/zod'
import { parseListParams } from './list'

// A list's month filters (issue 15 §5): the dashboards link each figure to the list it counts with the
// period as a parameter — `month`, `published`, `submitted`, `decided`, `paid` — a Shanghai calendar month
// `YYYY-MM` or, for a year to date, an ISO 8601 interval of months `YYYY-MM/YYYY-MM` (first and last
// month inclusive; periodRange in app/rules/statistics.ts). Not personal data, so it sits in the URL; what
// does not parse is dropped (app/utils/list.ts), so a bad period shows the list without it, never an error,
// and the month field says beside it that it was not applied (FilterMonth, app/components/list-filters.tsx).

/** A period parameter: one month or `YYYY-MM/YYYY-MM`, read as its canonical text (`2026-11/2026-11` → `2026-11`). */
export const PERIOD = z.string().transform((raw, ctx) => {
  const range = periodRange(raw)
  if (!range) {
    ctx.addIssue({ code: 'custom', message: '月份应为 YYYY-MM 或 YYYY-MM/YYYY-MM' })
    return z.NEVER
  }
  return range.period
})

/** The period in parameter `name` of the URL's search parameters (canonical text), or null when absent or not a period. Never throws. */
export function readPeriodParam(search: URLSearchParams, name = 'month'): string | null {
  return parseListParams(search, { [name]: PERIOD })[name] ?? null
}

/** A period (as PERIOD reads it) in words: 2026年11月, 2026年1月至11月. */
export function monthInWords(period: string) {
  return periodRange(period)?.label ?? period
}

/**
 * The calendar days of a period as a half-open range of `YYYY-MM-DD` text, [first day, first day after the
 * last month), for columns that store a Shanghai day (a batch's departure_date): 2026-12 → ['2026-12-01', '2027-01-01'].
 */
export function monthDays(period: string): [string, string] {
  const range = periodRange(period)
  if (!range) throw new Error(`not a period: ${period}`)
  return [range.fromDay, range.toDay]
}
