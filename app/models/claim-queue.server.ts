import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, subsidyClaims, subsidyFlags, workers } from '../../db/schema'
import { maskIdNumber } from '~/rules/id-number'
import type { Actor } from '~/rules/permissions'
import type { ClaimState } from '~/rules/subsidy-enums'
import { QUEUE_COUNT_CAP, QUEUE_STATES } from '~/rules/subsidy-states'
import { z } from '~/rules/zod'
import { readInChunks } from '~/utils/chunks.server'
import { db } from '~/utils/db.server'
import { parseListParams } from '~/utils/list'
import { PERIOD } from '~/utils/month-filters.server'
import type { Township } from './area.server'
import { shanghaiMonthRange } from './county-outcomes.server'

// The county's review queue of subsidy claims (issue 13 §6): filtered by state, township, duplicate flags and
// age, oldest submission first. At a million claims (the bench, scripts/bench-claims.ts) every page walks
// subsidy_claims_org_state_idx (organisation, state, submitted_at) one state at a time, each walk stopping
// after the rows the page needs, and merges the walks (decision 016: no sort of a county, no count over the
// table). With a township chosen the walks use subsidy_claims_org_township_idx instead: the claim's own
// township_code, copied from the ledger row when the claim is made and submitted (decision 024). The count
// stops at QUEUE_COUNT_CAP.
//
// The month filters (issue 15 §5) make the queue the list each of the county dashboard's claim figures links
// to, with the figure's rule: 提交 `submitted=YYYY-MM` (submitted_at in the Shanghai month, any state but a
// draft), 审核通过 `decided=` (decided_at in the month, state approved, partially approved, in payout, paid or
// payment failed) and 已发放 `paid=` (paid_at in the month, state paid). A month is one range of an index in
// each state's walk — (organisation, state, submitted_at), (…, decided_at), (…, paid_at) — walked in that
// time's order, so it is counted exactly (a month of a county is thousands of claims, not the million).

export { QUEUE_STATES }

/** What still waits for someone in the county: new, being reviewed, or back from a failed payment (the default view). */
export const WAITING_STATES: readonly ClaimState[] = ['submitted', 'under_review', 'payment_failed']

export { QUEUE_COUNT_CAP }

/** The most days the age filter takes (a year and a half). */
const MAX_AGE_DAYS = 550

/**
 * The queue's filters: a state view (`waiting`, `all`, or one state), a township code, flagged only, submitted
 * more than `olderThanDays` ago, and the Shanghai months (`YYYY-MM`) it was submitted, approved (decided)
 * or paid in.
 */
export type ClaimQueueFilters = {
  view: 'waiting' | 'all' | ClaimState
  township: string | null
  flagged: boolean
  olderThanDays: number | null
  submitted?: string | null
  decided?: string | null
  paid?: string | null
}

/** The states a claim approved in whole or part can be in (the dashboard's 审核通过, counted by decided_at). */
export const APPROVED_STATES: readonly ClaimState[] = ['approved', 'partially_approved', 'in_payout', 'paid', 'payment_failed']

/** The month filters, in the order the queue applies them. */
const MONTH_FILTERS = ['submitted', 'decided', 'paid'] as const

const VIEW = z.enum(['waiting', 'all', ...QUEUE_STATES])

const PARAMS = {
  state: VIEW,
  // The dashboards' links say `view=all`: the same choice under another name (`state` wins when both are given).
  view: VIEW,
  submitted: PERIOD,
  decided: PERIOD,
  paid: PERIOD,
  township: z.string().regex(/^\d{9}$/),
  flagged: z.literal('1'),
  age: z
    .string()
    .transform((raw) => raw.normalize('NFKC').trim())
    .pipe(z.string().regex(/^\d{1,3}$/))
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_AGE_DAYS)),
}

