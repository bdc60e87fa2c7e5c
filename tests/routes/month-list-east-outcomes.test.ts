import { sql } from 'drizzle-orm'
import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { expect, test } from 'vitest'
import { LIST_CAP } from '~/models/bureau-outcomes.server'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { loader as applicantsLoader } from '~/routes/east.jobs.$jobId.applicants'
import ApplicationsPage, { loader as applicationsLoader } from '~/routes/east.applications._index'
import { loader as applicationsExport } from '~/routes/east.applications.export[.xlsx]'
import HiresPage, { loader as hiresLoader } from '~/routes/east.hires._index'
import { loader as hiresExport } from '~/routes/east.hires.export[.xlsx]'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestEmployer, createTestVacancy } from '../factories'
import { seedMonthApplications } from '../factories-lists'
import { actorFor } from '../lookups'
import { DEC_FIRST_0000, MONTH, NOV_FIRST_0730, NOV_LAST_2359, OCT_LAST_2359, downloadName, readExport } from '../month-lists'
import { textOf } from '../render'
import { BASE, callLoader, cookieFor } from '../request'

// /east/applications?month=M and /east/hires?month=M are the lists the bureau dashboard's 报名 and 录用 figures
// link to (issue 15 §5): applications made in the Shanghai month to the bureau's posts (vacancies.organisation_id),
// whoever applied; employment records written in the month with the bureau's employers (employers.organisation_id),
// each record once (人次). Names as the applicants page shows them, never an ID number or a phone.

function applicationAt(vacancyId: number, workerId: number, at: Date) {
  return (
    db.$client
      .prepare(`insert into applications (vacancy_id, worker_id, source, status, created_at, updated_at) values (?, ?, 'self', 'submitted', ?, ?) returning id`)
      .get(vacancyId, workerId, at.getTime(), at.getTime()) as { id: number }
  ).id
}

function hireAt(workerId: number, employerId: number, at: Date, applicationId: number | null = null) {
  return (
    db.$client
      .prepare(
        `insert into employment_records (worker_id, application_id, employer_id, city_code, start_date, created_by_user_id, created_at)
         select ?, ?, e.id, o.area_code, ?, null, ? from employers e join organisations o on o.id = e.organisation_id where e.id = ? returning id`,
      )
      .get(workerId, applicationId, new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10), at.getTime(), employerId) as { id: number }
  ).id
}

/** The figures' rules as the contract states them. */
function figure(organisationId: number, kind: 'applications' | 'hires', month: string) {
  const inMonth = (column: string) => sql.raw(`strftime('%Y-%m', ${column} / 1000, 'unixepoch', '+8 hours') = '${month}'`)
  return kind === 'applications'
    ? db.get<{ n: number }>(
        sql`select count(*) as n from applications a join vacancies v on v.id = a.vacancy_id where v.organisation_id = ${organisationId} and ${inMonth('a.created_at')}`,
      ).n
    : db.get<{ n: number }>(
        sql`select count(*) as n from employment_records e join employers m on m.id = e.employer_id where m.organisation_id = ${organisationId} and ${inMonth('e.created_at')}`,
      ).n
}

async function applicationsPage(path: string, user = 'weifang') {
  const result = await callLoader(applicationsLoader, { path, cookie: await cookieFor(user) })
  if (!('value' in result)) throw new Error(`${path} answered ${result.thrown.status}`)
  return result.value
}

async function hiresPage(path: string, user = 'weifang') {
  const result = await callLoader(hiresLoader, { path, cookie: await cookieFor(user) })
  if (!('value' in result)) throw new Error(`${path} answered ${result.thrown.status}`)
  return result.value
}

async function allApplicationIds(path: string, user = 'weifang') {
  const first = await applicationsPage(path, user)
  const ids = first.rows.map((r) => r.id)
  for (let n = 2; n <= first.pageCount; n++) ids.push(...(await applicationsPage(`${path}&page=${n}`, user)).rows.map((r) => r.id))
  return ids
}

