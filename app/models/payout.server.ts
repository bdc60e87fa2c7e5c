import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import {
  areas,
  employmentRecords,
  organisations,
  subsidyClaimEvents,
  subsidyClaims,
  subsidyPayoutRows,
  subsidyPayouts,
  users,
  workers,
  type ClaimState,
  type PaymentCardKind,
  type PayoutRowResult,
  type PayoutState,
} from '../../db/schema'
import { maskCard } from '~/rules/card-number'
import { maskIdNumber } from '~/rules/id-number'
import { todayInShanghai } from '~/rules/dates'
import { isPayoutFullReason, noticeRefusal, payoutFileKind, payoutRefusal, PAYOUT_AT_ONCE_MAX, SEPARATION_OF_DUTIES } from '~/rules/payout'
import type { Actor } from '~/rules/permissions'
import { canTransition } from '~/rules/subsidy-states'
import { noticePeriod } from '~/rules/working-days'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { moveClaim } from './claim-move.server'
import { countRows, findOwned } from './query.server'

// Payout batches (发放批次, issue 13 §7) of a county: approved claims grouped for county finance, exported as
// xlsx, each row then marked paid or failed; a failed claim goes back to the review queue (and only there: a
// reviewer re-decides before it may go into another payout) and its row stays as history. Every write is one BEGIN IMMEDIATE transaction (writeTransaction) whose checks all come before its
// first write (a refusal returns, it does not roll back), with each claim's move written three times together:
// the claim row, its timeline row (subsidy_claim_events) and its audit row. Separation of duties (issue 13 §6):
// whoever approved a claim may neither put it in a payout nor mark its payment. The database keeps a claim
// pending in one payout at most (subsidy_payout_rows_pending_uq); a race that reaches it is a friendly 400.

/** The claim states a claim may be added to a payout from: those CLAIM_TRANSITIONS lets move to in_payout. */
const ADDABLE_STATES = (['approved', 'partially_approved'] as const satisfies readonly ClaimState[]).filter((s) => canTransition(s, 'in_payout'))

/** Beside the pick list when the constraint of one pending payout per claim refuses an add (a second tab, a race). */
const IN_ANOTHER_PAYOUT = '所选申领已在另一个未办结的发放批次中，同一笔申领不能同时编入两个发放批次。请刷新页面后重新选择'

const township = alias(areas, 'township')
const workplace = alias(areas, 'workplace')
const employmentCity = alias(areas, 'employment_city')

/** Where the worker works, as the notice and the file say it: the claim's workplace, else its employment record's city. */
const destination = sql<string | null>`coalesce(${workplace.name}, ${employmentCity.name})`

/** The payout `payoutId` when it is the actor's county's (west staff); null otherwise — another county's answers like a missing one. */
function ownPayout(q: Queryable, actor: Actor, payoutId: number) {
  if (actor.role !== 'west') return null
  return findOwned(q, subsidyPayouts, actor, payoutId)
}

/**
 * Whether payout `payoutId` is the actor's county's (west staff). An action asks this before it reads its form,
 * so another county's payout is a 404 whatever was posted.
 */
export function isCountyPayout(actor: Actor, payoutId: number): boolean {
  return ownPayout(db, actor, payoutId) != null
}

/**
 * Creates an open payout of the actor's county (west staff; others 403): its title and the public notice's
 * period, 5 working days from `noticeFrom` (`YYYY-MM-DD`; a weekend start moves to the Monday,
 * rules/working-days.ts). Audited `payout.create`. Returns the new id.
 */
export function createPayout(actor: Actor, values: { title: string; noticeFrom: string }): Result<{ id: number }> {
  if (actor.role !== 'west') return failure('无权进行此操作', { status: 403 })
  const period = noticePeriod(values.noticeFrom)
  return writeTransaction((tx) => {
    const { id } = tx
      .insert(subsidyPayouts)
      .values({ organisationId: actor.organisationId, title: values.title, noticeFrom: period.from, noticeUntil: period.until, createdByUserId: actor.userId })
      .returning({ id: subsidyPayouts.id })
      .get()
    writeActorAudit(tx, actor, { action: 'payout.create', entity: 'payout', entityId: id, detail: { noticeFrom: period.from, noticeUntil: period.until } })
    return { ok: true as const, id }
  })
}

