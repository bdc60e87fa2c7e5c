import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, employers, vacancies, vacancyTargets } from '../../db/schema'
import { searchQuery } from '~/rules/cjk-search'
import { todayInShanghai } from '~/rules/dates'
import { effectiveStatus } from '~/rules/vacancy'
import type { BoardFilters, BoardQuery } from '~/utils/board-query.server'
import { db } from '~/utils/db.server'
import { countRows } from './query.server'
import { isOpenVacancy } from './rule-sql.server'

// The public board (/jobs, /west/jobs, the JSON feed): open posts only, no personal data. Writing a
// post, and its search document, is ./vacancy.server.ts.

const city = alias(areas, 'city')

// The board's two covering indexes (db/schema.ts) hold every column its filters and sorts read, so the
// count and the choice of a page never touch the wide table rows; only the rows shown are read in full
// (a deferred join). INDEXED BY pins each plan — SQLite's stated purpose for it: a time-critical query
// must not silently change plan. Left to itself, with or without ANALYZE statistics, the planner chose
// indexes that read every matching table row (35–40 ms at 100,000 posts). With search text the FTS
// hits drive the query, each checked through the id-led index (hits come in rowid order, so even a
// word in a third of all posts is cheaper this way than a scan); without text the open posts are
// scanned in the filter index. scripts/bench-board.ts measures both (docs/decisions/008-chinese-search.md).
const BOARD_FILTER_SOURCE = sql`${vacancies} indexed by vacancies_board_filter_idx`
const BOARD_LOOKUP_SOURCE = sql`${vacancies} indexed by vacancies_board_lookup_idx`

/** The WHERE of a board query and the index it reads; null when the search text can match nothing. */
function boardWhere(filters: BoardFilters) {
  const conditions: SQL[] = [isOpenVacancy(todayInShanghai())]
  const match = searchQuery(filters.q)
  if (filters.q.trim() !== '' && !match) return null
  if (match) conditions.push(sql`${vacancies.id} in (select rowid from vacancy_search where vacancy_search match ${match})`)
  if (filters.city) conditions.push(eq(vacancies.cityCode, filters.city))
  if (filters.industry) conditions.push(eq(vacancies.industry, filters.industry))
  if (filters.minSalary) conditions.push(gte(vacancies.salaryMaxFen, filters.minSalary * 100))
  if (filters.meals) conditions.push(eq(vacancies.providesMeals, true))
  if (filters.housing) conditions.push(eq(vacancies.providesHousing, true))
  if (filters.countyCode) {
    conditions.push(
      sql`${vacancies.id} in (select ${vacancyTargets.vacancyId} from ${vacancyTargets} where ${vacancyTargets.countyCode} = ${filters.countyCode})`,
    )
  }
  return { where: and(...conditions), source: match ? BOARD_LOOKUP_SOURCE : BOARD_FILTER_SOURCE }
}

/** How many open posts match the board's filters. */
export function countPublicVacancies(filters: BoardFilters) {
  const board = boardWhere(filters)
  if (!board) return 0
  return countRows(db, board.source, board.where)
}

/** `limit` open posts matching the board's filters from `offset`, in the board's order. No personal data. */
export function listPublicVacancies(filters: BoardFilters, { limit, offset }: { limit: number; offset: number }) {
  const board = boardWhere(filters)
  if (!board) return []
  const order = filters.sort === 'salary' ? [desc(vacancies.salaryMaxFen), desc(vacancies.id)] : [desc(vacancies.publishedAt), desc(vacancies.id)]
  const page = db
    // An expression, not the column: drizzle cannot see that `source` is the vacancies table.
    .select({ id: sql<number>`${vacancies.id}`.as('page_id') })
    .from(board.source)
    .where(board.where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)
    .as('page')
  return db
    .select({
      id: vacancies.id,
      title: vacancies.title,
      industry: vacancies.industry,
      headcount: vacancies.headcount,
      salaryMinFen: vacancies.salaryMinFen,
      salaryMaxFen: vacancies.salaryMaxFen,
      providesMeals: vacancies.providesMeals,
      providesHousing: vacancies.providesHousing,
      address: vacancies.address,
      validUntil: vacancies.validUntil,
      publishedAt: vacancies.publishedAt,
      employerName: employers.name,
      cityCode: vacancies.cityCode,
      cityName: city.name,
    })
    .from(page)
    .innerJoin(vacancies, eq(vacancies.id, page.id))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
    .orderBy(...order)
    .all()
}

/**
 * Open posts only (published, not past their valid-until day): the total and page `query.page` as
 * asked, not clamped — the feed answers an empty page past the end, so a program paging until it gets
 * nothing stops. The board page clamps with paginate (utils/list.ts) over count/listPublicVacancies.
 */
export function searchPublicVacancies(query: BoardQuery) {
  const total = countPublicVacancies(query)
  const rows = total === 0 ? [] : listPublicVacancies(query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize })
  return { total, rows }
}

/** One post for the public page: any state (an old link shows it closed), never a draft. */
export function getPublicVacancy(id: number) {
  const row = db
    .select({ vacancy: vacancies, employerName: employers.name, employerIndustry: employers.industry, cityName: city.name })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
    .where(and(eq(vacancies.id, id), sql`${vacancies.status} <> 'draft'`))
    .get()
  if (!row) return null
  const targets = db
    .select({ code: areas.code, name: areas.name })
    .from(vacancyTargets)
    .innerJoin(areas, eq(areas.code, vacancyTargets.countyCode))
    .where(eq(vacancyTargets.vacancyId, id))
    .all()
  return { ...row, targets, status: effectiveStatus(row.vacancy.status, row.vacancy.validUntil, todayInShanghai()) }
}

/** Which of these posts are open to a county (their targets include it), so the board can mark the rest. */
export function listVacancyIdsOpenToCounty(countyCode: string, ids: number[]) {
  if (ids.length === 0) return new Set<number>()
  const rows = db
    .select({ id: vacancyTargets.vacancyId })
    .from(vacancyTargets)
    .where(and(eq(vacancyTargets.countyCode, countyCode), inArray(vacancyTargets.vacancyId, ids)))
    .all()
  return new Set(rows.map((r) => r.id))
}
