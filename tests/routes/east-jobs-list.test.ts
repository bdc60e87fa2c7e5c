import ExcelJS from 'exceljs'
import { and, count, eq, gte, ne, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications, employers, vacancies, vacancyReports } from '../../db/schema'
import { loader as viewLoader } from '~/routes/east.jobs.$jobId._index'
import { action as editAction, loader as editLoader } from '~/routes/east.jobs.$jobId.edit'
import { loader as listLoader } from '~/routes/east.jobs._index'
import { loader as exportLoader } from '~/routes/east.jobs.export[.xlsx]'
import { addDays, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { createTestReport, createTestVacancy } from '../factories'
import { auditOf, bureauOf } from '../lookups'
import { noticeOf } from '../notice'
import { context, cookieFor, get, post, settle } from '../request'

// The bureau's list of posts (/east/jobs): state tabs, expiry, report flags and the xlsx export. Creating,
// editing and moving a single post are in east-jobs.test.ts.

const WEIFANG = '370700'
const DEZHOU = '371400'
const today = todayInShanghai()

test('过了有效期显示已过期，编辑延期后恢复招聘 / a published post past its date shows as expired; extending the date in the edit form reopens it', async () => {
  const cookie = await cookieFor('weifang')
  const expired = createTestVacancy('weifang', { status: 'expired' })
  const page = await viewLoader({ request: get(`/east/jobs/${expired.id}`, cookie), context: context(), params: { jobId: String(expired.id) } })
  expect(page.status).toBe('expired')
  const list = await listLoader({ request: get('/east/jobs?status=expired', cookie), context: context(), params: {} })
  expect(list.rows.map((r) => r.id)).toContain(expired.id)
  expect(new Set(list.rows.map((r) => r.status))).toEqual(new Set(['expired']))
  const openList = await listLoader({ request: get('/east/jobs?status=published', cookie), context: context(), params: {} })
  expect(openList.rows.map((r) => r.id)).not.toContain(expired.id)

  const edit = await editLoader({ request: get(`/east/jobs/${expired.id}/edit`, cookie), context: context(), params: { jobId: String(expired.id) } })
  const form = { ...edit.defaultValue }
  const fields: Record<string, string> = {}
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string' && v !== '') fields[k] = v
  fields.targets = form.targets[0]
  fields.validUntil = addDays(today, 10)
  const saved = await settle(() =>
    editAction({ request: post(`/east/jobs/${expired.id}/edit`, fields, cookie), context: context(), params: { jobId: String(expired.id) } }),
  )
  expect('thrown' in saved && (await noticeOf(saved.thrown))).toEqual({ location: `/east/jobs/${expired.id}`, text: '修改已保存。' })
  const after = db.select().from(vacancies).where(eq(vacancies.id, expired.id)).get()!
  expect(after).toMatchObject({ status: 'published', validUntil: addDays(today, 10), salaryMinFen: expired.salaryMinFen, contactPhone: expired.contactPhone })
  // The stored point comes back through the form unchanged (to the 6 places the form keeps).
  expect(after.lat).toBeCloseTo(expired.lat, 6)
  expect(after.lng).toBeCloseTo(expired.lng, 6)
  expect(auditOf('vacancy.update', expired.id).at(-1)).toBeTruthy()
})

test("列表：按状态分页，只有本局，举报标记 / the list filters by state, paginates, shows only the bureau's posts and flags reported ones", async () => {
  const cookie = await cookieFor('dezhou')
  const org = bureauOf(DEZHOU).id
  const all = await listLoader({ request: get('/east/jobs', cookie), context: context(), params: {} })
  const own = db.select({ n: count() }).from(vacancies).where(eq(vacancies.organisationId, org)).get()!.n
  expect(all.total).toBe(own)
  expect(all.rows).toHaveLength(20)
  expect(all.tabs.map((t) => t.label)).toEqual(['全部', '草稿', '招聘中', '已过期', '已关闭', '已招满'])
  expect(all.tabs.slice(1).reduce((sum, t) => sum + t.count, 0)).toBe(own)
  expect(all.pageCount).toBe(Math.ceil(own / 20))
  const page2 = await listLoader({ request: get('/east/jobs?page=2', cookie), context: context(), params: {} })
  expect(page2.page).toBe(2)
  const ids = [...all.rows, ...page2.rows].map((r) => r.id)
  expect(new Set(ids).size).toBe(own)
  const foreign = db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(ne(vacancies.organisationId, org))
    .all()
    .map((r) => r.id)
  for (const id of ids) expect(foreign).not.toContain(id)

  for (const status of ['draft', 'published', 'closed', 'filled'] as const) {
    const tab = await listLoader({ request: get(`/east/jobs?status=${status}`, cookie), context: context(), params: {} })
    const dateCondition = status === 'published' ? gte(vacancies.validUntil, today) : undefined
    expect(tab.total, status).toBe(
      db
        .select({ n: count() })
        .from(vacancies)
        .where(and(eq(vacancies.organisationId, org), eq(vacancies.status, status), dateCondition))
        .get()!.n,
    )
    expect(tab.rows.every((r) => r.status === status)).toBe(true)
    expect(tab.exportTo).toBe(`/east/jobs/export.xlsx?status=${status}`)
  }
  const junk = await listLoader({ request: get('/east/jobs?status=nonsense&page=-4', cookie), context: context(), params: {} })
  expect(junk).toMatchObject({ status: null, page: 1, total: own })

  // A worker's report marks the post until it is resolved.
  const reported = createTestVacancy('dezhou')
  await createTestReport(reported.id, { centre: 'xiushan', note: '要求先交押金' })
  let listed: Awaited<ReturnType<typeof listLoader>>['rows'][number] | undefined
  for (let next: string | null = '/east/jobs?status=published'; next && !listed;) {
    const tab = await listLoader({ request: get(next, cookie), context: context(), params: {} })
    listed = tab.rows.find((r) => r.id === reported.id)
    next = tab.page < tab.pageCount ? `/east/jobs?status=published&page=${tab.page + 1}` : null
  }
  expect(listed?.openReports).toBeGreaterThan(0)
  const page = await viewLoader({ request: get(`/east/jobs/${reported.id}`, cookie), context: context(), params: { jobId: String(reported.id) } })
  const openReports = db
    .select({ n: count() })
    .from(vacancyReports)
    .where(and(eq(vacancyReports.vacancyId, reported.id), sql`${vacancyReports.resolvedAt} is null`))
    .get()!.n
  expect(page.openReports).toBe(openReports)
  expect(page.openReports).toBeGreaterThan(0)
  expect(page.applications).toBe(db.select({ n: count() }).from(applications).where(eq(applications.vacancyId, reported.id)).get()!.n)
  const unreported = all.rows.find((r) => db.select({ n: count() }).from(vacancyReports).where(eq(vacancyReports.vacancyId, r.id)).get()!.n === 0)!
  expect(unreported.openReports).toBe(0)
})

async function readWorkbook(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]
  const rows: string[][] = []
  // Row 1 is the title (list, filter, day); the headers are row 2. Every row as wide as the header: an empty
  // cell at the end of a row is not written (streamed workbook).
  const width = sheet.getRow(2).cellCount
  sheet.eachRow((row, n) =>
    n === 1
      ? undefined
      : rows.push(
          Array.from({ length: width }, (_, i) => row.getCell(i + 1).value).map((v) =>
            v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
          ),
        ),
  )
  return rows
}

