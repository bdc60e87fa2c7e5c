import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, organisations, users, vacancies, vacancyReports } from '../../db/schema'
import { action, loader } from '~/routes/east.reports'
import { db } from '~/utils/db.server'
import { noticeOf } from '../notice'
import { context, cookieFor, get, post, settle, unwrapData } from '../request'

type Reply = { reportId: number; result: { error?: Record<string, string[] | null> } }

function bureauId(areaCode: string) {
  return db
    .select()
    .from(organisations)
    .where(and(eq(organisations.areaCode, areaCode), eq(organisations.kind, 'bureau')))
    .get()!.id
}

/** The seeded open report on a bureau's first post. */
function openReportOf(areaCode: string) {
  return db
    .select({ report: vacancyReports, vacancy: vacancies })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(and(eq(vacancies.organisationId, bureauId(areaCode))))
    .get()!
}

async function resolve(fields: Record<string, string>, cookie: string) {
  return settle(() => action({ request: post('/east/reports', fields, cookie), context: context(), params: {} }))
}

test('举报列表：原因、岗位、日期，不显示举报人 / the bureau sees its reports with reason labels, post and date, not the reporter', async () => {
  const cookie = await cookieFor('weifang')
  const { report, vacancy } = openReportOf('370700')
  const page = await loader({ request: get('/east/reports', cookie), context: context(), params: {} })
  expect(page.open).toHaveLength(1)
  expect(page.open[0]).toMatchObject({
    id: report.id,
    vacancyId: vacancy.id,
    title: vacancy.title,
    reason: '收取押金或中介费',
    note: report.note,
    resolvedOn: null,
  })
  expect(page.open[0].reportedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  expect(page.resolved).toEqual([])
  const reporter = db.select().from(users).where(eq(users.id, report.reporterUserId)).get()!
  const body = JSON.stringify(page)
  expect(body).not.toContain(reporter.username)
  expect(body).not.toContain(reporter.displayName)
  // Only this bureau's reports: Dezhou's seeded report is not in Weifang's list.
  expect(page.open.map((r) => r.id)).not.toContain(openReportOf('371400').report.id)
})

test('处理举报必须写处理结果，处理后进“已处理”并记审计 / resolving needs a note; the report moves to resolved and is audited', async () => {
  const cookie = await cookieFor('weifang')
  const { report, vacancy } = openReportOf('370700')
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
  const audit = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'vacancy.report_resolve'), eq(auditLog.entityId, String(vacancy.id))))
    .all()
  expect(audit).toHaveLength(1)
  // The resolution text lives on the report; the append-only log only points at it.
  expect(audit[0].reason).toBeNull()
  expect(audit[0].detail).toEqual({ reportId: report.id })

  const page = await loader({ request: get('/east/reports', cookie), context: context(), params: {} })
  expect(page.open).toEqual([])
  expect(page.resolved[0]).toMatchObject({ id: report.id, resolution: '已电话核实，单位不收费用' })

  const again = unwrapData<Reply>(
    ((await resolve({ intent: 'resolve', reportId: String(report.id), resolution: '再处理一次' }, cookie)) as { value: unknown }).value,
  )
  expect(again.status).toBe(400)
  expect(again.data.result.error?.['']).toEqual(['该举报已处理'])
  expect(db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()!.resolution).toBe('已电话核实，单位不收费用')
})

test("德州处理潍坊的举报是 404，什么都不变 / dezhou resolving weifang's report is a 404 and changes nothing", async () => {
  const dezhou = await cookieFor('dezhou')
  const { report } = openReportOf('370700')
  for (const reportId of [String(report.id), '999999', 'abc', '']) {
    const result = await resolve({ intent: 'resolve', reportId, resolution: '已处理' }, dezhou)
    expect('thrown' in result && result.thrown.status, reportId).toBe(404)
  }
  expect(db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()).toEqual(report)
})

test('未知操作是 400 / an unknown intent is a 400', async () => {
  const cookie = await cookieFor('dezhou')
  const { report } = openReportOf('371400')
  for (const intent of ['delete', '', 'RESOLVE']) {
    const result = await resolve({ intent, reportId: String(report.id), resolution: '已处理' }, cookie)
    expect('thrown' in result && result.thrown.status).toBe(400)
  }
  expect(db.select().from(vacancyReports).where(eq(vacancyReports.id, report.id)).get()!.resolvedAt).toBeNull()
})

test('西部、务工人员、管理员打不开举报处理 / west staff, workers and admin get 403 on the reports page', async () => {
  const { report } = openReportOf('370700')
  for (const username of ['kaizhou', '13996000001', 'admin']) {
    const cookie = await cookieFor(username)
    const page = await settle(() => loader({ request: get('/east/reports', cookie), context: context(), params: {} }))
    expect('thrown' in page && page.thrown.status).toBe(403)
    const write = await resolve({ intent: 'resolve', reportId: String(report.id), resolution: '已处理' }, cookie)
    expect('thrown' in write && write.thrown.status).toBe(403)
  }
  const anonymous = await settle(() => loader({ request: get('/east/reports'), context: context(), params: {} }))
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
})