/**
 * The queue's filters from the URL's search parameters: `state` (or `view`; default waiting, or all states
 * when a month is given), `township` (dropped unless one of `townships`), `flagged=1`, `age` in days
 * (1–550), and the months `submitted`, `decided`, `paid` (`YYYY-MM`). What does not parse is dropped.
 * Never throws.
 */
export function readClaimQueueFilters(search: URLSearchParams, townships: readonly Township[]): ClaimQueueFilters {
  const p = parseListParams(search, PARAMS)
  const months = { submitted: p.submitted ?? null, decided: p.decided ?? null, paid: p.paid ?? null }
  // A month's claims are every state's unless a state is chosen: the waiting view would hide the figure's rows.
  const byMonth = MONTH_FILTERS.some((k) => months[k])
  return {
    view: p.state ?? p.view ?? (byMonth ? 'all' : 'waiting'),
    township: p.township && townships.some((t) => t.code === p.township) ? p.township : null,
    flagged: p.flagged === '1',
    olderThanDays: p.age ?? null,
    ...months,
  }
}

/**
 * The filters as URL parameters, the default view left out (for the pager's and the export's links): with a
 * month the view is always written, since its default there is all states.
 */
export function claimQueueParams(f: ClaimQueueFilters): [string, string][] {
  const params: [string, string][] = []
  if (f.view !== 'waiting' || hasMonth(f)) params.push(['state', f.view])
  if (f.township) params.push(['township', f.township])
  if (f.flagged) params.push(['flagged', '1'])
  if (f.olderThanDays != null) params.push(['age', String(f.olderThanDays)])
  for (const k of MONTH_FILTERS) if (f[k]) params.push([k, f[k]])
  return params
}

/** Whether a month filter is set: the list is then one month's claims, counted exactly. */
export function hasMonth(f: ClaimQueueFilters) {
  return MONTH_FILTERS.some((k) => f[k])
}

/**
 * The states the filters can match: the view's, narrowed to the approved states by `decided` and to paid by
 * `paid` (the figures' rules), in the view's order.
 */
function statesOf(f: ClaimQueueFilters): readonly ClaimState[] {
  const view = f.view === 'waiting' ? WAITING_STATES : f.view === 'all' ? QUEUE_STATES : [f.view]
  return view.filter((s) => (!f.decided || APPROVED_STATES.includes(s)) && (!f.paid || s === 'paid'))
}

/** The moment a walk follows: payment with `paid`, else decision with `decided`, else submission. */
function walkKey(f: ClaimQueueFilters) {
  return f.paid ? 'paid_at' : f.decided ? 'decided_at' : 'submitted_at'
}

/** The index a state's walk follows: by payment, decision, township or submission time. */
function walkSource(f: ClaimQueueFilters) {
  if (f.paid) return sql`${subsidyClaims} c indexed by subsidy_claims_org_paid_idx`
  if (f.decided) return sql`${subsidyClaims} c indexed by subsidy_claims_org_decided_idx`
  if (f.township) return sql`${subsidyClaims} c indexed by subsidy_claims_org_township_idx`
  return sql`${subsidyClaims} c indexed by subsidy_claims_org_state_idx`
}

/** A stored moment in the Shanghai month `month` (`YYYY-MM`). */
function inMonth(column: SQL, month: string) {
  const [from, to] = shanghaiMonthRange(month)
  return sql`${column} >= ${from.getTime()} and ${column} < ${to.getTime()}`
}

/**
 * The claims of one state matching the filters, as `select id, sort_key …` walking the state's index range:
 * subsidy_claims_org_paid_idx (organisation, state, paid_at) with a payment month, subsidy_claims_org_decided_idx
 * with a decision month, subsidy_claims_org_township_idx (organisation, township, state, submitted_at) when a
 * township is chosen, else subsidy_claims_org_state_idx. The walk is in the order of that index's time and stops
 * after `n` rows (-1: all of them, for a month's count).
 */
