import { and, desc, eq } from 'drizzle-orm'
import { applications, batchSeats, employmentRecords, subsidyClaims, vacancies } from '../../db/schema'
import { bureauMayMove, mayUndoDecision, type BureauMove, type UndecidedStatus } from '~/rules/application'
import { formatDate, todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { effectiveStatus, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { writeActorAudit } from '~/utils/audit.server'
import { isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { countRows } from './query.server'

// The bureau's decisions on an applicant (product brief §2; issue 9 §4): contact, hire, decline, and
// undoing a hire or a decline. A hire writes the employment record — the fact that later makes the worker
// eligible for the transport subsidy — so it is counted against the post's headcount inside the same
// BEGIN IMMEDIATE transaction as its insert: two bureau clerks (or two server processes) clicking 录用 at
// once cannot both pass the count.

/** The application with its post, when the post is the actor's bureau's; read inside the transaction. */
function ownApplication(tx: Queryable, actor: Actor, applicationId: number) {
  return (
    tx
      .select({ application: applications, vacancy: vacancies })
      .from(applications)
      .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
      .where(and(eq(applications.id, applicationId), eq(vacancies.organisationId, actor.organisationId)))
      .get() ?? null
  )
}

function hiredOn(tx: Queryable, vacancyId: number) {
  return countRows(tx, applications, and(eq(applications.vacancyId, vacancyId), eq(applications.status, 'hired')))
}

const SAME_DAY_HIRE = '此人已被本单位录用，到岗日期相同，不能重复录用'

/**
 * Moves an application one step (submitted → contacted → hired / declined). A hire is refused (a Failure,
 * 400, nothing written) when the post is not taking people — closed, filled, expired — or already has as
 * many hires as its headcount, and when the same person was already hired by the same employer with the
 * same start date (a unique index). A hire records the employment and marks the post filled once its
 * headcount is reached. The status before the decision is kept so it can be undone (undoDecision). A
 * decline's typed reason stays on the application, never in the audit log. Null when the application is
 * not on this bureau's post (→ 404).
 */
export function moveApplication(
  actor: Actor,
  applicationId: number,
  to: BureauMove,
  { startDate, reason }: { startDate?: string | null; reason?: string | null } = {},
): Result<{ filled: boolean }> | null {
  try {
    return writeTransaction((tx) => decide(tx, actor, applicationId, to, { startDate: startDate ?? null, reason: reason ?? null }))
  } catch (error) {
    // Raised by the insert; the transaction has rolled back the status change with it.
    if (isUniqueViolation(error)) return failure(SAME_DAY_HIRE, { field: 'startDate' })
    throw error
  }
}

function decide(
  tx: Queryable,
  actor: Actor,
  applicationId: number,
  to: BureauMove,
  { startDate, reason }: { startDate: string | null; reason: string | null },
): Result<{ filled: boolean }> | null {
  const row = ownApplication(tx, actor, applicationId)
  if (!row) return null
  const { application, vacancy } = row
  if (!bureauMayMove(application.status, to)) return failure('当前状态下不能进行此操作')
  if (to === 'hired') {
    if (!startDate) return failure('请填写到岗日期', { field: 'startDate' })
    const postState = effectiveStatus(vacancy.status, vacancy.validUntil, todayInShanghai())
    if (postState !== 'published') return failure(`岗位${VACANCY_STATUS_LABELS[postState]}，不能再录用`)
    const hired = hiredOn(tx, vacancy.id)
    if (hired >= vacancy.headcount) return failure(`岗位已录用 ${hired} 人，达到招聘人数 ${vacancy.headcount} 人，不能再录用`)
  }
  const now = new Date()
  const decision = to === 'hired' || to === 'declined'
  tx.update(applications)
    .set({
      status: to,
      statusChangedAt: now,
      ...(decision ? { previousStatus: application.status } : {}),
      ...(to === 'declined' ? { decisionNote: reason } : {}),
    })
    .where(eq(applications.id, applicationId))
    .run()
  writeActorAudit(tx, actor, {
    action: `application.${to}`,
    entity: 'application',
    entityId: applicationId,
    // Typed text may name people: it stays on the application (decisionNote), never in the log.
    detail: { from: application.status, to, vacancyId: vacancy.id, ...(to === 'declined' ? { withNote: Boolean(reason) } : {}) },
  })
  if (to !== 'hired') return { ok: true as const, filled: false }
  tx.insert(employmentRecords)
    .values({
      workerId: application.workerId,
      applicationId,
      employerId: vacancy.employerId,
      cityCode: vacancy.cityCode,
      startDate: startDate!,
      createdByUserId: actor.userId,
    })
    .run()
  const hired = hiredOn(tx, vacancy.id)
  if (hired < vacancy.headcount) return { ok: true as const, filled: false }
  tx.update(vacancies).set({ status: 'filled', closedAt: now }).where(eq(vacancies.id, vacancy.id)).run()
  writeActorAudit(tx, actor, {
    action: 'vacancy.fill',
    entity: 'vacancy',
    entityId: vacancy.id,
    reason: 'headcount_reached',
    detail: { from: 'published', to: 'filled', hired },
  })
  return { ok: true as const, filled: true }
}

/** An undo refused because another record refers to the employment record (no reference this file knows of). */
const RECORD_IN_USE = '这条就业记录已被其他业务使用，不能撤销'

/**
 * Why the employment record `employmentRecordId` cannot be deleted — another record refers to it — as a
 * Failure (409) in words the bureau can act on; null when nothing refers to it. What refers to one (the
 * foreign keys on employment_records, tests/routes/hire-undo-arrival.test.ts keeps this list whole):
 * - an arrival confirmation (batch_seats.employment_record_id, set by markArrivals in
 *   app/models/arrival.server.ts, cleared when the seat is marked 未到岗): the bureau's own 到岗确认 of
 *   the person on a charter batch, which links the hire it confirms;
 * - a transport-subsidy claim (subsidy_claims.employment_record_id): the worker's proof of employment.
 * Both only ever link the worker's own records (hireFor takes the seat's worker, a claim its worker's
 * employmentChoices), so each is looked up through the worker's index, a few rows, never a table scan;
 * undoDecision still turns any other reference the database refuses into a refusal.
 */
function dependantRefusal(tx: Queryable, employmentRecordId: number): Failure | null {
  const seat = tx
    .select({ arrival: batchSeats.arrival, departureDate: batchSeats.departureDate })
    .from(employmentRecords)
    .innerJoin(batchSeats, and(eq(batchSeats.workerId, employmentRecords.workerId), eq(batchSeats.employmentRecordId, employmentRecords.id)))
    .where(eq(employmentRecords.id, employmentRecordId))
    .orderBy(desc(batchSeats.departureDate))
    .get()
  if (seat) {
    return failure(
      seat.arrival === 'arrived'
        ? `此人已在 ${seat.departureDate} 发车的包车批次确认到岗，不能撤销录用。如此人确未到岗，请先在到岗确认中将其标记为未到岗，再撤销录用`
        : RECORD_IN_USE,
      { status: 409 },
    )
  }
  const claim = tx
    .select({ id: subsidyClaims.id })
    .from(employmentRecords)
    .innerJoin(subsidyClaims, and(eq(subsidyClaims.workerId, employmentRecords.workerId), eq(subsidyClaims.employmentRecordId, employmentRecords.id)))
    .where(eq(employmentRecords.id, employmentRecordId))
    .get()
  if (claim) return failure('此人申请交通补贴时已用这条就业记录作为就业证明，不能撤销录用；如录用确有错误，请联系管理员', { status: 409 })
  return null
}

/** Whether a write failed on a foreign key: a row still refers to the one deleted. */
function isForeignKeyViolation(error: unknown) {
  return error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}

/**
 * Whether the bureau can still undo the hire or decline of one of its applications (for the page's
 * 撤销 link), with the reason it cannot. Same rule as undoDecision: mayUndoDecision
 * (app/rules/application.ts: latest decision, known previous status, at most UNDO_DAYS old), then, for an
 * undoable hire, nothing may refer to its employment record (dependantRefusal: an arrival confirmation
 * or a subsidy claim), each refusal named in its own words rather than the rule's general one. Takes the
 * application, today (YYYY-MM-DD, Shanghai) and its employment record's id: a list that has already
 * joined it passes it (null: none), so a page of applicants costs no query per row but two indexed look-ups per
 * still-undoable hire; left out, it is looked up. Returns `{ ok: true, to }` (the status it goes back
 * to) or a Failure (400; 409 when another record refers to the employment record).
 */
export function undoCheck(
  tx: Queryable,
  application: { id: number; status: UndecidedStatus | 'hired' | 'declined' | 'withdrawn'; previousStatus: string | null; statusChangedAt: Date | null },
  today = todayInShanghai(),
  employmentRecordId?: number | null,
): { ok: true; to: UndecidedStatus } | Failure {
  const rule = mayUndoDecision({
    status: application.status,
    previousStatus: application.previousStatus as UndecidedStatus | null,
    decidedOn: application.statusChangedAt ? formatDate(application.statusChangedAt) : null,
    today,
    // Counted below, only for a decision the rule would let go, so that the refusal can say what refers to it.
    dependants: 0,
  })
  if (!rule.ok) return rule
  const recordId =
    employmentRecordId !== undefined
      ? employmentRecordId
      : (tx.select({ id: employmentRecords.id }).from(employmentRecords).where(eq(employmentRecords.applicationId, application.id)).get()?.id ?? null)
  return (recordId != null && dependantRefusal(tx, recordId)) || rule
}

/**
 * Undoes the bureau's hire or decline of an application (issue 9 §4) with a typed reason (required,
 * ≤200 characters, checked by the route's schema; kept on the application as undoNote, not in the log).
 * The application goes back to the status it had before; an undone hire removes its employment record,
 * and a post that this very hire marked filled (closed at the same moment) opens again unless it is past
 * its valid-until day. Audited (`application.undo`). A Failure (400) when the decision can no longer be
 * undone (mayUndoDecision); null when the application is not on this bureau's post (→ 404).
 *
 * A hire whose employment record something else refers to is refused with nothing written (a Failure,
 * 409, undoCheck): above all one the bureau has confirmed at arrival (到岗确认 on a charter batch links the
 * hire to the seat) — the arrival is the bureau's own record that this person came to this job, so the
 * hire is not taken from under it; the message says to mark the person 未到岗 in 到岗确认 first (which
 * clears the link, markArrivals) if they never came, after which the undo goes through. Likewise a hire
 * a subsidy claim gives as its proof of employment. Should the database still refuse the delete for a
 * reference not checked here, the whole undo rolls back and is refused the same way, never a 500.
 */
export function undoDecision(actor: Actor, applicationId: number, reason: string): Result<{ to: UndecidedStatus; reopened: boolean }> | null {
  try {
    return writeTransaction((tx) => undo(tx, actor, applicationId, reason))
  } catch (error) {
    // Raised by the delete; the transaction has rolled back everything with it.
    if (isForeignKeyViolation(error)) return failure(RECORD_IN_USE, { status: 409 })
    throw error
  }
}

function undo(tx: Queryable, actor: Actor, applicationId: number, reason: string): Result<{ to: UndecidedStatus; reopened: boolean }> | null {
  const row = ownApplication(tx, actor, applicationId)
  if (!row) return null
  const { application, vacancy } = row
  const today = todayInShanghai()
  const record = tx.select({ id: employmentRecords.id }).from(employmentRecords).where(eq(employmentRecords.applicationId, applicationId)).get()
  const check = undoCheck(tx, application, today, record?.id ?? null)
  if (!check.ok) return check
  if (record) tx.delete(employmentRecords).where(eq(employmentRecords.id, record.id)).run()
  tx.update(applications)
    .set({ status: check.to, previousStatus: null, statusChangedAt: new Date(), undoNote: reason })
    .where(eq(applications.id, applicationId))
    .run()
  const filledByThisHire =
    application.status === 'hired' &&
    vacancy.status === 'filled' &&
    vacancy.closedAt != null &&
    application.statusChangedAt != null &&
    vacancy.closedAt.getTime() === application.statusChangedAt.getTime()
  const reopened = filledByThisHire && vacancy.validUntil >= today
  if (reopened) {
    tx.update(vacancies).set({ status: 'published', closedAt: null }).where(eq(vacancies.id, vacancy.id)).run()
    writeActorAudit(tx, actor, {
      action: 'vacancy.reopen',
      entity: 'vacancy',
      entityId: vacancy.id,
      reason: 'hire_undone',
      detail: { from: 'filled', to: 'published' },
    })
  }
  writeActorAudit(tx, actor, {
    action: 'application.undo',
    entity: 'application',
    entityId: applicationId,
    detail: { from: application.status, to: check.to, vacancyId: vacancy.id, employmentRecordId: record?.id ?? null, reopened },
  })
  return { ok: true as const, to: check.to, reopened }
}
