// The admin's audit search (issue 11 §6): which parameters it reads and how a Shanghai calendar day becomes
// a range of stored moments. Pure; the query is models/audit.server.ts.
import { parseRecordId } from './fields'
import { z } from './zod'

/** Rows a search page shows, and how many matches are counted at most (a bound on every request). */
export const AUDIT_PAGE_SIZE = 50
export const AUDIT_COUNT_CAP = 10_000
/** Rows an export writes at most; a wider search is asked to narrow its dates. */
export const AUDIT_EXPORT_MAX = 10_000

const dateParam = z
  .string()
  .transform((raw) => raw.normalize('NFKC').trim())
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00+08:00`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v))

/** Each URL parameter of the search, read by parseListParams (one that does not parse is dropped). */
export const AUDIT_PARAMS = {
  org: z.string().transform((raw, ctx) => parseRecordId(raw.trim()) ?? (ctx.addIssue({ code: 'custom', message: '单位无效' }), z.NEVER)),
  actor: z.string().transform((raw, ctx) => parseRecordId(raw.trim()) ?? (ctx.addIssue({ code: 'custom', message: '账号无效' }), z.NEVER)),
  who: z
    .string()
    .transform((raw) => raw.normalize('NFKC').trim().toLowerCase())
    .refine((v) => /^[a-z][a-z0-9_]{0,31}$/.test(v)),
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  from: dateParam,
  to: dateParam,
}

/**
 * The first moment (ms since the epoch) of a calendar day in Asia/Shanghai, which has kept UTC+8 since
 * 1991. Takes 'YYYY-MM-DD'; returns the milliseconds.
 */
export function shanghaiDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`)
}

/**
 * The moments a date range covers: from the start of `from` up to (not including) the start of the day
 * after `to`, each end open when not given. A range given backwards is swapped. Returns `{ fromMs, toMs }`
 * (null for an open end).
 */
export function shanghaiRange(from: string | null, to: string | null): { fromMs: number | null; toMs: number | null } {
  const [a, b] = from && to && from > to ? [to, from] : [from, to]
  return { fromMs: a ? shanghaiDayStart(a) : null, toMs: b ? shanghaiDayStart(b) + 86_400_000 : null }
}
