import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, users, workers, type HouseholdStatus } from '../../db/schema'
import { maskIdNumber } from '~/rules/id-number'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { fileAssistedClaim } from './claim-review.server'
import { countRows } from './query.server'
import { policyInForce } from './subsidy-policy.server'

// The proactive list (免申即享, issue 13 §9): the county's workers who could claim the transport subsidy this year
// but have not — a verified account linked to the ledger row, 脱贫人口 or 监测对象, not archived, an employment
// record outside Chongqing that reaches into the year (app/rules/subsidy.ts qualifyingEmployment reads a record
// without an end as running on), and no claim of the year in any state. Staff export it and, with one action,
// file a flat-amount claim for each person ticked (assisted filing through claim-review.server's
// fileAssistedClaim, which applies the rules in full: a person the list showed but the rules refuse, or whose
// claim was filed meanwhile, is counted as skipped with the reason).

/** The note on each claim's timeline (the worker reads it on /me/claims). */
const PROACTIVE_NOTE = '免申即享：按本县交通补助定额代为申报'

/** The most people filed for in one submission. */
export const PROACTIVE_AT_ONCE_MAX = 100

const township = alias(areas, 'township')

/** The year's bounds as the employment records store days. */
function yearEnd(year: number) {
  return `${year}-12-31`
}

/** The conditions of the list for the actor's county and `year`, optionally one township (its code). */
function proactiveWhere(actor: Actor, year: number, townshipCode: string | null): SQL {
  return and(
    eq(workers.organisationId, actor.organisationId),
    isNull(workers.archivedAt),
    inArray(workers.householdStatus, ['alleviated', 'monitored'] satisfies HouseholdStatus[]),
    isNotNull(users.verifiedAt),
    townshipCode ? eq(workers.townshipCode, townshipCode) : undefined,
    sql`exists (select 1 from employment_records r where r.worker_id = workers.id and r.city_code not like '50%' and r.start_date <= ${yearEnd(year)})`,
    sql`not exists (select 1 from subsidy_claims c where c.worker_id = workers.id and c.year = ${year})`,
  )!
}

/** How many people the proactive list of the actor's county holds for `year` (optionally one township). */
export function countProactive(actor: Actor, year: number, { township: townshipCode = null }: { township?: string | null } = {}) {
  if (actor.role !== 'west') return 0
  return countRows(db, sql`${workers} inner join ${users} on ${users.id} = ${workers.userId}`, proactiveWhere(actor, year, townshipCode))
}

/**
 * The flat amount (fen) a claim filed from the list would be, for work outside Chongqing under the policy in force
 * for the actor's county in `year`; null when the county has no policy that year (nothing can be filed).
 */
export function proactiveFlatFen(actor: Actor, year: number): number | null {
  return policyInForce(db, actor.organisationId, year)?.flatOutsideChongqingFen ?? null
}

/** One person of the proactive list; `idNumber` full (mask before showing). */
export type ProactiveRow = {
  id: number
  name: string
  idNumber: string
  householdStatus: HouseholdStatus
  township: string | null
  /** The city of the newest qualifying employment record. */
  destination: string | null
  /** Its first day (`YYYY-MM-DD`). */
  startDate: string | null
}

function readRows(actor: Actor, year: number, townshipCode: string | null, { limit, offset }: { limit: number; offset: number }): ProactiveRow[] {
  const latest = (column: string) =>
    sql.raw(
      `(select ${column} from employment_records r left join areas a on a.code = r.city_code where r.worker_id = "workers"."id" and r.city_code not like '50%' and r.start_date <= '${yearEnd(year)}' order by r.start_date desc limit 1)`,
    )
  return db
    .select({
      id: workers.id,
      name: workers.name,
      idNumber: workers.idNumber,
      householdStatus: workers.householdStatus,
      township: township.name,
      destination: sql<string | null>`${latest('a.name')}`,
      startDate: sql<string | null>`${latest('r.start_date')}`,
    })
    .from(workers)
    .innerJoin(users, eq(users.id, workers.userId))
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .where(proactiveWhere(actor, year, townshipCode))
    .orderBy(asc(workers.townshipCode), asc(workers.id))
    .limit(limit)
    .offset(offset)
    .all()
}

/** One page of the actor's county's proactive list for `year`, by township then ledger order. Empty for any role but west. */
export function listProactive(
  actor: Actor,
  year: number,
  { township: townshipCode = null }: { township?: string | null },
  page: { limit: number; offset: number },
) {
  if (actor.role !== 'west') return []
  return readRows(actor, year, townshipCode, page)
}

