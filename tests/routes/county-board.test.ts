import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies, vacancyReports, vacancyTargets } from '../../db/schema'
import { getBureauVacancyFigures } from '~/models/bureau-stats.server'
import { countReportsForBureau, listReportsForBureau, resolveReport } from '~/models/vacancy-report.server'
import { deleteDraftVacancy, moveVacancy } from '~/models/vacancy.server'
import { pagePublicVacancies } from '~/models/vacancy-board.server'
import { searchQuery } from '~/rules/cjk-search'
import { addDays, todayInShanghai } from '~/rules/dates'
import type { BoardFilters } from '~/utils/board-query.server'
import { db } from '~/utils/db.server'
import { actorFor, createTestReport, createTestVacancy } from '../factories'

// Issue 10: a county's board, a bureau's open posts and its reports are read from kept tables (county_board,
// county_open_posts, bureau_open_posts, report_queue; migrations 0032, 0038), kept by triggers. Each must equal what the base tables
// say after every kind of write — through the models and by plain SQL — and the county's pages must be
// exactly the posts, order and counts a plain query over vacancies and vacancy_targets gives.

const KAIZHOU = '500154'
const XIUSHAN = '500241'

const all = (sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).all(...params)

/** Every kept table against the same figures computed from the base tables. */
function expectKeptEqualsBase(when: string) {
  const columns = 'status, valid_until, published_at, salary_max_fen, city_code, industry, provides_meals, provides_housing'
  expect(all(`select county_code, vacancy_id, ${columns} from county_board order by vacancy_id, county_code`), `county_board ${when}`).toEqual(
    all(
      `select t.county_code, v.id as vacancy_id, ${columns.replace(/(\w+)/g, 'v.$1')} from vacancy_targets t
       join vacancies v on v.id = t.vacancy_id order by v.id, t.county_code`,
    ),
  )
  expect(
    all('select organisation_id, valid_until, posts, headcount from bureau_open_posts where posts <> 0 order by 1, 2'),
    `bureau_open_posts ${when}`,
  ).toEqual(
    all(
      `select organisation_id, valid_until, count(*) as posts, sum(headcount) as headcount from vacancies
       where status = 'published' group by 1, 2 order by 1, 2`,
    ),
  )
  expect(all('select county_code, valid_until, posts from county_open_posts where posts <> 0 order by 1, 2'), `county_open_posts ${when}`).toEqual(
    all(
      `select t.county_code, v.valid_until, count(*) as posts from vacancy_targets t join vacancies v on v.id = t.vacancy_id
       where v.status = 'published' group by 1, 2 order by 1, 2`,
    ),
  )
  expect(all('select report_id, organisation_id, open from report_queue order by report_id'), `report_queue ${when}`).toEqual(
    all(
      'select r.id as report_id, v.organisation_id, r.resolved_at is null as open from vacancy_reports r join vacancies v on v.id = r.vacancy_id order by r.id',
    ),
  )
}

