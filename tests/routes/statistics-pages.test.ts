import { describe, expect, test } from 'vitest'
import { loader as adminHome } from '~/routes/admin._index'
import { loader as adminExport } from '~/routes/admin.statistics[.xlsx]'
import { loader as eastHome } from '~/routes/east._index'
import { loader as eastReport } from '~/routes/east.report'
import { loader as eastExport } from '~/routes/east.statistics[.xlsx]'
import { loader as westHome } from '~/routes/west._index'
import { loader as westReport } from '~/routes/west.report'
import { loader as westExport } from '~/routes/west.statistics[.xlsx]'
import { loader as eastJobs } from '~/routes/east.jobs._index'
import { loader as eastApplications } from '~/routes/east.applications._index'
import { loader as eastHires } from '~/routes/east.hires._index'
import { loader as eastArrivals } from '~/routes/east.arrivals._index'
import { loader as westJobs } from '~/routes/west.jobs._index'
import { loader as westApplications } from '~/routes/west.applications._index'
import { loader as westHires } from '~/routes/west.hires._index'
import { loader as westBatches } from '~/routes/west.batches._index'
import { loader as westClaims } from '~/routes/west.claims._index'
import { loader as eastPeople } from '~/routes/east.people._index'
import { loader as westPeople } from '~/routes/west.people._index'
import { loader as westJobsExport } from '~/routes/west.jobs.export[.xlsx]'
import { loader as eastJobsExport } from '~/routes/east.jobs.export[.xlsx]'
import { loader as westClaimsExport } from '~/routes/west.claims.export[.xlsx]'
import { getOwnStatistics } from '~/models/statistics.server'
import { monthLabel, monthOf, periodRange, yearToDate } from '~/rules/statistics'
import { actorFor } from '../lookups'
import { downloadName, readExport } from '../month-lists'
import { callLoader, cookieFor, dataOf, unwrapData } from '../request'

// Issue 15 §1–4 on the pages: each home shows the month asked for (this Shanghai month when the month is
// missing, malformed or in the future), the statistics export and the monthly report say the same numbers
// as the model, and each is its own side's only.

async function value<T>(run: Promise<{ value: T } | { thrown: Response }>) {
  const r = await run
  if (!('value' in r)) throw new Error(`thrown ${r.thrown.status}`)
  return dataOf(r.value)
}

