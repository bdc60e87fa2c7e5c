import { z } from 'zod'
import { MAX_PAGE, paginate, type Page } from './page'

export { MAX_PAGE, pageInfo, paginate, searchWithPage, type Page } from './page'

// One way to read a list page's parameters and to cut a page out of a list (issue 8 §2). Parameters
// come from the URL, so a filtered list can be bookmarked and shared; what does not parse is dropped
// (a link cut short in a chat app must still open), as the public board has always done.

/** `page` as a whole number 1…MAX_PAGE, full-width digits accepted. */
export const pageParam = z.string().transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim()
  const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN
  if (!(n >= 1 && n <= MAX_PAGE)) {
    ctx.addIssue({ code: 'custom', message: `页码应为 1 到 ${MAX_PAGE} 之间的整数` })
    return z.NEVER
  }
  return n
})

type ParamSchemas = Record<string, z.ZodType<unknown, string>>

/**
 * Reads each named parameter from `search` with its schema. Takes the URL's search parameters and one
 * zod schema per parameter (input: the raw string). Returns an object with the parsed value of every
 * parameter that is present, non-empty and valid; the others are left out, for the caller's defaults.
 * Never throws.
 */
export function parseListParams<S extends ParamSchemas>(search: URLSearchParams, schemas: S): { [K in keyof S]?: z.output<S[K]> } {
  const out: Partial<Record<keyof S, unknown>> = {}
  for (const [name, schema] of Object.entries(schemas) as [keyof S & string, S[keyof S]][]) {
    const raw = search.get(name)
    if (raw == null || raw.trim() === '') continue
    const parsed = schema.safeParse(raw)
    if (parsed.success) out[name] = parsed.data
  }
  return out as { [K in keyof S]?: z.output<S[K]> }
}

/**
 * Reads `page` from the URL's search parameters (dropped when it does not parse, so page 1) and cuts that
 * page out of the list with `paginate`. Takes the search parameters, the page size, the total (or a
 * function counting it) and the function reading `limit` rows from `offset`. Returns the Page.
 */
export function paginateSearch<T>(
  search: URLSearchParams,
  pageSize: number,
  source: { total: number | (() => number); rows: (limit: number, offset: number) => T[] },
): Page<T> {
  const { page } = parseListParams(search, { page: pageParam })
  return paginate({ page: page ?? 1, pageSize, ...source })
}
