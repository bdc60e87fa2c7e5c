import { and, count, eq, inArray, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { applications, employers, employmentRecords, vacancies, workers } from '../../db/schema'
import { action, loader } from '~/routes/east.jobs.$jobId.applicants'
import { loader as jobExport } from '~/routes/east.jobs.$jobId.applicants[.xlsx]'
import { loader as allExport } from '~/routes/east.applicants[.xlsx]'
import { moveApplication } from '~/models/application.server'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createTestApplication, createTestVacancy } from '../factories'
import { auditOf, bureauOf, idsOwnedBy } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, context, cookieFor, get, post, settle, unwrapData } from '../request'

type Reply = { applicationId: number; result: { error?: Record<string, string[] | null> } }

const WEIFANG = '370700'
const DEZHOU = '371400'

const STAFF = { [WEIFANG]: { bureau: 'weifang', centre: 'kaizhou' }, [DEZHOU]: { bureau: 'dezhou', centre: 'xiushan' } } as const

/**
 * A new application in `status` ('submitted' or 'contacted') on a new published, still-open post of this
 * bureau with no hires, built through the models (tests/factories.ts): a worker of the paired county applies.
 */
async function applicationOf(areaCode: typeof WEIFANG | typeof DEZHOU, status: 'submitted' | 'contacted') {
  const { bureau, centre } = STAFF[areaCode]
  const created = createTestVacancy(bureau)
  const { application } = await createTestApplication(created.id, { centre })
  if (status === 'contacted') expect(moveApplication(actorFor(bureau), application.id, 'contacted')).toEqual({ ok: true, filled: false })
  return {
    application: db.select().from(applications).where(eq(applications.id, application.id)).get()!,
    vacancy: db.select().from(vacancies).where(eq(vacancies.id, created.id)).get()!,
  }
}

function pageRequest(jobId: number, fields: Record<string, string>, cookie: string) {
  return post(`/east/jobs/${jobId}/applicants`, fields, cookie)
}

async function move(jobId: number, fields: Record<string, string>, cookie: string) {
  return callAction(action, { path: `/east/jobs/${jobId}/applicants`, fields, cookie, params: { jobId: String(jobId) } })
}

async function readSheet(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(await response.arrayBuffer()).slice().buffer)
  const sheet = workbook.worksheets[0]
  // Row 1 is the title (bureau, list, filters, day); the headers are row 2.
  const headers = (sheet.getRow(2).values as string[]).slice(1)
  const rows: Record<string, unknown>[] = []
  sheet.eachRow((row, n) => {
    if (n <= 2) return
    const values = (row.values as unknown[]).slice(1)
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ''])))
  })
  return { headers, rows }
}

test('本局岗位的报名人员页：岗位概况、报名人员，号码打码 / the applicants page shows the post summary and masked applicants', async () => {
  const cookie = await cookieFor('weifang')
  const { vacancy } = await applicationOf(WEIFANG, 'submitted')
  const page = await loader({
    request: get(`/east/jobs/${vacancy.id}/applicants`, cookie),
    context: context(),
    params: { jobId: String(vacancy.id) },
  })
  const own = db.select().from(applications).where(eq(applications.vacancyId, vacancy.id)).all()
  expect(page.job).toMatchObject({ id: vacancy.id, title: vacancy.title, headcount: vacancy.headcount, hired: own.filter((a) => a.status === 'hired').length })
  expect(page.applicants.map((a) => a.id).sort()).toEqual(own.map((a) => a.id).sort())
  for (const a of page.applicants) {
    expect(a.idNumber).toMatch(/^500\*{11}[\dX]{4}$/)
    expect(a.phone === '未登记' || /^1\d\d\*{4}\d{4}$/.test(a.phone)).toBe(true)
    expect(['本人报名', '县里推荐']).toContain(a.source)
    expect(a.sexAge).toMatch(/^[男女] · \d+岁$/)
  }
  expect(page.today).toBe(todayInShanghai())
})