describe('工作台的统计 / the homes', () => {
  test('月份取自网址，无效或将来的月份显示本月并说明，答 400 / the month comes from the URL; a bad or future one shows this month, says so and answers 400', async () => {
    const cookie = await cookieFor('weifang')
    const thisMonth = monthOf()
    const good = await callLoader(eastHome, { path: '/east?month=2026-10', cookie })
    expect('value' in good && unwrapData(good.value).status).toBe(200)
    expect((await value(Promise.resolve(good))).statistics).toMatchObject({ month: '2026-10', monthProblem: null })
    for (const bad of ['2026-13', 'abc', '2999-01', "2026-10'--", '1999-12', ' 2026-10']) {
      const r = await callLoader(eastHome, { path: `/east?month=${encodeURIComponent(bad)}`, cookie })
      expect('value' in r && unwrapData(r.value).status, bad).toBe(400)
      const shown = (await value(Promise.resolve(r))).statistics
      expect(shown.month, bad).toBe(thisMonth)
      expect(shown.monthProblem, bad).toContain(`本月（${monthLabel(thisMonth)}）`)
    }
    // The same on the other pages that show one month's statistics, and never for no month at all.
    const pages = [
      [westHome, '/west', 'kaizhou', (d: unknown) => (d as { statistics: { monthProblem: string | null } }).statistics.monthProblem],
      [adminHome, '/admin', 'admin', (d: unknown) => (d as { comparison: { monthProblem: string | null } }).comparison.monthProblem],
      [westReport, '/west/report', 'kaizhou', (d: unknown) => (d as { view: { monthProblem: string | null } }).view.monthProblem],
      [eastReport, '/east/report', 'weifang', (d: unknown) => (d as { view: { monthProblem: string | null } }).view.monthProblem],
    ] as const
    for (const [loaderFn, path, who, problemOf] of pages) {
      const c = await cookieFor(who)
      for (const [query, status, problem] of [
        ['', 200, null],
        ['?month=2999-01', 400, '2999年1月还没有到'],
        ['?month=%00abc', 400, '「abc」不是月份'],
      ] as const) {
        const r = await callLoader(loaderFn as typeof westHome, { path: path + query, cookie: c })
        if (!('value' in r)) throw new Error(`${path}${query} threw ${r.thrown.status}`)
        const { status: got, data } = unwrapData(r.value)
        expect(got, path + query).toBe(status)
        if (problem === null) expect(problemOf(data), path + query).toBeNull()
        else expect(problemOf(data), path + query).toContain(problem)
      }
    }
  })

  test('每个数字链接到它统计的名单，本县另有交通补助和就业去向 / each figure links to its list; a county also has claims and poverty employment', async () => {
    const east = (await value(callLoader(eastHome, { path: '/east?month=2026-11', cookie: await cookieFor('weifang') }))).statistics
    expect(east.cards.map((c) => c.href)).toEqual([
      '/east/jobs?published=2026-11',
      '/east/applications?month=2026-11',
      '/east/hires?month=2026-11',
      '/east/people?kind=hired&month=2026-11',
      '/east/arrivals?month=2026-11',
      '/east/people?kind=boarded&month=2026-11',
      '/east/people?kind=arrived&month=2026-11',
    ])
    expect(east.claimCards).toBeNull()
    expect(east.poverty).toBeNull()
    const west = (await value(callLoader(westHome, { path: '/west?month=2026-11', cookie: await cookieFor('kaizhou') }))).statistics
    expect(west.cards.map((c) => c.href)).toEqual([
      '/west/jobs?published=2026-11',
      '/west/applications?month=2026-11',
      '/west/hires?month=2026-11',
      '/west/people?kind=hired&month=2026-11',
      '/west/batches?month=2026-11',
      '/west/people?kind=boarded&month=2026-11',
      '/west/people?kind=arrived&month=2026-11',
    ])
    expect(west.claimCards?.map((c) => c.href)).toEqual([
      '/west/claims?view=all&submitted=2026-11',
      '/west/claims?view=all&decided=2026-11',
      '/west/claims?view=all&paid=2026-11',
      null,
    ])
    // The year to date links to the same list over January to the month.
    expect(east.cards.map((c) => c.yearHref)).toEqual([
      '/east/jobs?published=2026-01/2026-11',
      '/east/applications?month=2026-01/2026-11',
      '/east/hires?month=2026-01/2026-11',
      '/east/people?kind=hired&month=2026-01/2026-11',
      '/east/arrivals?month=2026-01/2026-11',
      '/east/people?kind=boarded&month=2026-01/2026-11',
      '/east/people?kind=arrived&month=2026-01/2026-11',
    ])
    expect(west.claimCards?.map((c) => c.yearHref)).toEqual([
      '/west/claims?view=all&submitted=2026-01/2026-11',
      '/west/claims?view=all&decided=2026-01/2026-11',
      '/west/claims?view=all&paid=2026-01/2026-11',
      null,
    ])
    expect(west.poverty).toHaveLength(4)
    // Three charts, each an SVG with its numbers as a table.
    expect(west.charts.map((c) => c.id)).toEqual(['months', 'industries', 'funnel'])
    for (const c of west.charts) {
      expect(c.svg.startsWith('<svg')).toBe(true)
      expect(c.svg).not.toMatch(/<script/i)
      expect(c.table.rows.length).toBeGreaterThan(0)
    }
  })

  test('管理员并列看三个结对 / admin sees the three pairs side by side', async () => {
    const home = await value(callLoader(adminHome, { path: '/admin?month=2026-11', cookie: await cookieFor('admin') }))
    expect(home.comparison.rows.map((r) => r.pair)).toEqual(['潍坊市 ↔ 开州区', '德州市 ↔ 秀山土家族苗族自治县', '枣庄市 ↔ 丰都县'])
    const kaizhou = getOwnStatistics(actorFor('kaizhou'), '2026-11')
    expect(home.comparison.rows[0].month[2]).toBe(kaizhou.monthFigures.applications.toLocaleString('zh-CN'))
  })
})

