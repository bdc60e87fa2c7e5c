import { and, count, eq, isNull, sql } from 'drizzle-orm'
import { applications, employmentRecords, vacancies, vacancyReports } from '../../db/schema'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'
import { isOpenVacancy } from './rule-sql.server'

/** The actor's bureau's vacancy figures for its home page: open posts and headcount, applications, hires, open reports. */
export function getBureauVacancyFigures(actor: Actor) {
  const { organisationId } = actor
  const today = todayInShanghai()
  const open = db
    .select({ posts: count(), headcount: sql<number>`coalesce(sum(${vacancies.headcount}), 0)` })
    .from(vacancies)
    .where(and(eq(vacancies.organisationId, organisationId), isOpenVacancy(today)))
    .get()
  const apps = db
    .select({
      total: count(),
      pending: sql<number>`coalesce(sum(${applications.status} in ('submitted', 'contacted')), 0)`,
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(eq(vacancies.organisationId, organisationId))
    .get()
  const hires = db
    .select({ n: count() })
    .from(employmentRecords)
    .innerJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(eq(vacancies.organisationId, organisationId))
    .get()
  const reports = db
    .select({ n: count() })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(and(eq(vacancies.organisationId, organisationId), isNull(vacancyReports.resolvedAt)))
    .get()
  return {
    openPosts: open?.posts ?? 0,
    openHeadcount: Number(open?.headcount ?? 0),
    applications: apps?.total ?? 0,
    pendingApplications: Number(apps?.pending ?? 0),
    hires: hires?.n ?? 0,
    openReports: reports?.n ?? 0,
  }
}
