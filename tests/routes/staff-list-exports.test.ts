import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { organisations, users } from '../../db/schema'
import { createStaffAccount } from '~/models/account-admin.server'
import { listOrganisationsWithCounts } from '~/models/organisation.server'
import { rejectAccount } from '~/models/verification.server'
import { resolveReport } from '~/models/vacancy-report.server'
import { loader as accountsExport } from '~/routes/admin.accounts[.xlsx]'
import { loader as organisationsExport } from '~/routes/admin.organisations[.xlsx]'
import { loader as reportsExport } from '~/routes/east.reports[.xlsx]'
import { loader as reportsPage } from '~/routes/east.reports'
import { loader as demandExport } from '~/routes/west.demand.export[.xlsx]'
import { loader as demandPage } from '~/routes/west.demand._index'
import { loader as importsExport } from '~/routes/west.imports.export[.xlsx]'
import { loader as importsPage } from '~/routes/west.imports._index'
import { loader as recommendPrint } from '~/routes/west.jobs.$jobId.recommend_.print'
import { loader as verificationsExport } from '~/routes/west.verifications.export[.xlsx]'
import { loader as verificationsPage } from '~/routes/west.verifications._index'
import { addDays, todayInShanghai } from '~/rules/dates'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { demandWeek } from '~/rules/travel-demand'
import { db } from '~/utils/db.server'
import { createTestDemand } from '../factories-demand'
import { actorFor, createLedgerWorker, createPendingAccount, createTestReport, createTestVacancy, freshIdNumber, freshPhone } from '../factories'
import { ledgerRow, csvText } from '../fixtures/spreadsheets'
import { ledgerUpload, runImport } from '../ledger-import'
import { downloadName, readExport } from '../month-lists'
import { callLoader, cookieFor } from '../request'

// Issue 15 §3: every list a staff member sees exports to xlsx — the county's travel demand, verification queue and
// ledger imports, the bureau's reports, the operator's organisations and staff accounts. Each file is read back:
// a title row naming organisation, list, date range, filters and day; the Chinese headers; the list's rows with
// its filters applied; no other organisation's rows; personal numbers masked; and the wrong role refused.

type Loader = Parameters<typeof callLoader<Response>>[0]

async function download(loaderFn: Loader, username: string, path: string) {
  const r = await callLoader(loaderFn, { path, cookie: await cookieFor(username) })
  if (!('value' in r)) throw new Error(`${path} answered ${r.thrown.status}`)
  return { fileName: downloadName(r.value), ...(await readExport(r.value)) }
}

async function statusOf(loaderFn: Loader, username: string | null, path: string) {
  const r = await callLoader(loaderFn, { path, cookie: username ? await cookieFor(username) : undefined })
  return 'thrown' in r ? r.thrown.status : r.value.status
}

/** The wrong side, a worker and nobody signed in are all turned away (a redirect to sign in, or 403). */
async function expectRefused(loaderFn: Loader, path: string, wrong: string[]) {
  for (const username of [...wrong, '13996000001', null])
    expect(await statusOf(loaderFn, username, path), `${username ?? 'anonymous'} ${path}`).toBeGreaterThanOrEqual(300)
}

function shortNameOf(username: string) {
  return db
    .select({ shortName: organisations.shortName })
    .from(organisations)
    .where(eq(organisations.id, actorFor(username).organisationId))
    .get()!.shortName
}

const day = () => todayInShanghai()
const text = (rows: string[][]) => rows.map((r) => r.join('|')).join('\n')

