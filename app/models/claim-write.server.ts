import { and, eq, max } from 'drizzle-orm'
import { subsidyClaimEvents, subsidyClaims, subsidyFiles, subsidyTickets, type SelectSubsidyClaim, type SelectSubsidyTicket } from '../../db/schema'
import { MAX_TICKETS_PER_LEG, tooManyTicketsMessage, type CardValues, type ProofValues, type TicketValues } from '~/rules/claim-form'
import { todayInShanghai } from '~/rules/dates'
import { normalisePersonName } from '~/rules/person-name'
import type { Actor } from '~/rules/permissions'
import { filingWindow, mayTopUp, policyTermsOf, type ClaimProblem } from '~/rules/subsidy'
import { CLAIM_STATE_LABELS } from '~/rules/subsidy-labels'
import { isEditableByWorker } from '~/rules/subsidy-states'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction, type DB, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import type { UploadedFile } from '~/utils/upload.server'
import { assessOwnClaim } from './claim-facts.server'
import { deleteClaimFile, saveClaimFiles, storedNamesOf, unlinkStoredFiles } from './claim-file.server'
import { flagDuplicates } from './claim-flags.server'
import { countingClaimOf, employmentChoices, ownClaim, ownLedgerRow, ticketsOfClaim } from './claim-read.server'
import { policyInForce } from './subsidy-policy.server'

// The worker's side of the transport subsidy (跨省一次性交通补助, issue 13 §3), writes: the one draft per worker
// (subsidy_claims_worker_draft_uq), its tickets and files, the proof of work, the payment card, and submitClaim.
// Every write is one write transaction (BEGIN IMMEDIATE); a claim that is not the signed-in worker's answers
// null (a 404). Only a draft or a returned claim may be changed. "Once a year" is the database's word
// (subsidy_claims_worker_year_uq): submitClaim does not look first, it lets the index refuse and says so.

const NOT_EDITABLE = '申请已经提交，不能再修改。如需更正，请等区县退回后再改。'
const ONCE_A_YEAR = '今年已经申请过一次交通补助'
const NO_POLICY = '本区县这一年的交通补助政策还没有公布，暂时不能提交'

/** The worker's claim if it may still be changed (draft or returned): null when not theirs, the Failure when it is no longer editable. */
function editable(tx: DB, actor: Actor, claimId: number): Result<{ claim: SelectSubsidyClaim }> | null {
  const claim = ownClaim(tx, actor, claimId)
  if (!claim) return null
  if (!isEditableByWorker(claim.state)) return failure(NOT_EDITABLE, { status: 409 })
  return { ok: true, claim }
}

function touch(tx: DB, claimId: number) {
  tx.update(subsidyClaims).set({ updatedAt: new Date() }).where(eq(subsidyClaims.id, claimId)).run()
}

/**
 * The year before `today`'s (Shanghai day) when the worker may still file for it (issue 13 §1 late-filing
 * window): the county's policy for that year is still open on `today` (filingWindow: up to its lateUntil) and
 * the worker holds no claim that counts for it. Takes the county's organisation id and the worker's ledger id;
 * returns `{ year, lastDay }` (the last filing day, `YYYY-MM-DD`) or null. Read-only.
 */
export function lateFilingYear(q: Queryable, organisationId: number, workerId: number, today = todayInShanghai()): { year: number; lastDay: string } | null {
  const year = Number(today.slice(0, 4)) - 1
  const policy = policyInForce(q, organisationId, year)
  if (!policy || !filingWindow(policy, today).open) return null
  if (countingClaimOf(q, workerId, year)) return null
  return { year, lastDay: policy.lateUntil ?? policy.closesOn }
}

/**
 * Starts the signed-in worker's draft claim, or resumes the one they have (one draft per worker, issue 13 §3).
 * The draft is for this Shanghai year under the county's policy in force, or — asked with `year` — for last
 * year while its late-filing window is open and the worker has no claim for it (lateFilingYear; else 409). Once a year (issue 13 §2): when a
 * claim already counts for the year, no new draft is started — except a top-up (`topUp`), allowed after an
 * approved or paid flat-amount claim (mayTopUp): the draft then records the claim it tops up, claims by
 * tickets, and takes over its employment record and card. Returns `{ id, resumed }`; a Failure (403) when the
 * account is not a verified worker of the county, (400) when the county has no policy for the year, (409) when
 * the year already holds a claim (naming its state) or the top-up is not allowed. Writes the draft, its first
 * timeline event and an audit row (`claim.create`, with `topUpOf` for a top-up).
 */