test("导出 Excel：按状态筛选，只有本局岗位，报名人数准确 / the xlsx export honours the status filter, holds only the bureau's posts and counts applications", async () => {
  const cookie = await cookieFor('weifang')
  const org = bureauOf(WEIFANG).id
  const response = await exportLoader({ request: get('/east/jobs/export.xlsx?status=published', cookie), context: context(), params: {} })
  expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="jobs-filtered-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/)
  expect(decodeURIComponent(response.headers.get('Content-Disposition')!.split("''")[1])).toBe(`潍坊市-岗位-招聘中-${today}.xlsx`)
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  const rows = await readWorkbook(response)
  expect(rows[0]).toEqual(['岗位名称', '用人单位', '行业', '人数', '月薪', '包吃', '包住', '工作地点', '有效期', '状态', '报名人数', '发布日期'])
  const expected = db
    .select({ id: vacancies.id, title: vacancies.title })
    .from(vacancies)
    .where(and(eq(vacancies.organisationId, org), eq(vacancies.status, 'published'), gte(vacancies.validUntil, today)))
    .all()
  expect(rows.length - 1).toBe(expected.length)
  const ownEmployers = new Set(
    db
      .select({ name: employers.name })
      .from(employers)
      .where(eq(employers.organisationId, org))
      .all()
      .map((e) => e.name),
  )
  for (const row of rows.slice(1)) {
    expect(ownEmployers.has(row[1]), row[1]).toBe(true)
    expect(row[9]).toBe('招聘中')
    expect(row[5]).toMatch(/^[是否]$/)
    expect(row[8] >= today).toBe(true)
  }
  const totalApplications = db
    .select({ n: count() })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(and(eq(vacancies.organisationId, org), eq(vacancies.status, 'published'), gte(vacancies.validUntil, today)))
    .get()!.n
  expect(rows.slice(1).reduce((sum, r) => sum + Number(r[10]), 0)).toBe(totalApplications)

  const everything = await readWorkbook(await exportLoader({ request: get('/east/jobs/export.xlsx', cookie), context: context(), params: {} }))
  expect(everything.length - 1).toBe(db.select({ n: count() }).from(vacancies).where(eq(vacancies.organisationId, org)).get()!.n)
  expect(new Set(everything.slice(1).map((r) => r[9]))).toEqual(new Set(['草稿', '招聘中', '已过期', '已关闭', '已招满']))
  const drafts = await readWorkbook(await exportLoader({ request: get('/east/jobs/export.xlsx?status=draft', cookie), context: context(), params: {} }))
  expect(drafts.slice(1).every((r) => r[9] === '草稿' && r[11] === '')).toBe(true)
})
