import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, countyBoard, countyOpenPosts, employers, vacancies, vacancyTargets } from '../../db/schema'
import { searchQuery } from '~/rules/cjk-search'
import { todayInShanghai } from '~/rules/dates'
import { effectiveStatus } from '~/rules/vacancy'
import type { BoardFilters, BoardQuery } from '~/utils/board-query.server'
import { db } from '~/utils/db.server'
import { paginate } from '~/utils/page'
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

// A county's board (filters.countyCode: /west/jobs, a worker's own posts) reads county_board instead, the
// posts open to each county with the columns the board filters and sorts by, kept by triggers
// (db/schema/county-board.ts): the county's open posts are one range of an index already in the page's
// order, so the page reads its 20 entries and the count one range, where checking every open post of the
// province against the county's targets took 19 ms to count and 19 ms more to sort (issue 10).
const COUNTY_NEWEST_SOURCE = sql`${countyBoard} indexed by county_board_newest_idx`
const COUNTY_SALARY_SOURCE = sql`${countyBoard} indexed by county_board_salary_idx`

/** The columns a board query filters and sorts by: the post's own, or their copies on county_board. */
type BoardColumns = {
  id: typeof vacancies.id | typeof countyBoard.vacancyId
  status: typeof vacancies.status | typeof countyBoard.status
  validUntil: typeof vacancies.validUntil | typeof countyBoard.validUntil
  cityCode: typeof vacancies.cityCode | typeof countyBoard.cityCode
  industry: typeof vacancies.industry | typeof countyBoard.industry
  salaryMaxFen: typeof vacancies.salaryMaxFen | typeof countyBoard.salaryMaxFen
  publishedAt: typeof vacancies.publishedAt | typeof countyBoard.publishedAt
  providesMeals: typeof vacancies.providesMeals | typeof countyBoard.providesMeals
  providesHousing: typeof vacancies.providesHousing | typeof countyBoard.providesHousing
}
const COUNTY_COLUMNS: BoardColumns = { ...countyBoard, id: countyBoard.vacancyId }

/**
 * The WHERE of a board query, the index it reads, its id column and page order, and whether the page
 * counts its matches (`count(*) over ()`, with search text); null when the search text can match nothing.
 */
function boardWhere(filters: BoardFilters) {
  const match = searchQuery(filters.q)
  if (filters.q.trim() !== '' && !match) return null
  const county = filters.countyCode ?? null
  const c: BoardColumns = county ? COUNTY_COLUMNS : vacancies
  const today = todayInShanghai()
  // Open today by the one rule (rule-sql.server.ts), over the post's columns or county_board's copies of them.
  const conditions: SQL[] = county ? [eq(countyBoard.countyCode, county), isOpenVacancy(today, countyBoard)] : [isOpenVacancy(today)]
  if (match) conditions.push(sql`${c.id} in (select rowid from vacancy_search where vacancy_search match ${match})`)
  if (filters.city) conditions.push(eq(c.cityCode, filters.city))
  if (filters.industry) conditions.push(eq(c.industry, filters.industry))
  if (filters.minSalary) conditions.push(gte(c.salaryMaxFen, filters.minSalary * 100))
  if (filters.meals) conditions.push(eq(c.providesMeals, true))
  if (filters.housing) conditions.push(eq(c.providesHousing, true))
  const salary = filters.sort === 'salary'
  const source = county ? (salary ? COUNTY_SALARY_SOURCE : COUNTY_NEWEST_SOURCE) : match ? BOARD_LOOKUP_SOURCE : BOARD_FILTER_SOURCE
  return {
    where: and(...conditions),
    source,
    id: c.id,
    sortKey: salary ? c.salaryMaxFen : c.publishedAt,
    order: salary ? [desc(c.salaryMaxFen), desc(c.id)] : [desc(c.publishedAt), desc(c.id)],
    withTotal: match != null,
    county: county != null,
  }
}

/**
 * How many open posts match the board's filters. A county's board with no filter sums its kept count per
 * valid-until day (county_open_posts) from today on instead of counting its open posts one by one.
 */
