import { and, asc, desc, eq, isNull, ne } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, organisations, users, workers } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { isVerifiedWorker } from '~/rules/verification'
import { writeActorAudit } from '~/utils/audit.server'
import { db, type Queryable, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { countRows } from './query.server'
import { awaitingDecisionSql, rejectedWorkerSql, verifiedWorkerSql, workerAccountsOf } from './rule-sql.server'

// Verification (核验): the county centre matches a worker account to the row of its own ledger with the
// same ID number. Confirming sets the account's verifiedAt and links the row in one transaction; that
// pair is what "verified" means everywhere (rules/verification.ts isVerifiedWorker). Every query is
// scoped by the actor's organisation: another county's account is "not found". The SQL forms of the
// definition (verifiedWorkerSql, awaitingDecisionSql…) are in ./rule-sql.server.ts.

/**
 * The ledger row of a verified worker account, with its county — what a worker may apply, book or claim
 * with. Null for an account that is not verified. Takes a connection or transaction and the account id.
 */
export function getVerifiedLedgerRow(q: Queryable, userId: number) {
  return (
    q
      .select({ workerId: workers.id, countyCode: organisations.areaCode, organisationId: workers.organisationId })
      .from(users)
      .innerJoin(workers, eq(workers.userId, users.id))
      .innerJoin(organisations, eq(organisations.id, workers.organisationId))
      .where(and(eq(users.id, userId), verifiedWorkerSql()))
      .get() ?? null
  )
}

export type ProposalStatus = 'match' | 'name_mismatch' | 'missing' | 'linked_elsewhere'

function proposalStatus(accountId: number, accountName: string, row: { name: string; userId: number | null } | null): ProposalStatus {
  if (!row) return 'missing'
  if (row.userId != null && row.userId !== accountId) return 'linked_elsewhere'
  return row.name === accountName ? 'match' : 'name_mismatch'
}

const pendingOf = (organisationId: number) => and(workerAccountsOf(organisationId), awaitingDecisionSql())

/** Account `userId` if it is a worker account of county centre `organisationId`. */
const accountOf = (organisationId: number, userId: number) => and(eq(users.id, userId), workerAccountsOf(organisationId))

/** What staff see of a registration on the queue and on its own page. */
const registrationFields = { id: users.id, name: users.displayName, phone: users.username, idNumber: users.idNumber, createdAt: users.createdAt }

/** How many of the actor's county's registrations wait for a decision (not verified, turned down or disabled). */
export function countPendingVerifications(actor: Actor) {
  return countRows(db, users, pendingOf(actor.organisationId))
}

/**
 * `limit` of the actor's county's registrations waiting for a decision from `offset`, oldest first, each
 * with its proposed ledger row; phone and ID number masked.
 */
export function listPendingVerifications(actor: Actor, { limit, offset }: { limit: number; offset: number }) {
  const organisationId = actor.organisationId
  const rows = db
    .select({
      ...registrationFields,
      ledgerId: workers.id,
      ledgerName: workers.name,
      ledgerUserId: workers.userId,
    })
    .from(users)
    .leftJoin(workers, and(eq(workers.idNumber, users.idNumber), eq(workers.organisationId, organisationId)))
    .where(pendingOf(organisationId))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(limit)
    .offset(offset)
    .all()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phoneMasked: maskMobile(r.phone),
    idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    createdAt: r.createdAt,
    ledgerName: r.ledgerName,
    status: proposalStatus(r.id, r.name, r.ledgerId == null ? null : { name: r.ledgerName!, userId: r.ledgerUserId }),
  }))
}

/** The actor's county's registrations turned down and still unverified, newest first, at most `limit`. */
export function listRejectedRegistrations(actor: Actor, limit = 20) {
  return db
    .select({ id: users.id, name: users.displayName, phone: users.username, rejectedAt: users.rejectedAt, reason: users.rejectionReason })
    .from(users)
    .where(and(workerAccountsOf(actor.organisationId), rejectedWorkerSql(), isNull(users.disabledAt)))
    .orderBy(desc(users.rejectedAt), desc(users.id))
    .limit(limit)
    .all()
    .map(({ phone, ...r }) => ({ ...r, phoneMasked: maskMobile(phone) }))
}

const township = alias(areas, 'township')
const village = alias(areas, 'village')

/**
 * One registration of the actor's county with its proposal, or null — another county's account is "not
 * found" exactly like a missing one. Personal numbers are masked; matching is done on the full values.
 */
