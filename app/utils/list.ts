import { z } from 'zod'

// One way to read a list page's parameters and to cut a page out of a list (issue 8 §2). Parameters
// come from the URL, so a filtered list can be bookmarked and shared; what does not parse is dropped
// (a link cut short in a chat app must still open), as the public board has always done.

/** Pages beyond this are not served: at 20 a page it is more than anyone pages through. */
export const MAX_PAGE = 5_000

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

/** One page of a list: the rows, how many there are in all, and the page actually shown. */
export type Page<T> = { rows: T[]; total: number; page: number; pageCount: number; pageSize: number }

/**
 * Cuts one page out of a list. Takes the page asked for, the page size, the total (or a function
 * counting it) and a function reading `limit` rows from `offset`. The page is clamped to 1…pageCount
 * BEFORE the rows are read, so an old link past the end shows the last page, never an empty one.
 * Returns the Page; pageCount is at least 1.
 */
export function paginate<T>({
  page,
  pageSize,
  total,
  rows,
}: {
  page: number
  pageSize: number
  total: number | (() => number)
  rows: (limit: number, offset: number) => T[]
}): Page<T> {
  const count = typeof total === 'function' ? total() : total
  const pageCount = Math.max(1, Math.ceil(count / pageSize))
  const shown = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount)
  return { rows: count === 0 ? [] : rows(pageSize, (shown - 1) * pageSize), total: count, page: shown, pageCount, pageSize }
}

/** The same URL search with `page` set (dropped for page 1), for pager links. */
export function searchWithPage(search: string, page: number) {
  const params = new URLSearchParams(search)
  if (page <= 1) params.delete('page')
  else params.set('page', String(page))
  const s = params.toString()
  return s ? `?${s}` : '?'
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

/** What a list page's loader hands its component for the count and the Pager: the Page without its rows. */
export function pageInfo({ total, page, pageCount }: Page<unknown>) {
  return { total, page, pageCount }
}
