import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import {
  applications,
  areas,
  employers,
  employmentRecords,
  organisations,
  vacancies,
  vacancyReports,
  vacancyTargets,
  workers,
  type ApplicationStatus,
} from '../../db/schema'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { ageOn, maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { acceptsApplications, APPLICATION_SOURCE_LABELS, APPLICATION_STATUS_LABELS, canMoveApplication, effectiveStatus, REPORT_REASON_LABELS } from '~/rules/vacancy'
import { writeAudit } from '~/utils/audit.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { addTableSheet, newWorkbook, workbookBytes } from '~/utils/xlsx.server'
import type { BureauActor } from './vacancy.server'

// Applications (报名), hires and the employment records they create, and reports of suspicious posts.
// Product brief §2: a verified worker applies once per post; county staff may recommend a ledger
// worker; the bureau moves each application submitted → contacted → hired / declined.

type ApplyResult =
  | { ok: true; id: number; existing: boolean }
  | { ok: false; code: 'not_verified' | 'not_open' | 'not_target' | 'not_found'; message: string }

/** Checks a vacancy can take this county's worker today; null when it can. */
function refuseVacancy(tx: Queryable, vacancyId: number, countyCode: string): Exclude<ApplyResult, { ok: true }> | null {
  const v = tx.select({ status: vacancies.status, validUntil: vacancies.validUntil }).from(vacancies).where(eq(vacancies.id, vacancyId)).get()
  if (!v || v.status === 'draft') return { ok: false, code: 'not_found', message: '岗位不存在' }
  if (!acceptsApplications(v.status, v.validUntil, todayInShanghai())) return { ok: false, code: 'not_open', message: '该岗位已停止报名' }
  const targeted = tx
    .select({ n: count() })
    .from(vacancyTargets)
    .where(and(eq(vacancyTargets.vacancyId, vacancyId), eq(vacancyTargets.countyCode, countyCode)))
    .get()
  if (!targeted?.n) return { ok: false, code: 'not_target', message: '该岗位不面向您所在的区县招聘' }
  return null
}

function existingApplication(tx: Queryable, vacancyId: number, workerId: number) {
  return tx.select({ id: applications.id }).from(applications).where(and(eq(applications.vacancyId, vacancyId), eq(applications.workerId, workerId))).get()
}

/** The ledger row linked to a worker account (linked means verified) with its county. */
export function getLedgerRowOfAccount(tx: Queryable, userId: number) {
  return tx
    .select({ workerId: workers.id, countyCode: organisations.areaCode, organisationId: workers.organisationId })
    .from(workers)
    .innerJoin(organisations, eq(organisations.id, workers.organisationId))
    .where(eq(workers.userId, userId))
    .get()
}

/**
 * A verified worker applies to an open post of their county, once. Submitting again (a double click,
 * a retried request on a weak network) returns the first application instead of a second row.
 */
export function applyToVacancy(actor: { userId: number; ip: string | null }, vacancyId: number, note: string | null): ApplyResult {
  return writeTransaction((tx) => {
    const me = getLedgerRowOfAccount(tx, actor.userId)
    if (!me) return { ok: false, code: 'not_verified', message: '账号核验通过后才能报名' }
    const refused = refuseVacancy(tx, vacancyId, me.countyCode)
    const existing = existingApplication(tx, vacancyId, me.workerId)
    if (existing) return { ok: true, id: existing.id, existing: true }
    if (refused) return refused
    const { id } = tx.insert(applications).values({ vacancyId, workerId: me.workerId, source: 'self', note }).returning({ id: applications.id }).get()
    writeAudit(tx, { actorUserId: actor.userId, organisationId: me.organisationId, action: 'application.create', entity: 'application', entityId: id, detail: { vacancyId }, ip: actor.ip })
    return { ok: true, id, existing: false }
  })
}

/** County staff recommend one of their own ledger workers to an open post of their pair. */
export function recommendWorker(
  actor: { userId: number; organisationId: number; countyCode: string; ip: string | null },
  vacancyId: number,
  workerId: number,
  note: string | null,
): ApplyResult {
  return writeTransaction((tx) => {
    const person = tx.select({ id: workers.id }).from(workers).where(and(eq(workers.id, workerId), eq(workers.organisationId, actor.organisationId))).get()
    if (!person) return { ok: false, code: 'not_found', message: '台账中没有此人' }
    const existing = existingApplication(tx, vacancyId, workerId)
    if (existing) return { ok: true, id: existing.id, existing: true }
    const refused = refuseVacancy(tx, vacancyId, actor.countyCode)
    if (refused) return refused
    const { id } = tx
      .insert(applications)
      .values({ vacancyId, workerId, source: 'recommended', recommendedByUserId: actor.userId, note })
      .returning({ id: applications.id })
      .get()
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'application.recommend', entity: 'application', entityId: id, detail: { vacancyId }, ip: actor.ip })
    return { ok: true, id, existing: false }
  })
}

