import { and, desc, eq, sql } from 'drizzle-orm'
import { employers, vacancies, vacancyReports } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { maskNumbersInText } from '~/rules/personal-numbers'
import type { REPORT_REASON_LABELS } from '~/rules/vacancy'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'

// Reports of suspicious posts (举报): a worker reports a public post (fees, false details, wages not as
// posted); the bureau that posted it checks and records what it found. The reporter is never named to
// the bureau.

export type ReportReason = keyof typeof REPORT_REASON_LABELS

/**
 * The actor (any signed-in worker) reports a public post once; reporting again returns the first report
 * (`existing`). Null when the post does not exist or is a draft (→ 404).
 */
export function reportVacancy(actor: Actor, vacancyId: number, reason: ReportReason, note: string | null) {
  return writeTransaction((tx) => {
    const v = tx.select({ status: vacancies.status }).from(vacancies).where(eq(vacancies.id, vacancyId)).get()
    if (!v || v.status === 'draft') return null
    const existing = tx
      .select({ id: vacancyReports.id })
      .from(vacancyReports)
      .where(and(eq(vacancyReports.vacancyId, vacancyId), eq(vacancyReports.reporterUserId, actor.userId)))
      .get()
    if (existing) return { id: existing.id, existing: true }
    const { id } = tx.insert(vacancyReports).values({ vacancyId, reporterUserId: actor.userId, reason, note }).returning({ id: vacancyReports.id }).get()
    writeActorAudit(tx, actor, {
      action: 'vacancy.report',
      entity: 'vacancy',
      entityId: vacancyId,
      reason,
    })
    return { id, existing: false }
  })
}

/**
 * One page of the reports on the actor's bureau's posts, open ones first then newest first, numbers in the
 * note masked; the reporter is not named. Takes the actor and `limit`/`offset` (rows); reads at most
 * `limit` rows, however many reports the bureau has.
 */
export function listReportsForBureau(actor: Actor, { limit, offset }: { limit: number; offset: number }) {
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
    .where(eq(vacancies.organisationId, actor.organisationId))
    .orderBy(sql`${vacancyReports.resolvedAt} is not null`, desc(vacancyReports.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => ({ ...r, note: maskNumbersInText(r.note) }))
}

/** How many reports on the actor's bureau's posts are open and resolved: `{ open, resolved }`. */
export function countReportsForBureau(actor: Actor) {
  const row = db
    .select({
      open: sql<number>`coalesce(sum(${vacancyReports.resolvedAt} is null), 0)`,
      resolved: sql<number>`coalesce(sum(${vacancyReports.resolvedAt} is not null), 0)`,
    })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(eq(vacancies.organisationId, actor.organisationId))
    .get()
  return { open: row?.open ?? 0, resolved: row?.resolved ?? 0 }
}

/** Whether a report is on one of the actor's bureau's posts. */
export function isReportOfBureau(actor: Actor, reportId: number) {
  return (
    db
      .select({ id: vacancyReports.id })
      .from(vacancyReports)
      .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
      .where(and(eq(vacancyReports.id, reportId), eq(vacancies.organisationId, actor.organisationId)))
      .get() != null
  )
}

/** Closes a report with what the bureau found; null when the report is not on the actor's bureau's post; a Failure when already closed. */
export function resolveReport(actor: Actor, reportId: number, resolution: string): Result | null {
  return writeTransaction((tx) => {
    const row = tx
      .select({ id: vacancyReports.id, resolvedAt: vacancyReports.resolvedAt, vacancyId: vacancyReports.vacancyId })
      .from(vacancyReports)
      .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
      .where(and(eq(vacancyReports.id, reportId), eq(vacancies.organisationId, actor.organisationId)))
      .get()
    if (!row) return null
    if (row.resolvedAt) return failure('该举报已处理')
    tx.update(vacancyReports).set({ resolvedAt: new Date(), resolvedByUserId: actor.userId, resolution }).where(eq(vacancyReports.id, reportId)).run()
    writeActorAudit(tx, actor, {
      action: 'vacancy.report_resolve',
      entity: 'vacancy',
      entityId: row.vacancyId,
      detail: { reportId },
    })
    return { ok: true as const }
  })
}
