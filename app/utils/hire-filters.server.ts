import { z } from '~/rules/zod'
import { parseListParams } from './list'

// The county's hires list and its export read one set of filters from the URL (none of them personal
// data, so they may sit in a link): township and destination city as codes, part of the employer's name,
// and a month. What does not parse is dropped (app/utils/list.ts).

/** The hires list's filters: township (code), destination city (code), part of the employer's name, month `YYYY-MM`. */
export type HireFilters = { township?: string | null; city?: string | null; employer?: string | null; month?: string | null }

const HIRE_PARAMS = {
  township: z.string().regex(/^\d{9}$/),
  city: z.string().regex(/^\d{6}$/),
  employer: z.string().transform((raw) => raw.normalize('NFKC').trim().slice(0, 40)),
  month: z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/),
}

/** The hires filters of a URL's search parameters; never throws. */
export function readHireFilters(search: URLSearchParams): Required<{ [K in keyof HireFilters]: string | null }> {
  const p = parseListParams(search, HIRE_PARAMS)
  return { township: p.township ?? null, city: p.city ?? null, employer: p.employer || null, month: p.month ?? null }
}

/** The filters as URL parameters (for the export link). */
export function hireFilterParams(f: HireFilters) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(f)) if (value) params.set(key, value)
  return params
}
