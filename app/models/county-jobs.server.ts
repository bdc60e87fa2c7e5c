import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, countyBoard, employers, vacancies } from '../../db/schema'
import { VACANCY_STATUSES } from '~/rules/vacancy-enums'
import { searchQuery } from '~/rules/cjk-search'
import { todayInShanghai } from '~/rules/dates'
import { effectiveStatus } from '~/rules/vacancy'
import type { BoardFilters } from '~/utils/board-query.server'
import { db } from '~/utils/db.server'
import { shanghaiMonthRange } from './county-outcomes.server'
import { countRows } from './query.server'

// The posts of the county's pair published in a month (/west/jobs?published=YYYY-MM, issue 15 §5): the list
// the county dashboard's 发布岗位 figure links to — every post open to the county (vacancy_targets, kept
// per county in county_board with its publication time) whose published_at falls in the Shanghai month,
// in whatever state it is in today (open, expired, closed, filled), not only the open ones the board shows.
// The board's other filters (text, industry, salary, board and lodging, order) apply inside the month.

/** The board's filters with the month the posts were published in (`YYYY-MM`, Asia/Shanghai). */
export type CountyPublishedFilters = Omit<BoardFilters, 'city' | 'countyCode'> & { published: string }

// The county's posts of each stored state in one range of publication times each (status is the index's
// second column, so `status in (…)` is one seek per state); every filter column is in the index, so the
// count reads no row. A month is a few thousand posts at most, sorted by salary when asked.
const SOURCE = sql`${countyBoard} indexed by county_board_newest_idx`

/** The WHERE over county_board for the county and filters, or null when the search text can match nothing. */
function publishedWhere(countyCode: string, f: CountyPublishedFilters): SQL | null {
  const match = searchQuery(f.q)
  if (f.q.trim() !== '' && !match) return null
  const [from, to] = shanghaiMonthRange(f.published)
  const conditions: SQL[] = [
    eq(countyBoard.countyCode, countyCode),
    inArray(countyBoard.status, [...VACANCY_STATUSES]),
    sql`${countyBoard.publishedAt} >= ${from.getTime()} and ${countyBoard.publishedAt} < ${to.getTime()}`,
  ]
  if (match) conditions.push(sql`${countyBoard.vacancyId} in (select rowid from vacancy_search where vacancy_search match ${match})`)
  if (f.industry) conditions.push(eq(countyBoard.industry, f.industry))
  if (f.minSalary) conditions.push(gte(countyBoard.salaryMaxFen, f.minSalary * 100))
  if (f.meals) conditions.push(eq(countyBoard.providesMeals, true))
  if (f.housing) conditions.push(eq(countyBoard.providesHousing, true))
  return and(...conditions)!
}

/** How many posts open to the county were published in the month and match the filters (every state). */
export function countCountyPublished(countyCode: string, f: CountyPublishedFilters) {
  const where = publishedWhere(countyCode, f)
  return where ? countRows(db, SOURCE, where) : 0
}

const city = alias(areas, 'city')

/**
 * `limit` posts open to the county published in the month and matching the filters from `offset`: newest
 * publication first (or highest salary), each with what the county's list shows and its state today. No
 * personal data.
 */
export function listCountyPublished(countyCode: string, f: CountyPublishedFilters, { limit, offset }: { limit: number; offset: number }) {
  const where = publishedWhere(countyCode, f)
  if (!where) return []
  const order =
    f.sort === 'salary' ? [desc(countyBoard.salaryMaxFen), desc(countyBoard.vacancyId)] : [desc(countyBoard.publishedAt), desc(countyBoard.vacancyId)]
  const ids = db
    .select({ id: sql<number>`${countyBoard.vacancyId}` })
    .from(SOURCE)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => r.id)
  if (ids.length === 0) return []
  const today = todayInShanghai()
  const rows = db
    .select({
      id: vacancies.id,
      title: vacancies.title,
      industry: vacancies.industry,
      headcount: vacancies.headcount,
      salaryMinFen: vacancies.salaryMinFen,
      salaryMaxFen: vacancies.salaryMaxFen,
      providesMeals: vacancies.providesMeals,
      providesHousing: vacancies.providesHousing,
      validUntil: vacancies.validUntil,
      publishedAt: vacancies.publishedAt,
      status: vacancies.status,
      employerName: employers.name,
      cityName: city.name,
    })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
    .where(inArray(vacancies.id, ids))
    .all()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const r = byId.get(id)
    return r ? [{ ...r, status: effectiveStatus(r.status, r.validUntil, today) }] : []
  })
}
