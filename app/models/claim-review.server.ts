import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import {
  areas,
  employers,
  employmentRecords,
  organisations,
  subsidyClaimEvents,
  subsidyClaims,
  subsidyFiles,
  subsidyPolicies,
  subsidyTickets,
  users,
  workers,
  type SelectSubsidyClaim,
  type SelectSubsidyTicket,
} from '../../db/schema'
import { cardDigits, maskCard, parseCardNumber } from '~/rules/card-number'
import { formatDateTime, todayInShanghai } from '~/rules/dates'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { assessClaim, workDistanceOf, type ClaimAssessment } from '~/rules/subsidy'
import type { ClaimState, PaymentCardKind, RejectReason, TicketDecision, WorkDistance } from '~/rules/subsidy-enums'
import { claimReasonsOpen, reasonRefusal, ticketReasonsOpen } from '~/rules/reject-reasons'
import { CLAIM_STATE_LABELS, LEG_DIRECTION_LABELS, REJECT_REASON_LABELS } from '~/rules/subsidy-labels'
import { canTransition, countsForYear } from '~/rules/subsidy-states'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { claimantFacts, earlierPaidFen, ticketInputOf, tripPlacesOf } from './claim-facts.server'
import { moveClaim } from './claim-move.server'
import { findOwned } from './query.server'
import { policyInForce, termsOfPolicy } from './subsidy-policy.server'

// The county's review of subsidy claims (issue 13 §6): start the review, decide each ticket, decide the claim
// (approve, partially approve, reject, return for correction), and file a claim on a worker's behalf. Every
// move is one BEGIN IMMEDIATE transaction that checks the move against app/rules/subsidy-states.ts, writes the
// claim, its timeline row (subsidy_claim_events) and its audit row together. A form carries the state and the
// version (updated_at) the page showed, so a stale form never decides a claim someone else has moved on.

/** What every decision form sends back: the claim's state and version (updated_at, ms) as the page showed them. */
export type SeenClaim = { seenState: ClaimState; version: number }

/** A reviewer's decision on one ticket; a refusal needs its reason code. */
export type TicketDecisionInput = { ticketId: number; decision: TicketDecision; reason: RejectReason | null }

/** The claim decisions a reviewer can take (issue 13 §6); approve becomes partially approved when a ticket was refused. */
export type ClaimOutcome = 'approve' | 'reject' | 'return'

/** The longest message a reviewer may type (the worker reads it on the timeline). */
export const DECISION_MESSAGE_MAX = 300

/** The area code of a county centre (the claim's organisation). */
function countyCodeOf(q: Queryable, organisationId: number): string {
  return q.select({ code: organisations.areaCode }).from(organisations).where(eq(organisations.id, organisationId)).get()!.code
}

/** The claim's tickets in their order. */
function ticketsOf(q: Queryable, claimId: number) {
  return q.select().from(subsidyTickets).where(eq(subsidyTickets.claimId, claimId)).orderBy(asc(subsidyTickets.position)).all()
}

/**
 * The rules' verdict on a stored claim (assessClaim with the claim's policy, worker and `tickets`, by
 * default all of them), as of `today` (Shanghai day).
 */
export function assessStoredClaim(
  q: Queryable,
  claim: SelectSubsidyClaim,
  tickets: SelectSubsidyTicket[] = ticketsOf(q, claim.id),
  today = todayInShanghai(),
): ClaimAssessment {
  const policy = q.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, claim.policyId)).get()
  if (!policy) throw new Error(`claim ${claim.id} without its policy`)
  const claimant = claimantFacts(q, claim.workerId, countyCodeOf(q, claim.organisationId), claim.organisationId, claim)
  if (!claimant) throw new Error(`claim ${claim.id} of a missing ledger row`)
  const countyCode = countyCodeOf(q, claim.organisationId)
  return assessClaim({
    terms: termsOfPolicy(policy),
    claimant,
    tickets: tickets.map(ticketInputOf),
    flat: claim.flat,
    earlierPaidFen: earlierPaidFen(q, claim),
    places: tripPlacesOf(q, countyCode, claim),
    today,
  })
}