function stateWalk(organisationId: number, state: ClaimState, f: ClaimQueueFilters, now: number, n: number, ordered: boolean) {
  const conditions: SQL[] = [sql`c.organisation_id = ${organisationId}`, sql`c.state = ${state}`]
  if (f.township) conditions.push(sql`c.township_code = ${f.township}`)
  if (f.olderThanDays != null) conditions.push(sql`c.submitted_at < ${now - f.olderThanDays * 86_400_000}`)
  if (f.submitted) conditions.push(inMonth(sql`c.submitted_at`, f.submitted))
  if (f.decided) conditions.push(inMonth(sql`c.decided_at`, f.decided))
  if (f.paid) conditions.push(inMonth(sql`c.paid_at`, f.paid))
  if (f.flagged) conditions.push(sql`exists (select 1 from ${subsidyFlags} f where f.claim_id = c.id)`)
  const key = sql.raw(`c.${walkKey(f)}`)
  const order = ordered ? sql` order by ${key}, c.id` : sql``
  return sql`select * from (select c.id as id, ${key} as sort_key from ${walkSource(f)} where ${sql.join(conditions, sql` and `)}${order} limit ${n})`
}

/** The merge of each state's walk, at most `n` of each; `ordered: false` for a count. Null when no state can match. */
function queueWalks(actor: Actor, f: ClaimQueueFilters, n: number, { ordered = true } = {}, now = Date.now()) {
  const walks = statesOf(f).map((state) => stateWalk(actor.organisationId, state, f, now, n, ordered))
  return walks.length > 0 ? sql.join(walks, sql` union all `) : null
}

/**
 * How many of the actor's county's claims match the filters, counted up to QUEUE_COUNT_CAP + 1: a result
 * above the cap means "more than QUEUE_COUNT_CAP". With a month filter, counted exactly (one month's index
 * range per state): the figure the dashboard shows. West staff's county only (the actor's organisation).
 */
export function countClaimQueue(actor: Actor, f: ClaimQueueFilters): number {
  const exact = hasMonth(f)
  const merged = queueWalks(actor, f, exact ? -1 : QUEUE_COUNT_CAP + 1, { ordered: false })
  if (!merged) return 0
  const n = db.get<{ n: number }>(sql`select count(*) as n from (${merged})`).n
  return exact ? n : Math.min(n, QUEUE_COUNT_CAP + 1)
}

/**
 * The amounts of the actor's county's claims matching the filters, in fen, when a month filter is set (the
 * list is then a period's claims, read whole from its index ranges): what the rules gave when they were
 * submitted (expected_fen) and what was approved (approved_fen, 0 where none). The dashboard's claim
 * amounts are these sums (申请 = expected, 核定 and 发放 = approved). Null without a month filter.
 */
export function sumClaimQueue(actor: Actor, f: ClaimQueueFilters): { expectedFen: number; approvedFen: number } | null {
  if (!hasMonth(f)) return null
  const merged = queueWalks(actor, f, -1, { ordered: false })
  if (!merged) return { expectedFen: 0, approvedFen: 0 }
  return db.get<{ expectedFen: number; approvedFen: number }>(
    sql`select coalesce(sum(c.expected_fen), 0) as expectedFen, coalesce(sum(c.approved_fen), 0) as approvedFen
        from subsidy_claims c where c.id in (select id from (${merged}))`,
  )
}

const township = alias(areas, 'township')

/** One row of the queue: the claimant (full name, as the county's ledger shows it to its staff), township, dates, amounts and flags. */
export type ClaimQueueRow = {
  id: number
  workerId: number
  name: string
  /** The ID number masked (maskIdNumber): the queue and its export never carry the full number. */
  idNumberMasked: string
  townshipName: string | null
  state: ClaimState
  year: number
  flat: boolean
  assisted: boolean
  submittedAt: Date | null
  decidedAt: Date | null
  paidAt: Date | null
  expectedFen: number
  approvedFen: number | null
  flags: number
}

