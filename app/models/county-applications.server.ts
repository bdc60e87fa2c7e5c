import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { applications, areas, organisations, vacancies, workers } from '../../db/schema'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { mapRows, newestFirstInSteps } from '~/utils/chunks.server'
import { db } from '~/utils/db.server'
import type { CountyApplicationFilters } from '~/utils/hire-filters.server'
import { countCountyMonth, shanghaiMonthRange } from './county-outcomes.server'

// The applications of the county's people (issue 11 §3): the list behind the county home's 本月报名 figure,
// by month (Asia/Shanghai), township and status, newest first. "The county's people" are its ledger rows
// (workers.organisation_id), archived ones included, whichever way they applied — exactly what
// county_month_counts counts, so the list of a month is as long as the home's figure.

export type { CountyApplicationFilters }

/**
 * How deep the list goes, and the most matches a filtered count goes to: the newest COUNT_CAP
 * applications are listed (100 pages at 20) and a filtered count past it says "more than", so neither a
 * deep page nor a rare township or status walks a whole month of the province (on the benchmark database
 * the last page of 开州's busiest month, 99,544 applications, read 225,000 rows: 0.8–1.9 s).
 */
export const COUNT_CAP = 2_000

// Without a township the month's applications of the province are walked newest first — on the status's
// range of applications_status_created_idx when a status is asked for — and each one's ledger row is
// read by id for its county, so a page stops after its rows (the county's people are a quarter or more
// of the province's applicants). INDEXED BY pins the plan: the ledger is never read from the county's
// side (300,000 rows in 开州 on the benchmark database).
const MONTH_SOURCE = sql`${applications} indexed by applications_created_idx cross join ${workers} on ${workers.id} = ${applications.workerId}`
const STATUS_SOURCE = sql`${applications} indexed by applications_status_created_idx cross join ${workers} on ${workers.id} = ${applications.workerId}`
// A township's people are few: its index range, then each one's applications by applications_worker_idx,
// sorted by time — where walking the province's month to test each one's township would read thousands.
// Both indexes pinned: with a status SQLite otherwise reads the status's month range once per person.
const TOWNSHIP_SOURCE = sql`${workers} indexed by workers_org_township_idx cross join ${applications} indexed by applications_worker_idx on ${applications.workerId} = ${workers.id}`

function sourceOf(f: CountyApplicationFilters) {
  return f.township ? TOWNSHIP_SOURCE : f.status ? STATUS_SOURCE : MONTH_SOURCE
}

function conditionsOf(actor: Actor, f: CountyApplicationFilters): SQL {
  const [from, to] = shanghaiMonthRange(f.month)
  const conditions: SQL[] = [
    eq(workers.organisationId, actor.organisationId),
    sql`${applications.createdAt} >= ${from.getTime()} and ${applications.createdAt} < ${to.getTime()}`,
  ]
  if (f.township) conditions.push(eq(workers.townshipCode, f.township))
  if (f.status) conditions.push(eq(applications.status, f.status))
  return and(...conditions)!
}

/**
 * How many applications of the actor's county's people match the filters: `{ total, capped }`. The month
 * alone is read from the kept county_month_counts (the home's figure); with a township or status the
 * matches are counted up to COUNT_CAP (`capped` when there are more, `total` is then COUNT_CAP).
 */
export function countCountyApplications(actor: Actor, f: CountyApplicationFilters) {
  if (!f.township && !f.status) return { total: countCountyMonth(actor, f.month).applications, capped: false }
  const hits = db
    .select({ one: sql`1` })
    .from(sourceOf(f))
    .where(conditionsOf(actor, f))
    .limit(COUNT_CAP + 1)
    .as('hits')
  const n = db.select({ n: count() }).from(hits).get()?.n ?? 0
  return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP }
}

const bureau = alias(organisations, 'bureau')
const township = alias(areas, 'township')