test("东部的页面和导出里没有任何务工人员的完整身份证号和手机号 / no east response carries any worker's full ID or phone", async () => {
  const cookie = await cookieFor('weifang')
  const everyone = db.select({ idNumber: workers.idNumber, phone: workers.phone }).from(workers).all()
  const jobIds = db
    .select({ id: applications.vacancyId })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(eq(vacancies.organisationId, bureauOf(WEIFANG).id))
    .all()
    .map((r) => r.id)
  const bodies: string[] = []
  for (const jobId of new Set(jobIds)) {
    bodies.push(JSON.stringify(await loader({ request: get(`/east/jobs/${jobId}/applicants`, cookie), context: context(), params: { jobId: String(jobId) } })))
    bodies.push(
      JSON.stringify(
        (
          await readSheet(
            await jobExport({ request: get(`/east/jobs/${jobId}/applicants.xlsx`, cookie), context: context(), params: { jobId: String(jobId) } }),
          )
        ).rows,
      ),
    )
  }
  bodies.push(JSON.stringify((await readSheet(await allExport({ request: get('/east/applicants.xlsx', cookie), context: context(), params: {} }))).rows))
  // A failed action's reply is an east response too.
  const { application, vacancy } = await applicationOf(WEIFANG, 'contacted')
  const bad = await move(vacancy.id, { intent: 'hired', applicationId: String(application.id), startDate: 'x' }, cookie)
  bodies.push(JSON.stringify((bad as { value: unknown }).value))
  const text = bodies.join('\n')
  expect(text).toContain('*')
  for (const w of everyone) {
    expect(text).not.toContain(w.idNumber)
    if (w.phone) expect(text).not.toContain(w.phone)
  }
})

test('已报名 → 已联系：重定向并提示，写审计 / submitted → contacted redirects with a notice and is audited', async () => {
  const cookie = await cookieFor('weifang')
  const { application, vacancy } = await applicationOf(WEIFANG, 'submitted')
  // Extra fields (status, vacancyId, workerId) are ignored: the server derives them.
  const result = await move(vacancy.id, { intent: 'contacted', applicationId: String(application.id), status: 'hired', vacancyId: '1', workerId: '1' }, cookie)
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: `/east/jobs/${vacancy.id}/applicants`, text: '已标记为“已联系”。' })
  const after = db.select().from(applications).where(eq(applications.id, application.id)).get()!
  expect(after.status).toBe('contacted')
  expect(after.workerId).toBe(application.workerId)
  const audit = auditOf('application.contacted', application.id)
  expect(audit).toHaveLength(1)
  expect(audit[0].detail).toEqual({ from: 'submitted', to: 'contacted', vacancyId: vacancy.id })
  expect(audit[0].organisationId).toBe(bureauOf(WEIFANG).id)
  expect(db.select({ n: count() }).from(employmentRecords).where(eq(employmentRecords.applicationId, application.id)).get()!.n).toBe(0)
})

test('录用生成一条就业记录：用人单位、城市、到岗日期 / hiring creates exactly one employment record with employer, city and start date', async () => {
  const cookie = await cookieFor('weifang')
  const { application, vacancy } = await applicationOf(WEIFANG, 'contacted')
  db.update(vacancies).set({ headcount: 50 }).where(eq(vacancies.id, vacancy.id)).run()
  const startDate = todayInShanghai()
  const result = await move(vacancy.id, { intent: 'hired', applicationId: String(application.id), startDate }, cookie)
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: `/east/jobs/${vacancy.id}/applicants`, text: '已录用，并生成了就业记录。' })
  const records = db.select().from(employmentRecords).where(eq(employmentRecords.applicationId, application.id)).all()
  expect(records).toHaveLength(1)
  expect(records[0]).toMatchObject({ workerId: application.workerId, employerId: vacancy.employerId, cityCode: WEIFANG, startDate })
  expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe('hired')
  expect(auditOf('application.hired', application.id)).toHaveLength(1)
  expect(db.select().from(vacancies).where(eq(vacancies.id, vacancy.id)).get()!.status).toBe('published')
  // Hiring the same person again is refused, and no second record appears.
  const again = await move(vacancy.id, { intent: 'hired', applicationId: String(application.id), startDate }, cookie)
  const reply = unwrapData<Reply>((again as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.result.error?.['']).toEqual(['当前状态下不能进行此操作'])
  expect(db.select({ n: count() }).from(employmentRecords).where(eq(employmentRecords.applicationId, application.id)).get()!.n).toBe(1)
})