/** The list loader of each path a figure links to; each returns the list's `total`. */
const LISTS: Record<string, (args: never) => Promise<unknown>> = {
  '/east/jobs': eastJobs,
  '/east/applications': eastApplications,
  '/east/hires': eastHires,
  '/east/arrivals': eastArrivals,
  '/east/people': eastPeople,
  '/west/jobs': westJobs,
  '/west/applications': westApplications,
  '/west/hires': westHires,
  '/west/batches': westBatches,
  '/west/claims': westClaims,
  '/west/people': westPeople,
}

const OFFICES = [
  ['weifang', eastHome, '/east'],
  ['dezhou', eastHome, '/east'],
  ['kaizhou', westHome, '/west'],
  ['fengdu', westHome, '/west'],
] as const

/**
 * Opens each month's dashboard of `username` and, for every card with a link of `kind` (the month's figure, or
 * the year to date's), the list it links to through the list's own loader; expects the list's total to equal
 * the figure. Returns how many were compared and how many were not zero.
 */
async function compareFiguresWithLists(username: string, home: typeof eastHome, path: string, kind: 'month' | 'year', months: string[]) {
  const cookie = await cookieFor(username)
  let compared = 0
  let counted = 0
  for (const month of months) {
    const view = (await value(callLoader(home, { path: `${path}?month=${month}`, cookie }))).statistics
    for (const card of [...view.cards, ...(view.claimCards ?? [])]) {
      const href = kind === 'month' ? card.href : card.yearHref
      if (!href) continue
      if (kind === 'year') expect(href, card.label).toContain(`=${yearToDate(month)}`)
      const list = LISTS[href.split('?')[0]]
      expect(list, href).toBeDefined()
      const page = (await value(callLoader(list as typeof eastJobs, { path: href, cookie }))) as unknown as { total: number }
      // The year's figure is the first number of its line (123 个, 45 人次, 6 份 · ¥1,200.00).
      const figure = Number((kind === 'month' ? card.value : /^[\d,]+/.exec(card.year)![0]).replace(/,/g, ''))
      expect(page.total, `${username} ${card.label} ${href}`).toBe(figure)
      // A claim figure's amount is the sum the list states (申请: what was claimed; 核定 and 发放: what was approved).
      if (href.startsWith('/west/claims')) {
        const sums = (page as unknown as { sums: { expected: string; approved: string } }).sums
        const amount = kind === 'month' ? card.hint!.split(' ')[1] : card.year.split(' · ')[1]
        expect(card.key === 'claimsSubmitted' ? sums.expected : sums.approved, `${username} ${card.label} ${href}`).toBe(amount)
      }
      // The list says the period it shows.
      if (kind === 'year') expect(JSON.stringify(page), href).toContain(periodRange(yearToDate(month))!.label)
      compared += 1
      if (page.total > 0) counted += 1
    }
  }
  return { compared, counted }
}

describe('数字等于它链接的名单的行数 / a figure equals the row count of the list it links to', () => {
  test.each(OFFICES)('%s', async (username, home, path) => {
    const { compared, counted } = await compareFiguresWithLists(username, home as typeof eastHome, path, 'month', ['2026-10', '2026-11', monthOf()])
    expect(compared).toBeGreaterThanOrEqual(12)
    // The demo's months have rows to count, so equal is not 0 = 0 everywhere.
    expect(counted).toBeGreaterThanOrEqual(3)
  })
})

describe('本年累计等于它链接的名单的行数 / a year-to-date figure equals the row count of the list it links to', () => {
  test.each(OFFICES)('%s', async (username, home, path) => {
    const { compared, counted } = await compareFiguresWithLists(username, home as typeof eastHome, path, 'year', ['2026-01', '2026-11', monthOf()])
    expect(compared).toBeGreaterThanOrEqual(12)
    expect(counted).toBeGreaterThanOrEqual(3)
  })
})