describe('出行需求导出 / the travel demand export', () => {
  test('标题行、中文表头、筛选后行数减少、身份证打码、只有本县 / title row, Chinese headers, filters cut the rows, ID numbers masked, own county only', async () => {
    const soon = createLedgerWorker('kaizhou', { name: '需求近期' })
    const later = createLedgerWorker('kaizhou', { name: '需求远期' })
    createTestDemand('kaizhou', { workerId: soon.id })
    createTestDemand('kaizhou', { workerId: later.id, earliestDate: addDays(day(), 60), latestDate: addDays(day(), 70) })
    const other = createLedgerWorker('xiushan', { name: '秀山需求人' })
    createTestDemand('xiushan', { workerId: other.id })

    const all = await download(demandExport, 'kaizhou', '/west/demand/export.xlsx')
    expect(all.title).toBe(`开州区出行需求 · 日期范围：全部日期 · 筛选条件：待安排和已邀请 · 导出于 ${day()}`)
    expect(all.fileName).toBe(`开州区-出行需求-待安排和已邀请-${day()}.xlsx`)
    expect(all.headers).toEqual([
      '姓名',
      '身份证号（打码）',
      '上车乡镇',
      '最早出发日期',
      '最晚出发日期',
      '目的地',
      '意向用人单位',
      '状态',
      '同行人',
      '人数',
      '登记方式',
      '已编入批次',
    ])
    const page = await callLoader(demandPage, { path: '/west/demand', cookie: await cookieFor('kaizhou') })
    if (!('value' in page)) throw new Error('the list did not answer')
    expect(all.rows).toHaveLength(page.value.total)
    const names = all.rows.map((r) => r[0])
    expect(names).toEqual(expect.arrayContaining(['需求近期', '需求远期']))
    expect(names).not.toContain('秀山需求人')
    const row = all.rows.find((r) => r[0] === '需求近期')!
    expect(row[1]).toBe(maskIdNumber(soon.idNumber))
    expect(row[7]).toBe('待安排')
    for (const person of [soon, later]) expect(text(all.rows)).not.toContain(person.idNumber)

    // The week of the later demand: that demand only, the week as the range; the page's export link carries it.
    const week = demandWeek(addDays(day(), 60), day()).key
    const filtered = await download(demandExport, 'kaizhou', `/west/demand/export.xlsx?week=${week}&state=open`)
    expect(filtered.title).toBe(`开州区出行需求 · 日期范围：${week} 至 ${addDays(week, 6)} · 筛选条件：待安排 · 导出于 ${day()}`)
    expect(filtered.rows.length).toBeLessThan(all.rows.length)
    expect(filtered.rows.map((r) => r[0])).toContain('需求远期')
    expect(filtered.rows.map((r) => r[0])).not.toContain('需求近期')
    const filteredPage = await callLoader(demandPage, { path: `/west/demand?week=${week}&state=open&page=1`, cookie: await cookieFor('kaizhou') })
    if (!('value' in filteredPage)) throw new Error('the list did not answer')
    expect(filteredPage.value.exportParams).toEqual([
      ['week', week],
      ['state', 'open'],
    ])
    expect(filtered.rows).toHaveLength(filteredPage.value.total)

    const xiushan = await download(demandExport, 'xiushan', '/west/demand/export.xlsx')
    expect(xiushan.rows.map((r) => r[0])).toContain('秀山需求人')
    expect(xiushan.rows.map((r) => r[0])).not.toContain('需求近期')
    await expectRefused(demandExport, '/west/demand/export.xlsx', ['weifang', 'admin'])
  })
})

describe('账号核验导出 / the verification queue export', () => {
  test('待核验和已退回、手机号身份证号打码、只有本县 / waiting and turned-down registrations, phone and ID masked, own county only', async () => {
    const phone = freshPhone()
    const waiting = await createPendingAccount('kaizhou', { name: '导出待核验', phone })
    const turnedDown = await createPendingAccount('kaizhou', { name: '导出已退回', inLedger: false })
    const reasonPhone = freshPhone()
    const rejected = rejectAccount(actorFor('kaizhou'), turnedDown.user.id, { code: 'other', text: `请本人带身份证来，电话${reasonPhone}` })
    expect(rejected?.ok).toBe(true)
    await createPendingAccount('xiushan', { name: '秀山待核验' })

    const file = await download(verificationsExport, 'kaizhou', '/west/verifications/export.xlsx')
    expect(file.title).toBe(`开州区账号核验 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day()}`)
    expect(file.fileName).toBe(`开州区-账号核验-${day()}.xlsx`)
    expect(file.headers).toEqual(['状态', '姓名', '手机号（打码）', '身份证号（打码）', '注册日期', '本县台账', '退回日期', '退回原因'])
    const page = await callLoader(verificationsPage, { path: '/west/verifications', cookie: await cookieFor('kaizhou') })
    if (!('value' in page)) throw new Error('the list did not answer')
    expect(file.rows.filter((r) => r[0] === '待核验')).toHaveLength(page.value.total)

    const row = file.rows.find((r) => r[1] === '导出待核验')!
    expect(row.slice(0, 4)).toEqual(['待核验', '导出待核验', maskMobile(phone), maskIdNumber(waiting.user.idNumber!)])
    expect(row[5]).toBe('导出待核验（姓名一致）')
    const back = file.rows.find((r) => r[1] === '导出已退回')!
    expect(back[0]).toBe('已退回')
    expect(back[7]).toBe(`请本人带身份证来，电话${maskMobile(reasonPhone)}`)
    const all = text(file.rows)
    for (const number of [phone, waiting.user.idNumber!, turnedDown.user.username, turnedDown.user.idNumber!, reasonPhone]) expect(all).not.toContain(number)
    expect(file.rows.map((r) => r[1])).not.toContain('秀山待核验')
    await expectRefused(verificationsExport, '/west/verifications/export.xlsx', ['weifang', 'admin'])
  })
})