/** Who made the claim's latest move and when, for the stale-form message. */
function lastMoveOf(q: Queryable, claimId: number) {
  return q
    .select({ at: subsidyClaimEvents.createdAt, name: users.displayName })
    .from(subsidyClaimEvents)
    .leftJoin(users, eq(users.id, subsidyClaimEvents.actorUserId))
    .where(eq(subsidyClaimEvents.claimId, claimId))
    .orderBy(desc(subsidyClaimEvents.id))
    .get()
}

/**
 * The refusal of a form that no longer matches the claim (another reviewer, another tab, a replayed post):
 * 409 "这份申请已由…处理" naming who moved it last and when; null when the form is current.
 */
function staleRefusal(q: Queryable, claim: SelectSubsidyClaim, seen: SeenClaim): Failure | null {
  if (claim.state === seen.seenState && claim.updatedAt.getTime() === seen.version) return null
  const last = lastMoveOf(q, claim.id)
  const by = last ? `由${last.name ?? '申领人'}于 ${formatDateTime(last.at)} ` : ''
  if (claim.state !== seen.seenState) {
    return failure(`这份申请已${by}处理，现在是“${CLAIM_STATE_LABELS[claim.state]}”，请刷新页面后再看。`, { status: 409 })
  }
  return failure('这份申请的车票审核刚被修改过，请刷新页面后再决定。', { status: 409 })
}

/** The refusal of a move the state table does not allow (issue 13 §6: no step skipped or redone), or null. */
function moveRefusal(claim: SelectSubsidyClaim, to: ClaimState): Failure | null {
  if (canTransition(claim.state, to)) return null
  return failure(`这份申请现在是“${CLAIM_STATE_LABELS[claim.state]}”，不能改为“${CLAIM_STATE_LABELS[to]}”。`, { status: 409 })
}

/** The claim `claimId` of the actor's county, read in `tx`; null for another county's or a missing one. West staff only. */
function ownClaim(tx: Queryable, actor: Actor, claimId: number) {
  if (actor.role !== 'west') return null
  const claim = findOwned(tx, subsidyClaims, actor, claimId)
  return claim && claim.state !== 'draft' ? claim : null
}

/**
 * Whether `claimId` is a claim the actor's county reviews (not a draft): what the review page's action asks
 * first, so another county's claim is a 404 before the form is read (issue 13 §6). West staff only.
 */
export function isReviewableClaim(actor: Actor, claimId: number): boolean {
  return ownClaim(db, actor, claimId) != null
}

/**
 * Starts the review of a submitted claim (or one whose payment failed) of the actor's county: → under_review,
 * by the explicit 开始审核 button (opening the page changes nothing). Tickets the rules find ineligible are
 * marked refused with the rules' reason, so the reviewer starts from the rules' verdict. Takes the actor (west),
 * the claim id and what the page showed (`seen`). Null when not the county's claim (→ 404); 409 when stale or
 * not a move the state allows. Audited `claim.start_review`.
 */
export function startReview(actor: Actor, claimId: number, seen: SeenClaim): Result | null {
  return writeTransaction((tx) => {
    const claim = ownClaim(tx, actor, claimId)
    if (!claim) return null
    const refused = staleRefusal(tx, claim, seen) ?? moveRefusal(claim, 'under_review')
    if (refused) return refused
    const tickets = ticketsOf(tx, claim.id)
    const verdict = assessStoredClaim(tx, claim, tickets)
    let premarked = 0
    tickets.forEach((t, i) => {
      const v = verdict.tickets[i]
      if (t.decision != null || !v || v.eligible) return
      tx.update(subsidyTickets)
        .set({ decision: 'rejected', rejectReason: v.reason ?? 'mismatch' })
        .where(eq(subsidyTickets.id, t.id))
        .run()
      premarked += 1
    })
    moveClaim(tx, actor, claim, 'under_review', { action: 'claim.start_review', detail: { premarked } })
    return { ok: true as const }
  })
}

