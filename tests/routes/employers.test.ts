import { and, count, desc, eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { auditLog, employers, vacancies } from '../../db/schema'
import { action as editAction, loader as editLoader } from '~/routes/east.employers.$employerId.edit'
import { loader as listLoader } from '~/routes/east.employers._index'
import { action as newAction, loader as newLoader } from '~/routes/east.employers.new'
import { searchQuery } from '~/rules/cjk-search'
import { db } from '~/utils/db.server'
import { createTestEmployer, createTestVacancy, freshUscc } from '../factories'
import { bureauOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, context, cookieFor, formAs, get, post, settle, unwrapData } from '../request'

type Reply = { error?: Record<string, string[] | null> }

const WEIFANG = '370700'
const DEZHOU = '371400'

function employerCount() {
  return db.select({ n: count() }).from(employers).get()!.n
}

function validEmployer(overrides: Record<string, string> = {}) {
  return {
    name: '潍坊鲁丰农机装备有限公司',
    uscc: freshUscc(),
    industry: 'manufacturing',
    address: '山东省潍坊市潍城区北宫西街 88 号',
    contactName: '孙经理',
    contactPhone: '0536-8881234',
    ...overrides,
  }
}

const create = formAs(newAction, '/east/employers/new')

function replyOf(result: Awaited<ReturnType<typeof create>>) {
  expect('value' in result, 'expected a reply, not a redirect').toBe(true)
  return unwrapData<Reply>((result as { value: unknown }).value)
}

test('登记用人单位：代码规范化保存，单位归本局，记审计 / a bureau registers an employer: code normalised, tenant from the session, audited', async () => {
  const code = freshUscc()
  // Typed in lower case with spaces and full-width characters, as copied from a scan.
  const typed = code
    .toLowerCase()
    .replace(/^(.{6})/, '$1 ')
    .replace(/0/g, '０')
  const result = await create('weifang', validEmployer({ uscc: typed, organisationId: String(bureauOf(DEZHOU).id), contactPhone: '+86 139 1234 5678' }))
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: '/east/employers', text: '用人单位已登记。' })
  const saved = db.select().from(employers).where(eq(employers.uscc, code)).get()!
  expect(saved).toMatchObject({
    name: '潍坊鲁丰农机装备有限公司',
    industry: 'manufacturing',
    contactPhone: '13912345678',
    organisationId: bureauOf(WEIFANG).id,
  })
  const audit = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'employer.create'), eq(auditLog.entityId, String(saved.id))))
    .get()!
  expect(audit).toMatchObject({ entity: 'employer', organisationId: bureauOf(WEIFANG).id })
})

test('代码校验位错误、缺项、电话格式错：400，中文提示，不写入 / bad checksum, missing fields and bad phone: 400 with Chinese messages, nothing saved', async () => {
  const before = employerCount()
  const good = freshUscc()
  const wrongCheck = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A')
  const cases: [Record<string, string>, string, string][] = [
    [{ uscc: wrongCheck }, 'uscc', '校验位不正确'],
    [{ uscc: '12345' }, 'uscc', '18 位'],
    [{ uscc: '' }, 'uscc', '请填写统一社会信用代码'],
    [{ name: '' }, 'name', '请填写单位名称'],
    [{ name: '厂'.repeat(61) }, 'name', '不能超过 60 个字'],
    [{ industry: 'mining' }, 'industry', '请选择行业'],
    [{ address: '' }, 'address', '请填写单位地址'],
    [{ contactName: '' }, 'contactName', '请填写联系人'],
    [{ contactPhone: '8881234' }, 'contactPhone', '手机号或带区号的固定电话'],
  ]
  for (const [overrides, field, fragment] of cases) {
    const reply = replyOf(await create('weifang', validEmployer(overrides)))
    expect(reply.status, field).toBe(400)
    expect(reply.data.error?.[field]?.join(''), field).toContain(fragment)
  }
  expect(employerCount()).toBe(before)
})