test('报名记录：当月本局岗位收到的报名，上海时间月界，外局不计，不含号码 / the applications list holds the month’s applications to the bureau’s posts by Shanghai month, never another bureau’s, without personal numbers', async () => {
  const weifang = actorFor('weifang').organisationId
  const path = `/east/applications?month=${MONTH}`
  const before = (await applicationsPage(path)).total
  expect(before).toBe(figure(weifang, 'applications', MONTH))

  const post = createTestVacancy('weifang', { title: '月界报名岗' })
  const theirPost = createTestVacancy('dezhou')
  const fromKaizhou = createLedgerWorker('kaizhou', { name: '月界甲' })
  const fromXiushan = createLedgerWorker('xiushan', { name: '月界乙' })
  const other = createLedgerWorker('kaizhou')
  // Hand-counted: two in November (07:30 on the 1st; 23:59 on the 30th from 秀山, a county not paired with 潍坊).
  const early = applicationAt(post.id, fromKaizhou.id, NOV_FIRST_0730)
  const late = applicationAt(post.id, fromXiushan.id, NOV_LAST_2359)
  // Not November, or another bureau's post.
  const october = applicationAt(post.id, other.id, OCT_LAST_2359)
  const december = applicationAt(createTestVacancy('weifang').id, other.id, DEC_FIRST_0000)
  const theirs = applicationAt(theirPost.id, other.id, NOV_FIRST_0730)

  const page = await applicationsPage(path)
  expect(page.total).toBe(before + 2)
  expect(page.total).toBe(figure(weifang, 'applications', MONTH))
  // Newest first: 23:59 on the 30th leads the month.
  expect(page.rows[0]).toMatchObject({ id: late, on: '2026-11-30', name: '月界乙', county: '秀山县', title: '月界报名岗', vacancyId: post.id })
  const ids = await allApplicationIds(path)
  expect(ids).toHaveLength(page.total)
  expect(ids).toEqual(expect.arrayContaining([early, late]))
  for (const id of [october, december, theirs]) expect(ids).not.toContain(id)
  // 07:30 on the 1st is the month's oldest of ours; 23:59 on 31 October is October's newest.
  expect(ids.indexOf(early)).toBeGreaterThan(ids.indexOf(late))
  expect((await applicationsPage('/east/applications?month=2026-10')).rows[0].id).toBe(october)
  const dezhou = await allApplicationIds(path, 'dezhou')
  expect(dezhou).toContain(theirs)
  expect(dezhou).not.toContain(early)
  // No ID number or phone anywhere in the page's data.
  const data = JSON.stringify(page)
  for (const w of [fromKaizhou, fromXiushan]) {
    expect(data).not.toContain(w.idNumber)
    if (w.phone) expect(data).not.toContain(w.phone)
  }
  // The post links to its applicants page; another bureau's post there is a 404.
  const foreign = await callLoader(applicantsLoader, {
    path: `/east/jobs/${theirPost.id}/applicants`,
    cookie: await cookieFor('weifang'),
    params: { jobId: String(theirPost.id) },
  })
  expect('thrown' in foreign && foreign.thrown.status).toBe(404)

  // The export holds the month's rows, masked as the page.
  const response = await callLoader(applicationsExport, { path: `/east/applications/export.xlsx?month=${MONTH}`, cookie: await cookieFor('weifang') })
  if (!('value' in response)) throw new Error('export refused')
  expect(downloadName(response.value)).toMatch(/^潍坊市-报名记录-2026年11月-/)
  const sheet = await readExport(response.value)
  expect(sheet.headers).toEqual(['报名日期', '姓名', '来源区县', '岗位', '用人单位', '报名方式', '状态'])
  expect(sheet.rows).toHaveLength(page.total)
  expect(sheet.rows[0].slice(0, 4)).toEqual(['2026-11-30', '月界乙', '秀山县', '月界报名岗'])
  expect(JSON.stringify(sheet.rows)).not.toContain(fromKaizhou.idNumber)
})

