// A page cut out of a list, and the links between pages: plain arithmetic with no schema library, so the
// public board's browser code (the Pager, the board route) never loads zod (issue 9 §13). Reading the
// parameters with schemas is ./list.ts, which re-exports this for server code.

/** Pages beyond this are not served: at 20 a page it is more than anyone pages through. */
export const MAX_PAGE = 5_000

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

/** What a list page's loader hands its component for the count and the Pager: the Page without its rows. */
export function pageInfo({ total, page, pageCount }: Page<unknown>) {
  return { total, page, pageCount }
}
