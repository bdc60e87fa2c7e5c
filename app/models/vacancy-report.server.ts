import { and, count, desc, eq, sql } from 'drizzle-orm'
import { employers, reportQueue, vacancies, vacancyReports } from '../../db/schema'
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
 * `limit + offset` index entries and `limit` reports: the page is chosen in report_queue's index (kept by
 * triggers, db/schema/bureau-figures.ts), already in this order, and only its rows are read in full.
 */
export function listReportsForBureau(actor: Actor, { limit, offset }: { limit: number; offset: number }) {
  const page = db
    // Expressions, not the columns: drizzle cannot see that the source is report_queue.
    .select({ id: sql<number>`${reportQueue.reportId}`.as('page_id'), open: sql<number>`${reportQueue.open}`.as('page_open') })
    .from(sql`${reportQueue} indexed by report_queue_bureau_idx`)
    .where(eq(reportQueue.organisationId, actor.organisationId))
    .orderBy(desc(reportQueue.open), desc(reportQueue.reportId))
    .limit(limit)
    .offset(offset)
    .as('page')
  return (
    db
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
      .from(page)
      .innerJoin(vacancyReports, eq(vacancyReports.id, page.id))
      .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      // The page's own order (open first, newest first), which SQLite keeps without sorting again.
      .orderBy(desc(page.open), desc(page.id))
      .all()
      .map((r) => ({ ...r, note: maskNumbersInText(r.note) }))
  )
}

/** How many reports on the actor's bureau's posts are open and resolved: `{ open, resolved }`, counted in report_queue's index. */
export function countReportsForBureau(actor: Actor) {
  const rows = db
    .select({ open: reportQueue.open, n: count() })
    .from(reportQueue)
    .where(eq(reportQueue.organisationId, actor.organisationId))
    .groupBy(reportQueue.open)
    .all()
  return { open: rows.find((r) => r.open)?.n ?? 0, resolved: rows.find((r) => !r.open)?.n ?? 0 }
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