test('录用人员：当月写下的本局用人单位的就业记录，一人两次算两条，行业取岗位的否则取单位的 / the hires list holds the month’s employment records with the bureau’s employers, a person hired twice twice, the post’s industry or else the employer’s', async () => {
  const weifang = actorFor('weifang').organisationId
  const path = `/east/hires?month=${MONTH}`
  const before = (await hiresPage(path)).total
  expect(before).toBe(figure(weifang, 'hires', MONTH))

  const logistics = createTestEmployer('weifang', { industry: 'catering' })
  const post = createTestVacancy('weifang', { title: '月界录用岗', industry: 'logistics', employerId: logistics.id })
  const plain = createTestEmployer('weifang', { industry: 'construction' })
  const person = createLedgerWorker('kaizhou', { name: '月界丙' })
  const applied = applicationAt(post.id, person.id, NOV_FIRST_0730)
  // Hand-counted: the same person twice in November (from the post at 07:30 on the 1st; with another employer, no post, at 23:59 on the 30th).
  const first = hireAt(person.id, logistics.id, NOV_FIRST_0730, applied)
  const second = hireAt(person.id, plain.id, NOV_LAST_2359)
  // Not November, or another bureau's employer.
  const october = hireAt(createLedgerWorker('kaizhou').id, plain.id, OCT_LAST_2359)
  const theirs = hireAt(createLedgerWorker('xiushan').id, createTestEmployer('dezhou').id, NOV_FIRST_0730)

  const page = await hiresPage(path)
  expect(page.total).toBe(before + 2)
  expect(page.total).toBe(figure(weifang, 'hires', MONTH))
  const rows = []
  for (let n = 1; n <= page.pageCount; n++) rows.push(...(await hiresPage(`${path}&page=${n}`)).rows)
  const ids = rows.map((r) => r.id)
  expect(ids).toEqual(expect.arrayContaining([first, second]))
  for (const id of [october, theirs]) expect(ids).not.toContain(id)
  expect(rows.find((r) => r.id === first)).toMatchObject({
    name: '月界丙',
    county: '开州区',
    title: '月界录用岗',
    vacancyId: post.id,
    industry: '物流运输',
    on: '2026-11-01',
  })
  expect(rows.find((r) => r.id === second)).toMatchObject({ title: null, vacancyId: null, industry: '建筑施工', on: '2026-11-30', startDate: '2026-11-30' })
  expect(JSON.stringify(page)).not.toContain(person.idNumber)
  const dezhou: number[] = []
  const theirPage = await hiresPage(path, 'dezhou')
  for (let n = 1; n <= theirPage.pageCount; n++) dezhou.push(...(await hiresPage(`${path}&page=${n}`, 'dezhou')).rows.map((r) => r.id))
  expect(dezhou).toContain(theirs)
  expect(dezhou).not.toContain(first)

  const response = await callLoader(hiresExport, { path: `/east/hires/export.xlsx?month=${MONTH}`, cookie: await cookieFor('weifang') })
  if (!('value' in response)) throw new Error('export refused')
  const sheet = await readExport(response.value)
  expect(sheet.headers).toEqual(['录用日期', '姓名', '来源区县', '用人单位', '岗位', '行业', '到岗日期'])
  expect(sheet.rows).toHaveLength(page.total)
  expect(JSON.stringify(sheet.rows)).not.toContain(person.idNumber)
})

/** The HTML a list page renders at `path` with its loader's `data` (as tests/render.ts, with the page's loader data). */
async function renderPage(Page: ComponentType, data: object, path: string) {
  const handler = createStaticHandler([{ path: '*', loader: () => data, Component: Page }])
  const context = await handler.query(new Request(BASE + path))
  if (context instanceof Response) throw new Error(`render answered ${context.status}`)
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }))
}

/** The figures' rules without a period: every month's rows of the bureau. */
function allMonths(organisationId: number, kind: 'applications' | 'hires') {
  return kind === 'applications'
    ? db.get<{ n: number }>(sql`select count(*) as n from applications a join vacancies v on v.id = a.vacancy_id where v.organisation_id = ${organisationId}`).n
    : db.get<{ n: number }>(
        sql`select count(*) as n from employment_records e join employers m on m.id = e.employer_id where m.organisation_id = ${organisationId}`,
      ).n
}

