import { and, count, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { applications, employmentRecords, vacancies, vacancyReports } from '../../db/schema'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'
import { countWhen } from './query.server'
import { isOpenVacancy } from './rule-sql.server'

/** The actor's bureau's vacancy figures for its home page: open posts and headcount, applications, hires, open reports. */
export function getBureauVacancyFigures(actor: Actor) {
  const own = eq(vacancies.organisationId, actor.organisationId)
  const open = db
    .select({ posts: count(), headcount: sql<number>`coalesce(sum(${vacancies.headcount}), 0)`.mapWith(Number) })
    .from(vacancies)
    .where(and(own, isOpenVacancy(todayInShanghai())))
    .get()
  // A hire is the employment record of an application (at most one each: a unique index), so the
  // applications and the hires of the bureau's posts are counted in one pass.
  const apps = db
    .select({
      total: count(),
      pending: countWhen(inArray(applications.status, ['submitted', 'contacted'])),
      hires: countWhen(isNotNull(employmentRecords.id)),
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .leftJoin(employmentRecords, eq(employmentRecords.applicationId, applications.id))
    .where(own)
    .get()
  const reports = db
    .select({ n: count() })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(and(own, isNull(vacancyReports.resolvedAt)))
    .get()
  return {
    openPosts: open?.posts ?? 0,
    openHeadcount: open?.headcount ?? 0,
    applications: apps?.total ?? 0,
    pendingApplications: apps?.pending ?? 0,
    hires: apps?.hires ?? 0,
    openReports: reports?.n ?? 0,
  }
}
