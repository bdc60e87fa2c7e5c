import { and, desc, eq, inArray, sql, sum, type Column, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { applications, areas, bureauMonthCounts, employers, employmentRecords, organisations, vacancies, workers } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import type { Industry } from '~/rules/vacancy-enums'
import { newestFirstInSteps, readInChunks } from '~/utils/chunks.server'
import { db } from '~/utils/db.server'
import { monthsOfPeriod, shanghaiMonthRange } from './county-outcomes.server'

// What came of the bureau's posts in a period or in all months (issue 15 §5): the applications to its posts
// (/east/applications) and the employment records with its employers (/east/hires), the lists the bureau
// dashboard's 报名 and 录用 figures link to. "The bureau's" is the post's bureau (vacancies.organisation_id) for
// an application and the employer's (employers.organisation_id) for a hire, whichever county the person is
// from — exactly what the kept bureau_month_counts counts, so a period's list is as long as its figure and the
// list without a period (all months, as the county's /west/hires) as long as the sum of the bureau's months.
// A month is Asia/Shanghai's. No personal numbers: the name as the post's applicants page shows it, the
// person's county, never an ID number or a phone.

/**
 * How deep a list goes: the newest LIST_CAP of a period (or of all months) are listed (100 pages at 20) and
 * the count above it stays the period's (the figure); the export carries them all, up to EXPORT_CAP. A deep
 * page of the province's busiest month would walk hundreds of thousands of applications (as /west/applications, app/models/county-applications.server.ts).
 */
export const LIST_CAP = 2_000

/** The most rows one export carries (a bureau's busiest month on the benchmark database is about 75,000 applications). */
export const EXPORT_CAP = 100_000

/** How many ids one step of an export reads before their rows are read (the first row waits for one step only). */
const EXPORT_STEP = 1_000

/**
 * The applications to the bureau's posts and its hires in a period (Asia/Shanghai month `YYYY-MM`, or
 * `YYYY-MM/YYYY-MM` as the lists read it), or in all months when `period` is null (the lists without a
 * period, as /west/hires): the rows of bureau_month_counts, kept by triggers. The dashboard's figures.
 */
export function countBureauMonth(actor: Actor, period: string | null) {
  const row = db
    .select({ applications: sum(bureauMonthCounts.applications), hires: sum(bureauMonthCounts.hires) })
    .from(bureauMonthCounts)
    .where(and(eq(bureauMonthCounts.organisationId, actor.organisationId), period ? monthsOfPeriod(bureauMonthCounts.month, period) : undefined))
    .get()
  return { month: period, applications: Number(row?.applications ?? 0), hires: Number(row?.hires ?? 0) }
}

// The province's applications of the period are walked newest first in applications_created_vacancy_idx (created_at,
// vacancy_id: a period is one range of it, all months the whole of it, and the post is in the entry) and each one's
// post is read by id for its bureau, so a page stops after its rows: a bureau's posts have a third or more of the
// province's applications. The bureau is checked by a scalar subquery, not a join: joined, SQLite first built a Bloom
// filter of the bureau's posts by reading all 100,000 of them (30–60 ms before the first row on the benchmark
// database). INDEXED BY pins the walk, with or without a period.
const APPLICATIONS_SOURCE = sql`${applications} indexed by applications_created_vacancy_idx`
// The same for hires: the period's records newest first in the covering employment_records_created_cover_idx, each
// one's employer read by id for its bureau.
const HIRES_SOURCE = sql`${employmentRecords} indexed by employment_records_created_cover_idx`

/** `column` (ms since the epoch) within the Shanghai period, or no condition for all months (null). */
function inPeriod(column: Column, period: string | null): SQL | undefined {
  if (!period) return undefined
  const [from, to] = shanghaiMonthRange(period)
  return sql`${column} >= ${from.getTime()} and ${column} < ${to.getTime()}`
}

function applicationsOfPeriod(actor: Actor, period: string | null): SQL {
  return and(
    inPeriod(applications.createdAt, period),
    sql`(select ${vacancies.organisationId} from ${vacancies} where ${vacancies.id} = ${applications.vacancyId}) = ${actor.organisationId}`,
  )!
}

function hiresOfPeriod(actor: Actor, period: string | null): SQL {
  return and(
    inPeriod(employmentRecords.createdAt, period),
    sql`(select ${employers.organisationId} from ${employers} where ${employers.id} = ${employmentRecords.employerId}) = ${actor.organisationId}`,
  )!
}

const county = alias(organisations, 'county')
const countyArea = alias(areas, 'county_area')

/** The applications of `ids` to the actor's bureau's posts (others are left out), in no particular order. */
function readApplications(actor: Actor, ids: number[]) {
  if (ids.length === 0) return []
  return (
    db
      .select({
        id: applications.id,
        createdAt: applications.createdAt,
        status: applications.status,
        source: applications.source,
        name: workers.name,
        countyName: countyArea.name,
        vacancyId: vacancies.id,
        title: vacancies.title,
        employerName: employers.name,
      })
      .from(applications)
      // The unary + keeps the applications (by id) the outer loop, as on the bureau's applicant lists.
      .innerJoin(vacancies, sql`${vacancies.id} = +${applications.vacancyId}`)
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .innerJoin(workers, eq(workers.id, applications.workerId))
      .innerJoin(county, eq(county.id, workers.organisationId))
      .innerJoin(countyArea, eq(countyArea.code, county.areaCode))
      .where(and(inArray(applications.id, ids), sql`+${vacancies.organisationId} = ${actor.organisationId}`))
      .all()
  )
}

/** One row of the bureau's applications list and export: no ID number, no phone. */
export type BureauApplicationRow = ReturnType<typeof readApplications>[number]

/**
 * `limit` applications to the actor's bureau's posts made in the period (null: any month) from `offset`, newest first (for
 * paginate, which clamps the page first; the page count stops at LIST_CAP): when, status, source, the
 * applicant's name and county, the post and its employer.
 */
export function listBureauApplications(actor: Actor, period: string | null, { limit, offset }: { limit: number; offset: number }): BureauApplicationRow[] {
  const ids = db
    .select({ id: sql<number>`${applications.id}` })
    .from(APPLICATIONS_SOURCE)
    .where(applicationsOfPeriod(actor, period))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => r.id)
  return [
    ...readInChunks(
      ids,
      (chunk) => readApplications(actor, chunk),
      (r) => r.id,
    ),
  ]
}