/** The page's rows: the ID number masked, the full one dropped. */
export function proactiveView(rows: readonly ProactiveRow[]) {
  return rows.map(({ idNumber, ...r }) => ({ ...r, idMasked: maskIdNumber(idNumber) }))
}

/** The rows of the export, read a chunk at a time (ID numbers masked: the list is for finding people, not paying them). */
export function* proactiveForExport(actor: Actor, year: number, { township: townshipCode = null }: { township?: string | null } = {}) {
  if (actor.role !== 'west') return
  const chunk = 500
  for (let offset = 0; ; offset += chunk) {
    const rows = readRows(actor, year, townshipCode, { limit: chunk, offset })
    yield* proactiveView(rows)
    if (rows.length < chunk) return
  }
}

/** What filing for the ticked people did: how many claims were filed (and their total, fen) and who was skipped, and why. */
export type ProactiveOutcome = { filed: number; filedFen: number; skipped: { workerId: number; name: string; reason: string }[] }

/**
 * Files a flat-amount claim (定额, 免申即享) for each ticked ledger row of the actor's county (issue 13 §9), each
 * through fileAssistedClaim in its own savepoint of one write transaction: state submitted, assisted_by_user_id
 * the actor, the policy's flat amount, a timeline row and an audit row `claim.assisted_file` apiece. A person the
 * rules refuse, or who already has a claim that year (the unique index; a repeated submission), is skipped with
 * the reason and nothing of theirs is written. Audited once more as `claim.proactive_file` with the counts.
 * Refused when nothing is ticked or more than PROACTIVE_AT_ONCE_MAX are.
 */
export function fileProactiveClaims(actor: Actor, workerIds: readonly number[]): Result<ProactiveOutcome> {
  if (actor.role !== 'west') return failure('无权进行此操作', { status: 403 })
  const ids = [...new Set(workerIds)]
  if (ids.length === 0) return failure('请先勾选要代为申报的人员', { field: 'workerId' })
  if (ids.length > PROACTIVE_AT_ONCE_MAX) return failure(`一次最多代为申报 ${PROACTIVE_AT_ONCE_MAX} 人`, { field: 'workerId' })
  return writeTransaction((tx) => {
    const names = new Map(
      tx
        .select({ id: workers.id, name: workers.name })
        .from(workers)
        .where(and(inArray(workers.id, ids), eq(workers.organisationId, actor.organisationId)))
        .all()
        .map((w) => [w.id, w.name]),
    )
    const outcome: ProactiveOutcome = { filed: 0, filedFen: 0, skipped: [] }
    for (const workerId of ids) {
      const name = names.get(workerId)
      if (name == null) {
        outcome.skipped.push({ workerId, name: '', reason: '不是本县台账中的人员' })
        continue
      }
      // No card number: finance pays to the card it holds, or the worker gives one before the payout.
      const input = { workerId, cardKind: 'social_security' as const, cardNumber: '', cardNumberAgain: '', note: PROACTIVE_NOTE }
      const filed = inSavepoint(() => fileAssistedClaim(tx, actor, input))
      if (filed?.ok) {
        outcome.filed += 1
        outcome.filedFen += filed.expectedFen
      } else outcome.skipped.push({ workerId, name, reason: filed ? filed.message : '不是本县台账中的人员' })
    }
    writeActorAudit(tx, actor, {
      action: 'claim.proactive_file',
      entity: 'organisation',
      entityId: actor.organisationId,
      detail: { asked: ids.length, filed: outcome.filed, skipped: outcome.skipped.length },
    })
    return { ok: true as const, ...outcome }
  })
}

/** A refusal inside a savepoint: rolled back by throwing, its answer kept. */
class Refused extends Error {
  constructor(readonly answer: ReturnType<typeof fileAssistedClaim>) {
    super('assisted filing refused, savepoint rolled back')
  }
}

/** Runs `file` in a SAVEPOINT (better-sqlite3 nests a transaction as one): a refusal rolls back only its own writes. */
function inSavepoint(file: () => ReturnType<typeof fileAssistedClaim>): ReturnType<typeof fileAssistedClaim> {
  try {
    return db.$client.transaction(() => {
      const answer = file()
      if (!answer?.ok) throw new Refused(answer)
      return answer
    })()
  } catch (error) {
    if (error instanceof Refused) return error.answer
    throw error
  }
}
