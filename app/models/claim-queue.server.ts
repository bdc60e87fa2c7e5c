import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
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
import type { Township } from './area.server'

// The county's review queue of subsidy claims (issue 13 §6): filtered by state, township, duplicate flags and
// age, oldest submission first. At a million claims (the bench, scripts/bench-claims.ts) every page walks
// subsidy_claims_org_state_idx (organisation, state, submitted_at) one state at a time, each walk stopping
// after the rows the page needs, and merges the walks (decision 016: no sort of a county, no count over the
// table). With a township chosen the walks use subsidy_claims_org_township_idx instead: the claim's own
// township_code, copied from the ledger row when the claim is made and submitted (decision 024). The count
// stops at QUEUE_COUNT_CAP.

export { QUEUE_STATES }

/** What still waits for someone in the county: new, being reviewed, or back from a failed payment (the default view). */
export const WAITING_STATES: readonly ClaimState[] = ['submitted', 'under_review', 'payment_failed']

export { QUEUE_COUNT_CAP }

/** The most days the age filter takes (a year and a half). */
const MAX_AGE_DAYS = 550

/** The queue's filters: a state view (`waiting`, `all`, or one state), a township code, flagged only, submitted more than `olderThanDays` ago. */
export type ClaimQueueFilters = {
  view: 'waiting' | 'all' | ClaimState
  township: string | null
  flagged: boolean
  olderThanDays: number | null
}

const PARAMS = {
  state: z.enum(['waiting', 'all', ...QUEUE_STATES]),
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
 * The queue's filters from the URL's search parameters: `state` (default waiting), `township` (dropped unless
 * one of `townships`), `flagged=1`, `age` in days (1–550). What does not parse is dropped. Never throws.
 */
export function readClaimQueueFilters(search: URLSearchParams, townships: readonly Township[]): ClaimQueueFilters {
  const p = parseListParams(search, PARAMS)
  return {
    view: p.state ?? 'waiting',
    township: p.township && townships.some((t) => t.code === p.township) ? p.township : null,
    flagged: p.flagged === '1',
    olderThanDays: p.age ?? null,
  }
}

/** The filters as URL parameters, the default view left out (for the pager's and the export's links). */
export function claimQueueParams(f: ClaimQueueFilters): [string, string][] {
  const params: [string, string][] = []
  if (f.view !== 'waiting') params.push(['state', f.view])
  if (f.township) params.push(['township', f.township])
  if (f.flagged) params.push(['flagged', '1'])
  if (f.olderThanDays != null) params.push(['age', String(f.olderThanDays)])
  return params
}

function statesOf(view: ClaimQueueFilters['view']): readonly ClaimState[] {
  if (view === 'waiting') return WAITING_STATES
  if (view === 'all') return QUEUE_STATES
  return [view]
}

/**
 * The claims of one state matching the filters, as `select id, submitted_at …` walking the state's index range:
 * subsidy_claims_org_township_idx (organisation, township, state, submitted_at) when a township is chosen,
 * else subsidy_claims_org_state_idx. Either way the walk is in submission order and stops after `n` rows.
 */
function stateWalk(organisationId: number, state: ClaimState, f: ClaimQueueFilters, now: number, n: number, ordered: boolean) {
  const conditions: SQL[] = [sql`c.organisation_id = ${organisationId}`, sql`c.state = ${state}`]
  if (f.township) conditions.push(sql`c.township_code = ${f.township}`)
  if (f.olderThanDays != null) conditions.push(sql`c.submitted_at < ${now - f.olderThanDays * 86_400_000}`)
  if (f.flagged) conditions.push(sql`exists (select 1 from ${subsidyFlags} f where f.claim_id = c.id)`)
  const source = f.township
    ? sql`${subsidyClaims} c indexed by subsidy_claims_org_township_idx`
    : sql`${subsidyClaims} c indexed by subsidy_claims_org_state_idx`
  const order = ordered ? sql` order by c.submitted_at, c.id` : sql``
  return sql`select * from (select c.id as id, c.submitted_at as submitted_at from ${source} where ${sql.join(conditions, sql` and `)}${order} limit ${n})`
}

/** The merge of each state's walk, at most `n` of each; `ordered: false` for a count. */
function queueWalks(actor: Actor, f: ClaimQueueFilters, n: number, { ordered = true } = {}, now = Date.now()) {
  const walks = statesOf(f.view).map((state) => stateWalk(actor.organisationId, state, f, now, n, ordered))
  return sql.join(walks, sql` union all `)
}

/**
 * How many of the actor's county's claims match the filters, counted up to QUEUE_COUNT_CAP + 1: a result
 * above the cap means "more than QUEUE_COUNT_CAP". West staff's county only (the actor's organisation).
 */
export function countClaimQueue(actor: Actor, f: ClaimQueueFilters): number {
  const merged = queueWalks(actor, f, QUEUE_COUNT_CAP + 1, { ordered: false })
  const n = db.get<{ n: number }>(sql`select count(*) as n from (${merged})`).n
  return Math.min(n, QUEUE_COUNT_CAP + 1)
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
      expectedFen: subsidyClaims.expectedFen,
      approvedFen: subsidyClaims.approvedFen,
      flags: sql<number>`(select count(*) from ${subsidyFlags} where ${subsidyFlags.claimId} = ${subsidyClaims.id})`.mapWith(Number),
    })
    .from(subsidyClaims)
    .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
    // The claim's township (the one its filter matched), the ledger's for a claim from before it was kept.
    .leftJoin(township, eq(township.code, sql`coalesce(${subsidyClaims.townshipCode}, ${workers.townshipCode})`))
    .where(where)
    .orderBy(asc(subsidyClaims.submittedAt), asc(subsidyClaims.id))
  return (): ClaimQueueRow[] => query.all().map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }))
}

/**
 * `limit` claims of the actor's county matching the filters from `offset`, oldest submission first (for
 * paginate in app/utils/list.ts). Each state's walk reads at most offset + limit index entries.
 */
export function listClaimQueue(actor: Actor, f: ClaimQueueFilters, { limit, offset }: { limit: number; offset: number }): ClaimQueueRow[] {
  const pageIds = db
    .all<{ id: number }>(sql`select id from (${queueWalks(actor, f, offset + limit)}) order by submitted_at, id limit ${limit} offset ${offset}`)
    .map((r) => r.id)
  if (pageIds.length === 0) return []
  return selectQueueRows(inArray(subsidyClaims.id, pageIds))()
}

/** The most rows an export holds: a queue is worked through, not archived by spreadsheet. */
export const QUEUE_EXPORT_MAX = 50_000

/**
 * Every claim of the queue's filters (up to QUEUE_EXPORT_MAX), oldest first, for the xlsx export: the ids
 * first, then the rows a chunk at a time, so a big county's export never holds the process up for long.
 */
export function* listClaimQueueForExport(actor: Actor, f: ClaimQueueFilters): Iterable<ClaimQueueRow> {
  const ids = db
    .all<{ id: number }>(sql`select id from (${queueWalks(actor, f, QUEUE_EXPORT_MAX)}) order by submitted_at, id limit ${QUEUE_EXPORT_MAX}`)
    .map((r) => r.id)
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
  return db
    .all<{ detail: string }>(
      sql`explain query plan select id from (${queueWalks(actor, f, offset + limit)}) order by submitted_at, id limit ${limit} offset ${offset}`,
    )
    .map((r) => r.detail)
}