export function countPublicVacancies(filters: BoardFilters) {
  const { countyCode, q, city, industry, minSalary, meals, housing } = filters
  if (countyCode && !q.trim() && !city && !industry && !minSalary && !meals && !housing) {
    const row = db
      .select({ n: sql<number>`coalesce(sum(${countyOpenPosts.posts}), 0)`.mapWith(Number) })
      .from(countyOpenPosts)
      .where(and(eq(countyOpenPosts.countyCode, countyCode), gte(countyOpenPosts.validUntil, todayInShanghai())))
      .get()
    return row?.n ?? 0
  }
  const board = boardWhere(filters)
  if (!board) return 0
  return countRows(db, board.source, board.where)
}

/** `limit` open posts matching the board's filters from `offset`, in the board's order. No personal data. */
export function listPublicVacancies(filters: BoardFilters, { limit, offset }: { limit: number; offset: number }) {
  return pageOfPublicVacancies(filters, { limit, offset }).rows
}

/**
 * One page of open posts and, with a text search, how many match in all in the same query (`count(*)
 * over ()`): the full-text match runs once instead of once for the count and once for the page (issue 10
 * §3). Without text the count is a separate scan of the covering filter index: a window over every open
 * post would first copy them all, slower than counting them and letting the page's sort keep only the
 * top rows (measured at 85,000 open posts). `total` is null when the page is past the end or there is
 * no text (no row carries it); the caller counts then.
 */
function pageOfPublicVacancies(filters: BoardFilters, { limit, offset }: { limit: number; offset: number }) {
  const board = boardWhere(filters)
  if (!board) return { total: 0, rows: [] }
  const order = filters.sort === 'salary' ? [desc(vacancies.salaryMaxFen), desc(vacancies.id)] : [desc(vacancies.publishedAt), desc(vacancies.id)]
  const page = db
    // An expression, not the column: drizzle cannot see that `source` is the vacancies or county_board table.
    .select({
      id: sql<number>`${board.id}`.as('page_id'),
      total: (board.withTotal ? sql<number>`count(*) over ()` : sql<null>`null`).as('page_total'),
      // A county's page is put in order by the page's own columns, which come in that order from the
      // index, so SQLite does not sort the shown rows again.
      sortKey: (board.county ? sql`${board.sortKey}` : sql`null`).as('page_sort'),
    })
    .from(board.source)
    .where(board.where)
    .orderBy(...board.order)
    .limit(limit)
    .offset(offset)
    .as('page')
  const found = db
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
      total: page.total,
    })
    .from(page)
    .innerJoin(vacancies, eq(vacancies.id, page.id))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
    .orderBy(...(board.county ? [desc(page.sortKey), desc(page.id)] : order))
    .all()
  return { total: found[0]?.total ?? null, rows: found.map(({ total: _total, ...row }) => row) }
}

/**
 * Open posts only (published, not past their valid-until day): the total and page `query.page` as
 * asked, not clamped — the feed answers an empty page past the end, so a program paging until it gets
 * nothing stops. One query when the page has rows; a count as well only past the end.
 */
export function searchPublicVacancies(query: BoardQuery) {
  const found = pageOfPublicVacancies(query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize })
  return { total: found.total ?? countPublicVacancies(query), rows: found.rows }
}

/**
 * The board page (/jobs): page `page` of `pageSize` open posts matching the filters, clamped as paginate
 * (utils/page.ts) clamps — a shared link to a page that no longer exists shows the last one. Returns the
 * Page. One query when the page asked for exists (the count rides along), else a count and the last page.
 */
export function pagePublicVacancies(filters: BoardFilters, { page, pageSize }: { page: number; pageSize: number }) {
  const askedOffset = (Math.max(1, Math.trunc(page) || 1) - 1) * pageSize
  const asked = pageOfPublicVacancies(filters, { limit: pageSize, offset: askedOffset })
  return paginate({
    page,
    pageSize,
    total: asked.total ?? countPublicVacancies(filters),
    rows: (limit, offset) => (offset === askedOffset && asked.total != null ? asked.rows : listPublicVacancies(filters, { limit, offset })),
  })
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