/** The sum of the bureau's kept monthly counts (what the triggers keep). */
function keptTotal(organisationId: number, kind: 'applications' | 'hires') {
  return db.get<{ n: number }>(sql`select coalesce(sum(${sql.raw(kind)}), 0) as n from bureau_month_counts where organisation_id = ${organisationId}`).n
}

test('不带月份列出全部月份，数字是各月之和，从新到旧 / without a period the lists hold every month, the count is the sum of the months, newest first', async () => {
  const weifang = actorFor('weifang').organisationId
  const post = createTestVacancy('weifang', { title: '全部月份岗' })
  const person = createLedgerWorker('kaizhou', { name: '全部月份甲' })
  // Two years apart: both are in the list without a period, the newer first.
  const old = applicationAt(post.id, person.id, new Date('2024-03-10T02:00:00Z'))
  const hireOld = hireAt(person.id, createTestEmployer('weifang').id, new Date('2024-03-10T02:00:00Z'))

  const apps = await applicationsPage('/east/applications')
  expect(apps.month).toBeNull()
  expect(apps.monthLabel).toBe('全部月份')
  expect(apps.total).toBe(allMonths(weifang, 'applications'))
  expect(apps.total).toBe(keptTotal(weifang, 'applications'))
  expect(apps.total).toBeGreaterThan((await applicationsPage(`/east/applications?month=${MONTH}`)).total)
  const ids = await allApplicationIds('/east/applications?')
  expect(ids).toHaveLength(Math.min(apps.total, LIST_CAP))
  expect(ids).toContain(old)
  expect(new Set(ids).size).toBe(ids.length)
  // Newest first across months: the dates never go up down the list.
  const days: string[] = []
  for (let n = 1; n <= apps.pageCount; n++) days.push(...(await applicationsPage(`/east/applications?page=${n}`)).rows.map((r) => r.on))
  expect(days).toEqual([...days].sort().reverse())

  const hires = await hiresPage('/east/hires')
  expect(hires.month).toBeNull()
  expect(hires.total).toBe(allMonths(weifang, 'hires'))
  expect(hires.total).toBe(keptTotal(weifang, 'hires'))
  const hireIds: number[] = []
  for (let n = 1; n <= hires.pageCount; n++) hireIds.push(...(await hiresPage(`/east/hires?page=${n}`)).rows.map((r) => r.id))
  expect(hireIds).toContain(hireOld)
  expect(hireIds).toHaveLength(hires.total)

  // Another bureau's rows are not among them.
  const dezhou = await applicationsPage('/east/applications', 'dezhou')
  expect(dezhou.total).toBe(allMonths(actorFor('dezhou').organisationId, 'applications'))
  expect((await allApplicationIds('/east/applications?', 'dezhou')).includes(old)).toBe(false)
})

test('不带月份的导出含全部月份，标题写全部日期 / the export without a period carries every month and is titled 全部日期', async () => {
  const weifang = actorFor('weifang').organisationId
  for (const [fn, path, kind] of [
    [applicationsExport, '/east/applications/export.xlsx', 'applications'],
    [hiresExport, '/east/hires/export.xlsx', 'hires'],
  ] as const) {
    const response = await callLoader(fn, { path, cookie: await cookieFor('weifang') })
    if (!('value' in response)) throw new Error(`${path} refused`)
    const sheet = await readExport(response.value)
    expect(sheet.title, path).toContain('日期范围：全部日期')
    expect(sheet.rows, path).toHaveLength(allMonths(weifang, kind))
    // The file is named without a range, like the county's unfiltered export.
    expect(downloadName(response.value), path).not.toMatch(/\d{4}年/)
    // Newest first across months.
    const days = sheet.rows.map((r) => r[0])
    expect(days, path).toEqual([...days].sort().reverse())
  }
})