/**
 * Records the reviewer's decision on tickets of a claim under review in the actor's county (issue 13 §6: per
 * ticket approve, or reject with a reason code). Takes the actor, the claim id, what the page showed and the
 * decisions (each ticket of the claim at most once). Refused 400 for a refusal without its reason or a ticket
 * not of the claim; 409 when stale or the claim is not under review. Null when not the county's claim. Touches
 * the claim's version, so another open form must be refreshed. Audited `claim.ticket_decide` (no state change,
 * no timeline row).
 */
export function decideTickets(actor: Actor, claimId: number, seen: SeenClaim, decisions: TicketDecisionInput[]): Result | null {
  return writeTransaction((tx) => {
    const claim = ownClaim(tx, actor, claimId)
    if (!claim) return null
    const refused = staleRefusal(tx, claim, seen)
    if (refused) return refused
    if (claim.state !== 'under_review') return failure('开始审核后才能审核车票。', { status: 409 })
    const tickets = ticketsOf(tx, claim.id)
    const ids = new Set(tickets.map((t) => t.id))
    const once = new Set<number>()
    for (const d of decisions) {
      if (!ids.has(d.ticketId) || once.has(d.ticketId)) return failure('车票不属于这份申请，请刷新页面。')
      once.add(d.ticketId)
      if (d.decision === 'rejected' && d.reason == null) return failure('不通过的车票请选择原因。', { field: `reason-${d.ticketId}` })
    }
    // A reason that states a fact the rules decide (mode, batch leg, year, the person) only when the rules found it.
    const verdict = assessStoredClaim(tx, claim, tickets)
    const personIneligible = verdict.personProblems.length > 0
    for (const d of decisions) {
      if (d.decision !== 'rejected' || d.reason == null) continue
      const i = tickets.findIndex((t) => t.id === d.ticketId)
      const open = ticketReasonsOpen({ reason: verdict.tickets[i]?.reason ?? null, personIneligible })
      const refused = reasonRefusal(d.reason, open, '这张车票')
      if (refused) return failure(refused, { field: `reason-${d.ticketId}` })
    }
    // One use per ticket number (security.md 13; subsidy_tickets_approved_number_uq holds it too).
    for (const d of decisions) {
      if (d.decision !== 'approved') continue
      const number = tickets.find((t) => t.id === d.ticketId)!.ticketNumber
      const used = tx
        .select({ id: subsidyTickets.id })
        .from(subsidyTickets)
        .where(and(eq(subsidyTickets.ticketNumber, number), eq(subsidyTickets.decision, 'approved'), sql`${subsidyTickets.id} <> ${d.ticketId}`))
        .get()
      if (used) return failure(`票号 ${number} 已在另一份申请中审核通过，同一张车票只能补助一次。`, { field: `reason-${d.ticketId}` })
    }
    for (const d of decisions) {
      tx.update(subsidyTickets)
        .set({ decision: d.decision, rejectReason: d.decision === 'rejected' ? d.reason : null })
        .where(eq(subsidyTickets.id, d.ticketId))
        .run()
    }
    tx.update(subsidyClaims).set({ updatedAt: new Date() }).where(eq(subsidyClaims.id, claim.id)).run()
    const approved = decisions.filter((d) => d.decision === 'approved').length
    writeActorAudit(tx, actor, {
      action: 'claim.ticket_decide',
      entity: 'claim',
      entityId: claim.id,
      detail: { approved, rejected: decisions.length - approved },
    })
    return { ok: true as const }
  })
}

/** The message a decision carries, trimmed; null when blank. */
function messageOf(raw: string | null | undefined) {
  const m = raw?.trim() ?? ''
  return m === '' ? null : m.slice(0, DECISION_MESSAGE_MAX)
}

