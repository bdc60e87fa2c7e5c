import { and, count, eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications, vacancies, vacancyTargets, workers } from '../../db/schema'
import { loader as jobsLoader } from '~/routes/west.jobs._index'
import { action, loader } from '~/routes/west.jobs.$jobId.recommend'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestVacancy } from '../factories'
import { auditOf, centreOf, idsOwnedBy, userOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, callLoader, context, cookieFor, get, settle, unwrapData } from '../request'

type Reply = { result: { error?: Record<string, string[] | null> } }

const KAIZHOU = '500154'

async function recommend(jobId: number, fields: Record<string, string>, username = 'kaizhou') {
  return actionAs(username, action, { path: `/west/jobs/${jobId}/recommend`, fields, params: { jobId: String(jobId) } })
}

function rowsFor(vacancyId: number, workerId: number) {
  return db
    .select()
    .from(applications)
    .where(and(eq(applications.vacancyId, vacancyId), eq(applications.workerId, workerId)))
    .all()
}

test('对口岗位只列面向本县、在招的岗位 / /west/jobs lists only open posts targeted at this county', async () => {
  const cookie = await cookieFor('kaizhou')
  const page = await jobsLoader({ request: get('/west/jobs', cookie), context: context(), params: {} })
  const today = todayInShanghai()
  const expected = db
    .select({ id: vacancies.id })
    .from(vacancies)
    .innerJoin(vacancyTargets, eq(vacancyTargets.vacancyId, vacancies.id))
    .where(and(eq(vacancyTargets.countyCode, KAIZHOU), eq(vacancies.status, 'published'), sql`${vacancies.validUntil} >= ${today}`))
    .all()
    .map((v) => v.id)
  expect(expected.length).toBeGreaterThan(0)
  expect(page.total).toBe(expected.length)
  for (const r of page.rows) expect(expected).toContain(r.id)
  expect(page.rows.map((r) => r.id)).not.toContain(createTestVacancy('dezhou').id)
  expect(page.rows.map((r) => r.id)).not.toContain(createTestVacancy('weifang', { status: 'expired' }).id)
  // Filters narrow the list; unknown values are dropped rather than failing.
  const meals = await jobsLoader({ request: get('/west/jobs?meals=1&industry=nope&minSalary=-5&page=x', cookie), context: context(), params: {} })
  expect(meals.filters).toMatchObject({ meals: true, industry: null, minSalary: null })
  expect(meals.total).toBeLessThanOrEqual(page.total)
  for (const r of meals.rows) expect(r.meals).toBe(true)
})

test('县里推荐一名台账人员：来源为县里推荐，记审计；再推荐一次不新增 / recommending creates one recommended application, audited; again returns the existing one', async () => {
  const job = createTestVacancy('weifang')
  const person = createLedgerWorker('kaizhou')
  const staff = userOf('kaizhou')
  const first = await recommend(job.id, { intent: 'recommend', workerId: String(person.id), note: ' 有电焊证 ', source: 'self', status: 'hired' })
  expect('thrown' in first && (await noticeOf(first.thrown))).toEqual({
    location: `/west/jobs/${job.id}/recommend`,
    text: `已推荐 1 人（${person.name}），用人单位所在的人社局会在报名人员中看到。`,
  })
  const rows = rowsFor(job.id, person.id)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ source: 'recommended', status: 'submitted', recommendedByUserId: staff.id, note: '有电焊证' })
  const audit = auditOf('application.recommend', rows[0].id)
  expect(audit).toHaveLength(1)
  expect(audit[0].organisationId).toBe(centreOf(KAIZHOU).id)

  const second = await recommend(job.id, { intent: 'recommend', workerId: String(person.id), note: '再推荐一次' })
  expect('thrown' in second && (await noticeOf(second.thrown))).toEqual({
    location: `/west/jobs/${job.id}/recommend`,
    text: `没有推荐新的人员。${person.name}已报名此岗位，未推荐。`,
  })
  expect(rowsFor(job.id, person.id)).toEqual(rows)

  // The page now shows the person among this county's applicants, masked.
  const cookie = await cookieFor('kaizhou')
  const page = await loader({ request: get(`/west/jobs/${job.id}/recommend`, cookie), context: context(), params: { jobId: String(job.id) } })
  const shown = page.applied.find((a) => a.id === rows[0].id)!
  expect(shown).toMatchObject({ name: person.name, source: '县里推荐', status: '已报名' })
  if (person.phone) expect(shown.phone).toMatch(/^1\d\d\*{4}\d{4}$/)
  expect(JSON.stringify(page.applied)).not.toContain(person.idNumber)
  if (person.phone) expect(JSON.stringify(page)).not.toContain(person.phone)
})