const township = alias(areas, 'township')

/**
 * The applicants of one of this bureau's posts, or null when the post is not this bureau's. The bureau
 * sees what it needs to call and judge a candidate, with ID and phone masked (security.md item 2).
 */
export function listApplicantsOfVacancy(organisationId: number, vacancyId: number) {
  const rows = listApplicantsForExport(organisationId, { vacancyId })
  return rows ? rows.map(({ applicationId, startDate, ...rest }) => ({ ...rest, id: applicationId, employmentStartDate: startDate })) : null
}

export type MoveApplicationResult = { ok: true; filled: boolean } | { ok: false; field?: string; message: string }

/**
 * Moves an application one step. Hiring records the employment (employer, city, start date) — the
 * fact that later makes the worker eligible for the transport subsidy — and closes the post as filled
 * once its headcount is reached. Null when the application is not on this bureau's post.
 */
export function moveApplication(
  actor: BureauActor,
  applicationId: number,
  to: ApplicationStatus,
  { startDate, reason }: { startDate?: string | null; reason?: string | null } = {},
): MoveApplicationResult | null {
  return writeTransaction((tx) => {
    const row = tx
      .select({ application: applications, vacancy: vacancies })
      .from(applications)
      .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
      .where(and(eq(applications.id, applicationId), eq(vacancies.organisationId, actor.organisationId)))
      .get()
    if (!row) return null
    const { application, vacancy } = row
    if (!canMoveApplication(application.status, to)) return { ok: false, message: '当前状态下不能进行此操作' }
    if (to === 'hired' && !startDate) return { ok: false, field: 'startDate', message: '请填写到岗日期' }
    const now = new Date()
    tx.update(applications)
      .set({ status: to, statusChangedAt: now, ...(to === 'declined' ? { decisionNote: reason ?? null } : {}) })
      .where(eq(applications.id, applicationId))
      .run()
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.organisationId,
      action: `application.${to}`,
      entity: 'application',
      entityId: applicationId,
      // Typed text may name people: it stays on the application (decisionNote), never in the log.
      detail: { from: application.status, to, vacancyId: vacancy.id, ...(to === 'declined' ? { withNote: Boolean(reason) } : {}) },
      ip: actor.ip,
    })
    let filled = false
    if (to === 'hired') {
      tx.insert(employmentRecords)
        .values({ workerId: application.workerId, applicationId, employerId: vacancy.employerId, cityCode: vacancy.cityCode, startDate: startDate!, createdByUserId: actor.userId })
        .run()
      const hired = tx.select({ n: count() }).from(applications).where(and(eq(applications.vacancyId, vacancy.id), eq(applications.status, 'hired'))).get()?.n ?? 0
      if (hired >= vacancy.headcount && vacancy.status === 'published') {
        tx.update(vacancies).set({ status: 'filled', closedAt: now }).where(eq(vacancies.id, vacancy.id)).run()
        writeAudit(tx, {
          actorUserId: actor.userId,
          organisationId: actor.organisationId,
          action: 'vacancy.fill',
          entity: 'vacancy',
          entityId: vacancy.id,
          reason: 'headcount_reached',
          detail: { from: 'published', to: 'filled', hired },
          ip: actor.ip,
        })
        filled = true
      }
    }
    return { ok: true, filled }
  })
}

const city = alias(areas, 'city')

/** A worker's own applications with each post's current state, newest first. */
export function listApplicationsOfWorker(userId: number) {
  const me = getLedgerRowOfAccount(db, userId)
  if (!me) return []
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
    .where(eq(applications.workerId, me.workerId))
    .orderBy(desc(applications.id))
    .all()
    .map((r) => ({ ...r, vacancyStatus: effectiveStatus(r.vacancyStatus, r.validUntil, today) }))
}