/**
 * Decides a claim under review in the actor's county (issue 13 §6):
 * - `approve`: every ticket decided, at least one approved (or a flat claim); the amount is recomputed by the
 *   rules over the approved tickets alone (approved_fen). State approved, or partially approved when a ticket
 *   was refused. Refused when the rules give nothing (the person not eligible): reject instead.
 * - `reject`: with a reason code and a message for the worker.
 * - `return`: for correction, with a message saying what to correct; the worker edits and submits again.
 * Takes the actor, the claim id, what the page showed and the decision. The decider is recorded
 * (decided_by_user_id: whoever approved may not pay it, app/rules/permissions.ts mayPayClaim). Null when not the
 * county's claim; 409 when stale or not a move the state allows; 400 beside its field for a missing reason or
 * message. Returns the state reached and the approved amount (fen). Audited `claim.approve`,
 * `claim.partially_approve`, `claim.reject` or `claim.return`.
 */
export function decideClaim(
  actor: Actor,
  claimId: number,
  seen: SeenClaim,
  decision: { outcome: ClaimOutcome; reason?: RejectReason | null; message?: string | null },
): Result<{ state: ClaimState; approvedFen: number | null }> | null {
  const message = messageOf(decision.message)
  if (decision.outcome === 'reject' && !decision.reason) return failure('请选择不予通过的原因。', { field: 'reason' })
  if (decision.outcome === 'reject' && !message) return failure('请写明不予通过的理由，申领人会看到。', { field: 'message' })
  if (decision.outcome === 'return' && !message) return failure('请写明需要申领人修改什么。', { field: 'message' })
  return writeTransaction((tx) => {
    const claim = ownClaim(tx, actor, claimId)
    if (!claim) return null
    const stale = staleRefusal(tx, claim, seen)
    if (stale) return stale
    const now = new Date()
    if (decision.outcome === 'return') {
      const refused = moveRefusal(claim, 'returned')
      if (refused) return refused
      moveClaim(tx, actor, claim, 'returned', { action: 'claim.return', message, set: { decisionMessage: message, decisionReason: null } })
      return { ok: true as const, state: 'returned' as const, approvedFen: null }
    }
    if (decision.outcome === 'reject') {
      const refused = moveRefusal(claim, 'rejected')
      if (refused) return refused
      const reason = decision.reason ?? 'other'
      const verdict = assessStoredClaim(tx, claim)
      const open = claimReasonsOpen(
        verdict.tickets.map((t) => t.reason),
        verdict.personProblems.length > 0,
      )
      const wrong = reasonRefusal(reason, open, '这份申请')
      if (wrong) return failure(wrong, { field: 'reason' })
      // A rejected claim pays none of its tickets: their numbers are free for the claim that may follow.
      tx.update(subsidyTickets)
        .set({ decision: 'rejected', rejectReason: reason })
        .where(and(eq(subsidyTickets.claimId, claim.id), eq(subsidyTickets.decision, 'approved')))
        .run()
      moveClaim(tx, actor, claim, 'rejected', {
        action: 'claim.reject',
        reason,
        message,
        set: { decisionReason: reason, decisionMessage: message, decidedByUserId: actor.userId, decidedAt: now, approvedFen: 0 },
      })
      return { ok: true as const, state: 'rejected' as const, approvedFen: 0 }
    }
    const tickets = ticketsOf(tx, claim.id)
    const undecided = tickets.filter((t) => t.decision == null).length
    const approved = tickets.filter((t) => t.decision === 'approved')
    const rejected = tickets.length - undecided - approved.length
    // Both outcomes leave under_review alike, so the state check may use either before the amount is known.
    const refused = moveRefusal(claim, 'approved')
    if (refused) return refused
    if (undecided > 0) return failure(`还有 ${undecided} 张车票没有审核，请先在上面逐张选择“通过”或“不通过”并保存。`)
    if (tickets.length > 0 && approved.length === 0) return failure('没有通过的车票，请选择“不予通过”并写明理由。')
    const verdict = assessStoredClaim(tx, claim, approved)
    if (verdict.personProblems.length > 0) return failure(`申领人不符合条件：${verdict.personProblems.join('；')}。请选择“不予通过”。`)
    if (verdict.amountFen <= 0) return failure('按通过的车票计算补助为 0 元，请选择“不予通过”。')
    // 部分通过 means money was cut: less than the amount the worker was told (expectedFen). Refusing only tickets
    // the rules had already left out pays what was expected, so it is 审核通过; the timeline still names them.
    const to: ClaimState = verdict.amountFen < claim.expectedFen ? 'partially_approved' : 'approved'
    // The worker's timeline says which tickets were not paid and why, beside the reviewer's own words.
    const refusedNote = tickets
      .filter((t) => t.decision === 'rejected')
      .map(
        (t) =>
          `${LEG_DIRECTION_LABELS[t.direction]} ${t.travelDate} ${t.fromPlace}→${t.toPlace} 的车票不予补助：${REJECT_REASON_LABELS[t.rejectReason ?? 'other']}`,
      )
      .join('；')
    moveClaim(tx, actor, claim, to, {
      action: to === 'approved' ? 'claim.approve' : 'claim.partially_approve',
      message: [refusedNote, message].filter(Boolean).join('\n') || null,
      set: { approvedFen: verdict.amountFen, decidedByUserId: actor.userId, decidedAt: now, decisionMessage: message, decisionReason: null },
      detail: { approvedFen: verdict.amountFen, approvedTickets: approved.length, rejectedTickets: rejected },
    })
    return { ok: true as const, state: to, approvedFen: verdict.amountFen }
  })
}

