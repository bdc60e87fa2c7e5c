import { count, eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { employers, vacancies } from '../../db/schema'
import { action as viewAction, loader as viewLoader } from '~/routes/east.jobs.$jobId._index'
import { action as editAction, loader as editLoader } from '~/routes/east.jobs.$jobId.edit'
import { loader as listLoader } from '~/routes/east.jobs._index'
import { loader as exportLoader } from '~/routes/east.jobs.export[.xlsx]'
import { action as newAction, loader as newLoader } from '~/routes/east.jobs.new'
import { searchQuery } from '~/rules/cjk-search'
import { db } from '~/utils/db.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { createTestEmployer, createTestVacancy } from '../factories'
import { auditOf, bureauOf, idsOwnedBy, targetsOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, context, cookieFor, formAs, get, post, settle, unwrapData } from '../request'

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null }
type Failure = { intent: string | null; message: string }

const WEIFANG = '370700'
const DEZHOU = '371400'
const KAIZHOU = '500154'
const XIUSHAN = '500241'
const today = todayInShanghai()

let weifangEmployer: ReturnType<typeof createTestEmployer> | undefined
/** An employer of Weifang's bureau made for this file (tests/factories.ts), the one validPost names. */
function ownEmployer() {
  weifangEmployer ??= createTestEmployer('weifang')
  return weifangEmployer
}

/** The newest audit row of one action on one post. */
function lastAudit(action: string, entityId: number) {
  return auditOf(action, entityId).at(-1)
}

function vacancyCount() {
  return db.select({ n: count() }).from(vacancies).get()!.n
}
function validPost(overrides: Record<string, string> = {}) {
  return {
    title: '数控车床操作工',
    employerId: String(ownEmployer().id),
    industry: 'manufacturing',
    headcount: '12',
    salaryMin: '5,500',
    salaryMax: '７０００',
    address: '山东省潍坊市潍城区北宫西街 88 号',
    providesMeals: 'on',
    contractMonths: '12',
    workingHours: '长白班，做六休一',
    ageMin: '18',
    ageMax: '50',
    requirements: '身体健康\n有车床经验者优先',
    benefits: '五险，免费工作餐',
    contactName: '孙经理',
    contactPhone: '0536-8881234',
    targets: KAIZHOU,
    validUntil: addDays(today, 30),
    ...overrides,
  }
}

const createAs = formAs(newAction, '/east/jobs/new')

function idFrom(location: string) {
  return Number(/^\/east\/jobs\/(\d+)/.exec(location)![1])
}

async function act(username: string, id: number, fields: Record<string, string>) {
  return actionAs(username, viewAction, { path: `/east/jobs/${id}?index`, fields, params: { jobId: String(id) } })
}

/** A refused state change: its status, the intent sent back and the first message (the page shows them above its forms). */
function failure(result: Awaited<ReturnType<typeof act>>): { status: number; data: Failure } {
  expect('value' in result, 'expected a 400 reply, not a redirect').toBe(true)
  const { status, data } = unwrapData<Reply>((result as { value: unknown }).value)
  const intent = data.initialValue?.intent
  return { status, data: { intent: typeof intent === 'string' ? intent : null, message: Object.values(data.error ?? {}).flatMap((m) => m ?? [])[0] } }
}

test('新建岗位是草稿：金额存分、默认市中心位置、面向开州，表单里的状态和单位字段无效，记审计 / a new post is a draft: fen, city-centre point, Kaizhou target; form status/tenant ignored; audited', async () => {
  const result = await createAs('weifang', validPost({ status: 'published', organisationId: String(bureauOf(DEZHOU).id), cityCode: DEZHOU }))
  expect('thrown' in result).toBe(true)
  const { location, text } = await noticeOf((result as { thrown: Response }).thrown)
  expect(location).toMatch(/^\/east\/jobs\/\d+$/)
  expect(text).toBe('岗位草稿已保存。核对无误后点“发布”。')
  const id = idFrom(location!)
  const saved = db.select().from(vacancies).where(eq(vacancies.id, id)).get()!
  expect(saved).toMatchObject({
    status: 'draft',
    organisationId: bureauOf(WEIFANG).id,
    cityCode: WEIFANG,
    salaryMinFen: 550_000,
    salaryMaxFen: 700_000,
    headcount: 12,
    providesMeals: true,
    providesHousing: false,
    lat: 36.71,
    lng: 119.16,
    requirements: '身体健康\n有车床经验者优先',
    publishedAt: null,
  })
  expect(targetsOf('weifang', id)).toEqual([KAIZHOU])
  expect(lastAudit('vacancy.create', id)).toMatchObject({ organisationId: bureauOf(WEIFANG).id, entity: 'vacancy' })

  // A point picked on the map is kept (rounded to 6 places).
  const picked = await createAs('weifang', validPost({ lat: '36.7654321', lng: '119.1234567' }))
  const pickedRow = db
    .select()
    .from(vacancies)
    .where(eq(vacancies.id, idFrom((picked as { thrown: Response }).thrown.headers.get('Location')!)))
    .get()!
  expect([pickedRow.lat, pickedRow.lng]).toEqual([36.765432, 119.123457])
})