/** How many payouts the actor's county has. */
export function countPayoutsForCounty(actor: Actor) {
  return countRows(db, subsidyPayouts, eq(subsidyPayouts.organisationId, actor.organisationId))
}

/**
 * One page of the county's payouts, newest first: title, state, notice period, and per payout the number of
 * rows, rows still pending, the total (fen) of every row on the list (`totalFen`, the xlsx's 合计), of the paid
 * rows (`paidFen`) and of the failed ones (`failed` rows, `failedFen`) — rules/payout.ts payoutMoneyText says them.
 */
export function listPayoutsForCounty(actor: Actor, { limit, offset }: { limit: number; offset: number }) {
  return db
    .select({
      id: subsidyPayouts.id,
      title: subsidyPayouts.title,
      state: subsidyPayouts.state,
      noticeFrom: subsidyPayouts.noticeFrom,
      noticeUntil: subsidyPayouts.noticeUntil,
      createdAt: subsidyPayouts.createdAt,
      // Written as SQL text naming the outer table: drizzle renders an outer column unqualified, which inside
      // the subquery would name the row's own id (seat.server.ts says the same).
      rows: sql<number>`(select count(*) from subsidy_payout_rows r where r.payout_id = subsidy_payouts.id)`,
      pending: sql<number>`(select count(*) from subsidy_payout_rows r where r.payout_id = subsidy_payouts.id and r.result = 'pending')`,
      totalFen: sql<number>`(select coalesce(sum(r.amount_fen), 0) from subsidy_payout_rows r where r.payout_id = subsidy_payouts.id)`,
      failed: sql<number>`(select count(*) from subsidy_payout_rows r where r.payout_id = subsidy_payouts.id and r.result = 'failed')`,
      failedFen: sql<number>`(select coalesce(sum(r.amount_fen), 0) from subsidy_payout_rows r where r.payout_id = subsidy_payouts.id and r.result = 'failed')`,
      paidFen: sql<number>`(select coalesce(sum(r.amount_fen), 0) from subsidy_payout_rows r where r.payout_id = subsidy_payouts.id and r.result = 'paid')`,
    })
    .from(subsidyPayouts)
    .where(eq(subsidyPayouts.organisationId, actor.organisationId))
    .orderBy(desc(subsidyPayouts.id))
    .limit(limit)
    .offset(offset)
    .all()
}

/** One row of a payout with what its pages and file show; `idNumber` and `cardNumber` full — mask before showing. */
export type PayoutRowFull = {
  id: number
  claimId: number
  amountFen: number
  result: PayoutRowResult
  failureMessage: string | null
  markedAt: Date | null
  markedBy: string | null
  name: string
  idNumber: string
  township: string | null
  destination: string | null
  cardKind: PaymentCardKind | null
  cardNumber: string | null
  decidedByUserId: number | null
}

function readRows(q: Queryable, payoutId: number): PayoutRowFull[] {
  const marker = alias(users, 'marker')
  return q
    .select({
      id: subsidyPayoutRows.id,
      claimId: subsidyPayoutRows.claimId,
      amountFen: subsidyPayoutRows.amountFen,
      result: subsidyPayoutRows.result,
      failureMessage: subsidyPayoutRows.failureMessage,
      markedAt: subsidyPayoutRows.markedAt,
      markedBy: marker.displayName,
      name: workers.name,
      idNumber: workers.idNumber,
      township: township.name,
      destination,
      cardKind: subsidyClaims.cardKind,
      cardNumber: subsidyClaims.cardNumber,
      decidedByUserId: subsidyClaims.decidedByUserId,
    })
    .from(subsidyPayoutRows)
    .innerJoin(subsidyClaims, eq(subsidyClaims.id, subsidyPayoutRows.claimId))
    .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .leftJoin(workplace, eq(workplace.code, subsidyClaims.workplaceCode))
    .leftJoin(employmentRecords, eq(employmentRecords.id, subsidyClaims.employmentRecordId))
    .leftJoin(employmentCity, eq(employmentCity.code, employmentRecords.cityCode))
    .leftJoin(marker, eq(marker.id, subsidyPayoutRows.markedByUserId))
    .where(eq(subsidyPayoutRows.payoutId, payoutId))
    .orderBy(asc(township.code), asc(subsidyPayoutRows.id))
    .all()
}