/** What staff type to file a flat-amount claim for a ledger worker (issue 13 §6, §9): where the work is and where the money goes. */
export type AssistedClaimInput = {
  workerId: number
  /** The claim year; this year (Shanghai) by default. */
  year?: number
  /** The payment card, typed twice; blank when staff do not have it (finance or the worker gives it before payout). */
  cardKind: PaymentCardKind
  cardNumber: string
  cardNumberAgain: string
  /** Staff's note on what they checked (paper proof seen, phone call…), kept on the timeline. */
  note: string | null
}

/**
 * Files a flat-amount claim (定额, no tickets) on behalf of a ledger worker of the actor's county (代为申报,
 * issue 13 §6, §9): straight to submitted, recorded as assisted (assisted_by_user_id, user_id null); it is on
 * the worker's /me/claims by its ledger row, with its timeline. Runs in `tx`, which
 * the caller opens with writeTransaction (the proactive list files many in one). The rules decide: refused
 * when the county has no policy for the year, the filing window is closed, the person is not eligible or
 * has no qualifying work; 409 when the worker already has a claim that year; a card number must pass Luhn.
 * Takes the transaction, the actor (west) and the input. Returns the new claim's id and amount (fen); null
 * when the worker is not in the county's ledger (→ 404). Audited `claim.assisted_file`.
 */