test('清除条件、改选月份回到全部月份 / 清除条件 and 改选月份 lead back to every month', async () => {
  const cookie = await cookieFor('weifang')
  for (const [loader, Page, path] of [
    [hiresLoader, HiresPage, `/east/hires?month=${MONTH}`],
    [applicationsLoader, ApplicationsPage, `/east/applications?month=${MONTH}`],
    [hiresLoader, HiresPage, '/east/hires?month=2026-01/2026-11'],
    [applicationsLoader, ApplicationsPage, '/east/applications?month=2026-01/2026-11'],
  ] as const) {
    const data = await callLoader(loader as typeof hiresLoader, { path, cookie })
    if (!('value' in data)) throw new Error(`${path} refused`)
    const html = await renderPage(Page, data.value, path)
    // The page's own way out of the period: 清除条件, and for a year to date also 改选月份, both to the list alone.
    const linkTo = (label: string) => new RegExp(`<a [^>]*href="([^"]+)"[^>]*>${label}</a>`).exec(html)?.[1]
    const way = linkTo('清除条件')
    expect(way, path).toBe(path.split('?')[0])
    if (path.includes('/2026-11')) expect(linkTo('改选月份'), path).toBe(way)
    const cleared = await callLoader(loader as typeof hiresLoader, { path: way!, cookie })
    if (!('value' in cleared)) throw new Error(`${way} refused`)
    expect(cleared.value.month).toBeNull()
    const kind = path.startsWith('/east/hires') ? 'hires' : 'applications'
    expect(cleared.value.total, path).toBe(allMonths(actorFor('weifang').organisationId, kind))
    // It says so, and offers no 清除条件 then; the export carries no month.
    const clearedHtml = textOf(await renderPage(Page, cleared.value, way!))
    expect(clearedHtml).toContain(`全部月份${kind === 'hires' ? '录用' : '报名'} ${cleared.value.total}`)
    expect(clearedHtml).not.toContain('清除条件')
  }
})

test('不合法的月份忽略（显示全部月份），不报错；西部和务工人员不能打开 / a period that does not parse is dropped (all months), never a 500; west staff are turned away', async () => {
  const all = (await applicationsPage('/east/applications')).total
  for (const bad of ['', '2026-13', 'abc', '2026-11-01']) {
    const apps = await applicationsPage(`/east/applications?month=${bad}`)
    expect(apps.month, bad).toBeNull()
    expect(apps.total, bad).toBe(all)
    const hires = await hiresPage(`/east/hires?month=${bad}`)
    expect(hires.month, bad).toBeNull()
  }
  // This month is still 本月.
  expect((await applicationsPage(`/east/applications?month=${shanghaiMonth()}`)).monthLabel).toBe('本月')
  // West staff and workers are turned away.
  const west = await callLoader(applicationsLoader, { path: '/east/applications', cookie: await cookieFor('kaizhou') })
  expect('thrown' in west).toBe(true)
  const westExport = await callLoader(hiresExport, { path: '/east/hires/export.xlsx', cookie: await cookieFor('kaizhou') })
  expect('thrown' in westExport).toBe(true)
})

test('一个月的报名超过 2000 条：数字仍是全月的，列出最新的 2000 条，导出全部 / past 2,000 applications in a month the count stays the month’s, the newest 2,000 are listed and the export has them all', async () => {
  const { ids } = seedMonthApplications(2_050, '2025-03', { centre: 'kaizhou', bureau: 'weifang' })
  const first = await applicationsPage('/east/applications?month=2025-03')
  expect(first).toMatchObject({ total: 2_050, cut: true, pageCount: 100 })
  expect(first.rows[0].id).toBe(ids.at(-1))
  // A page past the listed ones shows the last listed page: the 2,000th newest is its last row.
  const last = await applicationsPage('/east/applications?month=2025-03&page=500')
  expect(last.page).toBe(100)
  expect(last.rows.at(-1)!.id).toBe(ids[ids.length - 2_000])
  const response = await callLoader(applicationsExport, { path: '/east/applications/export.xlsx?month=2025-03', cookie: await cookieFor('weifang') })
  if (!('value' in response)) throw new Error('export refused')
  expect((await readExport(response.value)).rows).toHaveLength(2_050)
}, 60_000)
