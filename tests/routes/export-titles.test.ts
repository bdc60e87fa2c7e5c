import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { applications, workers, type SelectWorker } from '../../db/schema'
import { APPLICANT_EXPORT } from '~/exports/applicants.server'
import { APPLICATIONS_EXPORT } from '~/exports/applications.server'
import { PROACTIVE_EXPORT } from '~/exports/claims-proactive.server'
import { HIRES_EXPORT } from '~/exports/hires.server'
import { MANIFEST_EXPORT } from '~/exports/manifest.server'
import { RECOMMEND_EXPORT } from '~/exports/recommend.server'
import { REGISTRY_EXPORT } from '~/exports/registry.server'
import { moveApplication } from '~/models/application.server'
import { loader as bureauApplicants } from '~/routes/east.applicants[.xlsx]'
import { loader as postApplicants } from '~/routes/east.jobs.$jobId.applicants[.xlsx]'
import { loader as applicationsExport } from '~/routes/west.applications.export[.xlsx]'
import { loader as manifestExport } from '~/routes/west.batches.$batchId.manifest[.xlsx]'
import { loader as proactiveExport } from '~/routes/west.claims.proactive[.xlsx]'
import { loader as hiresExport } from '~/routes/west.hires.export[.xlsx]'
import { loader as recommendExport } from '~/routes/west.jobs.$jobId.recommend[.xlsx]'
import { loader as workersExport } from '~/routes/west.workers.export[.xlsx]'
import { todayInShanghai } from '~/rules/dates'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker, createTestVacancy } from '../factories'
import { batchWithPeople } from '../factories-batches-h9'
import { postWithContacted } from '../factories-hire'
import { eligibleClaimant, subsidyPolicyFor, thisYear } from '../factories-subsidy'
import { auditBy, userOf } from '../lookups'
import { callLoader, cookieFor } from '../request'

// Issue 15 §3, every export a staff list has: the file opens in exceljs, its title row names organisation and
// list, date range, filters and the day it was made, its headers are the definition's Chinese ones, and a
// person on it appears with masked numbers only — the full ones only in the audited 完整信息 file.

/** A cell as text: strings and numbers as written, anything else (rich text, a date) as JSON. */
function asText(value: ExcelJS.CellValue) {
  if (value == null) return ''
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)
}

async function download(loaderFn: Parameters<typeof callLoader<Response>>[0], username: string, path: string, params: Record<string, string> = {}) {
  const r = await callLoader(loaderFn, { path, cookie: await cookieFor(username), params })
  if (!('value' in r)) throw new Error(`${path} answered ${r.thrown.status}`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await r.value.arrayBuffer())
  const rows: string[][] = []
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(asText)))
  return { rows, text: rows.map((r) => r.join('\t')).join('\n') }
}

/** The headers row as the definition gives them, every one of them Chinese. */
function expectHeaders(row: string[], columns: readonly { header: string }[]) {
  expect(row).toEqual(columns.map((c) => c.header))
  for (const header of row) expect(header).toMatch(/\p{Script=Han}/u)
}

/** The person's numbers appear masked, never whole. */
function expectMasked(text: string, person: Pick<SelectWorker, 'idNumber' | 'phone'>, { phone = true } = {}) {
  expect(text).not.toContain(person.idNumber)
  expect(text).not.toContain(person.phone!)
  if (phone) expect(text).toContain(maskMobile(person.phone!))
}

const day = todayInShanghai()
const thisMonth = day.slice(0, 7)
const monthWords = `${thisMonth.slice(0, 4)}年${Number(thisMonth.slice(5))}月`

function workerOfApplication(id: number) {
  const application = db.select().from(applications).where(eq(applications.id, id)).get()!
  return db.select().from(workers).where(eq(workers.id, application.workerId)).get()!
}

test('台账导出：标题行写明全部日期，中文表头，号码打码 / the ledger export: 全部日期 in the title, Chinese headers, masked numbers', async () => {
  const person = createLedgerWorker('kaizhou', { name: '台账标题' })
  const file = await download(workersExport, 'kaizhou', '/west/workers/export.xlsx')
  expect(file.rows[0][0]).toBe(`开州区务工人员台账 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day}`)
  expectHeaders(file.rows[1], REGISTRY_EXPORT.columns)
  expectMasked(file.text, person)
  expect(file.text).toContain(maskIdNumber(person.idNumber))
})