/** Totals of a payout's rows: count and fen, all rows and by result. Sums are integer fen. */
export function payoutTotals(rows: readonly Pick<PayoutRowFull, 'amountFen' | 'result'>[]) {
  const sum = (result?: PayoutRowResult) => rows.filter((r) => !result || r.result === result).reduce((n, r) => n + r.amountFen, 0)
  const tally = (result: PayoutRowResult) => rows.filter((r) => r.result === result).length
  return {
    rows: rows.length,
    totalFen: sum(),
    pending: tally('pending'),
    pendingFen: sum('pending'),
    paid: tally('paid'),
    paidFen: sum('paid'),
    failed: tally('failed'),
    failedFen: sum('failed'),
  }
}

/** The county centre's name and contact, and the county's own name (开州区: the payout's title, rules/payout.ts payoutTitle). */
function countyOf(q: Queryable, organisationId: number) {
  return (
    q
      .select({
        name: organisations.name,
        shortName: organisations.shortName,
        area: sql<string>`coalesce(${areas.name}, '')`,
        phone: organisations.contactPhone,
        address: organisations.address,
      })
      .from(organisations)
      .leftJoin(areas, eq(areas.code, organisations.areaCode))
      .where(eq(organisations.id, organisationId))
      .get() ?? { name: '', shortName: '', area: '', phone: null, address: null }
  )
}

/**
 * A payout of the actor's county with its rows (full numbers: the page masks them), totals and the county's
 * name and contact. Null when it is not the county's (→ 404). Never writes.
 */
export function getPayoutForCounty(actor: Actor, payoutId: number) {
  const payout = ownPayout(db, actor, payoutId)
  if (!payout) return null
  const rows = readRows(db, payoutId)
  return { payout, rows, totals: payoutTotals(rows), county: countyOf(db, payout.organisationId) }
}

/** The rows as the payout page shows them: ID and card masked, and whether the viewer approved the claim (separation of duties). */
export function payoutRowsView(actor: Actor, rows: readonly PayoutRowFull[]) {
  return rows.map(({ idNumber, cardNumber, decidedByUserId, markedAt, ...r }) => ({
    ...r,
    idMasked: maskIdNumber(idNumber),
    cardMasked: cardNumber ? maskCard(cardNumber) : null,
    markedAt: markedAt ? markedAt.getTime() : null,
    decidedByViewer: decidedByUserId === actor.userId,
  }))
}

/**
 * The county's claims that may go into a payout (issue 13 §7): approved or partially approved (a failed payment
 * comes back here only once a reviewer has decided it again) — never one pending in a payout — oldest decision first, optionally of one
 * township (its code). Each with the worker's name, masked ID, township, destination, the amount approved
 * (fen), whether a card is on file, and whether the viewer approved it (they may not add it). At most `limit`.
 */