test('区县岗位表、东部在招岗位和举报队列在每种写入之后都与基础表一致 / the kept county board, open posts and report queue equal the base tables after every kind of write', async () => {
  expectKeptEqualsBase('after migrating the demo data')
  const weifang = actorFor('weifang')
  const open = createTestVacancy('weifang', { headcount: 7 })
  const draft = createTestVacancy('weifang', { status: 'draft' })
  const closing = createTestVacancy('weifang')
  createTestVacancy('weifang', { status: 'expired' })
  createTestVacancy('dezhou', { status: 'filled' })
  expectKeptEqualsBase('after creating, publishing, closing and expiring posts')

  expect(moveVacancy(weifang, closing.id, 'closed', '已招满')?.ok).toBe(true)
  expect(moveVacancy(weifang, draft.id, 'published')?.ok).toBe(true)
  const draft2 = createTestVacancy('weifang', { status: 'draft' })
  expect(deleteDraftVacancy(weifang, draft2.id)?.ok).toBe(true)
  expectKeptEqualsBase('after the models move and delete posts')

  // Writes outside the models (a script, a repair) are kept too.
  db.update(vacancies)
    .set({ salaryMaxFen: 999_900, industry: 'construction', providesMeals: false, headcount: 12, validUntil: addDays(todayInShanghai(), 3) })
    .where(eq(vacancies.id, open.id))
    .run()
  db.insert(vacancyTargets).values({ vacancyId: open.id, countyCode: XIUSHAN }).run()
  db.update(vacancyTargets).set({ countyCode: '500230' }).where(eq(vacancyTargets.vacancyId, draft.id)).run()
  db.delete(vacancyTargets).where(eq(vacancyTargets.vacancyId, closing.id)).run()
  db.update(vacancies)
    .set({ organisationId: actorFor('dezhou').organisationId })
    .where(eq(vacancies.id, open.id))
    .run()
  expectKeptEqualsBase('after plain SQL changes of posts and targets')

  const reported = createTestVacancy('weifang')
  const { report } = await createTestReport(reported.id)
  const second = await createTestReport(reported.id)
  expectKeptEqualsBase('after two reports')
  expect(resolveReport(weifang, report.id, '已电话核实')).toMatchObject({ ok: true })
  db.delete(vacancyReports).where(eq(vacancyReports.id, second.report.id)).run()
  db.update(vacancies)
    .set({ organisationId: actorFor('zaozhuang').organisationId })
    .where(eq(vacancies.id, reported.id))
    .run()
  expectKeptEqualsBase('after resolving, deleting and moving reports')
  db.delete(vacancies).where(eq(vacancies.id, closing.id)).run()
  expectKeptEqualsBase('after deleting a post')
})

test('东部首页的在招岗位、人数和待处理举报与逐条统计一致 / the bureau home open posts, headcount and open reports equal a plain count', async () => {
  const weifang = actorFor('weifang')
  createTestVacancy('weifang', { headcount: 9 })
  createTestVacancy('weifang', { status: 'expired', headcount: 4 })
  createTestVacancy('weifang', { status: 'closed' })
  await createTestReport(createTestVacancy('weifang').id)
  const today = todayInShanghai()
  const plain = all(
    `select count(*) as posts, coalesce(sum(headcount), 0) as headcount from vacancies
     where organisation_id = ? and status = 'published' and valid_until >= ?`,
    weifang.organisationId,
    today,
  )[0] as { posts: number; headcount: number }
  const reports = all(
    `select coalesce(sum(r.resolved_at is null), 0) as open, coalesce(sum(r.resolved_at is not null), 0) as resolved
     from vacancy_reports r join vacancies v on v.id = r.vacancy_id where v.organisation_id = ?`,
    weifang.organisationId,
  )[0] as { open: number; resolved: number }
  const figures = getBureauVacancyFigures(weifang)
  expect(figures).toMatchObject({ openPosts: plain.posts, openHeadcount: plain.headcount, openReports: reports.open })
  expect(plain.posts).toBeGreaterThan(0)
  expect(reports.open).toBeGreaterThan(0)
  expect(countReportsForBureau(weifang)).toEqual(reports)
  // The report list: open ones first, then newest, as a plain query orders them.
  const ids = listReportsForBureau(weifang, { limit: 100, offset: 0 }).map((r) => r.id)
  const expected = all(
    `select r.id from vacancy_reports r join vacancies v on v.id = r.vacancy_id where v.organisation_id = ?
     order by r.resolved_at is not null, r.id desc`,
    weifang.organisationId,
  ).map((r) => (r as { id: number }).id)
  expect(ids).toEqual(expected)
})

const none: BoardFilters = { q: '', city: null, industry: null, minSalary: null, meals: false, housing: false, sort: 'newest' }