test('招满自动关闭岗位并提示 / the hire that reaches the headcount closes the post as filled, with the notice', async () => {
  const cookie = await cookieFor('weifang')
  const { application, vacancy } = await applicationOf(WEIFANG, 'contacted')
  db.update(vacancies).set({ headcount: 1 }).where(eq(vacancies.id, vacancy.id)).run()
  const result = await move(vacancy.id, { intent: 'hired', applicationId: String(application.id), startDate: todayInShanghai() }, cookie)
  const { location, text } = 'thrown' in result ? await noticeOf(result.thrown) : { location: null, text: null }
  expect({ location, text }).toEqual({ location: `/east/jobs/${vacancy.id}/applicants`, text: '已录用，并生成了就业记录。岗位已招满，已自动关闭。' })
  const after = db.select().from(vacancies).where(eq(vacancies.id, vacancy.id)).get()!
  expect(after.status).toBe('filled')
  expect(after.closedAt).not.toBeNull()
  const fill = auditOf('vacancy.fill', vacancy.id)
  expect(fill).toHaveLength(1)
  expect(fill[0].reason).toBe('headcount_reached')
  const page = await loader({ request: get(location!, cookie), context: context(), params: { jobId: String(vacancy.id) } })
  expect(page.job).toMatchObject({ status: 'filled', statusLabel: '已招满', hired: 1, headcount: 1 })
})

test('到岗日期必须是真实日期且在一年以内 / the start date must be a real date within a year', async () => {
  const cookie = await cookieFor('weifang')
  const { application, vacancy } = await applicationOf(WEIFANG, 'contacted')
  const today = todayInShanghai()
  const year = Number(today.slice(0, 4))
  const cases: [string, string][] = [
    ['', '请填写到岗日期'],
    ['2026-02-30', '真实日期'],
    ['2026/03/01', '真实日期'],
    ['tomorrow', '真实日期'],
    [`${year + 2}${today.slice(4)}`, '一年以内'],
    [`${year - 2}${today.slice(4)}`, '一年以内'],
  ]
  for (const [startDate, fragment] of cases) {
    const result = await move(vacancy.id, { intent: 'hired', applicationId: String(application.id), startDate }, cookie)
    const reply = unwrapData<Reply>((result as { value: unknown }).value)
    expect(reply.status, startDate).toBe(400)
    expect(reply.data.applicationId).toBe(application.id)
    expect(reply.data.result.error?.startDate?.join(''), startDate).toContain(fragment)
  }
  const missing = await move(vacancy.id, { intent: 'hired', applicationId: String(application.id) }, cookie)
  expect(unwrapData<Reply>((missing as { value: unknown }).value).data.result.error?.startDate).toEqual(['请填写到岗日期'])
  expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe('contacted')
  expect(db.select({ n: count() }).from(employmentRecords).where(eq(employmentRecords.applicationId, application.id)).get()!.n).toBe(0)
  expect(auditOf('application.hired', application.id)).toHaveLength(0)
})

test('不能跳过“已联系”直接录用；已办结的不能再改 / invalid transitions are 400 with a Chinese message', async () => {
  const cookie = await cookieFor('weifang')
  const submitted = await applicationOf(WEIFANG, 'submitted')
  const skip = await move(submitted.vacancy.id, { intent: 'hired', applicationId: String(submitted.application.id), startDate: todayInShanghai() }, cookie)
  const reply = unwrapData<Reply>((skip as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.result.error?.['']).toEqual(['当前状态下不能进行此操作'])
  expect(db.select().from(applications).where(eq(applications.id, submitted.application.id)).get()!.status).toBe('submitted')

  const declined = db
    .select({ application: applications })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(and(eq(vacancies.organisationId, bureauOf(WEIFANG).id), eq(applications.status, 'declined')))
    .get()!
  const back = await move(declined.application.vacancyId, { intent: 'contacted', applicationId: String(declined.application.id) }, cookie)
  expect(unwrapData<Reply>((back as { value: unknown }).value).status).toBe(400)
  expect(db.select().from(applications).where(eq(applications.id, declined.application.id)).get()!.status).toBe('declined')
})

test('不录用可写原因，原因存在报名记录上，审计只记有无原因 / declining takes an optional reason, kept on the application; the audit row only notes that there was one', async () => {
  const cookie = await cookieFor('weifang')
  const { application, vacancy } = await applicationOf(WEIFANG, 'submitted')
  const result = await move(vacancy.id, { intent: 'declined', applicationId: String(application.id), reason: '本人放弃' }, cookie)
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: `/east/jobs/${vacancy.id}/applicants`, text: '已标记为“未录用”。' })
  const declined = db.select().from(applications).where(eq(applications.id, application.id)).get()!
  expect(declined.status).toBe('declined')
  expect(declined.decisionNote).toBe('本人放弃')
  const audit = auditOf('application.declined', application.id)
  expect(audit).toHaveLength(1)
  // Free text may name people; the append-only log never holds it.
  expect(audit[0].reason).toBeNull()
  expect(audit[0].detail).toMatchObject({ from: 'submitted', to: 'declined', withNote: true })
  expect(JSON.stringify(audit[0])).not.toContain('本人放弃')
  const long = await applicationOf(WEIFANG, 'contacted')
  const tooLong = await move(long.vacancy.id, { intent: 'declined', applicationId: String(long.application.id), reason: '长'.repeat(201) }, cookie)
  expect(unwrapData<Reply>((tooLong as { value: unknown }).value).data.result.error?.reason?.[0]).toContain('200')
})