export function startDraft(actor: Actor, { topUp = false, year: asked }: { topUp?: boolean; year?: number } = {}): Result<{ id: number; resumed: boolean }> {
  try {
    return writeTransaction((tx) => {
      const own = ownLedgerRow(tx, actor)
      if (!own || own.verifiedAt == null) return failure('账号核验通过后才能申领交通补助', { status: 403 })
      if (own.worker.archivedAt != null) return failure('台账信息已归档，请联系区县就业和人才中心', { status: 403 })
      const draft = tx
        .select({ id: subsidyClaims.id })
        .from(subsidyClaims)
        .where(and(eq(subsidyClaims.workerId, own.worker.id), eq(subsidyClaims.state, 'draft')))
        .get()
      if (draft) return { ok: true as const, id: draft.id, resumed: true }
      const thisYear = Number(todayInShanghai().slice(0, 4))
      const year = asked ?? thisYear
      if (year !== thisYear && (topUp || lateFilingYear(tx, actor.organisationId, own.worker.id)?.year !== year)) {
        return failure(`${year}年的交通补助已经不能补报，请申请${thisYear}年的`, { status: 409 })
      }
      const counting = countingClaimOf(tx, own.worker.id, year)
      if (counting && !topUp) {
        return failure(`您${year}年的交通补助已经申请过（${CLAIM_STATE_LABELS[counting.state]}），一年只能申请一次。`, { status: 409 })
      }
      if (topUp && !(counting && mayTopUp(counting, counting.topUpStates))) {
        return failure('只有按定额申领、已经核定或已经发放的申请，才能补交车票申请补差。', { status: 409 })
      }
      const policy = policyInForce(tx, actor.organisationId, year)
      if (!policy) return failure(`本区县${year}年的交通补助政策还没有公布，暂时不能申领`)
      const earlier = counting ? tx.select().from(subsidyClaims).where(eq(subsidyClaims.id, counting.id)).get() : undefined
      const record = employmentChoices(tx, own.worker.id).find((r) => r.id === earlier?.employmentRecordId) ?? employmentChoices(tx, own.worker.id)[0]
      const { id } = tx
        .insert(subsidyClaims)
        .values({
          organisationId: actor.organisationId,
          workerId: own.worker.id,
          // The queue's township filter reads it (subsidy_claims_org_township_idx); submitClaim refreshes it.
          townshipCode: own.worker.townshipCode,
          userId: actor.userId,
          year,
          policyId: policy.id,
          state: 'draft',
          // A portal employment record is the proof that needs no upload: offered first when there is one.
          proofKind: record ? 'employment_record' : null,
          employmentRecordId: record?.id ?? null,
          workplaceCode: record?.cityCode ?? null,
          workDistance: record && record.cityCode.startsWith('50') ? 'outside_county' : 'outside_chongqing',
          // A top-up (subsidy_claims_worker_year_uq leaves it out) pays the difference to the same card.
          topUpOfClaimId: earlier?.id ?? null,
          cardKind: earlier?.cardKind ?? null,
          cardNumber: earlier?.cardNumber ?? null,
        })
        .returning({ id: subsidyClaims.id })
        .get()
      tx.insert(subsidyClaimEvents).values({ claimId: id, fromState: null, toState: 'draft', actorUserId: actor.userId }).run()
      writeActorAudit(tx, actor, { action: 'claim.create', entity: 'claim', entityId: id, detail: earlier ? { topUpOf: earlier.id } : undefined })
      return { ok: true as const, id, resumed: false }
    })
  } catch (error) {
    // Another request made the draft between our look and our insert (a second process): resume it.
    if (!isUniqueViolation(error)) throw error
    const again = startDraftLookup(actor)
    return again ? { ok: true, id: again, resumed: true } : failure('请稍后再试', { status: 409 })
  }
}