test("新建页：有效期默认 30 天后，默认勾选对口区县，只列本局单位 / the new-post page defaults to 30 days, ticks the paired county and lists only the bureau's employers", async () => {
  const cookie = await cookieFor('weifang')
  const employer = ownEmployer()
  const page = await newLoader({ request: get(`/east/jobs/new?employerId=${employer.id}`, cookie), context: context(), params: {} })
  expect(page.defaultValue.validUntil).toBe(addDays(today, 30))
  expect(page.defaultValue.targets).toEqual([KAIZHOU])
  expect(page.counties).toEqual([{ code: KAIZHOU, name: '开州区' }])
  expect(page.city).toMatchObject({ name: '潍坊市', lat: 36.71, lng: 119.16 })
  expect(page.defaultValue).toMatchObject({ employerId: String(employer.id), address: employer.address })
  expect(page.employers.map((e) => e.id).sort()).toEqual(idsOwnedBy(employers, bureauOf(WEIFANG).id).sort())
  // Another bureau's employer id in the URL pre-fills nothing.
  const foreign = await newLoader({ request: get(`/east/jobs/new?employerId=${createTestEmployer('dezhou').id}`, cookie), context: context(), params: {} })
  expect(foreign.defaultValue.employerId).toBeUndefined()
})

test('表单错误：400，字段旁中文提示，什么都不保存 / invalid posts: 400, Chinese field messages, nothing saved', async () => {
  const before = vacancyCount()
  const cases: [Record<string, string>, string, string][] = [
    [{ title: '' }, 'title', '请填写岗位名称'],
    [{ salaryMin: '8000', salaryMax: '6000' }, 'salaryMax', '最高月薪不能低于最低月薪'],
    [{ salaryMin: '' }, 'salaryMin', '请填写最低月薪'],
    [{ salaryMax: '6000.50' }, 'salaryMax', '应为整数'],
    [{ headcount: '0' }, 'headcount', '应在 1 到 10000 之间'],
    [{ ageMin: '40', ageMax: '30' }, 'ageMax', '最高年龄不能低于最低年龄'],
    [{ industry: 'mining' }, 'industry', '请选择行业'],
    [{ contactPhone: '12345' }, 'contactPhone', '手机号或带区号的固定电话'],
    [{ validUntil: '' }, 'validUntil', '请选择有效期'],
    [{ validUntil: '2031-02-30' }, 'validUntil', 'YYYY-MM-DD'],
    [{ validUntil: addDays(today, -1) }, 'validUntil', '不能早于今天'],
    [{ validUntil: addDays(today, 400) }, 'validUntil', '最长一年'],
    [{ targets: '' }, 'targets', '请至少选择一个对口区县'],
    [{ targets: XIUSHAN }, 'targets', '只能选择本市的对口区县'],
    [{ lat: '91', lng: '119' }, 'lat', '地图位置无效'],
    [{ lat: '36.7', lng: '' }, 'lat', '地图位置无效'],
    [{ employerId: '' }, 'employerId', '请填写用人单位'],
  ]
  for (const [overrides, field, fragment] of cases) {
    const result = await createAs('weifang', validPost(overrides))
    expect('value' in result, field).toBe(true)
    const reply = unwrapData<Reply>((result as { value: unknown }).value)
    expect(reply.status, field).toBe(400)
    expect(reply.data.error?.[field]?.join(''), field).toContain(fragment)
  }
  expect(vacancyCount()).toBe(before)
})

