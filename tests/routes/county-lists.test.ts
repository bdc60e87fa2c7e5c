import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { applications, workers } from '../../db/schema'
import { COUNT_CAP } from '~/models/county-applications.server'
import { moveApplication } from '~/models/hire.server'
import { listTownships } from '~/models/area.server'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { loader as applicationsExport } from '~/routes/west.applications.export[.xlsx]'
import { loader as applicationsLoader } from '~/routes/west.applications._index'
import { loader as hiresExport } from '~/routes/west.hires.export[.xlsx]'
import { loader as hiresLoader } from '~/routes/west.hires._index'
import { loader as workersExport } from '~/routes/west.workers.export[.xlsx]'
import { action as workersAction } from '~/routes/west.workers._index'
import { createLedgerWorker } from '../factories'
import { postWithContacted } from '../factories-hire'
import { seedMonthApplications } from '../factories-lists'
import { actorFor } from '../lookups'
import { callAction, callLoader, cookieFor } from '../request'

// The county's lists in files (issue 11 §3): exports named by organisation, list, filters and Shanghai
// day, with the filters in a title row; the hires export's 状态核对; the applications list's 2,000-row
// bound and its export.

async function view<T>(loaderFn: Parameters<typeof callLoader<T>>[0], username: string, path: string): Promise<T> {
  const r = await callLoader(loaderFn, { path, cookie: await cookieFor(username) })
  if (!('value' in r)) throw new Error(`${path} did not answer: ${r.thrown.status}`)
  return r.value
}

/** A download's Chinese file name (filename*), its ASCII one and its sheet's rows as arrays of cell values. */
async function download(loaderFn: Parameters<typeof callLoader<Response>>[0], username: string, path: string) {
  const response = await view(loaderFn, username, path)
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const rows: unknown[][] = []
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return {
    fileName: decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? ''),
    ascii: /filename="([^"]+)"/.exec(disposition)?.[1],
    rows,
  }
}

test('报名记录一个月超过 2,000 条：页面列出最新 2,000 条并说明，总数照实；导出给出全部 / a month past 2,000 applications: the page lists the newest 2,000 with the note and the true total; the export carries all', async () => {
  const { ids } = seedMonthApplications(COUNT_CAP + 1, '2019-03')
  const newestFirst = [...ids].reverse()

  const first = await view(applicationsLoader, 'kaizhou', '/west/applications?month=2019-03')
  expect(first.total).toBe(COUNT_CAP + 1)
  expect(first.cut).toBe(true)
  expect(first.pageCount).toBe(COUNT_CAP / 20)
  expect(first.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 20))
  // Past the last page the page is clamped to it: the 2,000th newest is listed, the oldest never.
  const last = await view(applicationsLoader, 'kaizhou', '/west/applications?month=2019-03&page=101')
  expect(last.page).toBe(COUNT_CAP / 20)
  expect(last.rows.map((r) => r.id)).toEqual(newestFirst.slice(COUNT_CAP - 20, COUNT_CAP))
  expect(last.rows.map((r) => r.id)).not.toContain(ids[0])

  const file = await download(applicationsExport, 'kaizhou', '/west/applications/export.xlsx?month=2019-03')
  expect(file.fileName).toBe(`开州区-报名记录-2019年3月-${todayInShanghai()}.xlsx`)
  expect(file.ascii).toBe(`applications-filtered-${todayInShanghai()}.xlsx`)
  expect(file.rows[0][0]).toBe(`开州区报名记录 · 日期范围：2019年3月 · 筛选条件：无 · 导出于 ${todayInShanghai()}`)
  expect(file.rows[1]).toEqual(['报名日期', '姓名', '身份证号码', '手机号码', '乡镇（街道）', '岗位', '人社局', '报名方式', '状态'])
  expect(file.rows).toHaveLength(2 + COUNT_CAP + 1)
  expect(file.rows.slice(2).map((r) => r[0])).toEqual([...file.rows.slice(2).map((r) => r[0])].sort().reverse())
  expect(String(file.rows[2][2])).toMatch(/^\d{3}\*{11}/)
  expect(String(file.rows[2][3])).toMatch(/\*{4}/)

  // The same filters as the page: a status nobody has gives the headers only; another county sees none of these.
  const hired = await download(applicationsExport, 'kaizhou', '/west/applications/export.xlsx?month=2019-03&status=hired')
  expect(hired.fileName).toBe(`开州区-报名记录-2019年3月-已录用-${todayInShanghai()}.xlsx`)
  expect(hired.rows).toHaveLength(2)
  const other = await download(applicationsExport, 'xiushan', '/west/applications/export.xlsx?month=2019-03')
  expect(other.rows).toHaveLength(2)
  const bureau = await callLoader(applicationsExport, { path: '/west/applications/export.xlsx', cookie: await cookieFor('weifang') })
  expect('thrown' in bureau && bureau.thrown.status).toBeGreaterThanOrEqual(300)
})

