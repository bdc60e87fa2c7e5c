import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog } from '../../db/schema'
import { loader as auditLoader } from '~/routes/admin.audit'
import { loader as exportLoader } from '~/routes/admin.audit[.xlsx]'
import { db } from '~/utils/db.server'
import { centreOf, userOf } from '../lookups'
import { callLoader, cookieFor } from '../request'

// Issue 11 §6: the whole audit trail, searchable by organisation, person, action and Shanghai dates, paged,
// exported. Entries are written here with chosen moments so each filter's edges can be seen.

type Page = {
  total: number
  page: number
  pageCount: number
  rows: { id: number; action: string; organisationId: number | null; actorUserId: number | null }[]
}

const at = (shanghai: string) => new Date(`${shanghai}+08:00`)

/** Writes `n` entries of `action` for the account `username` (in its organisation) at `moment`; returns their ids. */
function writeEntries(username: string, action: string, moment: Date, n = 1) {
  const user = userOf(username)
  const rows = Array.from({ length: n }, () => ({ at: moment, actorUserId: user.id, organisationId: user.organisationId, action, entity: 'test' }))
  return db
    .insert(auditLog)
    .values(rows)
    .returning({ id: auditLog.id })
    .all()
    .map((r) => r.id)
}

async function search(query: string) {
  const r = await callLoader(auditLoader, { path: `/admin/audit${query}`, cookie: await cookieFor('admin') })
  if (!('value' in r)) throw new Error(`audit search threw ${r.thrown.status}`)
  return r.value as unknown as Page
}

test('按上海日期筛选：当天零点后算当天，前一晚不算 / a date filter is a Shanghai calendar day: just after midnight is in, the evening before is out', async () => {
  const inside = writeEntries('xiushan', 'test.edge', at('2031-03-01T00:30:00'))
  writeEntries('xiushan', 'test.edge', at('2031-02-28T23:30:00'))
  const lastMinute = writeEntries('xiushan', 'test.edge', at('2031-03-01T23:59:00'))
  writeEntries('xiushan', 'test.edge', at('2031-03-02T00:00:00'))
  const day = await search('?action=test.edge&from=2031-03-01&to=2031-03-01')
  expect(day.rows.map((r) => r.id).sort()).toEqual([...inside, ...lastMinute].sort())
  // A range typed backwards is the same range.
  expect((await search('?action=test.edge&from=2031-03-01&to=2031-02-28')).total).toBe(3)
})

test('按单位、按人、按事项筛选，每页 50 条 / filters by organisation, person and action, 50 a page', async () => {
  const ids = writeEntries('fengdu', 'test.paging', at('2031-05-05T10:00:00'), 120)
  writeEntries('kaizhou', 'test.paging', at('2031-05-05T10:00:00'), 3)
  const byAction = await search('?action=test.paging')
  expect(byAction.total).toBe(123)
  expect(byAction.pageCount).toBe(3)
  expect(byAction.rows).toHaveLength(50)

  const fengdu = centreOf('500230').id
  const org = await search(`?action=test.paging&org=${fengdu}&page=3`)
  expect(org.total).toBe(120)
  expect(org.page).toBe(3)
  expect(org.rows).toHaveLength(20)
  expect(org.rows.every((r) => r.organisationId === fengdu)).toBe(true)
  // Newest first, then by id: the last page holds the 20 oldest ids.
  expect(org.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids.slice(0, 20))

  const person = await search('?who=kaizhou&action=test.paging')
  expect(person.total).toBe(3)
  expect(person.rows.every((r) => r.actorUserId === userOf('kaizhou').id)).toBe(true)
  // The same person by account id (the link from an account page).
  expect((await search(`?actor=${userOf('kaizhou').id}&action=test.paging`)).total).toBe(3)
  // An unknown login name matches nothing, never everything.
  expect((await search('?who=nobody_here')).total).toBe(0)
  // Parameters that do not parse are dropped, never a 500.
  expect((await search('?action=test.paging&org=abc&from=2031-02-30&page=-1')).total).toBe(123)
})

test("导出与页面同样的筛选结果为 xlsx / the export is the page's search as xlsx", async () => {
  writeEntries('dezhou', 'test.export', at('2031-07-07T09:00:00'), 7)
  const r = await callLoader(exportLoader, { path: '/admin/audit.xlsx?action=test.export', cookie: await cookieFor('admin') })
  expect('value' in r).toBe(true)
  const response = (r as { value: Response }).value
  expect(response.headers.get('Content-Type')).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await response.arrayBuffer())
  const sheet = book.worksheets[0]
  expect(sheet.getRow(1).getCell(1).value).toBe('时间')
  expect(sheet.actualRowCount).toBe(1 + 7)
  expect(sheet.getRow(2).getCell(1).text).toBe('2031-07-07 09:00')
})

test('只有平台管理员能查看和导出操作记录 / only the admin sees and exports the trail', async () => {
  for (const who of ['kaizhou', 'weifang']) {
    const pages: [(args: LoaderFunctionArgs) => Promise<unknown>, string][] = [
      [auditLoader, '/admin/audit'],
      [exportLoader, '/admin/audit.xlsx'],
    ]
    for (const [fn, path] of pages) {
      const r = await callLoader(fn, { path, cookie: await cookieFor(who) })
      expect('thrown' in r && r.thrown.status, `${who} ${path}`).toBe(403)
    }
  }
})