function startDraftLookup(actor: Actor) {
  return writeTransaction((tx) => {
    const own = ownLedgerRow(tx, actor)
    if (!own) return null
    return (
      tx
        .select({ id: subsidyClaims.id })
        .from(subsidyClaims)
        .where(and(eq(subsidyClaims.workerId, own.worker.id), eq(subsidyClaims.state, 'draft')))
        .get()?.id ?? null
    )
  })
}

/** The ticket fields a worker types, as stored: what an edit compares and a returned claim's audit shows. */
const TICKET_FIELDS = ['direction', 'mode', 'travelDate', 'fromPlace', 'toPlace', 'fareFen', 'ticketNumber'] as const
type TicketFields = Pick<SelectSubsidyTicket, (typeof TICKET_FIELDS)[number]>

/** The fields that differ between `before` and `after`, each side with only those: `{ before, after }`, or null when none. */
function changedFields(before: TicketFields, after: TicketFields) {
  const names = TICKET_FIELDS.filter((k) => before[k] !== after[k])
  if (names.length === 0) return null
  return { before: Object.fromEntries(names.map((k) => [k, before[k]])), after: Object.fromEntries(names.map((k) => [k, after[k]])) }
}

/**
 * A ticket the worker changed (a field or its files) loses the reviewer's decision on it and its reason
 * (issue 13 §6: a decision is on the ticket the reviewer saw — an approved ¥428 fare edited to ¥4,280 on a
 * returned claim must be decided again, and decideClaim refuses while a ticket is undecided).
 */
function clearTicketDecision(tx: DB, ticketId: number) {
  tx.update(subsidyTickets).set({ decision: null, rejectReason: null }).where(eq(subsidyTickets.id, ticketId)).run()
}

/**
 * The worker's change to a returned claim, audited (issue 13 §6: every step of a claim is traceable; after a
 * return the reviewer must see what the worker changed). A draft's typing is not audited: nothing was decided.
 */
function auditReturnedEdit(tx: DB, actor: Actor, claim: SelectSubsidyClaim, action: string, detail: Record<string, unknown>) {
  if (claim.state !== 'returned') return
  writeActorAudit(tx, actor, { action, entity: 'claim', entityId: claim.id, detail })
}

/**
 * Adds a ticket to a leg of the worker's draft, or edits one (`values.ticketId`), with its photos or PDFs
 * (`files`, any number the upload limits allowed; S2's saveClaimFiles stores them re-encoded). Takes the
 * claim id, the form's values (fare already in fen) and the files. A leg holds at most MAX_TICKETS_PER_LEG
 * tickets, counted in the same write transaction as the insert, so simultaneous posts cannot pass it (a 400
 * beside the leg's field). An edit that changes a field, or any new file, clears the reviewer's decision on
 * the ticket; on a returned claim the change is audited (`claim.add_ticket`, `claim.edit_ticket` with the
 * changed fields before and after). Returns `{ ticketId }`; null when the claim or ticket is not theirs; a
 * Failure when the claim is no longer editable, the leg is full or a file is refused — then the ticket added
 * is removed again, so nothing is half saved.
 */
