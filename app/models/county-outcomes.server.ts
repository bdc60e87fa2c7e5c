import { and, between, desc, eq, inArray, like, sql, sum, type Column, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { applications, areas, countyMonthCounts, employers, employmentRecords, organisations, vacancies, workers } from '../../db/schema'
import { maskNumbers } from '~/rules/masked-numbers'
import { monthOf, periodRange } from '~/rules/statistics'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { mapRows, newestFirstInSteps } from '~/utils/chunks.server'
import { db } from '~/utils/db.server'
import type { HireFilters } from '~/utils/hire-filters.server'
import { countRows, findOwned } from './query.server'

// What became of the county's people (issue 11 §3): one person's applications and employment records on
// their ledger row, the county's hires as a list and an export, and this month's figures on the county
// home. "The county's people" are the rows of its ledger (workers.organisation_id), whichever way they
// applied; a hire is an employment record, dated when the bureau recorded it (Asia/Shanghai).

/** How many of a person's applications and employment records their row shows (newest first). */
export const HISTORY_SHOWN = 50

/**
 * The applications (post, bureau, status, date) and employment records (employer, city, start date) of
 * one of the actor's county's ledger rows, newest first, at most HISTORY_SHOWN of each; null when the row
 * is not this county's.
 */
export function getOutcomesOfWorker(actor: Actor, workerId: number) {
  if (!findOwned(db, workers, actor, workerId, { id: workers.id })) return null
  const bureau = alias(organisations, 'bureau')
  const applied = db
    .select({
      id: applications.id,
      vacancyId: vacancies.id,
      title: vacancies.title,
      bureauName: bureau.shortName,
      status: applications.status,
      source: applications.source,
      createdAt: applications.createdAt,
      statusChangedAt: applications.statusChangedAt,
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .innerJoin(bureau, eq(bureau.id, vacancies.organisationId))
    .where(eq(applications.workerId, workerId))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(HISTORY_SHOWN)
    .all()
  const employed = db
    .select({
      id: employmentRecords.id,
      employerName: employers.name,
      cityName: areas.name,
      startDate: employmentRecords.startDate,
      createdAt: employmentRecords.createdAt,
      vacancyId: applications.vacancyId,
    })
    .from(employmentRecords)
    .innerJoin(employers, eq(employers.id, employmentRecords.employerId))
    .innerJoin(areas, eq(areas.code, employmentRecords.cityCode))
    .leftJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .where(eq(employmentRecords.workerId, workerId))
    .orderBy(desc(employmentRecords.createdAt), desc(employmentRecords.id))
    .limit(HISTORY_SHOWN)
    .all()
  return { applied, employed }
}

/**
 * [start, end) of a period of calendar months in Asia/Shanghai (UTC+8, no daylight saving), as Dates: one
 * month `YYYY-MM` or `YYYY-MM/YYYY-MM` as a list's month filter reads it (periodRange). Throws for text that
 * is not a period (the filters drop it before it gets here).
 */
export function shanghaiMonthRange(period: string): [Date, Date] {
  const range = periodRange(period)
  if (!range) throw new Error(`not a period: ${period}`)
  return [new Date(range.from), new Date(range.to)]
}

/** The kept monthly counts' rows of a period: `month` between its first and last month (`YYYY-MM` text sorts as the calendar). */
export function monthsOfPeriod(column: Column, period: string) {
  const range = periodRange(period)
  if (!range) throw new Error(`not a period: ${period}`)
  return range.first === range.last ? eq(column, range.first) : between(column, range.first, range.last)
}

/** The Asia/Shanghai month `YYYY-MM` of a moment (today's by default). */
export function shanghaiMonth(at: Date = new Date()) {
  return monthOf(at)
}

function hireConditions(actor: Actor, f: HireFilters) {
  const conditions: SQL[] = [eq(workers.organisationId, actor.organisationId)]
  if (f.township) conditions.push(eq(workers.townshipCode, f.township))
  if (f.city) conditions.push(eq(employmentRecords.cityCode, f.city))
  const term = (f.employer ?? '').replace(/[%_\\]/g, '')
  if (term)
    conditions.push(
      // The unary + makes the employer names a filter on each of the county's records, not an index probe of
      // every person once per matching employer (thousands of employers are called 某某公司).
      inArray(
        sql`+${employmentRecords.employerId}`,
        db
          .select({ id: employers.id })
          .from(employers)
          .where(like(employers.name, `%${term}%`)),
      ),
    )
  if (f.month) {
    const [from, to] = shanghaiMonthRange(f.month)
    conditions.push(sql`${employmentRecords.createdAt} >= ${from.getTime()} and ${employmentRecords.createdAt} < ${to.getTime()}`)
  }
  return and(...conditions)!
}

// The province's employment records are walked newest first on employment_records_created_idx (a month is
// a range of it) and each one's ledger row is read by id for its county, so a page stops after its rows;
// the county's rows are never all read (300,000 in 开州 on the benchmark database).
const HIRES_SOURCE = sql`${employmentRecords} indexed by employment_records_created_idx cross join ${workers} on ${workers.id} = ${employmentRecords.workerId}`

/**
 * How many hires of the actor's county's people match the filters. Without filters, or with the month
 * alone, the kept figures (county_month_counts) answer it; otherwise a walk of the records.
 */
export function countCountyHires(actor: Actor, f: HireFilters) {
  if (!f.township && !f.city && !f.employer) {
    const where = and(eq(countyMonthCounts.organisationId, actor.organisationId), f.month ? monthsOfPeriod(countyMonthCounts.month, f.month) : undefined)
    return Number(
      db
        .select({ n: sum(countyMonthCounts.hires) })
        .from(countyMonthCounts)
        .where(where)
        .get()?.n ?? 0,
    )
  }
  // A township's people are few: counting from its index range and each one's records is a few
  // milliseconds, where walking the province's records to test each one's township is hundreds.
  return countRows(db, f.township ? TOWNSHIP_HIRES_SOURCE : HIRES_SOURCE, hireConditions(actor, f))
}

const TOWNSHIP_HIRES_SOURCE = sql`${workers} indexed by workers_org_township_idx join ${employmentRecords} on ${employmentRecords.workerId} = ${workers.id}`

const township = alias(areas, 'township')
const city = alias(areas, 'city')

function selectHires(where: SQL) {
  return db
    .select({
      id: employmentRecords.id,
      createdAt: employmentRecords.createdAt,
      startDate: employmentRecords.startDate,
      workerId: workers.id,
      name: workers.name,
      idNumber: workers.idNumber,
      phone: workers.phone,
      townshipName: township.name,
      employmentStatus: workers.employmentStatus,
      employmentCheckedAt: workers.employmentCheckedAt,
      archived: sql<boolean>`${workers.archivedAt} is not null`.mapWith(Boolean),
      employerName: employers.name,
      cityName: city.name,
      vacancyTitle: vacancies.title,
    })
    .from(employmentRecords)
    .innerJoin(workers, eq(workers.id, employmentRecords.workerId))
    .innerJoin(township, eq(township.code, workers.townshipCode))
    .innerJoin(employers, eq(employers.id, employmentRecords.employerId))
    .innerJoin(city, eq(city.code, employmentRecords.cityCode))
    .leftJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .leftJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(where)
    .$dynamic()
}

type HireRow = ReturnType<ReturnType<typeof selectHires>['all']>[number]

/**
 * `limit` hires of the actor's county's people from `offset`, newest recorded first, numbers masked (for
 * paginate, which clamps the page first).
 */
export function listCountyHires(actor: Actor, f: HireFilters, { limit, offset }: { limit: number; offset: number }) {
  const pageIds = db
    .select({ id: sql<number>`"employment_records"."id"` })
    .from(HIRES_SOURCE)
    .where(hireConditions(actor, f))
    .orderBy(desc(employmentRecords.createdAt), desc(employmentRecords.id))
    .limit(limit)
    .offset(offset)
  return selectHires(inArray(employmentRecords.id, pageIds)).orderBy(desc(employmentRecords.createdAt), desc(employmentRecords.id)).all().map(maskNumbers)
}

/** One row of the hires export: full numbers only in the audited full export. */
export type HireExportRow = HireRow

/** How many record ids the hires export reads per step (keyset, newest first), so its first row waits for one step. */
const HIRES_EXPORT_STEP = 1_000

/**
 * Every hire matching the filters for the xlsx export, newest first, read HIRES_EXPORT_STEP ids at a time
 * from where the last step stopped (never all of the county's ids before the first row). Masked unless
 * `full`; a full export is a disclosure, audited (`hire.export_full`) with the row count (countCountyHires)
 * and which filters were used (names only).
 */
export function listCountyHiresForExport(actor: Actor, f: HireFilters, { full }: { full: boolean }): Iterable<HireExportRow> {
  if (full) {
    const used = (['township', 'city', 'employer', 'month'] as const).filter((k) => f[k])
    writeActorAudit(db, actor, { action: 'hire.export_full', entity: 'employment_record', detail: { rows: countCountyHires(actor, f), filters: used } })
  }
  const rows = hireExportRows(actor, f)
  return full ? rows : mapRows(rows, maskNumbers)
}

function hireExportRows(actor: Actor, f: HireFilters) {
  return newestFirstInSteps(
    (from, limit) =>
      db
        .select({ id: sql<number>`"employment_records"."id"`, at: sql<number>`"employment_records"."created_at"` })
        .from(HIRES_SOURCE)
        .where(
          and(
            hireConditions(actor, f),
            from
              ? sql`${employmentRecords.createdAt} <= ${from.at} and (${employmentRecords.createdAt}, "employment_records"."id") < (${from.at}, ${from.id})`
              : undefined,
          ),
        )
        .orderBy(desc(employmentRecords.createdAt), desc(employmentRecords.id))
        .limit(limit)
        .all(),
    // The county is checked again, so a person moved to another county meanwhile is left out.
    (chunk) => selectHires(and(inArray(employmentRecords.id, chunk), sql`+${workers.organisationId} = ${actor.organisationId}`)!).all(),
    (r) => r.id,
    { step: HIRES_EXPORT_STEP },
  )
}

/**
 * The county home's figures for this month (Asia/Shanghai), or a list's period (`YYYY-MM/YYYY-MM`):
 * applications made by its people and hires of them — the rows of county_month_counts, kept by triggers
 * (migration 0030).
 */
export function countCountyMonth(actor: Actor, month = shanghaiMonth()) {
  const row = db
    .select({ applications: sum(countyMonthCounts.applications), hires: sum(countyMonthCounts.hires) })
    .from(countyMonthCounts)
    .where(and(eq(countyMonthCounts.organisationId, actor.organisationId), monthsOfPeriod(countyMonthCounts.month, month)))
    .get()
  return { month, applications: Number(row?.applications ?? 0), hires: Number(row?.hires ?? 0) }
}

/** Whether the person was hired after staff last answered the 就业状态 question (the list's "待确认" mark). */
export function needsEmploymentAnswer(r: Pick<HireRow, 'employmentStatus' | 'employmentCheckedAt' | 'archived' | 'createdAt'>) {
  return !r.archived && r.employmentStatus !== 'out_of_province' && (r.employmentCheckedAt == null || r.employmentCheckedAt.getTime() < r.createdAt.getTime())
}