export function fileAssistedClaim(tx: Queryable, actor: Actor, input: AssistedClaimInput): Result<{ id: number; expectedFen: number }> | null {
  if (actor.role !== 'west') return null
  const worker = findOwned(tx, workers, actor, input.workerId)
  if (!worker || worker.archivedAt != null) return null
  let card: string | null = null
  if (cardDigits(input.cardNumber) !== '' || cardDigits(input.cardNumberAgain) !== '') {
    const parsed = parseCardNumber(input.cardKind, input.cardNumber, input.cardNumberAgain)
    if (!parsed.ok) return failure(parsed.message, { field: 'cardNumber' })
    card = parsed.value
  }
  const today = todayInShanghai()
  const year = input.year ?? Number(today.slice(0, 4))
  const policy = policyInForce(tx, actor.organisationId, year)
  if (!policy) return failure(`本县${year}年的交通补助政策还没有设置，请先在“补助政策”中设置。`)
  const existing = tx
    .select({ id: subsidyClaims.id, state: subsidyClaims.state })
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.workerId, worker.id), eq(subsidyClaims.year, year), isNull(subsidyClaims.topUpOfClaimId)))
    .all()
    .find((c) => countsForYear(c.state))
  if (existing) return failure(`此人${year}年已有补助申领（${CLAIM_STATE_LABELS[existing.state]}），一年只能申领一次。`, { status: 409 })
  const facts = claimantFacts(tx, worker.id, actor.areaCode, actor.organisationId, null)
  if (!facts) return null
  const verdict = assessClaim({ terms: termsOfPolicy(policy), claimant: facts, tickets: [], flat: true, earlierPaidFen: 0, today })
  const stop = [...verdict.personProblems, ...(verdict.window.open ? [] : [verdict.window.message])]
  if (stop.length > 0) return failure(`不能代为申报：${stop.join('；')}。`)
  const distance: WorkDistance = verdict.distance ?? 'outside_chongqing'
  const employment = tx
    .select({ id: employmentRecords.id, cityCode: employmentRecords.cityCode })
    .from(employmentRecords)
    .where(eq(employmentRecords.workerId, worker.id))
    .orderBy(desc(employmentRecords.startDate))
    .all()
    .find((r) => workDistanceOf(r.cityCode, facts.countyCode) === distance)
  const note = messageOf(input.note)
  const now = new Date()
  try {
    const { id } = tx
      .insert(subsidyClaims)
      .values({
        organisationId: actor.organisationId,
        workerId: worker.id,
        // The queue's township filter reads it (subsidy_claims_org_township_idx).
        townshipCode: worker.townshipCode,
        // Null: the worker did not file it (the schema's word); it is theirs on /me/claims by its ledger row.
        userId: null,
        assistedByUserId: actor.userId,
        year,
        policyId: policy.id,
        state: 'submitted',
        workDistance: distance,
        workplaceCode: employment?.cityCode ?? null,
        employmentRecordId: employment?.id ?? null,
        proofKind: verdict.proof,
        flat: true,
        cardKind: card ? input.cardKind : null,
        cardNumber: card,
        expectedFen: verdict.amountFen,
        submittedAt: now,
      })
      .returning({ id: subsidyClaims.id })
      .get()
    tx.insert(subsidyClaimEvents)
      .values({
        claimId: id,
        fromState: null,
        toState: 'submitted',
        actorUserId: actor.userId,
        message: note ? `工作人员代为申报：${note}` : '工作人员代为申报',
      })
      .run()
    writeActorAudit(tx, actor, {
      action: 'claim.assisted_file',
      entity: 'claim',
      entityId: id,
      detail: { workerId: worker.id, year, expectedFen: verdict.amountFen, card: card != null },
    })
    return { ok: true as const, id, expectedFen: verdict.amountFen }
  } catch (error) {
    if (isUniqueViolation(error)) return failure(`此人${year}年已有补助申领，一年只能申领一次。`, { status: 409 })
    throw error
  }
}

/** The states in which a claim waits for (another) decision: whatever was decided before no longer stands. */
const BEING_DECIDED: readonly ClaimState[] = ['submitted', 'under_review']

const assistant = alias(users, 'assistant')
const decider = alias(users, 'decider')
const township = alias(areas, 'township')
const workplace = alias(areas, 'workplace')

/**
 * A claim of the actor's county as the review page shows it (issue 13 §6): the claim (state, version for the
 * decision forms, amounts in fen, card masked, who filed and who decided), the claimant (full name as the
 * county's ledger shows its staff, ID number and phone masked, township, household status, account verified),
 * the employment it rests on, its tickets each with its decision and the rules' verdict, its files (for
 * /claims/files/<id>), the rules' verdict on the whole claim and the timeline with staff names. The decision
 * fields (decidedBy…decisionMessage) are set only for a decision that stands; a claim submitted again after a
 * return has them null and `lastReturn` (who, when, the message; null when never returned) instead. Null for
 * another county's claim, a draft or a missing one (→ 404). West staff only.
 */