test('未知操作是 400 / an unknown or missing intent is a 400', async () => {
  const cookie = await cookieFor('weifang')
  const { application, vacancy } = await applicationOf(WEIFANG, 'submitted')
  for (const intent of ['delete', 'submitted', '__proto__', '']) {
    const result = await move(vacancy.id, { intent, applicationId: String(application.id) }, cookie)
    expect('thrown' in result && result.thrown.status, intent).toBe(400)
  }
  const none = await move(vacancy.id, { applicationId: String(application.id) }, cookie)
  expect('thrown' in none && none.thrown.status).toBe(400)
  expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe('submitted')
})

test("德州看潍坊的报名人员、导出、操作都是 404 / dezhou on weifang's applicants, export and actions is a 404", async () => {
  const dezhou = await cookieFor('dezhou')
  const { application, vacancy } = await applicationOf(WEIFANG, 'submitted')
  const params = { jobId: String(vacancy.id) }
  const attempts: (() => Promise<unknown>)[] = [
    () => loader({ request: get(`/east/jobs/${vacancy.id}/applicants`, dezhou), context: context(), params }),
    () => jobExport({ request: get(`/east/jobs/${vacancy.id}/applicants.xlsx`, dezhou), context: context(), params }),
    () => action({ request: pageRequest(vacancy.id, { intent: 'contacted', applicationId: String(application.id) }, dezhou), context: context(), params }),
    () => action({ request: pageRequest(vacancy.id, { intent: 'nonsense' }, dezhou), context: context(), params }),
    () => loader({ request: get('/east/jobs/999999/applicants', dezhou), context: context(), params: { jobId: '999999' } }),
    () => loader({ request: get('/east/jobs/abc/applicants', dezhou), context: context(), params: { jobId: 'abc' } }),
  ]
  for (const run of attempts) {
    const result = await settle(run)
    expect('thrown' in result && result.thrown.status).toBe(404)
  }
  // Dezhou's own post URL with Weifang's application id in the form: still 404, nothing moves.
  const own = await applicationOf(DEZHOU, 'submitted')
  const crossed = await settle(() =>
    action({
      request: pageRequest(own.vacancy.id, { intent: 'contacted', applicationId: String(application.id) }, dezhou),
      context: context(),
      params: { jobId: String(own.vacancy.id) },
    }),
  )
  expect('thrown' in crossed && crossed.thrown.status).toBe(404)
  // And Weifang cannot move an application of one post through another post's page.
  const weifang = await cookieFor('weifang')
  const other = db
    .select()
    .from(vacancies)
    .where(and(eq(vacancies.organisationId, bureauOf(WEIFANG).id), sql`${vacancies.id} <> ${vacancy.id}`))
    .get()!
  const sideways = await move(other.id, { intent: 'contacted', applicationId: String(application.id) }, weifang)
  expect('thrown' in sideways && sideways.thrown.status).toBe(404)
  expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe('submitted')
  expect(auditOf('application.contacted', application.id)).toHaveLength(0)
})