export function listAddableClaims(
  actor: Actor,
  { township: townshipCode = null, limit = PAYOUT_AT_ONCE_MAX }: { township?: string | null; limit?: number } = {},
) {
  if (actor.role !== 'west') return []
  const rows = db
    .select({
      id: subsidyClaims.id,
      state: subsidyClaims.state,
      approvedFen: subsidyClaims.approvedFen,
      hasCard: sql<number>`${subsidyClaims.cardNumber} is not null`,
      decidedByUserId: subsidyClaims.decidedByUserId,
      decidedBy: users.displayName,
      decidedAt: subsidyClaims.decidedAt,
      name: workers.name,
      idNumber: workers.idNumber,
      township: township.name,
      destination,
    })
    .from(subsidyClaims)
    .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .leftJoin(workplace, eq(workplace.code, subsidyClaims.workplaceCode))
    .leftJoin(employmentRecords, eq(employmentRecords.id, subsidyClaims.employmentRecordId))
    .leftJoin(employmentCity, eq(employmentCity.code, employmentRecords.cityCode))
    .leftJoin(users, eq(users.id, subsidyClaims.decidedByUserId))
    .where(
      and(
        eq(subsidyClaims.organisationId, actor.organisationId),
        inArray(subsidyClaims.state, ADDABLE_STATES),
        townshipCode ? eq(workers.townshipCode, townshipCode) : undefined,
        sql`not exists (select 1 from subsidy_payout_rows r where r.claim_id = subsidy_claims.id and r.result = 'pending')`,
      ),
    )
    .orderBy(asc(subsidyClaims.decidedAt), asc(subsidyClaims.id))
    .limit(limit)
    .all()
  return rows.map(({ idNumber, decidedByUserId, decidedAt, hasCard, ...r }) => ({
    ...r,
    idMasked: maskIdNumber(idNumber),
    hasCard: Boolean(hasCard),
    decidedAt: decidedAt ? decidedAt.getTime() : null,
    decidedByViewer: decidedByUserId === actor.userId,
  }))
}

/**
 * Adds claims of the actor's county to an open payout of the county (issue 13 §7): each claim → in_payout with
 * its approved amount on the row, a timeline row and an audit row `payout.add_claim` apiece. All or nothing:
 * refused, nothing written, when the payout is not open, a claim is not the county's or not waiting for a
 * payout (approved or partially approved), has no approved amount, or was approved by the
 * actor (separation of duties, 403, naming the person). A claim pending in another payout (a race past the
 * check) is the constraint's 400. Takes at most PAYOUT_AT_ONCE_MAX ids. Null when the payout is not the county's.
 */