test('同一代码只能登记一次，本局和外市给出不同提示 / a code is registered once in the portal; own and other-city duplicates get their own messages', async () => {
  const own = createTestEmployer('weifang')
  const foreign = createTestEmployer('dezhou')
  const before = employerCount()
  const again = replyOf(await create('weifang', validEmployer({ uscc: own.uscc.toLowerCase() })))
  expect(again.status).toBe(400)
  expect(again.data.error?.uscc).toEqual([`本局已登记此统一社会信用代码（${own.name}），请直接使用该单位`])
  const other = replyOf(await create('weifang', validEmployer({ uscc: foreign.uscc })))
  expect(other.status).toBe(400)
  expect(other.data.error?.uscc?.[0]).toContain('其他城市人社局登记')
  // The other city's name is not disclosed.
  expect(JSON.stringify(other.data)).not.toContain(foreign.name)
  expect(employerCount()).toBe(before)

  // Editing one employer onto another's code is refused the same way.
  const second = createTestEmployer('weifang')
  const cookie = await cookieFor('weifang')
  const edit = await settle(() =>
    editAction({
      request: post(`/east/employers/${second.id}/edit`, validEmployer({ uscc: own.uscc, name: second.name }), cookie),
      context: context(),
      params: { employerId: String(second.id) },
    }),
  )
  const reply = replyOf(edit)
  expect(reply.status).toBe(400)
  expect(reply.data.error?.uscc?.[0]).toContain('本局已登记')
  expect(db.select().from(employers).where(eq(employers.id, second.id)).get()!.uscc).toBe(second.uscc)
})

test("列表只有本局的单位，带岗位数 / the list shows only the bureau's employers, with their post counts", async () => {
  const cookie = await cookieFor('weifang')
  const page = await listLoader({ request: get('/east/employers', cookie), context: context(), params: {} })
  const own = db
    .select()
    .from(employers)
    .where(eq(employers.organisationId, bureauOf(WEIFANG).id))
    .all()
  expect(page.total).toBe(own.length)
  expect(page.rows.map((r) => r.id).sort()).toEqual(own.map((e) => e.id).sort())
  for (const row of page.rows) {
    const posts = db.select({ n: count() }).from(vacancies).where(eq(vacancies.employerId, row.id)).get()!.n
    expect(row.posts, row.name).toBe(posts)
    expect(row.openPosts).toBeLessThanOrEqual(posts)
  }
  expect(page.rows.some((r) => r.posts > 0)).toBe(true)
  const target = own[0]
  const found = await listLoader({
    request: get(`/east/employers?q=${encodeURIComponent(target.name.slice(2, 6))}`, cookie),
    context: context(),
    params: {},
  })
  expect(found.rows.map((r) => r.id)).toContain(target.id)
  const byCode = await listLoader({
    request: get(`/east/employers?q=${target.uscc.slice(-6).toLowerCase()}`, cookie),
    context: context(),
    params: {},
  })
  expect(byCode.rows.map((r) => r.id)).toEqual([target.id])
  const foreignName = db
    .select()
    .from(employers)
    .where(eq(employers.organisationId, bureauOf(DEZHOU).id))
    .get()!.name
  const none = await listLoader({ request: get(`/east/employers?q=${encodeURIComponent(foreignName)}`, cookie), context: context(), params: {} })
  expect(none.total).toBe(0)
})

test("编辑单位：保存、审计记字段名，改名后岗位可按新名搜到 / editing saves, audits the changed fields and re-indexes the employer's posts under the new name", async () => {
  const cookie = await cookieFor('weifang')
  const own = createTestEmployer('weifang')
  createTestVacancy('weifang', { employerId: own.id })
  const loaded = await callLoader(editLoader, { path: `/east/employers/${own.id}/edit`, cookie, params: { employerId: String(own.id) } })
  if (!('value' in loaded)) throw new Error('the edit page did not load')
  const page = loaded.value
  expect(page.defaultValue).toMatchObject({ name: own.name, uscc: own.uscc })
  const fields = {
    name: '潍坊翠屏湖精工机械有限公司',
    uscc: own.uscc,
    industry: own.industry,
    address: own.address,
    contactName: '赵主任',
    contactPhone: own.contactPhone,
  }
  const result = await callAction(editAction, { path: `/east/employers/${own.id}/edit`, fields, cookie, params: { employerId: String(own.id) } })
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: '/east/employers', text: '修改已保存。' })
  expect(db.select().from(employers).where(eq(employers.id, own.id)).get()).toMatchObject({ name: '潍坊翠屏湖精工机械有限公司', contactName: '赵主任' })
  const audit = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'employer.update'), eq(auditLog.entityId, String(own.id))))
    .orderBy(desc(auditLog.id))
    .get()!
  expect((audit.detail as { fields: string[] }).fields.sort()).toEqual(['contactName', 'name'])
  const match = searchQuery('翠屏湖精工')!
  const hits = db.all<{ rowid: number }>(sql`select rowid from vacancy_search where vacancy_search match ${match}`).map((r) => r.rowid)
  const posts = db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(eq(vacancies.employerId, own.id))
    .all()
    .map((r) => r.id)
  expect(posts.length).toBeGreaterThan(0)
  expect(hits.sort()).toEqual(posts.sort())
})