test('西部和务工人员打不开东部页面；未登录去登录 / west staff and workers get 403 on east pages; anonymous goes to login', async () => {
  const { application, vacancy } = await applicationOf(WEIFANG, 'submitted')
  const params = { jobId: String(vacancy.id) }
  for (const username of ['kaizhou', '13996000001', 'admin']) {
    const cookie = await cookieFor(username)
    const runs: (() => Promise<unknown>)[] = [
      () => loader({ request: get(`/east/jobs/${vacancy.id}/applicants`, cookie), context: context(), params }),
      () => action({ request: pageRequest(vacancy.id, { intent: 'contacted', applicationId: String(application.id) }, cookie), context: context(), params }),
      () => jobExport({ request: get(`/east/jobs/${vacancy.id}/applicants.xlsx`, cookie), context: context(), params }),
      () => allExport({ request: get('/east/applicants.xlsx', cookie), context: context(), params: {} }),
    ]
    for (const run of runs) {
      const result = await settle(run)
      expect('thrown' in result && result.thrown.status, username).toBe(403)
    }
  }
  const anonymous = await settle(() => loader({ request: get(`/east/jobs/${vacancy.id}/applicants`), context: context(), params }))
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
  expect('thrown' in anonymous && anonymous.thrown.headers.get('Location')).toBe(
    `/login?redirectTo=${encodeURIComponent(`/east/jobs/${vacancy.id}/applicants`)}`,
  )
  expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe('submitted')
})

const EXPORT_HEADERS = ['岗位', '用人单位', '姓名', '性别', '年龄', '乡镇', '技能', '手机号(打码)', '身份证号(打码)', '来源', '状态', '报名日期', '到岗日期']

test("导出一个岗位的报名人员：中文文件名、打码 / one post's applicants export as xlsx with a Chinese file name, masked", async () => {
  const cookie = await cookieFor('weifang')
  const { vacancy } = await applicationOf(WEIFANG, 'submitted')
  const response = await jobExport({
    request: get(`/east/jobs/${vacancy.id}/applicants.xlsx`, cookie),
    context: context(),
    params: { jobId: String(vacancy.id) },
  })
  expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="applicants-\d+-filtered-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/)
  expect(decodeURIComponent(response.headers.get('Content-Disposition')!.split("UTF-8''")[1])).toBe(
    `潍坊市人社局-报名人员-${vacancy.title.slice(0, 20)}-${todayInShanghai()}.xlsx`,
  )
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  const { headers, rows } = await readSheet(response)
  expect(headers).toEqual(EXPORT_HEADERS)
  const own = db.select().from(applications).where(eq(applications.vacancyId, vacancy.id)).all()
  expect(rows).toHaveLength(own.length)
  for (const row of rows) {
    expect(row['岗位']).toBe(vacancy.title)
    expect(row['身份证号(打码)']).toMatch(/^500\*{11}[\dX]{4}$/)
    expect(row['手机号(打码)'] === '' || /^1\d\d\*{4}\d{4}$/.test(String(row['手机号(打码)']))).toBe(true)
    expect(['本人报名', '县里推荐']).toContain(row['来源'])
    expect(['已报名', '已联系', '已录用', '未录用']).toContain(row['状态'])
  }
})

test("导出本局全部报名人员，可按状态筛选，只有本局的 / the bureau-wide export filters by status and holds only this bureau's posts", async () => {
  const cookie = await cookieFor('weifang')
  const ownPosts = idsOwnedBy(vacancies, bureauOf(WEIFANG).id)
  const all = await readSheet(await allExport({ request: get('/east/applicants.xlsx', cookie), context: context(), params: {} }))
  const total = db.select({ n: count() }).from(applications).where(inArray(applications.vacancyId, ownPosts)).get()!.n
  expect(all.rows).toHaveLength(total)
  const hiredResponse = await allExport({ request: get('/east/applicants.xlsx?status=hired', cookie), context: context(), params: {} })
  expect(decodeURIComponent(hiredResponse.headers.get('Content-Disposition')!.split("UTF-8''")[1])).toContain('-报名人员-已录用-')
  const hired = await readSheet(hiredResponse)
  const hiredCount = db
    .select({ n: count() })
    .from(applications)
    .where(and(inArray(applications.vacancyId, ownPosts), eq(applications.status, 'hired')))
    .get()!.n
  expect(hiredCount).toBeGreaterThan(0)
  expect(hired.rows).toHaveLength(hiredCount)
  for (const row of hired.rows) {
    expect(row['状态']).toBe('已录用')
    expect(row['到岗日期']).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  }
  // An unknown status is ignored rather than leaking an error.
  const odd = await readSheet(await allExport({ request: get('/east/applicants.xlsx?status=__proto__', cookie), context: context(), params: {} }))
  expect(odd.rows).toHaveLength(total)
  const ownEmployers = new Set(
    db
      .select({ name: employers.name })
      .from(employers)
      .where(eq(employers.organisationId, bureauOf(WEIFANG).id))
      .all()
      .map((e) => e.name),
  )
  for (const row of all.rows) expect(ownEmployers.has(String(row['用人单位']))).toBe(true)
})
