import { and, count, eq, gte, inArray, sql, type SQL } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { applications, employers, vacancies, vacancyReports } from '../../db/schema'
import { loader as boardLoader } from '~/routes/jobs._index'
import { action as jobAction, loader as jobLoader } from '~/routes/jobs.$jobId'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { searchWithPage } from '~/utils/list'
import { createLedgerWorker, createPendingAccount, createTestVacancy, createWorkerAccount, type VacancyOptions } from '../factories'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, context, cookieFor, get, settle, unwrapData } from '../request'

type BoardData = { total: number; page: number; pageCount: number; jobs: { id: number; title: string; notForYourCounty: boolean }[] }

const today = todayInShanghai()

/**
 * A post of Weifang's bureau open to Kaizhou (500154), made through the factories (tests/factories.ts): a
 * welder's job at 6,500–8,500 yuan a month unless `options` say otherwise. Returns its id.
 */
function weifangPost(options: VacancyOptions = {}) {
  return createTestVacancy('weifang', { title: '电焊工', salaryMin: 6500, salaryMax: 8500, contactPhone: '0536-8123456', ...options }).id
}

async function board(search = '', cookie?: string) {
  const result = await boardLoader({ request: get(`/jobs${search}`, cookie), context: context(), params: {} })
  return { ...unwrapData<BoardData>(result), init: (result as unknown as { init: { headers: Record<string, string> } }).init }
}

function openCount(...extra: SQL[]) {
  return db
    .select({ n: count() })
    .from(vacancies)
    .where(and(eq(vacancies.status, 'published'), gte(vacancies.validUntil, today), ...extra))
    .get()!.n
}

/** A new worker account of Kaizhou made through the factories — verified unless `pending` — and its sign-in cookie. */
async function kaizhouWorker({ pending = false } = {}) {
  const { user } = pending ? await createPendingAccount('kaizhou') : await createWorkerAccount('kaizhou')
  return { user, cookie: await cookieFor(user.username) }
}

async function apply(id: number, fields: Record<string, string>, cookie?: string) {
  return callAction(jobAction, { path: `/jobs/${id}`, fields, cookie, params: { jobId: String(id) } })
}

test('搜“焊工”能找到“电焊工” / searching 焊工 finds a post titled 电焊工', async () => {
  const id = weifangPost({ title: '电焊工', requirements: '持证上岗' })
  const other = weifangPost({ title: '叉车司机', industry: 'logistics', requirements: '有叉车证' })
  const { data } = await board('?q=焊工')
  const ids = data.jobs.map((j) => j.id)
  expect(ids).toContain(id)
  expect(ids).not.toContain(other)
  // Every hit really contains the word somewhere it is indexed.
  const texts = db
    .select({ t: sql<string>`${vacancies.title} || ${employers.name} || coalesce(${vacancies.requirements}, '')` })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(inArray(vacancies.id, ids))
    .all()
  for (const { t } of texts) expect(t).toContain('焊')
  expect((await board('?q=焊工师傅')).data.jobs.map((j) => j.id)).not.toContain(id)
})

test('每个筛选条件都与数据库直接统计一致 / each filter narrows exactly as a direct database count', async () => {
  const all = (await board()).data.total
  expect(all).toBe(openCount())
  const cases: [string, SQL[]][] = [
    ['?city=371400', [eq(vacancies.cityCode, '371400')]],
    ['?industry=food', [eq(vacancies.industry, 'food')]],
    ['?minSalary=6000', [gte(vacancies.salaryMaxFen, 600_000)]],
    ['?meals=1', [eq(vacancies.providesMeals, true)]],
    ['?housing=1', [eq(vacancies.providesHousing, true)]],
    [
      '?city=370700&meals=1&housing=1&minSalary=５０００',
      [eq(vacancies.cityCode, '370700'), eq(vacancies.providesMeals, true), eq(vacancies.providesHousing, true), gte(vacancies.salaryMaxFen, 500_000)],
    ],
  ]
  for (const [search, where] of cases) {
    const expected = openCount(...where)
    expect(expected, search).toBeGreaterThan(0)
    expect(expected, search).toBeLessThan(all)
    expect((await board(search)).data.total, search).toBe(expected)
  }
})