test('录用人员导出：月份是日期范围；完整信息版记录 / the hires export: the month is its range; the full file is audited', async () => {
  const { ids } = await postWithContacted('weifang', 1)
  expect(moveApplication(actorFor('weifang'), ids[0], 'hired', { startDate: day })).toMatchObject({ ok: true })
  const person = workerOfApplication(ids[0])
  const file = await download(hiresExport, 'kaizhou', `/west/hires/export.xlsx?month=${thisMonth}`)
  expect(file.rows[0][0]).toBe(`开州区录用人员 · 日期范围：${monthWords} · 筛选条件：无 · 导出于 ${day}`)
  expectHeaders(file.rows[1], HIRES_EXPORT.columns)
  expect(file.text).toContain(maskIdNumber(person.idNumber))
  expectMasked(file.text, person)

  const whole = await download(hiresExport, 'kaizhou', '/west/hires/export.xlsx')
  expect(whole.rows[0][0]).toBe(`开州区录用人员 · 日期范围：全部日期 · 筛选条件：无 · 导出于 ${day}`)
  const audits = auditBy(userOf('kaizhou').id, 'hire.export_full').length
  const full = await download(hiresExport, 'kaizhou', `/west/hires/export.xlsx?month=${thisMonth}&full=1`)
  expect(full.rows[0][0]).toBe(`开州区录用人员（完整信息） · 日期范围：${monthWords} · 筛选条件：无 · 导出于 ${day}`)
  expect(full.text).toContain(person.idNumber)
  expect(auditBy(userOf('kaizhou').id, 'hire.export_full')).toHaveLength(audits + 1)
})

test('报名记录导出（西部）与报名人员导出（东部）：标题行、中文表头、号码打码 / the applications export (west) and the applicants exports (east): title row, Chinese headers, masked numbers', async () => {
  const { post, ids } = await postWithContacted('weifang', 1)
  const person = workerOfApplication(ids[0])

  const west = await download(applicationsExport, 'kaizhou', `/west/applications/export.xlsx?month=${thisMonth}`)
  expect(west.rows[0][0]).toBe(`开州区报名记录 · 日期范围：${monthWords} · 筛选条件：无 · 导出于 ${day}`)
  expectHeaders(west.rows[1], APPLICATIONS_EXPORT.columns)
  expectMasked(west.text, person)

  const bureau = await download(bureauApplicants, 'weifang', '/east/applicants.xlsx?status=contacted')
  expect(bureau.rows[0][0]).toBe(`潍坊市人社局报名人员 · 日期范围：全部日期 · 筛选条件：已联系 · 导出于 ${day}`)
  expectHeaders(bureau.rows[1], APPLICANT_EXPORT.columns)
  expectMasked(bureau.text, person)

  const one = await download(postApplicants, 'weifang', `/east/jobs/${post.id}/applicants.xlsx`, { jobId: String(post.id) })
  expect(one.rows[0][0]).toBe(`潍坊市人社局报名人员 · 日期范围：全部日期 · 筛选条件：${post.title} · 导出于 ${day}`)
  expectHeaders(one.rows[1], APPLICANT_EXPORT.columns)
  expect(one.rows).toHaveLength(3)
  expectMasked(one.text, person)
})

test('乘车名单导出：出发日期是日期范围，号码打码 / the manifest export: the departure day is its range, numbers masked', async () => {
  const { batch, people } = batchWithPeople('kaizhou', { names: ['名单甲', '名单乙'] })
  const file = await download(manifestExport, 'kaizhou', `/west/batches/${batch.id}/manifest.xlsx`, { batchId: String(batch.id) })
  expect(file.rows[0][0]).toBe(`开州区乘车名单 · 日期范围：${batch.departureDate} · 筛选条件：第${batch.id}批 · 导出于 ${day}`)
  expectHeaders(file.rows[1], MANIFEST_EXPORT.columns)
  for (const person of people) expectMasked(file.text, person)
})

test('免申即享名单导出：年度是日期范围，身份证打码 / the proactive list export: the year is its range, ID numbers masked', async () => {
  subsidyPolicyFor('kaizhou')
  const { worker } = await eligibleClaimant('kaizhou')
  const year = thisYear()
  const file = await download(proactiveExport, 'kaizhou', '/west/claims/proactive.xlsx')
  expect(file.rows[0][0]).toBe(`开州区就业和人才中心${year}年免申即享名单 · 日期范围：${year}年 · 筛选条件：无 · 导出于 ${day}`)
  expectHeaders(file.rows[1], PROACTIVE_EXPORT.columns)
  expect(file.text).toContain(maskIdNumber(worker.idNumber))
  expectMasked(file.text, worker, { phone: false })
})

test('推荐名单导出：标题行写明全部日期和导出日，手机号打码 / the recommend export: 全部日期 and the day in its title row, phones masked', async () => {
  const job = createTestVacancy('weifang')
  const skill = `标题技能${Date.now() % 100_000}`
  const person = createLedgerWorker('kaizhou', { skills: skill, employmentStatus: 'unemployed' })
  const file = await download(recommendExport, 'kaizhou', `/west/jobs/${job.id}/recommend.xlsx?skill=${encodeURIComponent(skill)}&ages=all`, {
    jobId: String(job.id),
  })
  expect(file.rows[0][0]).toMatch(new RegExp(`^推荐名单：${job.title}（.+）· 开州区.* · 日期范围：全部日期 · 共 1 人 · 导出于 ${day}$`))
  expect(file.rows[1][0]).toBe(`筛选条件：技能含“${skill}”`)
  expectHeaders(file.rows[2], RECOMMEND_EXPORT.columns)
  expectMasked(file.text, person)
})
