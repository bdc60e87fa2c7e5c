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
import { getOwnStatistics } from '~/models/statistics.server'
import { monthOf } from '~/rules/statistics'
import { actorFor } from '../lookups'
import { readExport } from '../month-lists'
import { callLoader, cookieFor } from '../request'

// Issue 15 §1–4 on the pages: each home shows the month asked for (this Shanghai month when the month is
// missing, malformed or in the future), the statistics export and the monthly report say the same numbers
// as the model, and each is its own side's only.

async function value<T>(run: Promise<{ value: T } | { thrown: Response }>) {
  const r = await run
  if (!('value' in r)) throw new Error(`thrown ${r.thrown.status}`)
  return r.value
}

describe('工作台的统计 / the homes', () => {
  test('月份取自网址，无效或将来的月份显示本月 / the month comes from the URL; a bad or future one shows this month', async () => {
    const cookie = await cookieFor('weifang')
    const thisMonth = monthOf()
    expect((await value(callLoader(eastHome, { path: '/east?month=2026-10', cookie }))).statistics.month).toBe('2026-10')
    for (const bad of ['2026-13', 'abc', '2999-01', "2026-10'--"])
      expect((await value(callLoader(eastHome, { path: `/east?month=${encodeURIComponent(bad)}`, cookie }))).statistics.month).toBe(thisMonth)
  })

  test('每个数字链接到它统计的名单，本县另有交通补助和就业去向 / each figure links to its list; a county also has claims and poverty employment', async () => {
    const east = (await value(callLoader(eastHome, { path: '/east?month=2026-11', cookie: await cookieFor('weifang') }))).statistics
    expect(east.cards.map((c) => c.href)).toEqual([
      '/east/jobs?published=2026-11',
      '/east/applications?month=2026-11',
      '/east/hires?month=2026-11',
      '/east/arrivals?month=2026-11',
      null,
    ])
    expect(east.claimCards).toBeNull()
    expect(east.poverty).toBeNull()
    const west = (await value(callLoader(westHome, { path: '/west?month=2026-11', cookie: await cookieFor('kaizhou') }))).statistics
    expect(west.cards.map((c) => c.href)).toEqual([
      '/west/jobs?published=2026-11',
      '/west/applications?month=2026-11',
      '/west/hires?month=2026-11',
      '/west/batches?month=2026-11',
      null,
    ])
    expect(west.claimCards?.map((c) => c.href)).toEqual([
      '/west/claims?view=all&submitted=2026-11',
      '/west/claims?view=all&decided=2026-11',
      '/west/claims?view=all&paid=2026-11',
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
  '/west/jobs': westJobs,
  '/west/applications': westApplications,
  '/west/hires': westHires,
  '/west/batches': westBatches,
  '/west/claims': westClaims,
}

describe('数字等于它链接的名单的行数 / a figure equals the row count of the list it links to', () => {
  test.each([
    ['weifang', eastHome, '/east'],
    ['dezhou', eastHome, '/east'],
    ['kaizhou', westHome, '/west'],
    ['fengdu', westHome, '/west'],
  ] as const)('%s', async (username, home, path) => {
    const cookie = await cookieFor(username)
    let compared = 0
    let counted = 0
    for (const month of ['2026-10', '2026-11', monthOf()]) {
      const view = (await value(callLoader(home as typeof eastHome, { path: `${path}?month=${month}`, cookie }))).statistics
      for (const card of [...view.cards, ...(view.claimCards ?? [])]) {
        if (!card.href) continue
        const list = LISTS[card.href.split('?')[0]]
        expect(list, card.href).toBeDefined()
        const page = (await value(callLoader(list as typeof eastJobs, { path: card.href, cookie }))) as unknown as { total: number }
        expect(page.total, `${username} ${card.label} ${card.href}`).toBe(Number(card.value.replace(/,/g, '')))
        compared += 1
        if (page.total > 0) counted += 1
      }
    }
    expect(compared).toBeGreaterThanOrEqual(12)
    // The demo's months have rows to count, so equal is not 0 = 0 everywhere.
    expect(counted).toBeGreaterThanOrEqual(3)
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
