import { eq, inArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { subsidyPayoutRows, subsidyPayouts, users } from '../../db/schema'
import { createStaffAccount } from '~/models/account-admin.server'
import { setEmployerArchived, countEmployersForBureau } from '~/models/employer.server'
import { addClaimsToPayout, createPayout } from '~/models/payout.server'
import { loader as employersExport } from '~/routes/east.employers.export[.xlsx]'
import { loader as employersPage } from '~/routes/east.employers._index'
import { loader as payoutsExport } from '~/routes/west.payouts.export[.xlsx]'
import { loader as payoutsPage } from '~/routes/west.payouts._index'
import { addDays, todayInShanghai } from '~/rules/dates'
import { payoutTitle } from '~/rules/payout'
import { db } from '~/utils/db.server'
import { actorFor, createTestEmployer, createTestVacancy } from '../factories'
import { createTestClaim } from '../factories-subsidy'
import { callLoader, cookieFor } from '../request'

// Issue 15 §3: the payout batches list and the employers list export to xlsx like every staff list — a title row
// naming organisation, list, date range, filters and day, Chinese headers, the list's own rows and order, money
// summed exact to the fen — and each export answers only its own side's staff with their own organisation's rows.

type Cell = ExcelJS.CellValue

/** A download read back with exceljs: file name, rows as arrays of cell values (row 1 the title), the sheet. */
async function download(loaderFn: Parameters<typeof callLoader<Response>>[0], username: string, path: string) {
  const r = await callLoader(loaderFn, { path, cookie: await cookieFor(username) })
  if (!('value' in r)) throw new Error(`${path} answered ${r.thrown.status}`)
  const disposition = r.value.headers.get('Content-Disposition') ?? ''
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await r.value.arrayBuffer())
  const sheet = workbook.worksheets[0]
  const rows: Cell[][] = []
  sheet.eachRow((row) => rows.push((row.values as Cell[]).slice(1)))
  return { fileName: decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? ''), rows, sheet }
}

async function refused(loaderFn: Parameters<typeof callLoader<Response>>[0], username: string, path: string) {
  const r = await callLoader(loaderFn, { path, cookie: await cookieFor(username) })
  return 'thrown' in r ? r.thrown.status : r.value.status
}

let staffCount = 0
/** A second staff user of `centre`'s county (the approver of a claim may not put it in a payout). */
async function cashierOf(centre: string) {
  staffCount += 1
  const username = `${centre}listcashier${staffCount}`
  const made = await createStaffAccount(actorFor('admin'), actorFor(centre).organisationId, {
    username,
    displayName: `出纳${staffCount}`,
    contactPhone: '13800002222',
  })
  if (!made?.ok) throw new Error(`createStaffAccount: ${JSON.stringify(made)}`)
  db.update(users).set({ mustChangePassword: false }).where(eq(users.id, made.userId)).run()
  return actorFor(username)
}

/** An open payout of `centre` holding approved claims of the given amounts (fen); its id. */
async function payoutWith(centre: string, title: string, amounts: number[]) {
  const made = createPayout(actorFor(centre), { title, noticeFrom: addDays(todayInShanghai(), -14) })
  if (!made.ok) throw new Error(made.message)
  const claims = []
  for (const approvedFen of amounts) claims.push((await createTestClaim(centre, { state: 'approved', approvedFen })).claim.id)
  const added = addClaimsToPayout(await cashierOf(centre), made.id, claims)
  if (!added?.ok) throw new Error(`addClaimsToPayout: ${JSON.stringify(added)}`)
  return made.id
}

const PAYOUT_HEADERS = [
  '批次',
  '状态',
  '公示开始',
  '公示结束',
  '人数',
  '金额（元）',
  '已发放（元）',
  '发放失败（元）',
  '发放失败人数',
  '待登记人数',
  '建立日期',
]