export function getClaimForReview(actor: Actor, claimId: number) {
  if (actor.role !== 'west') return null
  const found = db
    .select({
      claim: subsidyClaims,
      name: workers.name,
      idNumber: workers.idNumber,
      phone: workers.phone,
      householdStatus: workers.householdStatus,
      townshipName: township.name,
      verifiedAt: users.verifiedAt,
      assistantName: assistant.displayName,
      deciderName: decider.displayName,
    })
    .from(subsidyClaims)
    .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .leftJoin(users, eq(users.id, workers.userId))
    .leftJoin(assistant, eq(assistant.id, subsidyClaims.assistedByUserId))
    .leftJoin(decider, eq(decider.id, subsidyClaims.decidedByUserId))
    .where(and(eq(subsidyClaims.id, claimId), eq(subsidyClaims.organisationId, actor.organisationId)))
    .get()
  if (!found || found.claim.state === 'draft') return null
  const { claim } = found
  const tickets = ticketsOf(db, claim.id)
  const verdict = assessStoredClaim(db, claim, tickets)
  const employment = claim.employmentRecordId
    ? (db
        .select({ employerName: employers.name, cityName: areas.name, startDate: employmentRecords.startDate })
        .from(employmentRecords)
        .innerJoin(employers, eq(employers.id, employmentRecords.employerId))
        .innerJoin(areas, eq(areas.code, employmentRecords.cityCode))
        .where(eq(employmentRecords.id, claim.employmentRecordId))
        .get() ?? null)
    : null
  const workplaceName = claim.workplaceCode
    ? (db.select({ name: workplace.name }).from(workplace).where(eq(workplace.code, claim.workplaceCode)).get()?.name ?? null)
    : null
  const files = db
    .select({
      id: subsidyFiles.id,
      ticketId: subsidyFiles.ticketId,
      purpose: subsidyFiles.purpose,
      kind: subsidyFiles.kind,
      originalName: subsidyFiles.originalName,
    })
    .from(subsidyFiles)
    .where(eq(subsidyFiles.claimId, claim.id))
    .orderBy(asc(subsidyFiles.id))
    .all()
  const timeline = db
    .select({
      id: subsidyClaimEvents.id,
      at: subsidyClaimEvents.createdAt,
      fromState: subsidyClaimEvents.fromState,
      toState: subsidyClaimEvents.toState,
      actorName: users.displayName,
      actorRole: users.role,
      reason: subsidyClaimEvents.reason,
      message: subsidyClaimEvents.message,
    })
    .from(subsidyClaimEvents)
    .leftJoin(users, eq(users.id, subsidyClaimEvents.actorUserId))
    .where(eq(subsidyClaimEvents.claimId, claim.id))
    .orderBy(asc(subsidyClaimEvents.id))
    .all()
  const decisionStands = !BEING_DECIDED.includes(claim.state)
  const returned = decisionStands ? undefined : timeline.filter((e) => e.toState === 'returned').at(-1)
  const lastReturn = returned ? { by: returned.actorName, at: returned.at, message: returned.message } : null
  return {
    claim: {
      id: claim.id,
      workerId: claim.workerId,
      state: claim.state,
      version: claim.updatedAt.getTime(),
      year: claim.year,
      flat: claim.flat,
      topUp: claim.topUpOfClaimId != null,
      workDistance: claim.workDistance,
      proofKind: claim.proofKind,
      workplaceName,
      expectedFen: claim.expectedFen,
      approvedFen: claim.approvedFen,
      cardKind: claim.cardKind,
      cardMasked: claim.cardNumber ? maskCard(claim.cardNumber) : null,
      commitmentName: claim.commitmentName,
      submittedAt: claim.submittedAt,
      assistedBy: found.assistantName,
      // Only a decision that stands: a claim submitted again (after a return) or back under review (after a
      // failed payment) is being decided anew, and its old decision is history — lastReturn and the timeline.
      decidedBy: decisionStands ? found.deciderName : null,
      decidedAt: decisionStands ? claim.decidedAt : null,
      decisionReason: decisionStands ? claim.decisionReason : null,
      decisionMessage: decisionStands ? claim.decisionMessage : null,
      lastReturn,
    },
    claimant: {
      name: found.name,
      idNumberMasked: maskIdNumber(found.idNumber),
      phoneMasked: found.phone ? maskMobile(found.phone) : null,
      townshipName: found.townshipName,
      householdStatus: found.householdStatus,
      verified: found.verifiedAt != null,
    },
    employment,
    tickets: tickets.map((t, i) => ({
      id: t.id,
      position: t.position,
      direction: t.direction,
      mode: t.mode,
      travelDate: t.travelDate,
      fromPlace: t.fromPlace,
      toPlace: t.toPlace,
      fareFen: t.fareFen,
      ticketNumber: t.ticketNumber,
      batchId: t.batchId,
      decision: t.decision,
      rejectReason: t.rejectReason,
      verdict: {
        eligible: verdict.tickets[i]?.eligible ?? false,
        reason: verdict.tickets[i]?.reason ?? null,
        reasonText: verdict.tickets[i]?.reasonText ?? null,
      },
    })),
    files,
    verdict: {
      amountFen: verdict.amountFen,
      eligibleFareFen: verdict.eligibleFareFen,
      capped: verdict.capped,
      personProblems: verdict.personProblems,
      kind: verdict.kind,
    },
    timeline: timeline.map((e) => ({ ...e, at: e.at.getTime() })),
  }
}