test("不能用别的市的用人单位发岗位 / a post cannot name another city's employer", async () => {
  const dezhouEmployer = createTestEmployer('dezhou')
  const draft = createTestVacancy('weifang', { status: 'draft' })
  const before = vacancyCount()
  const result = await createAs('weifang', validPost({ employerId: String(dezhouEmployer.id) }))
  const reply = unwrapData<Reply>((result as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.error?.employerId).toEqual(['请选择本局的用人单位'])
  // Nor can an existing post be moved to one.
  const cookie = await cookieFor('weifang')
  const edit = await settle(() =>
    editAction({
      request: post(`/east/jobs/${draft.id}/edit`, validPost({ employerId: String(dezhouEmployer.id) }), cookie),
      context: context(),
      params: { jobId: String(draft.id) },
    }),
  )
  expect(unwrapData<Reply>((edit as { value: unknown }).value).data.error?.employerId).toEqual(['请选择本局的用人单位'])
  expect(db.select().from(vacancies).where(eq(vacancies.id, draft.id)).get()!.employerId).toBe(draft.employerId)
  expect(vacancyCount()).toBe(before)
})

test("别的市的岗位：页面、编辑和每一种操作都是 404 / another city's post is 404 for its page, its edit page and every action", async () => {
  const cookie = await cookieFor('dezhou')
  const draft = createTestVacancy('weifang', { status: 'draft' })
  const open = createTestVacancy('weifang')
  const dezhouEmployer = createTestEmployer('dezhou')
  for (const target of [draft, open]) {
    const params = { jobId: String(target.id) }
    const attempts: (() => Promise<unknown>)[] = [
      () => viewLoader({ request: get(`/east/jobs/${target.id}`, cookie), context: context(), params }),
      () => editLoader({ request: get(`/east/jobs/${target.id}/edit`, cookie), context: context(), params }),
      () =>
        editAction({
          request: post(`/east/jobs/${target.id}/edit`, validPost({ employerId: String(dezhouEmployer.id), targets: XIUSHAN }), cookie),
          context: context(),
          params,
        }),
      ...['publish', 'close', 'fill', 'copy', 'explode', ''].map(
        (intent) => () =>
          viewAction({ request: post(`/east/jobs/${target.id}?index`, { intent, validUntil: addDays(today, 20) }, cookie), context: context(), params }),
      ),
    ]
    for (const run of attempts) {
      const result = await settle(run)
      expect('thrown' in result && result.thrown.status).toBe(404)
    }
    expect(db.select().from(vacancies).where(eq(vacancies.id, target.id)).get()).toEqual(target)
  }
  for (const jobId of ['0', '-1', 'abc', '99999999']) {
    const result = await settle(() => viewLoader({ request: get(`/east/jobs/${jobId}`, cookie), context: context(), params: { jobId } }))
    expect('thrown' in result && result.thrown.status).toBe(404)
  }
  expect(db.select({ n: count() }).from(vacancies).where(eq(vacancies.copiedFromId, open.id)).get()!.n).toBe(0)
})

test('西部、务工人员和平台：403；未登录：去登录 / west staff, workers and admin get 403; anonymous visitors go to sign in', async () => {
  const target = createTestVacancy('weifang')
  const anonymous = await settle(() => listLoader({ request: get('/east/jobs'), context: context(), params: {} }))
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
  expect((anonymous as { thrown: Response }).thrown.headers.get('Location')).toBe('/login?redirectTo=%2Feast%2Fjobs')
  for (const username of ['kaizhou', '13996000001', 'admin']) {
    const cookie = await cookieFor(username)
    const params = { jobId: String(target.id) }
    for (const run of [
      () => listLoader({ request: get('/east/jobs', cookie), context: context(), params: {} }),
      () => newAction({ request: post('/east/jobs/new', validPost(), cookie), context: context(), params: {} }),
      () => viewLoader({ request: get(`/east/jobs/${target.id}`, cookie), context: context(), params }),
      () => viewAction({ request: post(`/east/jobs/${target.id}?index`, { intent: 'close' }, cookie), context: context(), params }),
      () => editAction({ request: post(`/east/jobs/${target.id}/edit`, validPost(), cookie), context: context(), params }),
      () => exportLoader({ request: get('/east/jobs/export.xlsx', cookie), context: context(), params: {} }),
    ] as (() => Promise<unknown>)[]) {
      const result = await settle(run)
      expect('thrown' in result && result.thrown.status, username).toBe(403)
    }
  }
  expect(db.select().from(vacancies).where(eq(vacancies.id, target.id)).get()!.status).toBe('published')
})

test('状态流转：发布草稿、不能重复发布、关闭（带原因）、关闭后不能发布或修改，均记审计 / publish a draft, not twice; close with a reason; a closed post cannot be published or edited; all audited', async () => {
  const created = await createAs('weifang', validPost({ title: '装配工' }))
  const id = idFrom((created as { thrown: Response }).thrown.headers.get('Location')!)

  const published = await act('weifang', id, { intent: 'publish', status: 'filled' })
  expect('thrown' in published && (await noticeOf(published.thrown))).toEqual({
    location: `/east/jobs/${id}`,
    text: '岗位已发布，对口区县的务工人员现在可以看到并报名。',
  })
  const row = db.select().from(vacancies).where(eq(vacancies.id, id)).get()!
  expect(row.status).toBe('published')
  expect(row.publishedAt).toBeInstanceOf(Date)
  expect(lastAudit('vacancy.publish', id)).toMatchObject({ detail: { from: 'draft', to: 'published' } })

  const twice = failure(await act('weifang', id, { intent: 'publish' }))
  expect(twice).toEqual({ status: 400, data: { intent: 'publish', message: '当前状态下不能进行此操作' } })

  const closed = await act('weifang', id, { intent: 'close', reason: '用人单位暂停招聘' })
  expect('thrown' in closed && (await noticeOf(closed.thrown))).toEqual({ location: `/east/jobs/${id}`, text: '岗位已关闭，不再接受报名。' })
  const closedRow = db.select().from(vacancies).where(eq(vacancies.id, id)).get()!
  expect(closedRow.status).toBe('closed')
  expect(closedRow.closeReason).toBe('用人单位暂停招聘')
  // The typed reason stays on the post; the append-only log only notes that there was one.
  expect(lastAudit('vacancy.close', id)).toMatchObject({ reason: null, detail: { from: 'published', to: 'closed', withReason: true } })
  expect(JSON.stringify(lastAudit('vacancy.close', id))).not.toContain('用人单位暂停招聘')
  const closedPage = await viewLoader({
    request: get(`/east/jobs/${id}`, await cookieFor('weifang')),
    context: context(),
    params: { jobId: String(id) },
  })
  expect(closedPage.history.map((h) => h.actionLabel)).toContain('关闭岗位：用人单位暂停招聘')

  for (const intent of ['publish', 'fill', 'close']) {
    expect(failure(await act('weifang', id, { intent })).data.message).toBe('当前状态下不能进行此操作')
  }
  const cookie = await cookieFor('weifang')
  const page = await editLoader({ request: get(`/east/jobs/${id}/edit`, cookie), context: context(), params: { jobId: String(id) } })
  expect(page.locked).toBe(true)
  const edit = await settle(() =>
    editAction({ request: post(`/east/jobs/${id}/edit`, validPost({ title: '改名' }), cookie), context: context(), params: { jobId: String(id) } }),
  )
  const reply = unwrapData<{ error?: Record<string, string[]> }>((edit as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.error?.['']?.[0]).toContain('不能再修改')
  expect(db.select().from(vacancies).where(eq(vacancies.id, id)).get()!.title).toBe('装配工')

  const tooLong = failure(await act('weifang', createTestVacancy('weifang').id, { intent: 'close', reason: '因'.repeat(201) }))
  expect(tooLong.data.message).toContain('不能超过 200 个字')
})

test('标记招满；未知操作 400；过期草稿不能发布 / fill a published post; an unknown intent is 400; a draft past its date cannot be published', async () => {
  const open = createTestVacancy('weifang')
  const filled = await act('weifang', open.id, { intent: 'fill' })
  expect('thrown' in filled && (await noticeOf(filled.thrown))).toEqual({ location: `/east/jobs/${open.id}`, text: '岗位已标记为招满，不再接受报名。' })
  const row = db.select().from(vacancies).where(eq(vacancies.id, open.id)).get()!
  expect(row.status).toBe('filled')
  expect(row.closedAt).toBeInstanceOf(Date)
  expect(lastAudit('vacancy.fill', open.id)).toBeTruthy()

  const draft = createTestVacancy('weifang', { status: 'draft' })
  for (const intent of ['remove', '', 'PUBLISH', '__proto__']) {
    const unknown = await act('weifang', draft.id, { intent })
    expect('thrown' in unknown && unknown.thrown.status, intent).toBe(400)
    expect(db.select().from(vacancies).where(eq(vacancies.id, draft.id)).get()).toEqual(draft)
  }
  db.update(vacancies)
    .set({ validUntil: addDays(today, -2) })
    .where(eq(vacancies.id, draft.id))
    .run()
  expect(failure(await act('weifang', draft.id, { intent: 'publish' })).data.message).toBe('有效期已过，请先修改有效期再发布')
  expect(db.select().from(vacancies).where(eq(vacancies.id, draft.id)).get()!.status).toBe('draft')
})

test('复制岗位：新草稿带 copiedFromId 并建好搜索索引，跳到编辑页 / copying makes a draft with copiedFromId, indexed for search, and opens its edit page', async () => {
  const source = createTestVacancy('weifang', { status: 'closed' })
  const sourceTargets = targetsOf('weifang', source.id)

  const past = failure(await act('weifang', source.id, { intent: 'copy', validUntil: addDays(today, -1) }))
  expect(past.data.message).toBe('有效期不能早于今天')
  expect(failure(await act('weifang', source.id, { intent: 'copy', validUntil: 'soon' })).data.message).toContain('YYYY-MM-DD')
  expect(failure(await act('weifang', source.id, { intent: 'copy' })).data.message).toBe('请选择有效期')

  const validUntil = addDays(today, 45)
  const result = await act('weifang', source.id, { intent: 'copy', validUntil })
  const location = (result as { thrown: Response }).thrown.headers.get('Location')!
  expect(location).toMatch(/^\/east\/jobs\/\d+\/edit$/)
  const copyId = idFrom(location)
  const copy = db.select().from(vacancies).where(eq(vacancies.id, copyId)).get()!
  expect(copy).toMatchObject({
    status: 'draft',
    copiedFromId: source.id,
    validUntil,
    title: source.title,
    salaryMinFen: source.salaryMinFen,
    employerId: source.employerId,
    publishedAt: null,
    closedAt: null,
  })
  expect(targetsOf('weifang', copyId)).toEqual(sourceTargets)
  const indexed = db.all<{ rowid: number }>(sql`select rowid from vacancy_search where vacancy_search match ${searchQuery(source.title)!}`).map((r) => r.rowid)
  expect(indexed).toContain(copyId)
  expect(lastAudit('vacancy.copy', copyId)).toMatchObject({ detail: { from: source.id } })
  // The source is untouched.
  expect(db.select().from(vacancies).where(eq(vacancies.id, source.id)).get()).toEqual(source)
  const cookie = await cookieFor('weifang')
  const page = await viewLoader({ request: get(`/east/jobs/${copyId}`, cookie), context: context(), params: { jobId: String(copyId) } })
  expect(page.copiedFromId).toBe(source.id)
})

test('乱填岗位表单：总是 400 或跳转，绝不出错，不留半条 / fuzzed post forms always give 400 or a redirect, never an error or a partial row', async () => {
  const cookie = await cookieFor('zaozhuang')
  const org = bureauOf('370400').id
  const before = db.select({ id: vacancies.id }).from(vacancies).where(eq(vacancies.organisationId, org)).all().length
  const base = { ...validPost(), employerId: String(createTestEmployer('zaozhuang').id), targets: '500230' }
  const fieldNames = [...Object.keys(base), 'lat', 'lng', 'status', 'organisationId', '__proto__', 'constructor', 'targets[0]'] as const
  const nasty = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.integer({ min: -1e6, max: 1e9 }).map(String),
    fc.double().map(String),
    fc.constantFrom('\u0000', '\u202e', '__proto__', '../../etc/passwd', 'x'.repeat(5000), '', '2099-12-31', '500154', '１２', 'on'),
  )
  let created = 0
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.constantFrom(...fieldNames), nasty, { maxKeys: 5 }), fc.boolean(), async (fields, startValid) => {
      const body = startValid ? { ...base, ...fields } : fields
      const result = await settle(() => newAction({ request: post('/east/jobs/new', body, cookie), context: context(), params: {} }))
      if ('thrown' in result) {
        expect(result.thrown.status).toBe(302)
        const id = idFrom(result.thrown.headers.get('Location')!)
        const row = db.select().from(vacancies).where(eq(vacancies.id, id)).get()!
        expect(row).toMatchObject({ organisationId: org, status: 'draft' })
        expect(targetsOf('zaozhuang', id)).toEqual(['500230'])
        created += 1
      } else {
        expect(unwrapData((result as { value: unknown }).value).status).toBe(400)
      }
    }),
    { numRuns: 80 },
  )
  expect(db.select({ id: vacancies.id }).from(vacancies).where(eq(vacancies.organisationId, org)).all().length).toBe(before + created)
  expect(created).toBeGreaterThan(0)
})