export async function saveTicket(actor: Actor, claimId: number, values: TicketValues, files: UploadedFile[]): Promise<Result<{ ticketId: number }> | null> {
  const saved = writeTransaction((tx): Result<{ ticketId: number; added: boolean }> | null => {
    const found = editable(tx, actor, claimId)
    if (!found?.ok) return found
    const fields: TicketFields = {
      direction: values.direction,
      mode: values.mode,
      travelDate: values.travelDate,
      fromPlace: values.fromPlace,
      toPlace: values.toPlace,
      fareFen: values.fare,
      ticketNumber: values.ticketNumber,
    }
    const leg = tx
      .select({ id: subsidyTickets.id })
      .from(subsidyTickets)
      .where(and(eq(subsidyTickets.claimId, claimId), eq(subsidyTickets.direction, values.direction)))
      .all()
      .filter((t) => t.id !== values.ticketId)
    if (leg.length >= MAX_TICKETS_PER_LEG) return failure(tooManyTicketsMessage(values.direction === 'outbound' ? '去程' : '返程'), { field: 'direction' })
    if (values.ticketId != null) {
      const ticket = tx
        .select()
        .from(subsidyTickets)
        .where(and(eq(subsidyTickets.id, values.ticketId), eq(subsidyTickets.claimId, claimId)))
        .get()
      if (!ticket) return null
      const changed = changedFields(ticket, fields)
      tx.update(subsidyTickets).set(fields).where(eq(subsidyTickets.id, ticket.id)).run()
      if (changed || files.length > 0) clearTicketDecision(tx, ticket.id)
      if (changed) auditReturnedEdit(tx, actor, found.claim, 'claim.edit_ticket', { ticketId: ticket.id, ...changed, decisionCleared: ticket.decision })
      touch(tx, claimId)
      return { ok: true, ticketId: ticket.id, added: false }
    }
    const position =
      (tx
        .select({ n: max(subsidyTickets.position) })
        .from(subsidyTickets)
        .where(eq(subsidyTickets.claimId, claimId))
        .get()?.n ?? 0) + 1
    const { id } = tx
      .insert(subsidyTickets)
      .values({ claimId, position, ...fields })
      .returning({ id: subsidyTickets.id })
      .get()
    // Tickets replace the flat amount: claiming both is what assessClaim refuses.
    tx.update(subsidyClaims).set({ flat: false, updatedAt: new Date() }).where(eq(subsidyClaims.id, claimId)).run()
    auditReturnedEdit(tx, actor, found.claim, 'claim.add_ticket', { ticketId: id, after: fields })
    return { ok: true, ticketId: id, added: true }
  })
  if (!saved?.ok) return saved
  if (files.length > 0) {
    const stored = await storeFiles(actor, claimId, saved.ticketId, 'ticket', files)
    if (!stored.ok) {
      if (saved.added) writeTransaction((tx) => tx.delete(subsidyTickets).where(eq(subsidyTickets.id, saved.ticketId)).run())
      return stored
    }
  }
  return { ok: true, ticketId: saved.ticketId }
}

/** S2's saveClaimFiles behind a Result: a refused or unreadable file is a 400/413/415 Failure beside the file field. */
async function storeFiles(actor: Actor, claimId: number, ticketId: number | null, purpose: 'ticket' | 'proof', files: UploadedFile[]): Promise<Result> {
  const result = await saveClaimFiles({ claimId, ticketId, purpose, files, userId: actor.userId })
  return result.ok ? { ok: true } : { ...result, field: result.field ?? 'files' }
}

/**
 * Adds photos or PDFs to a ticket of the worker's editable claim (`ticketId`), or proof files (`ticketId`
 * null). New files of a ticket clear the reviewer's decision on it (audited `claim.ticket_files` on a
 * returned claim). Returns ok, null when not theirs, or a Failure (not editable, a refused file).
 */
export async function addClaimFiles(actor: Actor, claimId: number, ticketId: number | null, files: UploadedFile[]): Promise<Result | null> {
  const found = writeTransaction((tx) => {
    const e = editable(tx, actor, claimId)
    if (!e?.ok) return e
    if (
      ticketId != null &&
      !tx
        .select({ id: subsidyTickets.id })
        .from(subsidyTickets)
        .where(and(eq(subsidyTickets.id, ticketId), eq(subsidyTickets.claimId, claimId)))
        .get()
    )
      return null
    return e
  })
  if (!found?.ok) return found
  if (files.length === 0) return failure('请选择要上传的照片或 PDF', { field: 'files' })
  const stored = await storeFiles(actor, claimId, ticketId, ticketId == null ? 'proof' : 'ticket', files)
  if (stored.ok && ticketId != null) {
    // A new photo of a ticket is a new ticket to the reviewer: its decision is taken again.
    writeTransaction((tx) => {
      clearTicketDecision(tx, ticketId)
      auditReturnedEdit(tx, actor, found.claim, 'claim.ticket_files', { ticketId, added: files.length })
    })
  }
  return stored
}