describe('月份区间参数 / the period parameter', () => {
  test('一个月或 YYYY-MM/YYYY-MM，至多 120 个月 / one month or an interval of at most 120 months', () => {
    expect(periodRange('2026-11')).toMatchObject({ period: '2026-11', months: 1, label: '2026年11月', fromDay: '2026-11-01', toDay: '2026-12-01' })
    expect(periodRange('2026-01/2026-11')).toMatchObject({ period: '2026-01/2026-11', months: 11, label: '2026年1月至11月', toDay: '2026-12-01' })
    expect(periodRange('2025-11/2026-02')).toMatchObject({ months: 4, label: '2025年11月至2026年2月', fromDay: '2025-11-01', toDay: '2026-03-01' })
    expect(periodRange('2026-03/2026-03')?.period).toBe('2026-03')
    // Shanghai time: the period starts at 00:00 on the first day in UTC+8.
    expect(new Date(periodRange('2026-01/2026-11')!.from).toISOString()).toBe('2025-12-31T16:00:00.000Z')
    expect(periodRange('2016-12/2026-11')?.months).toBe(120)
    expect(yearToDate('2026-01')).toBe('2026-01')
    expect(yearToDate('2026-11')).toBe('2026-01/2026-11')
  })

  const HOSTILE = [
    '2026-11/2026-01',
    '2026-13/2027-01',
    '2026-01/2026-13',
    '1000-01/2026-01',
    '2016-11/2026-11',
    '2026-01/2026-11/2026-12',
    '2026-01/',
    '/2026-11',
    '2026-01--2026-11',
    '２０２６-０１/２０２６-１１',
    '2026-01/２０２６-１１',
    ' 2026-01/2026-11',
    '2026-01/2026-11\u0000',
    `2026-01/${'9'.repeat(5000)}`,
    '2026-01/2026-11'.repeat(500),
  ]

  test('不合法的区间被忽略，名单不加月份显示，从不报错 / a period that does not parse is dropped, never a 500', async () => {
    expect(HOSTILE.map((bad) => periodRange(bad))).toEqual(HOSTILE.map(() => null))
    const east = await cookieFor('weifang')
    const west = await cookieFor('kaizhou')
    const unfiltered = {
      jobs: ((await value(callLoader(eastJobs, { path: '/east/jobs', cookie: east }))) as { total: number }).total,
      batches: ((await value(callLoader(westBatches, { path: '/west/batches', cookie: west }))) as { total: number }).total,
      hires: ((await value(callLoader(westHires, { path: '/west/hires', cookie: west }))) as { total: number }).total,
    }
    for (const bad of HOSTILE) {
      const q = encodeURIComponent(bad)
      const jobs = await value(callLoader(eastJobs, { path: `/east/jobs?published=${q}`, cookie: east }))
      expect(jobs.published, bad).toBeNull()
      expect(jobs.total, bad).toBe(unfiltered.jobs)
      const batches = await value(callLoader(westBatches, { path: `/west/batches?month=${q}`, cookie: west }))
      expect(batches.total, bad).toBe(unfiltered.batches)
      const hires = await value(callLoader(westHires, { path: `/west/hires?month=${q}`, cookie: west }))
      expect(hires.filters.month, bad).toBeNull()
      expect(hires.total, bad).toBe(unfiltered.hires)
      // The county's applications list defaults to this month; the bureau's lists show all months, as /west/hires.
      expect((await value(callLoader(eastApplications, { path: `/east/applications?month=${q}`, cookie: east }))).month, bad).toBeNull()
      expect((await value(callLoader(westApplications, { path: `/west/applications?month=${q}`, cookie: west }))).filters.month, bad).toBe(monthOf())
      expect((await value(callLoader(eastHires, { path: `/east/hires?month=${q}`, cookie: east }))).month, bad).toBeNull()
      expect((await value(callLoader(eastArrivals, { path: `/east/arrivals?month=${q}`, cookie: east }))).month, bad).toBeNull()
      expect((await value(callLoader(westJobs, { path: `/west/jobs?published=${q}`, cookie: west }))).filters.published, bad).toBeNull()
      const claims = await value(callLoader(westClaims, { path: `/west/claims?view=all&submitted=${q}&decided=${q}&paid=${q}`, cookie: west }))
      expect([claims.filters.submitted, claims.filters.decided, claims.filters.paid], bad).toEqual([null, null, null])
      // The exports answer a file without the period.
      for (const [fn, path, cookie] of [
        [eastJobsExport, `/east/jobs/export.xlsx?published=${q}`, east],
        [westJobsExport, `/west/jobs/export.xlsx?published=${q}`, west],
        [westClaimsExport, `/west/claims/export.xlsx?paid=${q}`, west],
      ] as const) {
        const response = await value(callLoader(fn, { path, cookie }))
        expect(response.status, `${path}`).toBe(200)
        expect((await readExport(response)).title, path).toContain('全部日期')
      }
    }
  })

  test('参数重复时取第一个 / a repeated parameter counts its first value', async () => {
    const cookie = await cookieFor('weifang')
    const first = await value(callLoader(eastJobs, { path: '/east/jobs?published=2026-01/2026-11&published=junk', cookie }))
    expect(first.published).toBe('2026-01/2026-11')
    expect(first.publishedLabel).toBe('2026年1月至11月')
    const junk = await value(callLoader(eastJobs, { path: '/east/jobs?published=junk&published=2026-01/2026-11', cookie }))
    expect(junk.published).toBeNull()
    // An interval of one month reads as the month.
    const one = await value(callLoader(eastJobs, { path: '/east/jobs?published=2026-11/2026-11', cookie }))
    expect(one.published).toBe('2026-11')
  })
})