test("别的县的人是 404，不写入 / recommending another county's worker is a 404 and writes nothing", async () => {
  const job = createTestVacancy('weifang')
  const stranger = createLedgerWorker('xiushan')
  const before = db.select({ n: count() }).from(applications).get()!.n
  for (const workerId of [String(stranger.id), '999999']) {
    const result = await recommend(job.id, { intent: 'recommend', workerId })
    expect('thrown' in result && result.thrown.status).toBe(404)
  }
  const none = unwrapData<Reply>(((await recommend(job.id, { intent: 'recommend', workerId: 'abc' })) as { value: unknown }).value)
  expect(none.status).toBe(400)
  expect(none.data.result.error?.['']).toEqual(['请先在列表中勾选要推荐的人员'])
  expect(db.select({ n: count() }).from(applications).get()!.n).toBe(before)
})

test('过期或关闭的岗位不能推荐：400 和中文提示 / an expired or closed post refuses with a 400 message', async () => {
  for (const state of ['expired', 'closed', 'filled'] as const) {
    const job = createTestVacancy('weifang', { status: state })
    const person = createLedgerWorker('kaizhou')
    const result = await recommend(job.id, { intent: 'recommend', workerId: String(person.id) })
    const reply = unwrapData<Reply>((result as { value: unknown }).value)
    expect(reply.status, state).toBe(400)
    expect(reply.data.result.error?.['']).toEqual(['该岗位已停止报名'])
    expect(rowsFor(job.id, person.id)).toEqual([])
    const cookie = await cookieFor('kaizhou')
    const page = await loader({ request: get(`/west/jobs/${job.id}/recommend`, cookie), context: context(), params: { jobId: String(job.id) } })
    expect(page.post.open).toBe(false)
  }
})

test('不面向本县的岗位、草稿、乱写的编号都是 404 / posts not open to this county, drafts and bad ids are 404', async () => {
  const cookie = await cookieFor('kaizhou')
  const person = createLedgerWorker('kaizhou')
  for (const job of [createTestVacancy('dezhou'), createTestVacancy('weifang', { status: 'draft' })]) {
    const page = await settle(() => loader({ request: get(`/west/jobs/${job.id}/recommend`, cookie), context: context(), params: { jobId: String(job.id) } }))
    expect('thrown' in page && page.thrown.status).toBe(404)
    const write = await recommend(job.id, { intent: 'recommend', workerId: String(person.id) })
    expect('thrown' in write && write.thrown.status).toBe(404)
    expect(rowsFor(job.id, person.id)).toEqual([])
  }
  for (const jobId of ['abc', '0', '999999']) {
    const page = await settle(() => loader({ request: get(`/west/jobs/${jobId}/recommend`, cookie), context: context(), params: { jobId } }))
    expect('thrown' in page && page.thrown.status).toBe(404)
  }
})