/** Removes a ticket and its files (rows by cascade, then the stored files) from the worker's editable claim (audited `claim.remove_ticket` on a returned claim). Returns ok, null when not theirs, or a Failure. */
export async function removeTicket(actor: Actor, claimId: number, ticketId: number): Promise<Result | null> {
  const removed = writeTransaction((tx): Result<{ storedNames: string[] }> | null => {
    const found = editable(tx, actor, claimId)
    if (!found?.ok) return found
    const storedNames = storedNamesOf(tx, claimId, ticketId)
    const gone = tx
      .delete(subsidyTickets)
      .where(and(eq(subsidyTickets.id, ticketId), eq(subsidyTickets.claimId, claimId)))
      .returning()
      .all()
    if (gone.length === 0) return null
    const [ticket] = gone
    auditReturnedEdit(tx, actor, found.claim, 'claim.remove_ticket', {
      ticketId,
      before: Object.fromEntries(TICKET_FIELDS.map((k) => [k, ticket[k]])),
      decision: ticket.decision,
    })
    touch(tx, claimId)
    return { ok: true, storedNames }
  })
  if (!removed?.ok) return removed
  await unlinkStoredFiles(removed.storedNames)
  return { ok: true }
}

/** Removes one uploaded file (row and stored file) from the worker's editable claim; a ticket's file clears the decision on that ticket. Returns ok, null when not theirs, or a Failure. */
export async function removeClaimFile(actor: Actor, claimId: number, fileId: number): Promise<Result | null> {
  const found = writeTransaction((tx) => editable(tx, actor, claimId))
  if (!found?.ok) return found
  const file = db
    .select({ ticketId: subsidyFiles.ticketId })
    .from(subsidyFiles)
    .where(and(eq(subsidyFiles.id, fileId), eq(subsidyFiles.claimId, claimId)))
    .get()
  if (!(await deleteClaimFile(claimId, fileId))) return null
  const ticketId = file?.ticketId
  if (ticketId != null) {
    // The photo the reviewer decided on is gone: the ticket is decided again.
    writeTransaction((tx) => {
      clearTicketDecision(tx, ticketId)
      auditReturnedEdit(tx, actor, found.claim, 'claim.ticket_files', { ticketId, removedFileId: fileId })
    })
  }
  return { ok: true }
}

/**
 * Saves where the work is and its proof: a portal employment record of the worker's (its city decides the
 * distance) or an uploaded document of a kind the county's policy accepts, with its `files`. Returns ok, null
 * when not theirs, or a Failure beside the field (a record not theirs, a kind not accepted, no file).
 */
export async function saveProof(actor: Actor, claimId: number, values: ProofValues, files: UploadedFile[]): Promise<Result | null> {
  const saved = writeTransaction((tx): Result | null => {
    const found = editable(tx, actor, claimId)
    if (!found?.ok) return found
    const { claim } = found
    const policy = policyInForce(tx, claim.organisationId, claim.year)
    const accepted = policy ? policyTermsOf(policy).acceptedProofs : []
    if (!accepted.includes(values.proofKind)) return failure('本区县政策不接受这种证明，请换一种', { field: 'proofKind' })
    if (values.proofKind === 'employment_record') {
      const record = employmentChoices(tx, claim.workerId).find((r) => r.id === values.employmentRecordId)
      if (!record) return failure('请选择一条您自己的平台就业记录', { field: 'employmentRecordId' })
      tx.update(subsidyClaims)
        .set({
          proofKind: 'employment_record',
          employmentRecordId: record.id,
          workplaceCode: record.cityCode,
          workDistance: record.cityCode.startsWith('50') ? 'outside_county' : 'outside_chongqing',
          updatedAt: new Date(),
        })
        .where(eq(subsidyClaims.id, claimId))
        .run()
      return { ok: true }
    }
    const hasFile = tx
      .select({ id: subsidyFiles.id })
      .from(subsidyFiles)
      .where(and(eq(subsidyFiles.claimId, claimId), eq(subsidyFiles.purpose, 'proof')))
      .get()
    if (!hasFile && files.length === 0) return failure('请上传证明的照片或 PDF', { field: 'files' })
    tx.update(subsidyClaims)
      .set({ proofKind: values.proofKind, employmentRecordId: null, workplaceCode: null, workDistance: values.workDistance, updatedAt: new Date() })
      .where(eq(subsidyClaims.id, claimId))
      .run()
    return { ok: true }
  })
  if (!saved?.ok || values.proofKind === 'employment_record' || files.length === 0) return saved
  return storeFiles(actor, claimId, null, 'proof', files)
}