export type ClaimForReview = NonNullable<ReturnType<typeof getClaimForReview>>

/**
 * The amount approving now would give (fen), over the tickets decided 通过 (issue 13 §6: approved_fen is the
 * rules' amount over the approved tickets); null while a ticket is undecided. For the approve button's label.
 */
export function approvalPreviewFen(actor: Actor, claimId: number): number | null {
  const claim = actor.role === 'west' ? findOwned(db, subsidyClaims, actor, claimId) : null
  if (!claim) return null
  const tickets = ticketsOf(db, claim.id)
  if (tickets.some((t) => t.decision == null)) return null
  const approved = tickets.filter((t) => t.decision === 'approved')
  if (tickets.length > 0 && approved.length === 0) return 0
  return assessStoredClaim(db, claim, approved).amountFen
}

/**
 * What the assisted-filing page shows before staff file (issue 13 §6): the ledger worker of the actor's county
 * (name, masked ID number, township, household status, account verified), the claim they already have this
 * year if any, and the rules' verdict on a flat-amount claim now — its amount (fen) or why it cannot be filed.
 * Null when the worker is not in the county's ledger or archived (→ 404). West staff only.
 */
export function assistedClaimPreview(actor: Actor, workerId: number, year = Number(todayInShanghai().slice(0, 4))) {
  if (actor.role !== 'west') return null
  const worker = db
    .select({
      id: workers.id,
      name: workers.name,
      idNumber: workers.idNumber,
      householdStatus: workers.householdStatus,
      archivedAt: workers.archivedAt,
      townshipName: township.name,
    })
    .from(workers)
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .where(and(eq(workers.id, workerId), eq(workers.organisationId, actor.organisationId)))
    .get()
  if (!worker || worker.archivedAt != null) return null
  const existing =
    db
      .select({ id: subsidyClaims.id, state: subsidyClaims.state })
      .from(subsidyClaims)
      .where(and(eq(subsidyClaims.workerId, worker.id), eq(subsidyClaims.year, year)))
      .orderBy(desc(subsidyClaims.id))
      .all()
      .find((c) => countsForYear(c.state)) ?? null
  const policy = policyInForce(db, actor.organisationId, year)
  const facts = claimantFacts(db, worker.id, actor.areaCode, actor.organisationId, null)
  const verdict =
    policy && facts
      ? assessClaim({ terms: termsOfPolicy(policy), claimant: facts, tickets: [], flat: true, earlierPaidFen: 0, today: todayInShanghai() })
      : null
  const problems = !policy
    ? [`本县${year}年的交通补助政策还没有设置`]
    : verdict
      ? [...verdict.personProblems, ...(verdict.window.open ? [] : [verdict.window.message])]
      : []
  return {
    worker: {
      id: worker.id,
      name: worker.name,
      idNumberMasked: maskIdNumber(worker.idNumber),
      townshipName: worker.townshipName,
      householdStatus: worker.householdStatus,
    },
    verified: facts?.verified ?? false,
    year,
    existing,
    problems,
    distance: verdict?.distance ?? null,
    amountFen: verdict && problems.length === 0 ? verdict.amountFen : null,
  }
}