function selectQueueRows(where: SQL) {
  const query = db
    .select({
      id: subsidyClaims.id,
      workerId: subsidyClaims.workerId,
      name: workers.name,
      idNumber: workers.idNumber,
      townshipName: township.name,
      state: subsidyClaims.state,
      year: subsidyClaims.year,
      flat: subsidyClaims.flat,
      assisted: sql<boolean>`${subsidyClaims.assistedByUserId} is not null`.mapWith(Boolean),
      submittedAt: subsidyClaims.submittedAt,
      decidedAt: subsidyClaims.decidedAt,
      paidAt: subsidyClaims.paidAt,
      expectedFen: subsidyClaims.expectedFen,
      approvedFen: subsidyClaims.approvedFen,
      flags: sql<number>`(select count(*) from ${subsidyFlags} where ${subsidyFlags.claimId} = ${subsidyClaims.id})`.mapWith(Number),
    })
    .from(subsidyClaims)
    .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
    // The claim's township (the one its filter matched), the ledger's for a claim from before it was kept.
    .leftJoin(township, eq(township.code, sql`coalesce(${subsidyClaims.townshipCode}, ${workers.townshipCode})`))
    .where(where)
  return (): ClaimQueueRow[] => query.all().map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }))
}

/** The merged walks' ids in the list's order, `limit` from `offset` (null: no state can match). */
function pageIdsOf(actor: Actor, f: ClaimQueueFilters, limit: number, offset: number) {
  const walks = queueWalks(actor, f, offset + limit)
  if (!walks) return []
  return db.all<{ id: number }>(sql`select id from (${walks}) order by sort_key, id limit ${limit} offset ${offset}`).map((r) => r.id)
}

/**
 * `limit` claims of the actor's county matching the filters from `offset`, oldest submission first — oldest
 * decision or payment first with those months (for paginate in app/utils/list.ts). Each state's walk reads at
 * most offset + limit index entries.
 */
export function listClaimQueue(actor: Actor, f: ClaimQueueFilters, { limit, offset }: { limit: number; offset: number }): ClaimQueueRow[] {
  const pageIds = pageIdsOf(actor, f, limit, offset)
  if (pageIds.length === 0) return []
  // Read by id, then put back into the walk's order.
  const byId = new Map(selectQueueRows(inArray(subsidyClaims.id, pageIds))().map((r) => [r.id, r]))
  return pageIds.flatMap((id) => byId.get(id) ?? [])
}

/** The most rows an export holds: a queue is worked through, not archived by spreadsheet. */
export const QUEUE_EXPORT_MAX = 50_000

/**
 * Every claim of the queue's filters (up to QUEUE_EXPORT_MAX), oldest first, for the xlsx export: the ids
 * first, then the rows a chunk at a time, so a big county's export never holds the process up for long.
 */
export function* listClaimQueueForExport(actor: Actor, f: ClaimQueueFilters): Iterable<ClaimQueueRow> {
  const ids = pageIdsOf(actor, f, QUEUE_EXPORT_MAX, 0)
  yield* readInChunks(
    ids,
    (chunk) => selectQueueRows(and(inArray(subsidyClaims.id, chunk), eq(subsidyClaims.organisationId, actor.organisationId))!)(),
    (r) => r.id,
  )
}

/**
 * SQLite's plan (EXPLAIN QUERY PLAN details, one line each) of the queue page's id query for `f`, for the
 * plan test and scripts/bench-claims.ts: each state's walk must use subsidy_claims_org_state_idx (or
 * subsidy_claims_org_township_idx with a township) and sort nothing but the merged page.
 */
export function claimQueuePlan(actor: Actor, f: ClaimQueueFilters, { limit, offset }: { limit: number; offset: number }): string[] {
  const walks = queueWalks(actor, f, offset + limit)
  if (!walks) return []
  return db
    .all<{ detail: string }>(sql`explain query plan select id from (${walks}) order by sort_key, id limit ${limit} offset ${offset}`)
    .map((r) => r.detail)
}