/** Claims the flat amount without tickets (`flat`), or stops claiming it. Returns ok, null, or a Failure (tickets already added). */
export function setFlat(actor: Actor, claimId: number, flat: boolean): Result | null {
  return writeTransaction((tx) => {
    const found = editable(tx, actor, claimId)
    if (!found?.ok) return found
    if (flat && tx.select({ id: subsidyTickets.id }).from(subsidyTickets).where(eq(subsidyTickets.claimId, claimId)).get()) {
      return failure('已经添加了车票，按车票实际票价申领；要按定额申领请先删除车票', { field: 'flat' })
    }
    tx.update(subsidyClaims).set({ flat, updatedAt: new Date() }).where(eq(subsidyClaims.id, claimId)).run()
    return { ok: true as const }
  })
}

/**
 * Saves the card the money goes to (kind and digits, already checked: typed twice, Luhn). The number is
 * stored whole (the payout export needs it) and shown masked everywhere after. Audited as `claim.card`
 * without the number. Returns ok, null, or a Failure.
 */
export function saveCard(actor: Actor, claimId: number, values: CardValues): Result | null {
  return writeTransaction((tx) => {
    const found = editable(tx, actor, claimId)
    if (!found?.ok) return found
    tx.update(subsidyClaims).set({ cardKind: values.cardKind, cardNumber: values.cardNumber, updatedAt: new Date() }).where(eq(subsidyClaims.id, claimId)).run()
    writeActorAudit(tx, actor, { action: 'claim.card', entity: 'claim', entityId: claimId, detail: { cardKind: values.cardKind } })
    return { ok: true as const }
  })
}

/**
 * Submits the worker's draft or returned claim (issue 13 §3, §6) in one write transaction: the rules
 * (assessClaim) judge it with the policy in force for its year, the person, their work and their boarded
 * batches; the expected amount, year and policy are stored; the state becomes submitted; duplicates are
 * flagged (flagDuplicates); one timeline event and one audit row (`claim.submit`) are written. Takes the
 * claim id and the name typed under the 承诺书 (it must equal the ledger name).
 *
 * Returns `{ id, replayed }` — replayed when this claim was already submitted (a refreshed or re-sent POST:
 * nothing happens twice); null when not theirs; a Failure: the first problem the rules found (beside its
 * field), a name that is not theirs, or — when the year already holds a claim of theirs — "今年已经申请过一次
 * 交通补助" (400), which the unique index decides even for simultaneous submissions.
 */