/** Whether this worker account already applied to a post (for the post page's button). */
export function findOwnApplication(userId: number, vacancyId: number) {
  const me = getLedgerRowOfAccount(db, userId)
  if (!me) return null
  return db.select({ id: applications.id, status: applications.status }).from(applications).where(and(eq(applications.vacancyId, vacancyId), eq(applications.workerId, me.workerId))).get() ?? null
}

// ——— Reports of suspicious posts (举报) ———

export type ReportReason = keyof typeof REPORT_REASON_LABELS

/** Any signed-in worker may report a public post once; reporting again returns the first report. */
export function reportVacancy(actor: { userId: number; organisationId: number; ip: string | null }, vacancyId: number, reason: ReportReason, note: string | null) {
  return writeTransaction((tx) => {
    const v = tx.select({ status: vacancies.status, organisationId: vacancies.organisationId }).from(vacancies).where(eq(vacancies.id, vacancyId)).get()
    if (!v || v.status === 'draft') return null
    const existing = tx.select({ id: vacancyReports.id }).from(vacancyReports).where(and(eq(vacancyReports.vacancyId, vacancyId), eq(vacancyReports.reporterUserId, actor.userId))).get()
    if (existing) return { id: existing.id, existing: true }
    const { id } = tx.insert(vacancyReports).values({ vacancyId, reporterUserId: actor.userId, reason, note }).returning({ id: vacancyReports.id }).get()
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'vacancy.report', entity: 'vacancy', entityId: vacancyId, reason, ip: actor.ip })
    return { id, existing: false }
  })
}

/** Reports on this bureau's posts; open ones first. The reporter is not named to the bureau. */
export function listReportsForBureau(organisationId: number, { openOnly }: { openOnly: boolean }) {
  return db
    .select({
      id: vacancyReports.id,
      vacancyId: vacancies.id,
      title: vacancies.title,
      employerName: employers.name,
      reason: vacancyReports.reason,
      note: vacancyReports.note,
      createdAt: vacancyReports.createdAt,
      resolvedAt: vacancyReports.resolvedAt,
      resolution: vacancyReports.resolution,
    })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.organisationId, organisationId), openOnly ? isNull(vacancyReports.resolvedAt) : sql`1 = 1`))
    .orderBy(sql`${vacancyReports.resolvedAt} is not null`, desc(vacancyReports.id))
    .all()
    .map((r) => ({ ...r, note: maskNumbersInText(r.note) }))
}

/** Whether a report is on one of this bureau's posts. */
export function isReportOfBureau(organisationId: number, reportId: number) {
  return (
    db
      .select({ id: vacancyReports.id })
      .from(vacancyReports)
      .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
      .where(and(eq(vacancyReports.id, reportId), eq(vacancies.organisationId, organisationId)))
      .get() != null
  )
}

/** Closes a report with what the bureau found; null when the report is not on this bureau's post. */
export function resolveReport(actor: BureauActor, reportId: number, resolution: string) {
  return writeTransaction((tx) => {
    const row = tx
      .select({ id: vacancyReports.id, resolvedAt: vacancyReports.resolvedAt, vacancyId: vacancyReports.vacancyId })
      .from(vacancyReports)
      .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
      .where(and(eq(vacancyReports.id, reportId), eq(vacancies.organisationId, actor.organisationId)))
      .get()
    if (!row) return null
    if (row.resolvedAt) return { ok: false as const, message: '该举报已处理' }
    tx.update(vacancyReports).set({ resolvedAt: new Date(), resolvedByUserId: actor.userId, resolution }).where(eq(vacancyReports.id, reportId)).run()
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'vacancy.report_resolve', entity: 'vacancy', entityId: row.vacancyId, detail: { reportId }, ip: actor.ip })
    return { ok: true as const }
  })
}

// ——— Bureau exports and the county's view of a post (added for the applicant pipeline) ———

/**
 * Applicants of this bureau's posts for the page and the xlsx export, masked (security.md item 2):
 * one post when `vacancyId` is given (null when it is not this bureau's), otherwise every post.
 */