describe('台账导入记录导出 / the ledger imports export', () => {
  test('与列表同样的记录、文件名中的号码打码、只有本县 / the list’s imports, a number in a file name masked, own county only', async () => {
    const typedPhone = freshPhone()
    const kaizhou = await cookieFor('kaizhou')
    await runImport(ledgerUpload(csvText([ledgerRow(901)]), `王家${typedPhone}.csv`, kaizhou))
    await runImport(ledgerUpload(csvText([ledgerRow(903, { 姓名: '' })]), '开州导出测试.csv', kaizhou))
    const fengdu = await cookieFor('fengdu')
    await runImport(ledgerUpload(csvText([ledgerRow(905)]), '丰都的文件.csv', fengdu))

    const file = await download(importsExport, 'kaizhou', '/west/imports/export.xlsx')
    expect(file.title).toBe(`开州区台账导入记录 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day()}`)
    expect(file.headers).toEqual(['上传时间', '上传人', '文件', '新增', '有变动', '无变动', '问题', '状态', '导入时间', '撤销时间'])
    const page = await callLoader(importsPage, { path: '/west/imports', cookie: kaizhou })
    if (!('value' in page)) throw new Error('the list did not answer')
    expect(file.rows).toHaveLength(page.value.total)
    // Newest first, as the list.
    expect(file.rows[0][2]).toBe('开州导出测试.csv')
    expect(file.rows[0][6]).toBe('1')
    expect(file.rows[0][7]).toBe('有问题未导入')
    expect(file.rows[1][2]).toBe(`王家${maskMobile(typedPhone)}.csv`)
    expect(text(file.rows)).not.toContain(typedPhone)
    expect(file.rows.map((r) => r[2])).not.toContain('丰都的文件.csv')
    await expectRefused(importsExport, '/west/imports/export.xlsx', ['weifang', 'admin'])
  }, 60_000)
})

describe('举报处理导出 / the reports export', () => {
  test('本局岗位的举报、说明与处理结果里的号码打码 / reports on the bureau’s posts, numbers in the note and resolution masked', async () => {
    const post = createTestVacancy('weifang', { title: '导出举报岗位' })
    const notePhone = freshPhone()
    const { report } = await createTestReport(post.id, { note: `中介电话${notePhone}要求交押金` })
    const resolutionId = freshIdNumber('370702')
    expect(resolveReport(actorFor('weifang'), report.id, `已核实，涉事人身份证${resolutionId}`)?.ok).toBe(true)
    await createTestReport(post.id, { reason: 'fees', note: null })
    const theirs = createTestVacancy('dezhou', { title: '德州被举报岗位' })
    await createTestReport(theirs.id)

    const file = await download(reportsExport, 'weifang', '/east/reports.xlsx')
    const org = shortNameOf('weifang')
    expect(file.title).toBe(`${org}岗位举报 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day()}`)
    expect(file.fileName).toBe(`${org}-岗位举报-${day()}.xlsx`)
    expect(file.headers).toEqual(['状态', '岗位', '用人单位', '举报原因', '举报说明', '举报日期', '处理日期', '处理结果'])
    const page = await callLoader(reportsPage, { path: '/east/reports', cookie: await cookieFor('weifang') })
    if (!('value' in page)) throw new Error('the list did not answer')
    expect(file.rows).toHaveLength(page.value.counts.open + page.value.counts.resolved)
    // Open first, as the list.
    expect(file.rows[0][0]).toBe('待处理')
    const resolved = file.rows.find((r) => r[0] === '已处理' && r[1] === '导出举报岗位')!
    expect(resolved[4]).toBe(`中介电话${maskMobile(notePhone)}要求交押金`)
    expect(resolved[7]).toBe(`已核实，涉事人身份证${maskIdNumber(resolutionId)}`)
    expect(text(file.rows)).not.toContain(notePhone)
    expect(text(file.rows)).not.toContain(resolutionId)
    expect(file.rows.map((r) => r[1])).not.toContain('德州被举报岗位')
    await expectRefused(reportsExport, '/east/reports.xlsx', ['kaizhou', 'admin'])
  })
})

