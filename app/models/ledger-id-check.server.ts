import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import { areas, auditLog, organisations, workers } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import type { Queryable } from '~/utils/db.server'
import { failure, type Failure } from '~/utils/mutation.server'

// Which ledger already holds an ID number (every county's: a person is on one ledger only), and the
// daily limit on asking about other counties' residents. Used by the ledger form (one person at a time,
// the county named) and by the import (a whole file, no county named); both are audited and counted.

const ID_LOOKUP_CHUNK = 500

/** Which of these ID numbers some county's ledger already holds (county name only) — one query per 500. */
export function findIdNumberHolders(tx: Queryable, idNumbers: string[]) {
  const holders = new Map<string, { organisationId: number; countyName: string }>()
  for (let i = 0; i < idNumbers.length; i += ID_LOOKUP_CHUNK) {
    const found = tx
      .select({ idNumber: workers.idNumber, organisationId: workers.organisationId, countyName: areas.name })
      .from(workers)
      .innerJoin(organisations, eq(organisations.id, workers.organisationId))
      .innerJoin(areas, eq(areas.code, organisations.areaCode))
      .where(inArray(workers.idNumber, idNumbers.slice(i, i + ID_LOOKUP_CHUNK)))
      .all()
    for (const { idNumber, ...holder } of found) holders.set(idNumber, holder)
  }
  return holders
}

/** The county that already holds an ID number in its ledger, if any. */
export function findIdNumberHolder(tx: Queryable, idNumber: string) {
  return findIdNumberHolders(tx, [idNumber]).get(idNumber) ?? null
}

/** The form's message for an ID number already in a ledger: names the county, for one person at a time. */
export function duplicateIdMessage(holder: { organisationId: number; countyName: string }, organisationId: number) {
  return holder.organisationId === organisationId ? OWN_LEDGER_HAS_ID : `此人已在${shortAreaName(holder.countyName)}的台账中登记，请与该区县就业和人才中心核实`
}

export const OWN_LEDGER_HAS_ID = '本县台账已有此身份证号码，请在列表中查找并编辑原记录'
/** A bulk check never says which county holds a number: a file of numbers must not map residents to counties. */
export const FOREIGN_LEDGER_HAS_ID = '此人已在其他区县的台账中登记，请与对方区县核实'

// Other counties' ID numbers found by one account's checks (import and form together) in 24 hours,
// before its checks are refused. Staff meet a few a week (people who moved); 200 in one file is a
// probe of who is on whose poverty-alleviation ledger (issue 7). Counted from the audit log.
export const FOREIGN_ID_HITS_PER_DAY = 30
export const FOREIGN_CHECKS_REFUSED = `今天核对身份证号码时已发现超过 ${FOREIGN_ID_HITS_PER_DAY} 个其他区县台账中的人员，为保护个人信息，今天暂停核对，请明天再试；确需办理请联系平台管理员`

/** Other counties' ID numbers this account's duplicate checks found in the last 24 hours (sum of audited counts). */
export function foreignIdHitsToday(q: Queryable, userId: number, now = new Date()) {
  const since = new Date(now.getTime() - 24 * 3600_000)
  const row = q
    .select({ n: sql<number>`coalesce(sum(json_extract(${auditLog.detail}, '$.foreign')), 0)` })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'registry.duplicate_check'), gt(auditLog.at, since), eq(auditLog.actorUserId, userId)))
    .get()
  return Number(row?.n ?? 0)
}

/**
 * Whether this account may run another duplicate check against other counties' ledgers; when not, the
 * refusal is audited (`registry.duplicate_check_refused`). Call inside the write transaction of the check.
 */
export function mayCheckForeignIds(tx: Queryable, actor: Actor, via: 'import' | 'form') {
  if (foreignIdHitsToday(tx, actor.userId) < FOREIGN_ID_HITS_PER_DAY) return true
  writeActorAudit(tx, actor, {
    action: 'registry.duplicate_check_refused',
    entity: 'worker',
    detail: { via },
  })
  return false
}

/**
 * Records that a check found `foreign` ID numbers in other counties' ledgers (the count only, never
 * the numbers) and says whether the account is still within FOREIGN_ID_HITS_PER_DAY afterwards.
 */
export function recordForeignIdHits(tx: Queryable, actor: Actor, foreign: number, via: 'import' | 'form') {
  if (foreign === 0) return true
  const before = foreignIdHitsToday(tx, actor.userId)
  writeActorAudit(tx, actor, {
    action: 'registry.duplicate_check',
    entity: 'worker',
    detail: { foreign, via },
  })
  return before + foreign <= FOREIGN_ID_HITS_PER_DAY
}

/**
 * The form's duplicate check for one ID number, inside the write transaction: null when no ledger
 * holds it; otherwise the Failure on `idNumber` — the county is named for a foreign holder, and that hit
 * is audited and counted; over the daily limit the check is refused (status 429) without an answer.
 */
export function checkIdForForm(tx: Queryable, actor: Actor, idNumber: string): Failure | null {
  const refused = () => failure(FOREIGN_CHECKS_REFUSED, { field: 'idNumber', status: 429 })
  if (!mayCheckForeignIds(tx, actor, 'form')) return refused()
  const holder = findIdNumberHolder(tx, idNumber)
  if (!holder) return null
  if (holder.organisationId === actor.organisationId) return failure(OWN_LEDGER_HAS_ID, { field: 'idNumber' })
  if (!recordForeignIdHits(tx, actor, 1, 'form')) return refused()
  return failure(duplicateIdMessage(holder, actor.organisationId), { field: 'idNumber' })
}
