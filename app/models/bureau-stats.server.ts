import { and, count, eq, gte, sql } from 'drizzle-orm'
import { APPLICATION_STATUSES, applicationCounts, bureauOpenPosts, reportQueue } from '../../db/schema'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'

/**
 * The actor's bureau's vacancy figures for its home page: open posts and their headcount, applications
 * (all, pending), hires and open reports. Reads only kept tables (bureau_open_posts, application_counts,
 * report_queue): a few hundred rows at most, however many posts and applications the bureau has.
 */
export function getBureauVacancyFigures(actor: Actor) {
  // Open is published and not past the valid-until day (isOpenVacancy, rule-sql.server.ts): the published
  // posts are kept per valid-until day by triggers (bureau_open_posts), so this sums the days from today on.
  const open = db
    .select({
      posts: sql<number>`coalesce(sum(${bureauOpenPosts.posts}), 0)`.mapWith(Number),
      headcount: sql<number>`coalesce(sum(${bureauOpenPosts.headcount}), 0)`.mapWith(Number),
    })
    .from(bureauOpenPosts)
    .where(and(eq(bureauOpenPosts.organisationId, actor.organisationId), gte(bureauOpenPosts.validUntil, todayInShanghai())))
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
  // The bureau's open reports, counted in report_queue's index (kept by triggers on vacancy_reports).
  const reports = db
    .select({ n: count() })
    .from(reportQueue)
    .where(and(eq(reportQueue.organisationId, actor.organisationId), eq(reportQueue.open, true)))
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