describe('平台单位与账号导出 / the operator’s organisations and accounts exports', () => {
  test('单位列表：每个单位一行、中文表头 / the organisations list: one row per organisation, Chinese headers', async () => {
    const file = await download(organisationsExport, 'admin', '/admin/organisations.xlsx')
    expect(file.title).toBe(`${shortNameOf('admin')}单位 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day()}`)
    expect(file.headers).toEqual(['单位', '类型', '行政区划', '区划代码', '工作人员账号', '务工人员账号'])
    const list = listOrganisationsWithCounts()
    expect(file.rows.map((r) => r[0])).toEqual(list.map((o) => o.name))
    expect(file.rows.map((r) => r[4])).toEqual(list.map((o) => String(o.staff)))
    await expectRefused(organisationsExport, '/admin/organisations.xlsx', ['kaizhou', 'weifang'])
  })

  test('工作人员账号：全部或一个单位的、手机号打码 / staff accounts, all or one organisation’s, contact phones masked', async () => {
    const phone = freshPhone()
    const made = await createStaffAccount(actorFor('admin'), actorFor('kaizhou').organisationId, {
      username: `exportstaff${Date.now() % 100000}`,
      displayName: '导出用账号',
      contactPhone: phone,
    })
    if (!made?.ok) throw new Error(`createStaffAccount: ${JSON.stringify(made)}`)
    const kaizhouId = actorFor('kaizhou').organisationId
    const kaizhouName = db.select().from(organisations).where(eq(organisations.id, kaizhouId)).get()!

    const all = await download(accountsExport, 'admin', '/admin/accounts.xlsx')
    expect(all.title).toBe(`${shortNameOf('admin')}工作人员账号 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day()}`)
    expect(all.headers).toEqual(['单位', '类型', '姓名', '用户名', '角色', '手机号（打码）', '状态', '最近登录'])
    const staff = db.select({ id: users.id }).from(users).where(eq(users.role, 'west')).all().length
    expect(all.rows.filter((r) => r[4] === '西部工作人员')).toHaveLength(staff)
    expect(all.rows.map((r) => r[3])).toEqual(expect.arrayContaining(['kaizhou', 'weifang', 'xiushan']))

    const one = await download(accountsExport, 'admin', `/admin/accounts.xlsx?org=${kaizhouId}`)
    expect(one.title).toBe(`${shortNameOf('admin')}工作人员账号 · 日期范围：全部日期 · 筛选条件：${kaizhouName.shortName} · 导出于 ${day()}`)
    expect(one.rows.length).toBeLessThan(all.rows.length)
    expect(new Set(one.rows.map((r) => r[0]))).toEqual(new Set([kaizhouName.name]))
    expect(one.rows.map((r) => r[3])).not.toContain('xiushan')
    const row = one.rows.find((r) => r[2] === '导出用账号')!
    expect(row[5]).toBe(maskMobile(phone))
    expect(row[6]).toBe('待本人改密码')
    expect(text(all.rows)).not.toContain(phone)
    expect(await statusOf(accountsExport, 'admin', '/admin/accounts.xlsx?org=999999')).toBe(404)
    await expectRefused(accountsExport, '/admin/accounts.xlsx', ['kaizhou', 'weifang'])
  })
})

test('推荐名单打印页：技能文本里的号码打码 / the recommend print page masks a number typed into the skills', async () => {
  const job = createTestVacancy('weifang')
  const skill = `电焊${Date.now() % 100000}`
  const phone = freshPhone()
  const id = freshIdNumber('500154')
  createLedgerWorker('kaizhou', { skills: `${skill}，师傅电话${phone}，证号${id}`, employmentStatus: 'unemployed' })
  const r = await callLoader(recommendPrint, {
    path: `/west/jobs/${job.id}/recommend/print?skill=${encodeURIComponent(skill)}&ages=all`,
    cookie: await cookieFor('kaizhou'),
    params: { jobId: String(job.id) },
  })
  if (!('value' in r)) throw new Error(`the print page answered ${r.thrown.status}`)
  expect(r.value.rows).toHaveLength(1)
  expect(r.value.rows[0].skills).toBe(`${skill}，师傅电话${maskMobile(phone)}，证号${maskIdNumber(id)}`)
  const page = JSON.stringify(r.value)
  expect(page).not.toContain(phone)
  expect(page).not.toContain(id)
})
