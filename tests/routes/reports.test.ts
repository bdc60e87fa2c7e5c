import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies, vacancyReports } from '../../db/schema'
import { action, loader } from '~/routes/east.reports'
import { db } from '~/utils/db.server'
import { createTestReport, createTestVacancy } from '../factories'
import { auditOf, bureauOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

type Reply = { reportId: number; result: { error?: Record<string, string[] | null> } }

/** A new open report on a new published post of `bureau`, by a worker of the paired county (tests/factories.ts). */
async function openReportOf(bureau: 'weifang' | 'dezhou') {
  const vacancy = createTestVacancy(bureau)
  const { report, reporter } = await createTestReport(vacancy.id, { centre: bureau === 'weifang' ? 'kaizhou' : 'xiushan', note: '面试时要求先交 300 元押金' })
  return { report, reporter, vacancy }
}

/** The ids of the reports on a bureau's posts, open (not yet resolved) or resolved, as the database holds them. */
function reportIdsOf(areaCode: string, state: 'open' | 'resolved') {
  return db
    .select({ id: vacancyReports.id })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(
      and(eq(vacancies.organisationId, bureauOf(areaCode).id), state === 'open' ? isNull(vacancyReports.resolvedAt) : isNotNull(vacancyReports.resolvedAt)),
    )
    .all()
    .map((r) => r.id)
}

async function resolve(fields: Record<string, string>, cookie: string) {
  return callAction(action, { path: '/east/reports', fields, cookie })
}

/** The reports page as `cookie`'s account sees it; fails the test when the loader refuses. */
async function pageOf(cookie: string) {
  const result = await callLoader(loader, { path: '/east/reports', cookie })
  if (!('value' in result)) throw new Error(`the reports page answered ${result.thrown.status}`)
  return result.value
}

test('举报列表：原因、岗位、日期，不显示举报人 / the bureau sees its reports with reason labels, post and date, not the reporter', async () => {
  const cookie = await cookieFor('weifang')
  const { report, reporter, vacancy } = await openReportOf('weifang')
  const dezhouReport = (await openReportOf('dezhou')).report
  const page = await pageOf(cookie)
  expect(page.open.map((r) => r.id).sort()).toEqual(reportIdsOf('370700', 'open').sort())
  expect(page.open.find((r) => r.id === report.id)).toMatchObject({
    id: report.id,
    vacancyId: vacancy.id,
    title: vacancy.title,
    reason: '收取押金或中介费',
    note: '面试时要求先交 300 元押金',
    resolvedOn: null,
  })
  for (const r of page.open) expect(r.reportedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  expect(page.resolved.map((r) => r.id)).toEqual(reportIdsOf('370700', 'resolved'))
  const body = JSON.stringify(page)
  expect(body).not.toContain(reporter.username)
  expect(body).not.toContain(reporter.displayName)
  // Only this bureau's reports: Dezhou's report is not in Weifang's list.
  expect(page.open.map((r) => r.id)).not.toContain(dezhouReport.id)
})

test('处理举报必须写处理结果，处理后进“已处理”并记审计 / resolving needs a note; the report moves to resolved and is audited', async () => {
  const cookie = await cookieFor('weifang')
  const { report, vacancy } = await openReportOf('weifang')
  for (const resolution of ['', '   ', '长'.repeat(501), 'a\u0000b']) {
    const result = await resolve({ intent: 'resolve', reportId: String(report.id), resolution }, cookie)
    const reply = unwrapData<Reply>((result as { value: unknown }).value)
    expect(reply.status).toBe(400)
    expect(reply.data.reportId).toBe(report.id)
    expect(reply.data.result.error?.resolution?.length).toBe(1)
  }
  const missing = unwrapData<Reply>(((await resolve({ intent: 'resolve', reportId: String(report.id) }, cookie)) as { value: unknown }).value)
  expect(missing.data.result.error?.resolution).toEqual(['请填写处理结果'])
  expect(db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()!.resolvedAt).toBeNull()

  const done = await resolve({ intent: 'resolve', reportId: String(report.id), resolution: '  已电话核实，单位不收费用  ' }, cookie)
  expect('thrown' in done && (await noticeOf(done.thrown))).toEqual({ location: '/east/reports', text: '已记录处理结果。' })
  const after = db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()!
  expect(after.resolution).toBe('已电话核实，单位不收费用')
  expect(after.resolvedAt).not.toBeNull()
  const audit = auditOf('vacancy.report_resolve', vacancy.id)
  expect(audit).toHaveLength(1)
  // The resolution text lives on the report; the append-only log only points at it.
  expect(audit[0].reason).toBeNull()
  expect(audit[0].detail).toEqual({ reportId: report.id })

  const page = await pageOf(cookie)
  expect(page.open.map((r) => r.id)).not.toContain(report.id)
  expect(page.open.map((r) => r.id).sort()).toEqual(reportIdsOf('370700', 'open').sort())
  expect(page.resolved.map((r) => r.id)).toEqual(reportIdsOf('370700', 'resolved'))
  expect(page.resolved.find((r) => r.id === report.id)).toMatchObject({ id: report.id, resolution: '已电话核实，单位不收费用' })

  const again = unwrapData<Reply>(
    ((await resolve({ intent: 'resolve', reportId: String(report.id), resolution: '再处理一次' }, cookie)) as { value: unknown }).value,
  )
  expect(again.status).toBe(400)
  expect(again.data.result.error?.['']).toEqual(['该举报已处理'])
  expect(db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()!.resolution).toBe('已电话核实，单位不收费用')
})

test("德州处理潍坊的举报是 404，什么都不变 / dezhou resolving weifang's report is a 404 and changes nothing", async () => {
  const dezhou = await cookieFor('dezhou')
  const { report } = await openReportOf('weifang')
  for (const reportId of [String(report.id), '999999', 'abc', '']) {
    const result = await resolve({ intent: 'resolve', reportId, resolution: '已处理' }, dezhou)
    expect('thrown' in result && result.thrown.status, reportId).toBe(404)
  }
  expect(db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()).toEqual(report)
})

test('未知操作是 400 / an unknown intent is a 400', async () => {
  const cookie = await cookieFor('dezhou')
  const { report } = await openReportOf('dezhou')
  for (const intent of ['delete', '', 'RESOLVE']) {
    const result = await resolve({ intent, reportId: String(report.id), resolution: '已处理' }, cookie)
    expect('thrown' in result && result.thrown.status).toBe(400)
  }
  expect(db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()!.resolvedAt).toBeNull()
})

test('西部、务工人员、管理员打不开举报处理 / west staff, workers and admin get 403 on the reports page', async () => {
  const { report } = await openReportOf('weifang')
  for (const username of ['kaizhou', '13996000001', 'admin']) {
    const cookie = await cookieFor(username)
    const page = await callLoader(loader, { path: '/east/reports', cookie })
    expect('thrown' in page && page.thrown.status).toBe(403)
    const write = await resolve({ intent: 'resolve', reportId: String(report.id), resolution: '已处理' }, cookie)
    expect('thrown' in write && write.thrown.status).toBe(403)
  }
  const anonymous = await callLoader(loader, { path: '/east/reports' })
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
})