test('筛选后的台账导出以乡镇和状态命名，标题行写明条件；查找只写“查找结果”，不写号码 / a filtered ledger export is named by township and status with the filters in its title row; a search is only 查找结果, never the number', async () => {
  const kaizhou = actorFor('kaizhou')
  const township = listTownships(kaizhou.areaCode)[0]
  const person = createLedgerWorker('kaizhou', { employmentStatus: 'in_county' })
  const day = todayInShanghai()

  const whole = await download(workersExport, 'kaizhou', '/west/workers/export.xlsx')
  expect(whole.fileName).toBe(`开州区-务工人员台账-${day}.xlsx`)
  expect(whole.rows[0][0]).toBe(`开州区务工人员台账 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day}`)

  const filtered = await download(workersExport, 'kaizhou', `/west/workers/export.xlsx?township=${township.code}&employmentStatus=in_county`)
  expect(filtered.fileName).toBe(`开州区-务工人员台账-${township.name}-县内务工-${day}.xlsx`)
  expect(filtered.ascii).toBe(`registry-filtered-${day}.xlsx`)
  expect(filtered.rows[0][0]).toBe(`开州区务工人员台账 · 日期范围：全部日期 · 筛选条件：${township.name}，县内务工 · 导出于 ${day}`)
  expect(filtered.rows.slice(2).every((r) => r.includes('县内务工'))).toBe(true)
  expect(filtered.fileName).not.toBe(whole.fileName)

  // The search form seals the typed phone number into the redirect; the export names it 查找结果 only.
  const redirect = await callAction(workersAction, { path: '/west/workers', fields: { q: person.phone! }, cookie: await cookieFor('kaizhou') })
  const location = 'thrown' in redirect ? redirect.thrown.headers.get('Location')! : ''
  const search = new URL(location, 'http://x').search
  const found = await download(workersExport, 'kaizhou', `/west/workers/export.xlsx${search}&full=1`)
  expect(found.fileName).toBe(`开州区-务工人员台账-查找结果-完整信息-${day}.xlsx`)
  expect(found.rows).toHaveLength(3)
  expect(found.rows[2]).toContain(person.phone)
  expect(JSON.stringify([found.fileName, found.ascii, found.rows[0]])).not.toContain(person.phone!.slice(-4))
})

test('录用人员导出带“状态核对”列，与列表的“待确认”一致；文件名写明乡镇和月份 / the hires export carries 状态核对 as the list marks 待确认, and is named by township and month', async () => {
  const { ids } = await postWithContacted('weifang', 1)
  expect(moveApplication(actorFor('weifang'), ids[0], 'hired', { startDate: '2026-12-10' })).toMatchObject({ ok: true })
  const application = db.select().from(applications).where(eq(applications.id, ids[0])).get()!
  const worker = db.select().from(workers).where(eq(workers.id, application.workerId)).get()!
  const township = listTownships(actorFor('kaizhou').areaCode).find((t) => t.code === worker.townshipCode)!
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
  const query = `township=${township.code}&month=${month}`

  const page = await view(hiresLoader, 'kaizhou', `/west/hires?${query}`)
  const listed = page.rows.find((r) => r.workerId === worker.id)!
  expect(listed.toConfirm).toBe(true)

  const file = await download(hiresExport, 'kaizhou', `/west/hires/export.xlsx?${query}`)
  const [y, m] = month.split('-')
  expect(file.fileName).toBe(`开州区-录用人员-${township.name}-${y}年${Number(m)}月-${todayInShanghai()}.xlsx`)
  const header = file.rows[1]
  expect(header.at(-1)).toBe('状态核对')
  const rowsOfWorker = file.rows.slice(2).filter((r) => String(r[2]).slice(-4) === worker.idNumber.slice(-4) && r[1] === worker.name)
  expect(rowsOfWorker.length).toBeGreaterThan(0)
  expect(rowsOfWorker[0].at(-1)).toBe('待确认')
  // Every row says 待确认 exactly where the page does.
  expect(file.rows.slice(2).filter((r) => r.at(-1) === '待确认')).toHaveLength(page.rows.filter((r) => r.toConfirm).length)

  // Once staff answer, neither marks it.
  db.update(workers)
    .set({ employmentCheckedAt: new Date(Date.now() + 1000) })
    .where(eq(workers.id, worker.id))
    .run()
  expect((await view(hiresLoader, 'kaizhou', `/west/hires?${query}`)).rows.find((r) => r.workerId === worker.id)!.toConfirm).toBe(false)
  const after = await download(hiresExport, 'kaizhou', `/west/hires/export.xlsx?${query}`)
  expect(
    after.rows
      .slice(2)
      .filter((r) => r[1] === worker.name && String(r[2]).slice(-4) === worker.idNumber.slice(-4))[0]
      .at(-1),
  ).not.toBe('待确认')
})