export function submitClaim(actor: Actor, claimId: number, { commitmentName }: { commitmentName: string }): Result<{ id: number; replayed: boolean }> | null {
  try {
    return writeTransaction((tx): Result<{ id: number; replayed: boolean }> | null => {
      const claim = ownClaim(tx, actor, claimId)
      if (!claim) return null
      if (!isEditableByWorker(claim.state)) {
        return claim.submittedAt ? { ok: true, id: claim.id, replayed: true } : failure(NOT_EDITABLE, { status: 409 })
      }
      const own = ownLedgerRow(tx, actor)
      if (!own) return null
      if (normalisePersonName(commitmentName) !== normalisePersonName(own.worker.name))
        return failure('请填写您本人的姓名（与台账一致）', { field: 'commitmentName' })
      const [missing] = missingBeforeSubmit(tx, claim)
      if (missing) return failure(missing.message, { field: missing.field })
      const { policy, assessment } = assessOwnClaim(tx, claim, actor.areaCode)
      if (!policy || !assessment) return failure(NO_POLICY, { field: 'tickets' })
      const problem = assessment.problems[0]
      if (problem) return failure(problem.message, { field: problem.field.startsWith('tickets.') ? 'tickets' : problem.field })
      if (claim.topUpOfClaimId != null) {
        const toppedUp = tx.select({ year: subsidyClaims.year }).from(subsidyClaims).where(eq(subsidyClaims.id, claim.topUpOfClaimId)).get()
        if (toppedUp?.year !== assessment.year)
          return failure(`补差只补${toppedUp?.year ?? ''}年那一次往返，请填写${toppedUp?.year ?? ''}年的车票`, { field: 'tickets' })
      }
      const now = new Date()
      tx.update(subsidyClaims)
        .set({
          state: 'submitted',
          year: assessment.year,
          policyId: policy.id,
          expectedFen: assessment.amountFen,
          workDistance: assessment.distance ?? claim.workDistance,
          commitmentName: own.worker.name,
          // The worker's township at submission: the queue's township filter reads it.
          townshipCode: own.worker.townshipCode,
          committedAt: now,
          submittedAt: now,
          updatedAt: now,
        })
        .where(eq(subsidyClaims.id, claim.id))
        .run()
      flagDuplicates(tx, claim.id)
      tx.insert(subsidyClaimEvents).values({ claimId: claim.id, fromState: claim.state, toState: 'submitted', actorUserId: actor.userId }).run()
      writeActorAudit(tx, actor, {
        action: 'claim.submit',
        entity: 'claim',
        entityId: claim.id,
        detail: { from: claim.state, year: assessment.year, expectedFen: assessment.amountFen },
      })
      return { ok: true, id: claim.id, replayed: false }
    })
  } catch (error) {
    if (isUniqueViolation(error) && String((error as Error).message).includes('subsidy_claims.')) return failure(ONCE_A_YEAR, { status: 400 })
    throw error
  }
}

/**
 * Everything submitClaim would refuse `claim` for, apart from the name typed under the 承诺书, in the order it
 * checks (issue 13 §3: the worker sees before ticking the commitment what stops the submission): a ticket
 * without a photo or PDF (each named), no proof of work, no card, no policy for the year, the rules' problems
 * (assessClaim), and a year that already holds another claim of theirs. Takes the claim (draft or returned)
 * and the county's area code; returns `{ field, message }` items, empty when it may be submitted. Read-only.
 */
export function submitRefusals(q: Queryable, claim: SelectSubsidyClaim, countyCode: string): ClaimProblem[] {
  const refusals = missingBeforeSubmit(q, claim)
  const { policy, assessment } = assessOwnClaim(q, claim, countyCode)
  if (!policy || !assessment) return [...refusals, { field: 'tickets', message: NO_POLICY }]
  for (const problem of assessment.problems) {
    refusals.push({ field: problem.field.startsWith('tickets.') ? 'tickets' : problem.field, message: problem.message })
  }
  const counting = claim.topUpOfClaimId == null ? countingClaimOf(q, claim.workerId, claim.year) : null
  if (counting && counting.id !== claim.id)
    refusals.push({ field: '', message: `${claim.year}年已经申请过一次交通补助（${CLAIM_STATE_LABELS[counting.state]}），一年只能申请一次` })
  return refusals
}

/** What the form must still hold before the rules are asked: a photo per ticket (each ticket without one named), a proof, a card; each item names the section's field. */
function missingBeforeSubmit(q: Queryable, claim: SelectSubsidyClaim): ClaimProblem[] {
  const tickets = ticketsOfClaim(q, claim.id)
  const withFiles = new Set(
    q
      .select({ ticketId: subsidyFiles.ticketId })
      .from(subsidyFiles)
      .where(eq(subsidyFiles.claimId, claim.id))
      .all()
      .map((f) => f.ticketId),
  )
  const missing: ClaimProblem[] = []
  tickets.forEach((t, i) => {
    if (!withFiles.has(t.id)) missing.push({ field: 'tickets', message: `第 ${i + 1} 张车票还没有上传照片或 PDF` })
  })
  if (!claim.proofKind) missing.push({ field: 'proofKind', message: '请选择务工证明' })
  if (!claim.cardKind || !claim.cardNumber) missing.push({ field: 'cardNumber', message: '请填写收款的社会保障卡或银行卡' })
  return missing
}
