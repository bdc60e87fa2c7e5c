import { and, count, eq, isNull, sql } from 'drizzle-orm'
import { APPLICATION_STATUSES, applicationCounts, vacancies, vacancyReports } from '../../db/schema'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'
import { isOpenVacancy } from './rule-sql.server'

/** The actor's bureau's vacancy figures for its home page: open posts and headcount, applications, hires, open reports. */
export function getBureauVacancyFigures(actor: Actor) {
  const own = eq(vacancies.organisationId, actor.organisationId)
  const open = db
    .select({ posts: count(), headcount: sql<number>`coalesce(sum(${vacancies.headcount}), 0)`.mapWith(Number) })
    // From the bureau's own index, which holds status, valid_until and headcount (SQLite would otherwise
    // walk every open post of the board and read each row).
    .from(sql`${vacancies} indexed by vacancies_org_status_updated_idx`)
    .where(and(own, isOpenVacancy(todayInShanghai())))
    .get()
  // Kept per status by triggers (application_counts). A hire is an application in status 已录用, which
  // always has its employment record: moveApplication writes both and undoDecision removes both, each in
  // one transaction.
  const byStatus = db
    .select({ status: applicationCounts.status, n: applicationCounts.n })
    .from(applicationCounts)
    .where(eq(applicationCounts.organisationId, actor.organisationId))
    .all()
  const counted = (statuses: readonly string[]) => byStatus.reduce((sum, r) => sum + (statuses.includes(r.status) ? r.n : 0), 0)
  const apps = { total: counted(APPLICATION_STATUSES), pending: counted(['submitted', 'contacted']), hires: counted(['hired']) }
  const reports = db
    .select({ n: count() })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(and(own, isNull(vacancyReports.resolvedAt)))
    .get()
  return {
    openPosts: open?.posts ?? 0,
    openHeadcount: open?.headcount ?? 0,
    applications: apps.total,
    pendingApplications: apps.pending,
    hires: apps.hires,
    openReports: reports?.n ?? 0,
  }
}
