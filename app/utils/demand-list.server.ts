import { DEMAND_STATES, type DemandState } from '~/rules/batch-enums'
import { DEMAND_STATE, isWeekKey } from '~/rules/travel-demand'
import { z } from '~/rules/zod'
import { parseListParams } from './list'

// The county's travel demand list filters from the URL (issue 12 §1, issue 15 §3), for the page and its xlsx
// export alike: the week of the earliest day (its Monday, YYYY-MM-DD), the destination city, the pickup township
// and the state. What does not parse is dropped, never an error.

/** The demand list's filters: the week's Monday, the destination city's and pickup township's codes, the state (null for none). */
export type DemandFilters = { week: string | null; cityCode: string | null; townshipCode: string | null; state: DemandState | null }

/** The demand list's filters of a URL's search parameters (null for none). Never throws. */
export function readDemandFilters(search: URLSearchParams): DemandFilters {
  const params = parseListParams(search, {
    week: z.string().refine(isWeekKey),
    city: z.string().regex(/^\d{6}$/),
    township: z.string().regex(/^\d{9}$/),
    state: z.enum(DEMAND_STATES),
  })
  return { week: params.week ?? null, cityCode: params.city ?? null, townshipCode: params.township ?? null, state: params.state ?? null }
}

/** The filters as URL parameters (the page's names), for the export link: only those set. */
export function demandFilterParams(filters: DemandFilters): [string, string][] {
  const named: [string, string | null][] = [
    ['week', filters.week],
    ['city', filters.cityCode],
    ['township', filters.townshipCode],
    ['state', filters.state],
  ]
  return named.filter((p): p is [string, string] => p[1] != null)
}

/**
 * The filters in words for an export's title and file name, in the page's order: the destination and township by
 * the names the page offers (a code that is not one of them is left out), the state's label or, with none chosen,
 * the page's default 待安排和已邀请. The week is the export's date range, not a label.
 */
export function demandFilterLabels(filters: DemandFilters, choices: { cities: { code: string; name: string }[]; townships: { code: string; name: string }[] }) {
  const city = filters.cityCode ? choices.cities.find((c) => c.code === filters.cityCode)?.name : null
  const township = filters.townshipCode ? choices.townships.find((t) => t.code === filters.townshipCode)?.name : null
  const state = filters.state ? DEMAND_STATE[filters.state].label : '待安排和已邀请'
  return [city ? `去${city}` : null, township ? `${township}上车` : null, state].filter((l): l is string => l != null)
}