describe('对口岗位导出 / the /west/jobs export', () => {
  test('标题写明县、期间和筛选条件；行数等于名单；只有本县 / titled by county, period and filters; as many rows as the list; the county’s own', async () => {
    const kaizhou = await cookieFor('kaizhou')
    const fengdu = await cookieFor('fengdu')
    const period = '2026-01/2026-11'
    const list = await value(callLoader(westJobs, { path: `/west/jobs?published=${period}`, cookie: kaizhou }))
    expect(list.total).toBeGreaterThan(0)
    expect(list.exportParams).toEqual([['published', period]])
    const response = await value(callLoader(westJobsExport, { path: `/west/jobs/export.xlsx?published=${period}`, cookie: kaizhou }))
    const sheet = await readExport(response)
    expect(sheet.title).toContain('开州区对口岗位')
    expect(sheet.title).toContain('2026年1月至11月')
    expect(sheet.title).toContain('2026年1月至11月发布')
    expect(downloadName(response)).toMatch(/^开州区-对口岗位-2026年1月至11月发布-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(sheet.headers).toEqual(['岗位名称', '用人单位', '务工城市', '行业', '人数', '月薪', '包吃', '包住', '报名截止', '状态', '本县报名人数', '发布日期'])
    expect(sheet.rows).toHaveLength(list.total)
    // Every post published in the period, newest first.
    const days = sheet.rows.map((r) => r[11])
    expect(days.every((d) => d >= '2026-01-01' && d <= '2026-11-30')).toBe(true)
    expect([...days].sort().reverse()).toEqual(days)
    // The board's filters apply and are named.
    const filtered = await value(callLoader(westJobs, { path: `/west/jobs?published=${period}&meals=1&sort=salary`, cookie: kaizhou }))
    const meals = await readExport(
      await value(callLoader(westJobsExport, { path: `/west/jobs/export.xlsx?published=${period}&meals=1&sort=salary`, cookie: kaizhou })),
    )
    expect(meals.title).toContain('包吃')
    expect(meals.rows).toHaveLength(filtered.total)
    expect(meals.rows.every((r) => r[6] === '是')).toBe(true)
    // Without a period: the posts open today, as the list shows them.
    const open = await value(callLoader(westJobs, { path: '/west/jobs', cookie: kaizhou }))
    const openSheet = await readExport(await value(callLoader(westJobsExport, { path: '/west/jobs/export.xlsx', cookie: kaizhou })))
    expect(openSheet.title).toContain('招聘中')
    expect(openSheet.title).toContain('全部日期')
    expect(openSheet.rows).toHaveLength(open.total)
    // Another county's file is its own pair's posts.
    const other = await value(callLoader(westJobs, { path: `/west/jobs?published=${period}`, cookie: fengdu }))
    const otherSheet = await readExport(await value(callLoader(westJobsExport, { path: `/west/jobs/export.xlsx?published=${period}`, cookie: fengdu })))
    expect(otherSheet.title).toContain('丰都县')
    expect(otherSheet.rows).toHaveLength(other.total)
    const mine = new Set(sheet.rows.map((r) => `${r[0]}|${r[1]}`))
    expect(otherSheet.rows.filter((r) => mine.has(`${r[0]}|${r[1]}`))).toHaveLength(0)
    // Bureau staff, a worker and nobody never get it.
    for (const who of ['weifang', '13996000001']) {
      const r = await callLoader(westJobsExport, { path: '/west/jobs/export.xlsx', cookie: await cookieFor(who) })
      expect('thrown' in r && r.thrown.status !== 200, who).toBe(true)
    }
    expect('thrown' in (await callLoader(westJobsExport, { path: '/west/jobs/export.xlsx' }))).toBe(true)
  })
})

describe('统计导出和月度报告 / the statistics export and the monthly report', () => {
  test('导出的标题写明单位和月份，数字与工作台一致 / the export names the office and month and has the dashboard numbers', async () => {
    const response = await value(callLoader(westExport, { path: '/west/statistics.xlsx?month=2026-11', cookie: await cookieFor('kaizhou') }))
    const sheet = await readExport(response)
    expect(sheet.title).toContain('开州区')
    expect(sheet.title).toContain('2026年11月')
    expect(sheet.headers).toEqual(['指标', '单位', '本月', '上月', '环比', '去年同月', '同比', '本年累计'])
    const s = getOwnStatistics(actorFor('kaizhou'), '2026-11')
    const row = (label: string) => sheet.rows.find((r) => r[0] === label)!
    expect(row('报名')[2]).toBe(String(s.monthFigures.applications))
    expect(row('录用人数')[7]).toBe(String(s.yearFigures.hiredPeople))
    // Amounts are yuan as numbers: fen ÷ 100.
    expect(Number(row('申领金额')[2])).toBe(s.claims!.month.submittedFen / 100)
    const east = await readExport(await value(callLoader(eastExport, { path: '/east/statistics.xlsx?month=2026-11', cookie: await cookieFor('weifang') })))
    expect(east.rows.some((r) => r[0].includes('补助'))).toBe(false)
    const admin = await readExport(await value(callLoader(adminExport, { path: '/admin/statistics.xlsx?month=2026-11', cookie: await cookieFor('admin') })))
    expect(admin.rows).toHaveLength(6)
  })

  test('月度报告：本月、上月、去年同月和本年累计 / the report: this month, the month before, a year before, the year to date', async () => {
    const report = await value(callLoader(westReport, { path: '/west/report?month=2026-11', cookie: await cookieFor('kaizhou') }))
    const actor = actorFor('kaizhou')
    const line = report.lines.find((l) => l.label === '录用')!
    expect(line).toMatchObject({
      month: getOwnStatistics(actor, '2026-11').monthFigures.hires,
      previous: getOwnStatistics(actor, '2026-10').monthFigures.hires,
      lastYear: getOwnStatistics(actor, '2025-11').monthFigures.hires,
      year: getOwnStatistics(actor, '2026-11').yearFigures.hires,
    })
    expect(report.chart?.svg.startsWith('<svg')).toBe(true)
    const east = await value(callLoader(eastReport, { path: '/east/report?month=2026-11', cookie: await cookieFor('weifang') }))
    expect(east.lines).toHaveLength(8)
  })

  test('每一方只能看自己的统计 / each side only reaches its own', async () => {
    for (const [loaderFn, path, who] of [
      [westReport, '/west/report', 'weifang'],
      [eastReport, '/east/report', 'kaizhou'],
      [westExport, '/west/statistics.xlsx', '13996000001'],
      [adminExport, '/admin/statistics.xlsx', 'kaizhou'],
    ] as const) {
      const r = await callLoader(loaderFn as typeof westReport, { path, cookie: await cookieFor(who) })
      expect('thrown' in r && r.thrown.status !== 200).toBe(true)
    }
    const anonymous = await callLoader(westExport, { path: '/west/statistics.xlsx' })
    expect('thrown' in anonymous).toBe(true)
  })
})
