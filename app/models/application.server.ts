import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { applications, areas, employers, employmentRecords, vacancies, vacancyTargets, workers } from '../../db/schema'
import { mayWithdraw, type ApplicationStatus } from '~/rules/application'
import { todayInShanghai } from '~/rules/dates'
import { ageOn, maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { acceptsApplications, effectiveStatus } from '~/rules/vacancy'
import { writeActorAudit, writeAudit } from '~/utils/audit.server'
import { readInChunks } from '~/utils/chunks.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { undoCheck } from './hire.server'
import { countRows, countWhen, findOwned } from './query.server'
import { getVerifiedLedgerRow } from './verification.server'

// Applications (报名): a verified worker applies once per post (and may withdraw while still 已报名, then
// apply again on the same row); county staff may recommend a ledger worker (product brief §2, issue 9
// §12). The bureau's decisions (contact, hire, decline, undo) are in ./hire.server.ts.

export { moveApplication, undoDecision } from './hire.server'

/** Why a post cannot take a county's worker today: it is missing (or a draft), closed, or for other counties. */
function refusalOf(tx: Queryable, vacancyId: number, countyCode: string): 'missing' | 'closed' | 'elsewhere' | null {
  const v = tx.select({ status: vacancies.status, validUntil: vacancies.validUntil }).from(vacancies).where(eq(vacancies.id, vacancyId)).get()
  if (!v || v.status === 'draft') return 'missing'
  if (!acceptsApplications(v.status, v.validUntil, todayInShanghai())) return 'closed'
  const targeted = countRows(tx, vacancyTargets, and(eq(vacancyTargets.vacancyId, vacancyId), eq(vacancyTargets.countyCode, countyCode)))
  return targeted ? null : 'elsewhere'
}

const CLOSED = '该岗位已停止报名'
const ARCHIVED_WORKER = '此人已归档，不能推荐。如需推荐，请先在台账中恢复'

function existingApplication(tx: Queryable, vacancyId: number, workerId: number) {
  return tx
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(and(eq(applications.vacancyId, vacancyId), eq(applications.workerId, workerId)))
    .get()
}

/**
 * A withdrawn application applied to again: the same row (one per post and person) goes back to
 * 已报名 with the new note and source, audited as `application.reapply` (issue 9 §12).
 */
function reopenWithdrawn(tx: Queryable, id: number, values: { source: 'self' | 'recommended'; note: string | null; recommendedByUserId?: number }) {
  tx.update(applications)
    .set({ status: 'submitted', statusChangedAt: new Date(), previousStatus: null, decisionNote: null, ...values })
    .where(eq(applications.id, id))
    .run()
}

/**
 * A verified worker (the actor) applies to an open post of their county, once. Submitting again (a
 * double click, a retried request on a weak network) returns the first application instead of a second
 * row (`existing`). Null when the post does not exist or is a draft (→ 404); a Failure (409) when it has
 * stopped taking applications, is not for the worker's county, or the account has no ledger row.
 * Callers check `user.verified` first (decision 013).
 */
export function applyToVacancy(actor: Actor, vacancyId: number, note: string | null): Result<{ id: number; existing: boolean }> | null {
  return writeTransaction((tx) => {
    const me = getVerifiedLedgerRow(tx, actor.userId)
    if (!me) return failure('账号核验通过后才能报名', { status: 409 })
    const refused = refusalOf(tx, vacancyId, me.countyCode)
    const existing = existingApplication(tx, vacancyId, me.workerId)
    if (existing && existing.status !== 'withdrawn') return { ok: true as const, id: existing.id, existing: true }
    if (refused === 'missing') return null
    if (refused === 'closed') return failure(CLOSED, { status: 409 })
    if (refused === 'elsewhere') return failure('该岗位不面向您所在的区县招聘', { status: 409 })
    if (existing) {
      reopenWithdrawn(tx, existing.id, { source: 'self', note })
      writeAudit(tx, {
        actorUserId: actor.userId,
        organisationId: me.organisationId,
        action: 'application.reapply',
        entity: 'application',
        entityId: existing.id,
        detail: { vacancyId },
        ip: actor.ip,
      })
      return { ok: true as const, id: existing.id, existing: false }
    }
    const { id } = tx.insert(applications).values({ vacancyId, workerId: me.workerId, source: 'self', note }).returning({ id: applications.id }).get()
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: me.organisationId,
      action: 'application.create',
      entity: 'application',
      entityId: id,
      detail: { vacancyId },
      ip: actor.ip,
    })
    return { ok: true as const, id, existing: false }
  })
}

/**
 * County staff (the actor) recommend one of their own ledger workers to an open post for their county.
 * A person already applied gives the first application (`existing`). Null when the person is not in the
 * actor's ledger or the post is missing, a draft, or not for this county (→ 404); a Failure (400) when
 * the post has stopped taking applications or the ledger row is archived (issue 11 §2).
 */