test('按手机号查找台账：网址里没有号码 / searching the ledger by phone keeps the number out of the URL', async () => {
  const job = createTestVacancy('weifang')
  const target = createLedgerWorker('kaizhou')
  const result = await recommend(job.id, { intent: 'search', q: target.phone!, township: 'x', employmentNeed: 'nope' })
  const location = 'thrown' in result ? result.thrown.headers.get('Location')! : ''
  expect(location).toMatch(new RegExp(`^/west/jobs/${job.id}/recommend\\?s=[\\w-]+$`))
  expect(location).not.toContain(target.phone!.slice(-4))
  const cookie = await cookieFor('kaizhou')
  const page = await loader({ request: get(location, cookie), context: context(), params: { jobId: String(job.id) } })
  expect(page.candidates.map((c) => c.id)).toContain(target.id)
  expect(page.filters.q).toBe(target.phone)
  for (const c of page.candidates) expect(c.phone === '未登记' || /^1\d\d\*{4}\d{4}$/.test(c.phone)).toBe(true)
  // Only this county's ledger is offered.
  const ownIds = new Set(idsOwnedBy(workers, centreOf(KAIZHOU).id))
  const all = await loader({ request: get(`/west/jobs/${job.id}/recommend`, cookie), context: context(), params: { jobId: String(job.id) } })
  expect(all.candidates.length).toBeGreaterThan(0)
  for (const c of all.candidates) expect(ownIds.has(c.id)).toBe(true)
})

test('未知操作是 400 / an unknown intent is a 400', async () => {
  const job = createTestVacancy('weifang')
  for (const intent of ['delete', '']) {
    const result = await recommend(job.id, { intent, workerId: '1' })
    expect('thrown' in result && result.thrown.status).toBe(400)
  }
})

test('东部、务工人员打不开西部页面 / east staff and workers get 403 on the west pages', async () => {
  const job = createTestVacancy('weifang')
  const person = createLedgerWorker('kaizhou')
  for (const username of ['weifang', '13996000001', 'admin']) {
    const cookie = await cookieFor(username)
    const runs: (() => Promise<{ thrown: Response } | { value: unknown }>)[] = [
      () => callLoader(jobsLoader, { path: '/west/jobs', cookie }),
      () => callLoader(loader, { path: `/west/jobs/${job.id}/recommend`, cookie, params: { jobId: String(job.id) } }),
      () => recommend(job.id, { intent: 'recommend', workerId: String(person.id) }, username),
    ]
    for (const run of runs) {
      const result = await run()
      expect('thrown' in result && result.thrown.status, username).toBe(403)
    }
  }
  expect(rowsFor(job.id, person.id)).toEqual([])
  const anonymous = await settle(() => jobsLoader({ request: get('/west/jobs'), context: context(), params: {} }))
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
})

test('对口岗位的旧链接页码超出：显示最后一页而不是空页 / an old /west/jobs link past the last page shows the last page, not an empty one', async () => {
  const cookie = await cookieFor('kaizhou')
  const first = await jobsLoader({ request: get('/west/jobs', cookie), context: context(), params: {} })
  expect(first.total).toBeGreaterThan(0)
  const beyond = await jobsLoader({ request: get('/west/jobs?page=999', cookie), context: context(), params: {} })
  expect(beyond.page).toBe(first.pageCount)
  expect(beyond.rows.length).toBe(first.total - (first.pageCount - 1) * 20)
  expect(beyond.rows.length).toBeGreaterThan(0)
})

test("推荐页的台账列表分页：超出的页码显示最后一页 / the recommend page's ledger pages; a page past the end shows the last", async () => {
  const job = createTestVacancy('weifang')
  const cookie = await cookieFor('kaizhou')
  const params = { jobId: String(job.id) }
  const first = await loader({ request: get(`/west/jobs/${job.id}/recommend`, cookie), context: context(), params })
  expect(first.candidates).toHaveLength(20)
  expect(first.pageCount).toBe(Math.ceil(first.total / 20))
  const second = await loader({ request: get(`/west/jobs/${job.id}/recommend?page=2`, cookie), context: context(), params })
  expect(second.page).toBe(2)
  expect(second.candidates.map((c) => c.id).some((id) => first.candidates.some((c) => c.id === id))).toBe(false)
  const beyond = await loader({ request: get(`/west/jobs/${job.id}/recommend?page=999`, cookie), context: context(), params })
  expect(beyond.page).toBe(first.pageCount)
  expect(beyond.candidates.length).toBeGreaterThan(0)
})