/**
 * Every application to the actor's bureau's posts made in the period (null: any month; at most EXPORT_CAP), newest first, for
 * the xlsx export: EXPORT_STEP ids at a time from where the last step stopped (created_at, id), then their
 * rows a chunk at a time, so no step holds the server for long.
 */
export function listBureauApplicationsForExport(actor: Actor, period: string | null): Iterable<BureauApplicationRow> {
  return newestFirstInSteps(
    (from, limit) =>
      db
        .select({ id: sql<number>`${applications.id}`, at: sql<number>`${applications.createdAt}` })
        .from(APPLICATIONS_SOURCE)
        .where(
          and(
            applicationsOfPeriod(actor, period),
            from ? sql`${applications.createdAt} <= ${from.at} and (${applications.createdAt}, ${applications.id}) < (${from.at}, ${from.id})` : undefined,
          ),
        )
        .orderBy(desc(applications.createdAt), desc(applications.id))
        .limit(limit)
        .all(),
    (chunk) => readApplications(actor, chunk),
    (r) => r.id,
    { step: EXPORT_STEP, cap: EXPORT_CAP },
  )
}

const postOfHire = alias(vacancies, 'post')

/** The employment records of `ids` with the actor's bureau's employers (others are left out), in no particular order. */
function readHires(actor: Actor, ids: number[]) {
  if (ids.length === 0) return []
  return db
    .select({
      id: employmentRecords.id,
      createdAt: employmentRecords.createdAt,
      startDate: employmentRecords.startDate,
      name: workers.name,
      countyName: countyArea.name,
      employerName: employers.name,
      vacancyId: postOfHire.id,
      title: postOfHire.title,
      // A hire's industry (issue 15): its post's when it came from an application, else its employer's.
      industry: sql<Industry>`coalesce(${postOfHire.industry}, ${employers.industry})`,
    })
    .from(employmentRecords)
    .innerJoin(employers, sql`${employers.id} = +${employmentRecords.employerId}`)
    .innerJoin(workers, eq(workers.id, employmentRecords.workerId))
    .innerJoin(county, eq(county.id, workers.organisationId))
    .innerJoin(countyArea, eq(countyArea.code, county.areaCode))
    .leftJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .leftJoin(postOfHire, eq(postOfHire.id, applications.vacancyId))
    .where(and(inArray(employmentRecords.id, ids), sql`+${employers.organisationId} = ${actor.organisationId}`))
    .all()
}

/** One row of the bureau's hires list and export: no ID number, no phone. */
export type BureauHireRow = ReturnType<typeof readHires>[number]

/**
 * `limit` employment records with the actor's bureau's employers written in the period (null: any month) from `offset`, newest
 * first: when, the person's name and county, the employer, the post (when hired from an application), the
 * industry and the start day.
 */
export function listBureauHires(actor: Actor, period: string | null, { limit, offset }: { limit: number; offset: number }): BureauHireRow[] {
  const ids = db
    .select({ id: sql<number>`${employmentRecords.id}` })
    .from(HIRES_SOURCE)
    .where(hiresOfPeriod(actor, period))
    .orderBy(desc(employmentRecords.createdAt), desc(employmentRecords.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => r.id)
  return [
    ...readInChunks(
      ids,
      (chunk) => readHires(actor, chunk),
      (r) => r.id,
    ),
  ]
}

/** Every hire with the actor's bureau's employers written in the period (null: any month; at most EXPORT_CAP), newest first, for the xlsx export, read in steps. */
export function listBureauHiresForExport(actor: Actor, period: string | null): Iterable<BureauHireRow> {
  return newestFirstInSteps(
    (from, limit) =>
      db
        .select({ id: sql<number>`${employmentRecords.id}`, at: sql<number>`${employmentRecords.createdAt}` })
        .from(HIRES_SOURCE)
        .where(
          and(
            hiresOfPeriod(actor, period),
            from
              ? sql`${employmentRecords.createdAt} <= ${from.at} and (${employmentRecords.createdAt}, ${employmentRecords.id}) < (${from.at}, ${from.id})`
              : undefined,
          ),
        )
        .orderBy(desc(employmentRecords.createdAt), desc(employmentRecords.id))
        .limit(limit)
        .all(),
    (chunk) => readHires(actor, chunk),
    (r) => r.id,
    { step: EXPORT_STEP, cap: EXPORT_CAP },
  )
}