export function recommendWorker(actor: Actor, vacancyId: number, workerId: number, note: string | null): Result<{ id: number; existing: boolean }> | null {
  return writeTransaction((tx) => {
    const worker = findOwned(tx, workers, actor, workerId, { id: workers.id, archivedAt: workers.archivedAt })
    if (!worker) return null
    // An archived ledger row (moved away, deceased, duplicate…) is not put forward (issue 11 §2).
    if (worker.archivedAt != null) return failure(ARCHIVED_WORKER)
    const existing = existingApplication(tx, vacancyId, workerId)
    if (existing && existing.status !== 'withdrawn') return { ok: true as const, id: existing.id, existing: true }
    const refused = refusalOf(tx, vacancyId, actor.areaCode)
    if (refused === 'closed') return failure(CLOSED)
    if (refused) return null
    if (existing) {
      // The worker withdrew; the county puts them forward again (at their request) on the same row.
      reopenWithdrawn(tx, existing.id, { source: 'recommended', note, recommendedByUserId: actor.userId })
      writeActorAudit(tx, actor, { action: 'application.reapply', entity: 'application', entityId: existing.id, detail: { vacancyId, via: 'recommend' } })
      return { ok: true as const, id: existing.id, existing: false }
    }
    const { id } = tx
      .insert(applications)
      .values({ vacancyId, workerId, source: 'recommended', recommendedByUserId: actor.userId, note })
      .returning({ id: applications.id })
      .get()
    writeActorAudit(tx, actor, { action: 'application.recommend', entity: 'application', entityId: id, detail: { vacancyId } })
    return { ok: true as const, id, existing: false }
  })
}

const township = alias(areas, 'township')

/**
 * One page of the applicants of one of the actor's bureau's posts (newest first), or null when the post
 * is not this bureau's. The bureau sees what it needs to call and judge a candidate, with ID and phone
 * masked (security.md item 2); each row says whether its hire or decline can still be undone (issue 9 §4).
 * A post with thousands of applicants reads only the page's rows (issue 10). Count with
 * countApplicantsOfVacancy.
 */
export function listApplicantsOfVacancy(actor: Actor, vacancyId: number, { limit, offset }: { limit: number; offset: number }) {
  if (!findOwned(db, vacancies, actor, vacancyId, { id: vacancies.id })) return null
  const today = todayInShanghai()
  const ids = db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.vacancyId, vacancyId))
    .orderBy(desc(applications.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => r.id)
  const rows = readApplicantRows(actor, ids, today).sort((a, b) => b.applicationId - a.applicationId)
  return rows.map(({ applicationId, startDate, employmentRecordId, previousStatus, statusChangedAt, ...rest }) => ({
    ...rest,
    id: applicationId,
    employmentStartDate: startDate,
    undo: undoCheck(db, { id: applicationId, status: rest.status, previousStatus, statusChangedAt }, today, employmentRecordId),
  }))
}

/** How many applied to one of the actor's bureau's posts, and how many of them are hired (zero for anyone else's). */
export function countApplicantsOfVacancy(actor: Actor, vacancyId: number) {
  const row = db
    .select({ total: count(), hired: countWhen(eq(applications.status, 'hired')) })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(and(eq(applications.vacancyId, vacancyId), eq(vacancies.organisationId, actor.organisationId)))
    .get()
  return { total: row?.total ?? 0, hired: row?.hired ?? 0 }
}

/** Whether `applicationId` is an application to `vacancyId`, a post of the actor's bureau (else the forms answer 404). */
export function isApplicationOfVacancy(actor: Actor, vacancyId: number, applicationId: number) {
  const row = db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(and(eq(applications.id, applicationId), eq(applications.vacancyId, vacancyId), eq(vacancies.organisationId, actor.organisationId)))
    .get()
  return row != null
}

const city = alias(areas, 'city')

/**
 * The actor's (a worker's) own applications with each post's current state, newest first, read a page
 * at a time (every request bounded): `total()` counts them, `rows(limit, offset)` reads one page. An
 * account not yet matched to a verified ledger row has none.
 */
export function listApplicationsOfWorker(actor: Actor) {
  const me = getVerifiedLedgerRow(db, actor.userId)
  return {
    total: () => (me ? (db.select({ n: count() }).from(applications).where(eq(applications.workerId, me.workerId)).get()?.n ?? 0) : 0),
    rows: (limit: number, offset: number) => (me ? readApplicationsOfWorker(me.workerId, limit, offset) : []),
  }
}