test('过期、关闭、招满和草稿的岗位从不出现 / expired, closed, filled and draft posts are never listed', async () => {
  const hidden = [
    weifangPost({ title: '过期焊工', status: 'expired' }),
    weifangPost({ title: '关闭焊工', status: 'closed' }),
    weifangPost({ title: '招满焊工', status: 'filled' }),
    weifangPost({ title: '草稿焊工', status: 'draft' }),
  ]
  const lastDay = weifangPost({ title: '今天截止焊工', validUntil: today })
  const seen: number[] = []
  for (let page = 1; ; page++) {
    const { data } = await board(`?page=${page}`)
    seen.push(...data.jobs.map((j) => j.id))
    if (data.page >= data.pageCount) break
  }
  const open = db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(and(eq(vacancies.status, 'published'), gte(vacancies.validUntil, today)))
    .all()
    .map((r) => r.id)
  expect(new Set(seen)).toEqual(new Set(open))
  expect(seen).toHaveLength(open.length)
  expect(seen).toContain(lastDay)
  for (const id of hidden) expect(seen).not.toContain(id)
  const searched = (await board('?q=焊工')).data.jobs.map((j) => j.id)
  for (const id of hidden) expect(searched).not.toContain(id)
})

test('分页：每页 20 条，翻页链接保留条件，超出的页码显示最后一页 / pages of 20 whose links keep the query; a page past the end shows the last', async () => {
  const first = await board('?city=370700&sort=salary')
  const total = openCount(eq(vacancies.cityCode, '370700'))
  expect(first.data.total).toBe(total)
  expect(first.data.jobs).toHaveLength(20)
  expect(first.data.pageCount).toBe(Math.ceil(total / 20))
  // The pager's links are the page's own URL with another page number (components/pager.tsx).
  const next = searchWithPage('?city=370700&sort=salary', first.data.page + 1)
  expect(next).toBe('?city=370700&sort=salary&page=2')
  const second = await board(next)
  expect(second.data.page).toBe(2)
  expect(searchWithPage(next, second.data.page - 1)).toBe('?city=370700&sort=salary')
  const overlap = second.data.jobs.filter((j) => first.data.jobs.some((f) => f.id === j.id))
  expect(overlap).toEqual([])
  const beyond = await board('?city=370700&sort=salary&page=4000')
  expect(beyond.data.page).toBe(first.data.pageCount)
  expect(beyond.data.jobs.length).toBeGreaterThan(0)
})

test('无效参数被忽略，不报错 / invalid parameters are ignored, never a 400 or 500', async () => {
  const all = (await board()).data.total
  for (const search of [
    '?city=999999',
    '?industry=mining',
    '?minSalary=abc',
    '?minSalary=-5',
    '?page=-1',
    '?page=1e9',
    '?sort=random',
    '?meals=yes',
    '?q=',
    `?q=${'焊'.repeat(500)}`,
    '?q=%00%01',
    '?q=\u202e',
  ]) {
    const { status, data } = await board(search)
    expect(status, search).toBe(200)
    if (!search.startsWith('?q=焊') && !search.startsWith('?q=%00') && !search.startsWith('?q=\u202e')) expect(data.total, search).toBe(all)
  }
})

test('模糊测试：任意查询串都不会抛错 / fuzzed query strings never throw', async () => {
  const keys = fc.constantFrom('q', 'city', 'industry', 'minSalary', 'meals', 'housing', 'sort', 'page', 'pageSize', '__proto__', 'constructor')
  const nasty = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('"', 'NEAR(', 'bi : "x"', '*', 'AND', '370700', '５０００', '1', '0', '99999999999999999999', 'x'.repeat(3000)),
  )
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(keys, nasty), { maxLength: 8 }), async (pairs) => {
      const { status, data } = await board(`?${new URLSearchParams(pairs)}`)
      expect(status).toBe(200)
      expect(data.jobs.length).toBeLessThanOrEqual(20)
    }),
    { numRuns: 150 },
  )
  await fc.assert(
    fc.asyncProperty(fc.webQueryParameters(), async (raw) => {
      expect((await board(`?${raw}`)).status).toBe(200)
    }),
    { numRuns: 50 },
  )
})