test('发放批次列表导出：标题行、中文表头、与列表同样的批次和顺序，合计按分相加 / the payouts list exports with its title row, Chinese headers, the list’s payouts in its order, and a total summed in fen', async () => {
  // 0.10 + 0.20 in floating point is 0.30000000000000004: the total must be the fen added, converted once.
  const small = await payoutWith('kaizhou', '列表导出甲', [10])
  const other = await payoutWith('kaizhou', '列表导出乙', [20, 45_650, 33_333])
  await payoutWith('xiushan', '秀山的批次', [5_000])
  const day = todayInShanghai()

  const file = await download(payoutsExport, 'kaizhou', '/west/payouts/export.xlsx')
  expect(file.fileName).toBe(`开州区-补助发放批次-${day}.xlsx`)
  expect(file.rows[0][0]).toBe(`开州区补助发放批次 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day}`)
  expect(file.rows[1]).toEqual(PAYOUT_HEADERS)

  // The list's payouts, all of them (the page shows 20 at a time), newest first, then the total.
  const page = await callLoader(payoutsPage, { path: '/west/payouts', cookie: await cookieFor('kaizhou') })
  if (!('value' in page)) throw new Error('the list did not answer')
  const body = file.rows.slice(2, -1)
  expect(body).toHaveLength(page.value.total)
  expect(body.slice(0, page.value.rows.length).map((r) => r[0])).toEqual(page.value.rows.map((r) => payoutTitle(r.title)))
  expect(body.map((r) => r[0])).not.toContain(payoutTitle('秀山的批次'))

  const rowOf = (title: string) => body.find((r) => r[0] === payoutTitle(title))!
  expect(rowOf('列表导出乙').slice(1, 10)).toEqual(['编制中', addDays(day, -14), expect.any(String), 3, 790.03, 0, 0, 0, 3])
  expect(rowOf('列表导出甲')[5]).toBe(0.1)
  expect(file.sheet.getRow(3).getCell(6).numFmt).toBe('#,##0.00')

  const ids = db
    .select({ id: subsidyPayouts.id })
    .from(subsidyPayouts)
    .where(eq(subsidyPayouts.organisationId, actorFor('kaizhou').organisationId))
    .all()
  const fen = db
    .select({ amountFen: subsidyPayoutRows.amountFen })
    .from(subsidyPayoutRows)
    .where(
      inArray(
        subsidyPayoutRows.payoutId,
        ids.map((p) => p.id),
      ),
    )
    .all()
    .reduce((sum, r) => sum + r.amountFen, 0)
  const total = file.rows.at(-1)!
  expect(total[0]).toBe(`合计（${ids.length} 个批次）`)
  expect(total[4]).toBe(body.reduce((n, r) => n + Number(r[4]), 0))
  expect(total[5]).toBe(fen / 100)
  expect([small, other].every((id) => ids.some((p) => p.id === id))).toBe(true)
  // No personal number on the list: a payout's people are on its own audited file.
  expect(JSON.stringify(file.rows)).not.toMatch(/\d{15,19}|1[3-9]\d{9}/)

  // Another county sees its own only; a bureau or a worker is refused.
  const xiushan = await download(payoutsExport, 'xiushan', '/west/payouts/export.xlsx')
  expect(xiushan.rows.slice(2, -1).map((r) => r[0])).toContain(payoutTitle('秀山的批次'))
  expect(xiushan.rows.map((r) => r[0])).not.toContain(payoutTitle('列表导出甲'))
  expect(await refused(payoutsExport, 'weifang', '/west/payouts/export.xlsx')).toBeGreaterThanOrEqual(300)
  expect(await refused(payoutsExport, '13996000001', '/west/payouts/export.xlsx')).toBeGreaterThanOrEqual(300)
})

const EMPLOYER_HEADERS = ['单位名称', '统一社会信用代码', '行业', '地址', '联系人', '联系电话', '岗位数', '招聘中岗位', '状态', '归档日期']

test('用人单位列表导出：按列表的查找，信用代码为文本，岗位数，已归档的注明；只有本局的 / the employers list exports with the list’s search, the USCC as text, post counts and archived ones marked; only the bureau’s own', async () => {
  const tag = `导出单位${Date.now() % 100_000}`
  const open = createTestEmployer('weifang', { name: `${tag}一号有限公司` })
  createTestVacancy('weifang', { employerId: open.id })
  createTestVacancy('weifang', { employerId: open.id, status: 'closed' })
  const archived = createTestEmployer('weifang', { name: `${tag}二号有限公司`, industry: 'construction' })
  expect(setEmployerArchived(actorFor('weifang'), archived.id, true)).toMatchObject({ ok: true })
  createTestEmployer('dezhou', { name: `${tag}德州有限公司` })
  const day = todayInShanghai()

  const file = await download(employersExport, 'weifang', `/east/employers/export.xlsx?q=${encodeURIComponent(tag)}`)
  expect(file.fileName).toBe(`潍坊市人社局-用人单位-含${tag}-${day}.xlsx`)
  expect(file.rows[0][0]).toBe(`潍坊市人社局用人单位 · 日期范围：全部日期 · 筛选条件：含${tag} · 导出于 ${day}`)
  expect(file.rows[1]).toEqual(EMPLOYER_HEADERS)
  expect(file.rows.slice(2)).toEqual([
    [open.name, open.uscc, '制造业', open.address, open.contactName, open.contactPhone, 2, 1, '在用'],
    [archived.name, archived.uscc, '建筑施工', archived.address, archived.contactName, archived.contactPhone, 0, 0, '已归档', day],
  ])
  expect(file.sheet.getRow(3).getCell(2).numFmt).toBe('@')

  // Unsearched: every employer of the bureau, as many as the list counts; another bureau's never.
  const whole = await download(employersExport, 'weifang', '/east/employers/export.xlsx')
  expect(whole.rows[0][0]).toBe(`潍坊市人社局用人单位 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day}`)
  expect(whole.rows.slice(2)).toHaveLength(countEmployersForBureau(actorFor('weifang'), { q: '' }))
  expect(whole.rows.map((r) => r[0])).not.toContain(`${tag}德州有限公司`)
  const page = await callLoader(employersPage, { path: `/east/employers?q=${encodeURIComponent(tag)}`, cookie: await cookieFor('weifang') })
  if (!('value' in page)) throw new Error('the list did not answer')
  expect(file.rows.slice(2).map((r) => r[0])).toEqual(page.value.rows.map((r) => r.name))

  const dezhou = await download(employersExport, 'dezhou', `/east/employers/export.xlsx?q=${encodeURIComponent(tag)}`)
  expect(dezhou.rows.slice(2).map((r) => r[0])).toEqual([`${tag}德州有限公司`])
  expect(await refused(employersExport, 'kaizhou', '/east/employers/export.xlsx')).toBeGreaterThanOrEqual(300)
  expect(await refused(employersExport, '13996000001', '/east/employers/export.xlsx')).toBeGreaterThanOrEqual(300)
})
