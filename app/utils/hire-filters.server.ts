import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '~/rules/application'
import { APPLICATION_STATUSES } from '~/rules/application-enums'
import { z } from '~/rules/zod'
import { parseListParams } from './list'
import { PERIOD, monthInWords } from './month-filters.server'

export { PERIOD, monthInWords }

// The county's hires and applications lists (and their exports) read their filters from the URL (none
// of them personal data, so they may sit in a link): a township as a code — dropped unless it is one of
// the county's —, a month `YYYY-MM` (Asia/Shanghai), and for hires the destination city and part of the
// employer's name, for applications a status. What does not parse is dropped (app/utils/list.ts).

/** The hires list's filters: township (code), destination city (code), part of the employer's name, month `YYYY-MM`. */
export type HireFilters = { township?: string | null; city?: string | null; employer?: string | null; month?: string | null }

/** What the applications list filters by: a month `YYYY-MM` (Asia/Shanghai), a township code and a status (null for any). */
export type CountyApplicationFilters = { month: string; township: string | null; status: ApplicationStatus | null }

type Place = { code: string; name: string }

const TOWNSHIP = z.string().regex(/^\d{9}$/)

const HIRE_PARAMS = {
  township: TOWNSHIP,
  city: z.string().regex(/^\d{6}$/),
  employer: z.string().transform((raw) => raw.normalize('NFKC').trim().slice(0, 40)),
  month: PERIOD,
}

const APPLICATION_PARAMS = { month: PERIOD, township: TOWNSHIP, status: z.enum(APPLICATION_STATUSES) }

/** A township of another county finds nobody, so it is dropped like any value that does not parse. */
function ownTownship(code: string | undefined, townships: readonly Place[] | undefined) {
  return code && (!townships || townships.some((t) => t.code === code)) ? code : null
}

/** The hires filters of a URL's search parameters; with the county's `townships`, another's is dropped. Never throws. */
export function readHireFilters(search: URLSearchParams, townships?: readonly Place[]): Required<{ [K in keyof HireFilters]: string | null }> {
  const p = parseListParams(search, HIRE_PARAMS)
  return { township: ownTownship(p.township, townships), city: p.city ?? null, employer: p.employer || null, month: p.month ?? null }
}

/**
 * The applications filters of a URL's search parameters: the month defaults to `thisMonth` (Shanghai),
 * a township not among the county's `townships` is dropped. Never throws.
 */
export function readApplicationFilters(search: URLSearchParams, townships: readonly Place[], thisMonth: string): CountyApplicationFilters {
  const p = parseListParams(search, APPLICATION_PARAMS)
  return { month: p.month ?? thisMonth, township: ownTownship(p.township, townships), status: p.status ?? null }
}

/** The filters as URL parameters (for the export link); the values set, in order. */
export function hireFilterParams(f: Record<string, string | null | undefined>) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(f)) if (value) params.set(key, value)
  return params
}

const nameOf = (places: readonly Place[], code: string | null | undefined) => (code ? (places.find((p) => p.code === code)?.name ?? null) : null)

/**
 * The hires filters applied, in words, for the export's file name and title row: township and city by
 * name, 单位含“…”, the month. Takes the filters and the county's townships and paired cities.
 */
export function hireFilterLabels(f: HireFilters, { townships, cities }: { townships: readonly Place[]; cities: readonly Place[] }): string[] {
  return [nameOf(townships, f.township), nameOf(cities, f.city), f.employer ? `单位含${f.employer}` : null, f.month ? monthInWords(f.month) : null].filter(
    (label): label is string => label != null,
  )
}

/** The applications filters in words (month always, then township, status), for the export's names. */
export function applicationFilterLabels(f: CountyApplicationFilters, townships: readonly Place[]): string[] {
  return [monthInWords(f.month), nameOf(townships, f.township), f.status ? APPLICATION_STATUS_LABELS[f.status] : null].filter(
    (label): label is string => label != null,
  )
}