test('匿名访问可缓存一分钟，登录后不缓存；务工人员看到哪些岗位不面向本县 / anonymous pages cache for a minute, signed-in never; workers see posts not for their county marked', async () => {
  const anonymous = await board()
  expect(anonymous.init.headers['Cache-Control']).toBe('public, max-age=60')
  expect(anonymous.init.headers.Vary).toBe('Cookie')
  const { cookie } = await kaizhouWorker()
  const worker = await board('?page=1', cookie)
  expect(worker.init.headers['Cache-Control']).not.toContain('public')
  // A signed-in worker's board lists the posts open to them first; 全部岗位 (scope=all) shows the rest, marked.
  expect((await board('?city=371400', cookie)).data.jobs).toEqual([])
  const dezhou = await board('?city=371400&scope=all', cookie)
  expect(dezhou.data.jobs.length).toBeGreaterThan(0)
  expect(dezhou.data.jobs.every((j) => j.notForYourCounty)).toBe(true)
  const weifang = await board('?city=370700&scope=all', cookie)
  expect(weifang.data.jobs.length).toBeGreaterThan(0)
  expect(weifang.data.jobs.every((j) => !j.notForYourCounty)).toBe(true)
  expect(anonymous.data.jobs.every((j) => !j.notForYourCounty)).toBe(true)
  expect((await board('', await cookieFor('weifang'))).init.headers['Cache-Control']).not.toContain('public')
})

test('岗位详情：草稿、不存在和乱写的编号都是 404，公开页没有联系人 / details: draft, missing and malformed ids 404; no contact on the public page', async () => {
  const open = weifangPost()
  const draft = weifangPost({ status: 'draft' })
  const expired = weifangPost({ status: 'expired' })
  const anonymousReply = await jobLoader({ request: get(`/jobs/${open}`), context: context(), params: { jobId: String(open) } })
  const anonymous = anonymousReply.data
  // Anyone not signed in gets the same page: it may be stored for a minute (server/public-cache.ts)…
  expect(anonymousReply.init?.headers).toMatchObject({ 'Cache-Control': 'public, max-age=60', Vary: 'Cookie' })
  expect(anonymous.job.title).toBe('电焊工')
  expect(anonymous.viewer).toBe('anonymous')
  expect(anonymous.contact).toBeNull()
  expect(JSON.stringify(anonymous)).not.toContain('0536-8123456')
  const workerReply = await jobLoader({ request: get(`/jobs/${open}`, (await kaizhouWorker()).cookie), context: context(), params: { jobId: String(open) } })
  const worker = workerReply.data
  // …a signed-in worker's page carries their contact details and is never stored.
  expect(workerReply.init?.headers).toMatchObject({ 'Cache-Control': 'private, no-store' })
  expect(worker.contact?.phone).toBe('0536-8123456')
  expect(worker.openToMe).toBe(true)
  expect((await jobLoader({ request: get(`/jobs/${expired}`), context: context(), params: { jobId: String(expired) } })).data.status).toBe('expired')
  for (const jobId of [String(draft), '999999', 'abc', '0', '1.5']) {
    const r = await settle(() => jobLoader({ request: get(`/jobs/${jobId}`), context: context(), params: { jobId } }))
    expect('thrown' in r && r.thrown.status, jobId).toBe(404)
  }
})

test('已核验的务工人员报名一次：重复提交还是同一条，表单里的 workerId、status 被忽略 / a verified worker applies once; a double submit gives the same row; workerId and status fields are ignored', async () => {
  const id = weifangPost()
  const me = await createWorkerAccount('kaizhou')
  const cookie = await cookieFor(me.user.username)
  const someoneElse = createLedgerWorker('xiushan').id
  const first = await apply(id, { intent: 'apply', note: '有电焊证，能长期干', workerId: String(someoneElse), status: 'hired', vacancyId: '1' }, cookie)
  const employerName = db
    .select({ name: employers.name })
    .from(employers)
    .innerJoin(vacancies, eq(vacancies.employerId, employers.id))
    .where(eq(vacancies.id, id))
    .get()!.name
  const notice = 'thrown' in first ? await noticeOf(first.thrown) : null
  expect(notice).toEqual({
    location: '/me/applications',
    text: `报名成功：电焊工（${employerName}）。招聘单位或潍坊市人社局会打电话联系您，进度随时可以在这里查看。`,
  })
  const second = await apply(id, { intent: 'apply', note: '再点一次' }, cookie)
  expect('thrown' in second && (await noticeOf(second.thrown))).toEqual(notice)
  const rows = db.select().from(applications).where(eq(applications.vacancyId, id)).all()
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ workerId: me.worker.id, status: 'submitted', source: 'self', note: '有电焊证，能长期干' })
  // One audit row for the one application, by the worker; none for the repeated submit.
  const audit = auditOf('application.create', rows[0].id)
  expect(audit).toHaveLength(1)
  expect(audit[0]).toMatchObject({ actorUserId: me.user.id, detail: { vacancyId: id } })
})