/** The county's open posts matching `filters` by a plain query over vacancies and vacancy_targets, in the board's order. */
function plainCountyBoard(county: string, filters: BoardFilters) {
  const where = ["v.status = 'published'", 'v.valid_until >= ?', 'v.id in (select vacancy_id from vacancy_targets where county_code = ?)']
  const params: unknown[] = [todayInShanghai(), county]
  const add = (condition: string, value: unknown) => (where.push(condition), params.push(value))
  const match = searchQuery(filters.q)
  if (match) add('v.id in (select rowid from vacancy_search where vacancy_search match ?)', match)
  if (filters.city) add('v.city_code = ?', filters.city)
  if (filters.industry) add('v.industry = ?', filters.industry)
  if (filters.minSalary) add('v.salary_max_fen >= ?', filters.minSalary * 100)
  if (filters.meals) where.push('v.provides_meals = 1')
  if (filters.housing) where.push('v.provides_housing = 1')
  const order = filters.sort === 'salary' ? 'v.salary_max_fen desc, v.id desc' : 'v.published_at desc, v.id desc'
  return all(`select v.id from vacancies v where ${where.join(' and ')} order by ${order}`, ...params).map((r) => (r as { id: number }).id)
}

test('区县岗位的每一页、总数和顺序与基础表的查询完全相同 / a county board page, total and order equal a plain query over the base tables', () => {
  for (let i = 0; i < 14; i++) {
    createTestVacancy('weifang', {
      title: i % 3 === 0 ? `电焊工${i}` : `普工${i}`,
      salaryMax: 5000 + (i % 5) * 1000,
      providesMeals: i % 2 === 0,
      providesHousing: i % 4 === 0,
      industry: i % 3 === 1 ? 'logistics' : 'manufacturing',
    })
  }
  // Posts for another county, not open yet, or no longer open, must not show.
  createTestVacancy('dezhou', { title: '电焊工德州' })
  createTestVacancy('weifang', { title: '电焊工草稿', status: 'draft' })
  createTestVacancy('weifang', { title: '电焊工过期', status: 'expired' })
  createTestVacancy('weifang', { title: '电焊工关闭', status: 'closed' })
  // A post open to two counties shows on both.
  const shared = createTestVacancy('dezhou', { title: '普工两县' })
  db.insert(vacancyTargets).values({ vacancyId: shared.id, countyCode: KAIZHOU }).run()

  const cases: BoardFilters[] = [
    none,
    { ...none, sort: 'salary' },
    { ...none, q: '焊工' },
    { ...none, q: '普工', sort: 'salary', meals: true },
    { ...none, industry: 'logistics' },
    { ...none, minSalary: 7000, housing: true },
    { ...none, city: '371400' },
    { ...none, q: '没有这样的岗位名称' },
  ]
  for (const county of [KAIZHOU, XIUSHAN]) {
    for (const filters of cases) {
      const expected = plainCountyBoard(county, filters)
      const label = `${county} ${JSON.stringify(filters)}`
      const first = pagePublicVacancies({ ...filters, countyCode: county }, { page: 1, pageSize: 4 })
      expect(first.total, label).toBe(expected.length)
      const pages = Array.from({ length: first.pageCount }, (_, i) =>
        pagePublicVacancies({ ...filters, countyCode: county }, { page: i + 1, pageSize: 4 }).rows.map((r) => r.id),
      )
      expect(pages.flat(), label).toEqual(expected)
      // A page past the end shows the last, as the public board does.
      expect(
        pagePublicVacancies({ ...filters, countyCode: county }, { page: 99, pageSize: 4 }).rows.map((r) => r.id),
        label,
      ).toEqual(pages.at(-1) ?? [])
    }
  }
  expect(plainCountyBoard(KAIZHOU, none)).toContain(shared.id)
  expect(plainCountyBoard(KAIZHOU, { ...none, q: '焊工' }).length).toBeGreaterThanOrEqual(5)
})