export function getVerification(actor: Actor, userId: number) {
  const organisationId = actor.organisationId
  const account = db
    .select({
      ...registrationFields,
      verifiedAt: users.verifiedAt,
      rejectedAt: users.rejectedAt,
      rejectionReason: users.rejectionReason,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(accountOf(organisationId, userId))
    .get()
  if (!account) return null
  // A verified account shows the row it is linked to; otherwise the row with the same ID number.
  const rowCondition = isVerifiedWorker(account) ? eq(workers.userId, account.id) : account.idNumber ? eq(workers.idNumber, account.idNumber) : null
  const row = rowCondition
    ? db
        .select({
          id: workers.id,
          name: workers.name,
          idNumber: workers.idNumber,
          phone: workers.phone,
          sex: workers.sex,
          birthDate: workers.birthDate,
          householdStatus: workers.householdStatus,
          townshipName: township.name,
          villageName: village.name,
          userId: workers.userId,
        })
        .from(workers)
        .innerJoin(township, eq(township.code, workers.townshipCode))
        .leftJoin(village, eq(village.code, workers.villageCode))
        .where(and(rowCondition, eq(workers.organisationId, organisationId)))
        .get()
    : undefined
  // Only the county's name is told when another county holds the number, so staff know whom to ask.
  const elsewhere =
    !row && account.idNumber
      ? db
          .select({ countyName: areas.name })
          .from(workers)
          .innerJoin(organisations, eq(organisations.id, workers.organisationId))
          .innerJoin(areas, eq(areas.code, organisations.areaCode))
          .where(and(eq(workers.idNumber, account.idNumber), ne(workers.organisationId, organisationId)))
          .get()
      : undefined
  return {
    account: {
      id: account.id,
      name: account.name,
      phoneMasked: maskMobile(account.phone),
      idNumberMasked: account.idNumber ? maskIdNumber(account.idNumber) : null,
      createdAt: account.createdAt,
      verifiedAt: account.verifiedAt,
      rejectedAt: account.rejectedAt,
      rejectionReason: account.rejectionReason,
      disabled: account.disabledAt != null,
    },
    proposal: row
      ? {
          id: row.id,
          name: row.name,
          idNumberMasked: maskIdNumber(row.idNumber),
          idNumberMatches: row.idNumber === account.idNumber,
          phoneMasked: row.phone ? maskMobile(row.phone) : null,
          phoneMatches: row.phone === account.phone,
          sex: row.sex,
          birthDate: row.birthDate,
          householdStatus: row.householdStatus,
          townshipName: row.townshipName,
          villageName: row.villageName,
        }
      : null,
    status: proposalStatus(account.id, account.name, row ?? null),
    elsewhereCountyName: elsewhere ? shortAreaName(elsewhere.countyName) : null,
  }
}

/**
 * Confirms a registration: the account becomes verified and this county's ledger row with the same ID
 * number points at it. Check and write in one BEGIN IMMEDIATE transaction, so two clerks confirming at
 * once cannot link one row twice; audited (`account.verify`). A refusal is a Failure with status 409.
 * Null when the account is not this county's.
 */
export function confirmAccount(actor: Actor, userId: number): Result | null {
  return writeTransaction((tx): Result | null => {
    const account = tx
      .select({ id: users.id, name: users.displayName, idNumber: users.idNumber, verifiedAt: users.verifiedAt, disabledAt: users.disabledAt })
      .from(users)
      .where(accountOf(actor.organisationId, userId))
      .get()
    if (!account) return null
    // A second click on the same button gives the first click's result.
    if (isVerifiedWorker(account)) return { ok: true }
    if (account.disabledAt) return failure('此账号已停用，不能核验', { status: 409 })
    const row = account.idNumber
      ? tx
          .select({ id: workers.id, name: workers.name, userId: workers.userId })
          .from(workers)
          .where(and(eq(workers.idNumber, account.idNumber), eq(workers.organisationId, actor.organisationId)))
          .get()
      : undefined
    if (!row) return failure('本县台账中没有此身份证号码，请先在台账中添加此人，再来核验', { status: 409 })
    if (row.userId != null && row.userId !== account.id) return failure('该台账记录已关联其他账号，不能重复关联', { status: 409 })
    const linkedElsewhere = tx
      .select({ id: workers.id })
      .from(workers)
      .where(and(eq(workers.userId, account.id), ne(workers.id, row.id)))
      .get()
    if (linkedElsewhere) return failure('此账号已关联其他台账记录', { status: 409 })
    tx.update(users).set({ verifiedAt: new Date(), rejectedAt: null, rejectionReason: null }).where(eq(users.id, account.id)).run()
    tx.update(workers).set({ userId: account.id, updatedByUserId: actor.userId }).where(eq(workers.id, row.id)).run()
    writeActorAudit(tx, actor, {
      action: 'account.verify',
      entity: 'user',
      entityId: account.id,
      detail: { workerId: row.id, nameMatches: row.name === account.name },
    })
    return { ok: true }
  })
}

/**
 * Turns a registration down with the reason the worker will read (`text`; the audit keeps only `code`).
 * A refusal (disabled, already verified) is a Failure with status 409. Null when not this county's.
 */
export function rejectAccount(actor: Actor, userId: number, reason: { code: string; text: string }): Result | null {
  return writeTransaction((tx): Result | null => {
    const account = tx
      .select({
        id: users.id,
        verifiedAt: users.verifiedAt,
        rejectedAt: users.rejectedAt,
        rejectionReason: users.rejectionReason,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(accountOf(actor.organisationId, userId))
      .get()
    if (!account) return null
    // The same refusals as confirmAccount: a disabled account is no longer anyone's to decide on.
    if (account.disabledAt) return failure('此账号已停用，不能退回', { status: 409 })
    if (isVerifiedWorker(account)) return failure('此账号已通过核验，不能退回', { status: 409 })
    if (account.rejectedAt && account.rejectionReason === reason.text) return { ok: true }
    tx.update(users).set({ rejectedAt: new Date(), rejectionReason: reason.text }).where(eq(users.id, account.id)).run()
    // The code only: a free-text note may name people or numbers.
    writeActorAudit(tx, actor, { action: 'account.reject', entity: 'user', entityId: account.id, reason: reason.code })
    return { ok: true }
  })
}