test('报名被拒：未核验、已过期、不面向本县、备注太长 / refused: unverified, expired, not for the county, note too long — no row', async () => {
  const open = weifangPost()
  const expired = weifangPost({ status: 'expired' })
  const dezhou = createTestVacancy('dezhou').id
  const verified = await kaizhouWorker()
  const unverified = await kaizhouWorker({ pending: true })
  const cases: [number, typeof verified, Record<string, string>, number, string][] = [
    [open, unverified, { intent: 'apply' }, 403, '核验'],
    [expired, verified, { intent: 'apply' }, 409, '停止报名'],
    [dezhou, verified, { intent: 'apply' }, 409, '不面向'],
    [open, verified, { intent: 'apply', note: '长'.repeat(201) }, 400, '200'],
  ]
  for (const [id, { user, cookie }, fields, status, fragment] of cases) {
    const username = user.username
    const result = await apply(id, fields, cookie)
    expect('value' in result, username).toBe(true)
    const reply = unwrapData<{ intent: string; result: { error?: Record<string, string[]> } }>((result as { value: unknown }).value)
    expect(reply.status, `${id} ${username}`).toBe(status)
    expect(JSON.stringify(reply.data.result.error), `${id} ${username}`).toContain(fragment)
  }
  const rows = db
    .select({ n: count() })
    .from(applications)
    .where(inArray(applications.vacancyId, [open, expired, dezhou]))
    .get()!.n
  expect(rows).toBe(0)
})

test('工作人员不能报名（403），匿名去登录，未知操作 400，草稿 404 / staff get 403, anonymous go to sign in, unknown intent 400, draft 404', async () => {
  const id = weifangPost()
  for (const staff of ['weifang', 'kaizhou', 'admin']) {
    const r = await apply(id, { intent: 'apply' }, await cookieFor(staff))
    expect('thrown' in r && r.thrown.status, staff).toBe(403)
  }
  const anonymous = await apply(id, { intent: 'apply' })
  expect('thrown' in anonymous && anonymous.thrown.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`/jobs/${id}`)}`)
  const { cookie } = await kaizhouWorker()
  const unknown = await apply(id, { intent: 'delete' }, cookie)
  expect('thrown' in unknown && unknown.thrown.status).toBe(400)
  const draft = weifangPost({ status: 'draft' })
  const onDraft = await apply(draft, { intent: 'apply' }, cookie)
  expect('thrown' in onDraft && onDraft.thrown.status).toBe(404)
  expect(
    db
      .select({ n: count() })
      .from(applications)
      .where(inArray(applications.vacancyId, [id, draft]))
      .get()!.n,
  ).toBe(0)
})

test('举报：每人每个岗位一次，未核验也能举报，原因必选 / reports: once per worker and post, unverified workers too, a reason is required', async () => {
  const id = weifangPost()
  const { user: reporter, cookie } = await kaizhouWorker()
  const pending = await kaizhouWorker({ pending: true })
  for (const note of ['电话里要先交 300 元体检费', '又打来要钱']) {
    const r = await apply(id, { intent: 'report', reason: 'fees', note }, cookie)
    expect('thrown' in r && (await noticeOf(r.thrown))).toEqual({
      location: `/jobs/${id}`,
      text: '举报已收到，谢谢您。潍坊市人社局会核实这个岗位，不会把您的姓名告诉招聘单位。',
    })
  }
  const unverified = await apply(id, { intent: 'report', reason: 'fake' }, pending.cookie)
  expect('thrown' in unverified && unverified.thrown.status).toBe(302)
  const rows = db.select().from(vacancyReports).where(eq(vacancyReports.vacancyId, id)).all()
  expect(rows).toHaveLength(2)
  expect(rows.find((r) => r.reporterUserId === reporter.id)).toMatchObject({ reason: 'fees', note: '电话里要先交 300 元体检费' })
  const reportAudit = auditOf('vacancy.report', id)
  expect(reportAudit.map((r) => r.actorUserId).sort()).toEqual([reporter.id, pending.user.id].sort())
  const noReason = await apply(id, { intent: 'report', reason: 'boring' }, cookie)
  expect(unwrapData((noReason as { value: unknown }).value).status).toBe(400)
  const staff = await apply(id, { intent: 'report', reason: 'fees' }, await cookieFor('weifang'))
  expect('thrown' in staff && staff.thrown.status).toBe(403)
  const draft = weifangPost({ status: 'draft' })
  const onDraft = await apply(draft, { intent: 'report', reason: 'fees' }, cookie)
  expect('thrown' in onDraft && onDraft.thrown.status).toBe(404)
})