function readApplicationsOfWorker(workerId: number, limit: number, offset: number) {
  const today = todayInShanghai()
  return db
    .select({
      id: applications.id,
      status: applications.status,
      source: applications.source,
      createdAt: applications.createdAt,
      statusChangedAt: applications.statusChangedAt,
      vacancyId: vacancies.id,
      title: vacancies.title,
      vacancyStatus: vacancies.status,
      validUntil: vacancies.validUntil,
      salaryMinFen: vacancies.salaryMinFen,
      salaryMaxFen: vacancies.salaryMaxFen,
      employerName: employers.name,
      cityName: city.name,
      startDate: employmentRecords.startDate,
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
    .leftJoin(employmentRecords, eq(employmentRecords.applicationId, applications.id))
    .where(eq(applications.workerId, workerId))
    .orderBy(desc(applications.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => ({ ...r, vacancyStatus: effectiveStatus(r.vacancyStatus, r.validUntil, today) }))
}

/**
 * The actor's (a worker's) application to a post, if any (for the post page's button). A withdrawn one
 * counts as none: the post page offers to apply again.
 */
export function findOwnApplication(actor: Actor, vacancyId: number) {
  const me = getVerifiedLedgerRow(db, actor.userId)
  if (!me) return null
  const row = db
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(and(eq(applications.vacancyId, vacancyId), eq(applications.workerId, me.workerId)))
    .get()
  return row && row.status !== 'withdrawn' ? { id: row.id, status: row.status } : null
}

/**
 * The actor (a worker) withdraws their own application while it is still 已报名 (mayWithdraw), audited
 * (`application.withdraw`). The bureau then sees it as 已撤回; the worker may apply again later. Null when
 * the application is not the actor's (→ 404); a Failure (400) once the bureau has acted on it.
 */
export function withdrawApplication(actor: Actor, applicationId: number): Result<{ vacancyId: number }> | null {
  return writeTransaction((tx) => {
    const me = getVerifiedLedgerRow(tx, actor.userId)
    if (!me) return null
    const row = tx
      .select({ status: applications.status, vacancyId: applications.vacancyId })
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.workerId, me.workerId)))
      .get()
    if (!row) return null
    if (!mayWithdraw(row.status)) return failure('招聘单位已经处理了这条报名，不能再撤回；如有变化请直接联系招聘单位')
    tx.update(applications).set({ status: 'withdrawn', statusChangedAt: new Date() }).where(eq(applications.id, applicationId)).run()
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: me.organisationId,
      action: 'application.withdraw',
      entity: 'application',
      entityId: applicationId,
      detail: { vacancyId: row.vacancyId },
      ip: actor.ip,
    })
    return { ok: true as const, vacancyId: row.vacancyId }
  })
}

// ——— The bureau's applicant lists and exports, and the county's view of a post ———

/**
 * Applicants of the actor's bureau's posts for the page and the xlsx export, masked (security.md item
 * 2), newest post first: one post when `vacancyId` is given (none when it is not this bureau's),
 * otherwise every post; one status when `status` is given. Yields a chunk at a time, so an export of
 * any size is never all in memory.
 */
export function listApplicantsOfBureau(actor: Actor, { vacancyId, status }: { vacancyId?: number | null; status?: ApplicationStatus | null }) {
  const today = todayInShanghai()
  const ids = db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(
      and(
        eq(vacancies.organisationId, actor.organisationId),
        vacancyId != null ? eq(vacancies.id, vacancyId) : undefined,
        status ? eq(applications.status, status) : undefined,
      ),
    )
    .orderBy(desc(vacancies.id), desc(applications.id))
    .all()
    .map((r) => r.id)
  return readInChunks(
    ids,
    (chunk) => readApplicantRows(actor, chunk, today),
    (r) => r.applicationId,
  )
}

/**
 * The applicant rows of the given application ids of the actor's bureau's posts (others are left out),
 * masked (security.md item 2), in no particular order: the one read behind the page and the exports.
 */
function readApplicantRows(actor: Actor, chunk: number[], today: string) {
  if (chunk.length === 0) return []
  return (
    db
      .select({
        applicationId: applications.id,
        vacancyId: vacancies.id,
        title: vacancies.title,
        employerName: employers.name,
        name: workers.name,
        sex: workers.sex,
        birthDate: workers.birthDate,
        idNumber: workers.idNumber,
        phone: workers.phone,
        townshipName: township.name,
        skillLevel: workers.skillLevel,
        skills: workers.skills,
        source: applications.source,
        note: applications.note,
        status: applications.status,
        previousStatus: applications.previousStatus,
        statusChangedAt: applications.statusChangedAt,
        createdAt: applications.createdAt,
        startDate: employmentRecords.startDate,
        employmentRecordId: employmentRecords.id,
      })
      .from(applications)
      .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .innerJoin(workers, eq(workers.id, applications.workerId))
      .innerJoin(township, eq(township.code, workers.townshipCode))
      .leftJoin(employmentRecords, eq(employmentRecords.applicationId, applications.id))
      // Driven by the ids (primary key); the unary + keeps SQLite from walking the bureau's posts instead.
      .where(and(inArray(applications.id, chunk), sql`+${vacancies.organisationId} = ${actor.organisationId}`))
      .all()
      .map(({ idNumber, phone, birthDate, note, skills, ...rest }) => ({
        ...rest,
        // Free text typed by the worker or the county may hold a full number (security.md 2).
        note: maskNumbersInText(note),
        skills: maskNumbersInText(skills),
        age: ageOn(birthDate, today),
        idNumberMasked: maskIdNumber(idNumber),
        phoneMasked: phone ? maskMobile(phone) : null,
      }))
  )
}

export type ApplicantRow = ReturnType<typeof listApplicantsOfBureau> extends Iterable<infer R> ? R : never
