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

/** The message beside 到 when a range is given backwards. */
export const REVERSED_RANGE_MESSAGE = '结束日期不能早于开始日期'

/**
 * The moments a date range covers: from the start of `from` up to (not including) the start of the day
 * after `to`, each end open when not given. Returns `{ ok: true, fromMs, toMs }` (null for an open end),
 * or `{ ok: false, message }` when `from` is after `to` — a range given backwards is the person's mistake
 * to correct, never silently swapped or ignored.
 */
export function shanghaiRange(
  from: string | null,
  to: string | null,
): { ok: true; fromMs: number | null; toMs: number | null } | { ok: false; message: string } {
  if (from && to && from > to) return { ok: false, message: REVERSED_RANGE_MESSAGE }
  return { ok: true, fromMs: from ? shanghaiDayStart(from) : null, toMs: to ? shanghaiDayStart(to) + 86_400_000 : null }
}