test("别的市的单位：打开和保存都是 404 / another city's employer answers 404 to the page and to saving", async () => {
  const cookie = await cookieFor('dezhou')
  const weifangEmployer = createTestEmployer('weifang')
  const params = { employerId: String(weifangEmployer.id) }
  const attempts: (() => Promise<unknown>)[] = [
    () => editLoader({ request: get(`/east/employers/${weifangEmployer.id}/edit`, cookie), context: context(), params }),
    () =>
      editAction({
        request: post(`/east/employers/${weifangEmployer.id}/edit`, validEmployer({ uscc: weifangEmployer.uscc }), cookie),
        context: context(),
        params,
      }),
    () => editLoader({ request: get('/east/employers/99999999/edit', cookie), context: context(), params: { employerId: '99999999' } }),
    () => editLoader({ request: get('/east/employers/1e3/edit', cookie), context: context(), params: { employerId: '1e3' } }),
  ]
  for (const run of attempts) {
    const result = await settle(run)
    expect('thrown' in result && result.thrown.status).toBe(404)
  }
  expect(db.select().from(employers).where(eq(employers.id, weifangEmployer.id)).get()).toEqual(weifangEmployer)
})

test('西部、务工人员和平台不能管理用人单位，未登录去登录 / west staff, workers and admin get 403; anonymous visitors are sent to sign in', async () => {
  const anonymous = await settle(() => listLoader({ request: get('/east/employers'), context: context(), params: {} }))
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
  for (const username of ['kaizhou', '13996000001', 'admin']) {
    const cookie = await cookieFor(username)
    for (const run of [
      () => listLoader({ request: get('/east/employers', cookie), context: context(), params: {} }),
      () => newLoader({ request: get('/east/employers/new', cookie), context: context(), params: {} }),
      () => newAction({ request: post('/east/employers/new', validEmployer(), cookie), context: context(), params: {} }),
    ] as (() => Promise<unknown>)[]) {
      const result = await settle(run)
      expect('thrown' in result && result.thrown.status, username).toBe(403)
    }
  }
})

test('超出的页码显示最后一页，不是空页 / a page past the end shows the last page, never an empty "第 3 / 3 页"', async () => {
  const cookie = await cookieFor('weifang')
  const list = async (search: string) => await listLoader({ request: get(`/east/employers${search}`, cookie), context: context(), params: {} })
  const first = await list('')
  expect(first.total).toBeGreaterThan(0)
  // An old link from when the list was longer (or a search narrowed it): page 3 of a one-page list.
  for (const search of [`?page=${first.pageCount + 2}`, `?q=${encodeURIComponent(first.rows[0].name)}&page=3`]) {
    const beyond = await list(search)
    expect(beyond.page, search).toBe(beyond.pageCount)
    expect(beyond.rows.length, search).toBeGreaterThan(0)
  }
  expect((await list(`?page=${first.pageCount + 2}`)).rows).toEqual((await list(`?page=${first.pageCount}`)).rows)
})

test('乱填单位表单：总是 400 或跳转，绝不出错 / fuzzed employer forms give 400 or a redirect, never an error', async () => {
  const cookie = await cookieFor('zaozhuang')
  const before = employerCount()
  let created = 0
  const nasty = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('\u0000', '\u202e', '__proto__', '../../etc/passwd', 'x'.repeat(5000), ''),
  )
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.constantFrom('name', 'uscc', 'industry', 'address', 'contactName', 'contactPhone', '__proto__', 'constructor'), nasty),
      fc.boolean(),
      async (fields, startValid) => {
        const body = startValid ? { ...validEmployer(), ...fields } : fields
        const result = await settle(() => newAction({ request: post('/east/employers/new', body, cookie), context: context(), params: {} }))
        if ('thrown' in result) {
          expect(result.thrown.status).toBe(302)
          created += 1
        } else expect(unwrapData((result as { value: unknown }).value).status).toBe(400)
      },
    ),
    { numRuns: 60 },
  )
  expect(employerCount()).toBe(before + created)
})