function selectApplications(where: SQL) {
  return (
    db
      .select({
        id: applications.id,
        createdAt: applications.createdAt,
        status: applications.status,
        source: applications.source,
        workerId: workers.id,
        name: workers.name,
        idNumber: workers.idNumber,
        phone: workers.phone,
        townshipName: township.name,
        vacancyId: vacancies.id,
        title: vacancies.title,
        bureauName: bureau.shortName,
      })
      .from(applications)
      .innerJoin(workers, eq(workers.id, applications.workerId))
      .innerJoin(township, eq(township.code, workers.townshipCode))
      // The unary + keeps the applications the outer loop, read by id: otherwise SQLite walked every bureau's
      // posts to find a chunk of 500 (seconds a chunk on the benchmark database).
      .innerJoin(vacancies, sql`${vacancies.id} = +${applications.vacancyId}`)
      .innerJoin(bureau, eq(bureau.id, vacancies.organisationId))
      .where(where)
  )
}

const NEWEST_FIRST = [desc(applications.createdAt), desc(applications.id)]

/** An application as lists and exports show it: ID number and phone masked, never the full numbers. */
function maskApplication({ phone, ...r }: ReturnType<ReturnType<typeof selectApplications>['all']>[number]) {
  return { ...r, idNumber: maskIdNumber(r.idNumber), phone: phone ? maskMobile(phone) : null }
}

/**
 * `limit` applications of the actor's county's people matching the filters from `offset`, newest first
 * (for paginate, which clamps the page first): when, status, the person (ledger row id, name, township,
 * ID number and phone masked), the post (id, title) and its bureau's short name.
 */
export function listCountyApplications(actor: Actor, f: CountyApplicationFilters, { limit, offset }: { limit: number; offset: number }) {
  const pageIds = db
    .select({ id: sql<number>`"applications"."id"` })
    .from(sourceOf(f))
    .where(conditionsOf(actor, f))
    .orderBy(...NEWEST_FIRST)
    .limit(limit)
    .offset(offset)
  return selectApplications(inArray(applications.id, pageIds))
    .orderBy(...NEWEST_FIRST)
    .all()
    .map(maskApplication)
}

/** The most rows one applications export carries (a busy month of 开州 on the benchmark database is 99,544). */
export const EXPORT_CAP = 100_000

/** One row of the applications export: numbers always masked. */
export type CountyApplicationExportRow = ReturnType<typeof maskApplication>

/** How many applications' ids one step of the export reads (under a second on the benchmark database, loaded). */
const EXPORT_STEP = 1_000

/**
 * The applications of the actor's county's people matching the filters, for the xlsx export: newest
 * first, at most EXPORT_CAP, numbers masked. Read in steps as the file is written — EXPORT_STEP ids from
 * where the last step stopped (created_at, id), then their rows a chunk at a time, the county checked
 * again on each — so no step holds the server for long: reading a busy month's 99,544 ids at once took
 * 11–22 s on the benchmark database with nothing sent meanwhile. `mayBeCut` when the month alone has more
 * than EXPORT_CAP (the kept county_month_counts), so the title can say the export stops there.
 */
export function listCountyApplicationsForExport(actor: Actor, f: CountyApplicationFilters): { rows: Iterable<CountyApplicationExportRow>; mayBeCut: boolean } {
  return { rows: mapRows(exportRows(actor, f), maskApplication), mayBeCut: countCountyMonth(actor, f.month).applications > EXPORT_CAP }
}

function exportRows(actor: Actor, f: CountyApplicationFilters) {
  return newestFirstInSteps(
    (from, limit) =>
      db
        .select({ id: sql<number>`"applications"."id"`, at: sql<number>`"applications"."created_at"` })
        .from(sourceOf(f))
        .where(
          and(
            conditionsOf(actor, f),
            from ? sql`${applications.createdAt} <= ${from.at} and (${applications.createdAt}, "applications"."id") < (${from.at}, ${from.id})` : undefined,
          ),
        )
        .orderBy(...NEWEST_FIRST)
        .limit(limit)
        .all(),
    (chunk) => selectApplications(and(inArray(applications.id, chunk), sql`+${workers.organisationId} = ${actor.organisationId}`)!).all(),
    (r) => r.id,
    { step: EXPORT_STEP, cap: EXPORT_CAP },
  )
}