export function addClaimsToPayout(actor: Actor, payoutId: number, claimIds: readonly number[]): Result<{ added: number }> | null {
  const ids = [...new Set(claimIds)]
  if (ids.length === 0) return failure('请先勾选要编入的申领', { field: 'claimId' })
  if (ids.length > PAYOUT_AT_ONCE_MAX) return failure(`一次最多编入 ${PAYOUT_AT_ONCE_MAX} 笔`, { field: 'claimId' })
  try {
    return writeTransaction((tx) => {
      const payout = ownPayout(tx, actor, payoutId)
      if (!payout) return null
      const refusal = payoutRefusal(payout.state, 'add')
      if (refusal) return failure(refusal)
      const claims = tx
        .select({ claim: subsidyClaims, name: workers.name })
        .from(subsidyClaims)
        .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
        .where(and(inArray(subsidyClaims.id, ids), eq(subsidyClaims.organisationId, actor.organisationId)))
        .all()
      if (claims.length !== ids.length) return failure('所选申领中有不属于本县的记录，请刷新页面后重新选择', { field: 'claimId' })
      for (const { claim, name } of claims) {
        if (claim.decidedByUserId === actor.userId) return failure(SEPARATION_OF_DUTIES.add(name), { field: 'claimId', status: 403 })
        if (!canTransition(claim.state, 'in_payout')) return failure(`${name}的申领现在不能编入发放批次，请刷新页面后重新选择`, { field: 'claimId' })
        if (!claim.approvedFen || claim.approvedFen <= 0) return failure(`${name}的申领没有审核通过的金额，不能发放`, { field: 'claimId' })
      }
      for (const { claim } of claims) {
        const { id: rowId } = tx
          .insert(subsidyPayoutRows)
          .values({ payoutId, claimId: claim.id, amountFen: claim.approvedFen! })
          .returning({ id: subsidyPayoutRows.id })
          .get()
        moveClaim(tx, actor, claim, 'in_payout', {
          action: 'payout.add_claim',
          message: `编入发放批次“${payout.title}”`,
          detail: { payoutId, rowId, amountFen: claim.approvedFen },
        })
      }
      return { ok: true as const, added: claims.length }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure(IN_ANOTHER_PAYOUT, { field: 'claimId' })
    throw error
  }
}

/**
 * Takes a row out of an open payout of the actor's county: the row is deleted and its claim goes back to the
 * state it was added from (approved or partially approved, read from its timeline), with a
 * timeline row and an audit row `payout.remove_claim`. Refused once the payout is exported (mark the row
 * failed instead). This undoes the add rather than moving the claim on, so it is not one of CLAIM_TRANSITIONS'
 * steps: the claim returns to the state its timeline shows before in_payout. Null when the payout or the row is not the county's.
 */
export function removePayoutRow(actor: Actor, payoutId: number, rowId: number): Result | null {
  return writeTransaction((tx) => {
    const payout = ownPayout(tx, actor, payoutId)
    if (!payout) return null
    const row = tx
      .select()
      .from(subsidyPayoutRows)
      .where(and(eq(subsidyPayoutRows.id, rowId), eq(subsidyPayoutRows.payoutId, payoutId)))
      .get()
    if (!row) return null
    const refusal = payoutRefusal(payout.state, 'remove')
    if (refusal) return failure(refusal)
    const claim = tx.select().from(subsidyClaims).where(eq(subsidyClaims.id, row.claimId)).get()!
    const back =
      tx
        .select({ from: subsidyClaimEvents.fromState })
        .from(subsidyClaimEvents)
        .where(and(eq(subsidyClaimEvents.claimId, claim.id), eq(subsidyClaimEvents.toState, 'in_payout')))
        .orderBy(desc(subsidyClaimEvents.id))
        .get()?.from ?? 'approved'
    // Not a step of CLAIM_TRANSITIONS but the add undone: the claim returns to exactly where it was.
    if (claim.state !== 'in_payout' || !(ADDABLE_STATES as readonly ClaimState[]).includes(back)) return failure('这笔申领现在不能移出，请刷新页面')
    tx.delete(subsidyPayoutRows).where(eq(subsidyPayoutRows.id, rowId)).run()
    moveClaim(tx, actor, claim, back, { action: 'payout.remove_claim', message: `移出发放批次“${payout.title}”`, detail: { payoutId, rowId } })
    return { ok: true as const }
  })
}

/** What finance reported for the ticked rows: paid, or failed with the reason finance gave. */
export type PayoutOutcome = { result: 'paid' } | { result: 'failed'; message: string }

/**
 * Records finance's answer for rows of an exported payout of the actor's county (issue 13 §7): paid → the
 * claim is paid (paid_at now); failed → the claim is payment_failed, back in the review queue, and the row
 * keeps the result and the message as history. One timeline row and one audit row (`payout.mark_paid` /
 * `payout.mark_failed`) per claim. All or nothing: refused when the payout is not exported, its public notice
 * has not ended (results from the Shanghai day after its last day, rules/payout.ts noticeRefusal), a row is not
 * pending (already marked), or the actor approved a claim among them (separation of duties, 403, naming the
 * person). Null when the payout is not the county's or a row is not the payout's.
 */
export function markPayoutRows(actor: Actor, payoutId: number, rowIds: readonly number[], outcome: PayoutOutcome): Result<{ marked: number }> | null {
  const ids = [...new Set(rowIds)]
  if (ids.length === 0) return failure('请先勾选要登记的人员', { field: 'rowId' })
  if (ids.length > PAYOUT_AT_ONCE_MAX) return failure(`一次最多登记 ${PAYOUT_AT_ONCE_MAX} 人`, { field: 'rowId' })
  return writeTransaction((tx) => {
    const payout = ownPayout(tx, actor, payoutId)
    if (!payout) return null
    const rows = tx
      .select({ row: subsidyPayoutRows, claim: subsidyClaims, name: workers.name })
      .from(subsidyPayoutRows)
      .innerJoin(subsidyClaims, eq(subsidyClaims.id, subsidyPayoutRows.claimId))
      .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
      .where(and(inArray(subsidyPayoutRows.id, ids), eq(subsidyPayoutRows.payoutId, payoutId)))
      .all()
    if (rows.length !== ids.length) return null
    const refusal = payoutRefusal(payout.state, 'mark') ?? noticeRefusal(payout.noticeUntil, todayInShanghai())
    if (refusal) return failure(refusal)
    const to: ClaimState = outcome.result === 'paid' ? 'paid' : 'payment_failed'
    for (const { row, claim, name } of rows) {
      if (claim.decidedByUserId === actor.userId) return failure(SEPARATION_OF_DUTIES.mark(name), { field: 'rowId', status: 403 })
      if (row.result !== 'pending' || !canTransition(claim.state, to)) return failure(`${name}已登记过发放结果，请刷新页面`, { field: 'rowId', status: 409 })
    }
    const now = new Date()
    const message = outcome.result === 'failed' ? outcome.message : null
    for (const { row, claim } of rows) {
      tx.update(subsidyPayoutRows)
        .set({ result: outcome.result, failureMessage: message, markedByUserId: actor.userId, markedAt: now })
        .where(eq(subsidyPayoutRows.id, row.id))
        .run()
      moveClaim(tx, actor, claim, to, {
        action: outcome.result === 'paid' ? 'payout.mark_paid' : 'payout.mark_failed',
        message: outcome.result === 'paid' ? `已发放到账（${payout.title}）` : `发放失败：${outcome.message}`,
        set: outcome.result === 'paid' ? { paidAt: now } : {},
        detail: { payoutId, rowId: row.id, amountFen: row.amountFen },
      })
    }
    return { ok: true as const, marked: rows.length }
  })
}

/**
 * Closes (办结) an exported payout of the actor's county once every row is paid or failed. Audited
 * `payout.close` with the counts. Refused while a row is pending. Null when it is not the county's.
 */
export function closePayout(actor: Actor, payoutId: number): Result | null {
  return writeTransaction((tx) => {
    const payout = ownPayout(tx, actor, payoutId)
    if (!payout) return null
    const refusal = payoutRefusal(payout.state, 'close')
    if (refusal) return failure(refusal)
    const totals = payoutTotals(tx.select().from(subsidyPayoutRows).where(eq(subsidyPayoutRows.payoutId, payoutId)).all())
    if (totals.pending > 0) return failure(`还有 ${totals.pending} 人没有登记发放结果，全部登记后才能办结`)
    tx.update(subsidyPayouts).set({ state: 'closed' }).where(eq(subsidyPayouts.id, payoutId)).run()
    writeActorAudit(tx, actor, { action: 'payout.close', entity: 'payout', entityId: payoutId, detail: { paid: totals.paid, failed: totals.failed } })
    return { ok: true as const }
  })
}

/** The payout file's content: the payout, the county, its rows (card numbers in full; ID numbers masked unless `full`) and whether IDs are full. */
export type PayoutSheet = {
  /** With its public notice period (YYYY-MM-DD), which the file's title row names as its dates. */
  payout: { id: number; title: string; state: PayoutState; noticeFrom: string | null; noticeUntil: string | null }
  countyName: string
  /** The county's own name (开州区), for the payout's title. */
  areaName: string
  full: boolean
  /** `finance`: the list finance pays from (cards in full); `record`: a closed payout's copy (cards masked, results). */
  kind: 'finance' | 'record'
  rows: (Omit<PayoutRowFull, 'idNumber' | 'cardNumber'> & { idNumber: string; cardNumber: string | null })[]
}

// Finance pays to the card, so every finance file carries the card number in full (issue 13 §7 "card number as
// text"); only the ID number is masked unless the audited full export is chosen. A closed payout's record copy
// has nothing left to pay: its card numbers are masked too (rules/payout.ts payoutFileKind).
function sheetOf(
  q: Queryable,
  payout: { id: number; title: string; state: PayoutState; organisationId: number; noticeFrom: string | null; noticeUntil: string | null },
  full: boolean,
): PayoutSheet {
  const kind = payoutFileKind(payout.state)
  const rows = readRows(q, payout.id).map((r) => ({
    ...r,
    idNumber: full ? r.idNumber : maskIdNumber(r.idNumber),
    cardNumber: kind === 'record' && r.cardNumber ? maskCard(r.cardNumber) : r.cardNumber,
  }))
  const county = countyOf(q, payout.organisationId)
  const { id, title, state, noticeFrom, noticeUntil } = payout
  return { payout: { id, title, state, noticeFrom, noticeUntil }, countyName: county.name, areaName: county.area, full, kind, rows }
}

/**
 * Exports a payout of the actor's county to finance (导出交财政): an open payout becomes exported (no more rows
 * added or removed; results can be marked), audited `payout.export`; exported again, the state stays, audited
 * again. The file carries each card number in full (finance pays to it) and the ID numbers masked. With
 * `reason` (one of PAYOUT_FULL_REASONS), the file carries the full ID numbers too and the export is
 * audited `payout.export_full` with that reason; a reason that is not one of them is a 400 beside `reason`.
 * A closed payout exports its record copy (cards masked, each row's result; never full numbers), its state
 * kept, audited the same. Refused when empty, and an open payout while its public notice runs (rules/payout.ts
 * noticeRefusal). Returns the file's content; null when the payout is not the county's.
 */
export function exportPayout(actor: Actor, payoutId: number, { full, reason }: { full: boolean; reason?: unknown }): Result<{ sheet: PayoutSheet }> | null {
  if (full && !isPayoutFullReason(reason)) {
    if (!ownPayout(db, actor, payoutId)) return null
    return failure('请选择导出完整号码的用途，将记录在操作记录中', { field: 'reason' })
  }
  return writeTransaction((tx) => {
    const payout = ownPayout(tx, actor, payoutId)
    if (!payout) return null
    // The first export fixes the rows: not before the notice is over, while an objection may still take a claim out.
    const refusal =
      payoutRefusal(payout.state, full ? 'export_full' : 'export') ??
      (payout.state === 'open' ? noticeRefusal(payout.noticeUntil, todayInShanghai(), 'export') : null)
    if (refusal) return failure(refusal)
    const rows = tx.select({ n: count() }).from(subsidyPayoutRows).where(eq(subsidyPayoutRows.payoutId, payoutId)).get()?.n ?? 0
    if (rows === 0) return failure('发放批次还没有人员，请先编入审核通过的申领')
    if (payout.state === 'open') tx.update(subsidyPayouts).set({ state: 'exported' }).where(eq(subsidyPayouts.id, payoutId)).run()
    writeActorAudit(tx, actor, {
      action: full ? 'payout.export_full' : 'payout.export',
      entity: 'payout',
      entityId: payoutId,
      reason: full ? (reason as string) : null,
      detail: { rows, from: payout.state },
    })
    return { ok: true as const, sheet: sheetOf(tx, { ...payout, state: payout.state === 'open' ? 'exported' : payout.state }, full) }
  })
}

/**
 * The public notice (公示名单) of a payout of the actor's county: the payout's title and notice period, the
 * county's name and contact, and per row the name, township, destination and amount (fen) — no ID or card
 * number; the page masks the names. The notice is what was published: every row added (pending, paid or
 * failed — a failed payment does not take a name off a posted list) stays on it; a row removed while the
 * payout was open (an objection, a mistake) is deleted and is not on it. Null when not the county's.
 */
export function payoutNoticeForCounty(actor: Actor, payoutId: number) {
  const found = getPayoutForCounty(actor, payoutId)
  if (!found) return null
  const rows = found.rows.map((r) => ({ id: r.id, name: r.name, township: r.township, destination: r.destination, amountFen: r.amountFen }))
  return {
    payout: { id: found.payout.id, title: found.payout.title, noticeFrom: found.payout.noticeFrom, noticeUntil: found.payout.noticeUntil },
    county: found.county,
    rows,
    totalFen: rows.reduce((n, r) => n + r.amountFen, 0),
  }
}