export function listApplicantsForExport(organisationId: number, { vacancyId, status }: { vacancyId?: number | null; status?: ApplicationStatus | null }) {
  if (vacancyId != null) {
    const own = db.select({ id: vacancies.id }).from(vacancies).where(and(eq(vacancies.id, vacancyId), eq(vacancies.organisationId, organisationId))).get()
    if (!own) return null
  }
  const today = todayInShanghai()
  return db
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
      createdAt: applications.createdAt,
      startDate: employmentRecords.startDate,
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(workers, eq(workers.id, applications.workerId))
    .innerJoin(township, eq(township.code, workers.townshipCode))
    .leftJoin(employmentRecords, eq(employmentRecords.applicationId, applications.id))
    .where(
      and(
        eq(vacancies.organisationId, organisationId),
        vacancyId != null ? eq(vacancies.id, vacancyId) : undefined,
        status ? eq(applications.status, status) : undefined,
      ),
    )
    .orderBy(desc(vacancies.id), desc(applications.id))
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
}

export type ApplicantExportRow = NonNullable<ReturnType<typeof listApplicantsForExport>>[number]

/**
 * Who from this county has already applied to a post (by themselves or recommended), masked, so staff
 * do not recommend the same person twice and can see how far each one has got.
 */
export function listCountyApplicantsOfVacancy(centreOrganisationId: number, vacancyId: number) {
  return db
    .select({
      id: applications.id,
      workerId: workers.id,
      name: workers.name,
      phone: workers.phone,
      townshipName: township.name,
      source: applications.source,
      status: applications.status,
      createdAt: applications.createdAt,
    })
    .from(applications)
    .innerJoin(workers, eq(workers.id, applications.workerId))
    .innerJoin(township, eq(township.code, workers.townshipCode))
    .where(and(eq(applications.vacancyId, vacancyId), eq(workers.organisationId, centreOrganisationId)))
    .orderBy(desc(applications.id))
    .all()
    .map(({ phone, ...rest }) => ({ ...rest, phoneMasked: phone ? maskMobile(phone) : null }))
}

/** How many of this county's people have applied to each of the given posts. */
export function countCountyApplicantsByVacancy(centreOrganisationId: number, vacancyIds: number[]) {
  if (vacancyIds.length === 0) return new Map<number, number>()
  const rows = db
    .select({ vacancyId: applications.vacancyId, n: count() })
    .from(applications)
    .innerJoin(workers, eq(workers.id, applications.workerId))
    .where(and(eq(workers.organisationId, centreOrganisationId), inArray(applications.vacancyId, vacancyIds)))
    .groupBy(applications.vacancyId)
    .all()
  return new Map(rows.map((r) => [r.vacancyId, r.n]))
}

const APPLICANT_COLUMNS = [
  { header: '岗位', key: 'title', width: 16 },
  { header: '用人单位', key: 'employerName', width: 28 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '性别', key: 'sex', width: 6 },
  { header: '年龄', key: 'age', width: 6 },
  { header: '乡镇', key: 'township', width: 14 },
  { header: '技能', key: 'skills', width: 22 },
  { header: '手机号(打码)', key: 'phone', width: 15 },
  { header: '身份证号(打码)', key: 'idNumber', width: 21 },
  { header: '来源', key: 'source', width: 10 },
  { header: '状态', key: 'status', width: 8 },
  { header: '报名日期', key: 'appliedOn', width: 12 },
  { header: '到岗日期', key: 'startDate', width: 12 },
] as const


/** The applicant list as xlsx: masked numbers only, so a copy left on a desk discloses no full number. */
export async function buildApplicantsWorkbook(rows: ApplicantExportRow[]) {
  const workbook = newWorkbook()
  const sheet = addTableSheet(workbook, '报名人员', APPLICANT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } })))
  for (const r of rows) {
    const row = sheet.addRow({
      title: r.title,
      employerName: r.employerName,
      name: r.name,
      sex: SEX_LABELS[r.sex],
      age: r.age,
      township: r.townshipName,
      skills: [SKILL_LEVEL_LABELS[r.skillLevel], r.skills].filter(Boolean).join('：'),
      phone: r.phoneMasked ?? '',
      idNumber: r.idNumberMasked,
      source: APPLICATION_SOURCE_LABELS[r.source],
      status: APPLICATION_STATUS_LABELS[r.status],
      appliedOn: formatDate(r.createdAt),
      startDate: r.startDate ?? '',
    })
    row.getCell('age').numFmt = '0'
  }
  sheet.headerFooter.oddFooter = '身份证号码和手机号码已打码'
  return workbookBytes(workbook)
}
