import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog } from '../../db/schema'
import { DEMO_PASSWORD } from '../../db/seed'
import type { AuditSearchRow } from '~/models/audit.server'
import { disableAccountByAdmin } from '~/models/account-admin.server'
import { maskMobile } from '~/rules/mobile'
import { loader as auditLoader } from '~/routes/admin.audit'
import { loader as exportLoader } from '~/routes/admin.audit[.xlsx]'
import { action as passwordAction } from '~/routes/staff.password'
import { db } from '~/utils/db.server'
import { createWorkerAccount } from '../factories'
import { actorFor, auditOf, centreOf, userOf } from '../lookups'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// Issue 11 §6: the whole audit trail, searchable by organisation, person, action and Shanghai dates, paged,
// exported. Entries are written here with chosen moments so each filter's edges can be seen.

type Page = {
  total: number
  page: number
  pageCount: number
  rows: (AuditSearchRow & { at: string })[]
  errors: { to?: string[] }
  values: Record<string, unknown>
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

async function searchWithStatus(query: string) {
  const r = await callLoader(auditLoader, { path: `/admin/audit${query}`, cookie: await cookieFor('admin') })
  if (!('value' in r)) throw new Error(`audit search threw ${r.thrown.status}`)
  const { status, data } = unwrapData<Page>(r.value)
  return { status, page: data }
}

async function search(query: string) {
  const { status, page } = await searchWithStatus(query)
  expect(status).toBe(200)
  return page
}

test('按上海日期筛选：当天零点后算当天，前一晚不算 / a date filter is a Shanghai calendar day: just after midnight is in, the evening before is out', async () => {
  const inside = writeEntries('xiushan', 'test.edge', at('2031-03-01T00:30:00'))
  writeEntries('xiushan', 'test.edge', at('2031-02-28T23:30:00'))
  const lastMinute = writeEntries('xiushan', 'test.edge', at('2031-03-01T23:59:00'))
  writeEntries('xiushan', 'test.edge', at('2031-03-02T00:00:00'))
  const day = await search('?action=test.edge&from=2031-03-01&to=2031-03-01')
  expect(day.rows.map((r) => r.id).sort()).toEqual([...inside, ...lastMinute].sort())
})

test('日期范围颠倒：到（日期）旁给出中文提示，HTTP 400，不查询 / a backwards date range: a Chinese message beside 到, 400, nothing searched', async () => {
  writeEntries('xiushan', 'test.reversed', at('2031-03-01T10:00:00'))
  const { status, page } = await searchWithStatus('?action=test.reversed&from=2031-03-01&to=2031-02-28')
  expect(status).toBe(400)
  expect(page.errors.to).toEqual(['结束日期不能早于开始日期'])
  expect(page.rows).toEqual([])
  // The values typed stay in the form to be corrected.
  expect(page.values).toMatchObject({ from: '2031-03-01', to: '2031-02-28' })
  const r = await callLoader(exportLoader, { path: '/admin/audit.xlsx?from=2031-03-01&to=2031-02-28', cookie: await cookieFor('admin') })
  expect('thrown' in r && r.thrown.status).toBe(400)
  expect('thrown' in r && (await r.thrown.text())).toBe('结束日期不能早于开始日期')
})

test('不存在的日期（2024-02-30、2024-13-01）：旁边给出中文提示，HTTP 400，不查询全部 / an impossible date: a message beside its field, 400, not a search of every day', async () => {
  for (const query of ['?from=2024-02-30', '?to=2024-13-01', '?from=2024-1-5&to=2024-02-01']) {
    const { status, page } = await searchWithStatus(query)
    expect(status, query).toBe(400)
    expect({ ...page.errors }, query).toEqual(
      query.includes('to=2024-13') ? { to: ['请填写有效的日期（年-月-日）'] } : { from: ['请填写有效的日期（年-月-日）'] },
    )
    expect(page.rows, query).toEqual([])
  }
  const r = await callLoader(exportLoader, { path: '/admin/audit.xlsx?from=2024-02-30', cookie: await cookieFor('admin') })
  expect('thrown' in r && r.thrown.status).toBe(400)
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
  // Other parameters that do not parse (a chosen value, a page number) are dropped, never a 500; a typed date is checked above.
  expect((await search('?action=test.paging&org=abc&page=-1')).total).toBe(123)
})

test("导出与页面同样的筛选结果为 xlsx / the export is the page's search as xlsx", async () => {
  writeEntries('dezhou', 'test.export', at('2031-07-07T09:00:00'), 7)
  const r = await callLoader(exportLoader, { path: '/admin/audit.xlsx?action=test.export&from=2031-07-01&to=2031-07-31', cookie: await cookieFor('admin') })
  expect('value' in r).toBe(true)
  const response = (r as { value: Response }).value
  expect(response.headers.get('Content-Type')).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await response.arrayBuffer())
  const sheet = book.worksheets[0]
  // The title row names the list, the dates searched and its filter; the headers are the second row.
  expect(sheet.getRow(1).getCell(1).text).toMatch(/^协作平台操作记录 · 日期范围：2031-07-01 至 2031-07-31 · 筛选条件：test\.export · 导出于 \d{4}-\d{2}-\d{2}$/)
  expect(decodeURIComponent(response.headers.get('Content-Disposition') ?? '')).toContain('协作平台-操作记录-test.export-2031-07-01至2031-07-31-')
  expect(sheet.getRow(2).getCell(1).value).toBe('时间')
  expect(sheet.actualRowCount).toBe(2 + 7)
  expect(sheet.getRow(3).getCell(1).text).toBe('2031-07-07 09:00')
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

test("对本单位人员做的操作也列在本单位下：显示姓名、中文原因、IPv4 地址 / an organisation's trail shows what was done to its people, by name, with Chinese reasons and plain IPv4", async () => {
  const { user: worker } = await createWorkerAccount('kaizhou')
  const kaizhou = userOf('kaizhou').organisationId
  const platform = userOf('admin').organisationId
  // The operator, reaching a dual-stack socket over IPv4, disables a 开州 account.
  expect(disableAccountByAdmin({ ...actorFor('admin'), ip: '::ffff:10.1.2.3' }, worker.id, { code: 'misuse', note: null })).toEqual({ ok: true })
  const [stored] = auditOf('account.disable', worker.id)
  expect(stored).toMatchObject({ organisationId: platform, targetOrganisationId: kaizhou, ip: '10.1.2.3', reason: 'misuse' })

  const { rows } = await search(`?org=${kaizhou}&action=account.disable`)
  expect(rows.map((r) => r.id)).toContain(stored.id)
  const row = rows.find((r) => r.id === stored.id)!
  expect(row).toMatchObject({
    actionLabel: '停用账号',
    reasonLabel: '账号被冒用或有异常操作',
    ip: '10.1.2.3',
    actorName: userOf('admin').displayName,
    targetOrganisationId: kaizhou,
    target: { name: worker.displayName, login: maskMobile(worker.username) },
  })
  expect(row.targetLabel).not.toContain('#')
  // The acting organisation's trail has it too, and the 开州 entries it did itself are still there.
  expect((await search(`?org=${platform}&action=account.disable`)).rows.map((r) => r.id)).toContain(stored.id)
  const own = await search(`?org=${kaizhou}&action=account.assisted_create`)
  expect(own.total).toBeGreaterThan(0)
  expect(own.rows.every((r) => r.organisationId === kaizhou)).toBe(true)
})

test('旧记录同样显示：IPv4 映射地址、原因代码、修改密码 / entries written before read the same: mapped addresses, reason codes, an old password change', async () => {
  const xiushan = userOf('xiushan')
  const [old] = db
    .insert(auditLog)
    .values([
      {
        at: at('2031-09-09T09:00:00'),
        actorUserId: xiushan.id,
        organisationId: xiushan.organisationId,
        action: 'registry.archive',
        entity: 'worker',
        entityId: '1',
        reason: 'moved_away',
        ip: '::ffff:1.2.3.4',
      },
      {
        at: at('2031-09-09T09:01:00'),
        actorUserId: xiushan.id,
        organisationId: xiushan.organisationId,
        action: 'account.profile_update',
        entity: 'user',
        entityId: String(xiushan.id),
        detail: { fields: ['password'] },
      },
    ])
    .returning({ id: auditLog.id })
    .all()
  const { rows } = await search(`?who=xiushan&from=2031-09-09&to=2031-09-09`)
  expect(rows.map((r) => [r.actionLabel, r.reasonLabel, r.ip])).toEqual([
    ['修改密码', '', null],
    ['归档台账', '迁出', '1.2.3.4'],
  ])
  expect(rows.find((r) => r.id === old.id)!.targetLabel).toMatch(/^台账人员：/)
})

test('工作人员修改自己的密码记为“修改密码” / a staff member changing their own password is audited as 修改密码', async () => {
  const dezhou = userOf('dezhou')
  const r = await callAction(passwordAction, {
    path: '/staff/password',
    cookie: await cookieFor('dezhou'),
    fields: { currentPassword: DEMO_PASSWORD, password: 'Dezhou2027go', confirmPassword: 'Dezhou2027go' },
  })
  expect('thrown' in r && r.thrown.status).toBe(302)
  expect(auditOf('account.password_change', dezhou.id)).toHaveLength(1)
  expect(auditOf('account.profile_update', dezhou.id)).toHaveLength(0)
  const { rows } = await search(`?who=dezhou&action=account.password_change`)
  expect(rows.map((row) => row.actionLabel)).toEqual(['修改密码'])
})

test('导出显示姓名、中文原因和 IPv4 / the export shows names, reason labels and plain IPv4', async () => {
  const { user: worker } = await createWorkerAccount('fengdu')
  disableAccountByAdmin({ ...actorFor('admin'), ip: '::ffff:10.9.8.7' }, worker.id, { code: 'left_post', note: null })
  const r = await callLoader(exportLoader, { path: `/admin/audit.xlsx?action=account.disable&org=${worker.organisationId}`, cookie: await cookieFor('admin') })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await (r as { value: Response }).value.arrayBuffer())
  const sheet = book.worksheets[0]
  const headers = (sheet.getRow(2).values as unknown[]).slice(1)
  const cells = Object.fromEntries(headers.map((h, i) => [String(h), sheet.getRow(3).getCell(i + 1).text]))
  expect(cells).toMatchObject({
    对象单位: '丰都县就业和人才中心',
    对象: `${worker.displayName}（${maskMobile(worker.username)}）`,
    原因: '调离或离职',
    'IP 地址': '10.9.8.7',
  })
})
