import { and, count, eq, gte } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { users, vacancies, workers } from '../../db/schema'
import { loader as feedLoader } from '~/routes/api.v1.vacancies'
import { loader as boardLoader } from '~/routes/jobs._index'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { context, get, unwrapData } from '../request'

type FeedItem = Record<string, unknown> & { id: number; salaryMin: number; salaryMax: number; url: string }
type Feed = { data: FeedItem[]; page: number; pageSize: number; total: number }

async function feed(search = '') {
  const response = feedLoader({ request: get(`/api/v1/vacancies${search}`), context: context(), params: {} })
  return { response, body: (await response.json()) as Feed & { error?: Record<string, string> } }
}

const today = todayInShanghai()
const openWhere = and(eq(vacancies.status, 'published'), gte(vacancies.validUntil, today))

test('JSON 结构、分页和 CORS / JSON shape, pagination and CORS', async () => {
  const { response, body } = await feed()
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toContain('application/json')
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
  expect(response.headers.get('Cache-Control')).toBe('public, max-age=60')
  expect(body.total).toBe(db.select({ n: count() }).from(vacancies).where(openWhere).get()!.n)
  expect(body.page).toBe(1)
  expect(body.pageSize).toBe(20)
  expect(body.data).toHaveLength(20)
  const item = body.data[0]
  expect(Object.keys(item).sort()).toEqual(
    [
      'address',
      'city',
      'employer',
      'headcount',
      'housing',
      'id',
      'industry',
      'meals',
      'publishedAt',
      'salaryMax',
      'salaryMin',
      'title',
      'url',
      'validUntil',
    ].sort(),
  )
  const row = db.select().from(vacancies).where(eq(vacancies.id, item.id)).get()!
  expect(item.salaryMin).toBe(row.salaryMinFen / 100)
  expect(item.salaryMax).toBe(row.salaryMaxFen / 100)
  // Without APP_ORIGIN the links are relative: the Host header must not reach a publicly cached answer.
  expect(item.url).toBe(`/jobs/${item.id}`)
  expect(item.industry).toMatchObject({ code: row.industry })
  expect(item.city).toEqual({ code: row.cityCode, name: expect.any(String) })

  const big = await feed('?pageSize=100&page=1')
  expect(big.body.data.length).toBe(Math.min(100, body.total))
  const second = await feed('?pageSize=25&page=2')
  expect(second.body.page).toBe(2)
  const firstIds = (await feed('?pageSize=25')).body.data.map((d) => d.id)
  expect(second.body.data.some((d) => firstIds.includes(d.id))).toBe(false)
})

test('与岗位页相同的筛选，只给在招岗位 / the same filters as the board, open posts only', async () => {
  for (const search of ['?q=工', '?city=370700&meals=1', '?industry=manufacturing&sort=salary', '?minSalary=6000&housing=1']) {
    const { body } = await feed(search)
    const page = unwrapData<{ total: number; jobs: { id: number }[] }>(await boardLoader({ request: get(`/jobs${search}`), context: context(), params: {} }))
    expect(body.total, search).toBe(page.data.total)
    expect(
      body.data.map((d) => d.id),
      search,
    ).toEqual(page.data.jobs.map((j) => j.id))
  }
  const open = new Set(
    db
      .select({ id: vacancies.id })
      .from(vacancies)
      .where(openWhere)
      .all()
      .map((r) => r.id),
  )
  const { body } = await feed('?pageSize=100')
  for (let page = 1; page <= Math.ceil(body.total / 100); page++) {
    for (const item of (await feed(`?pageSize=100&page=${page}`)).body.data) expect(open.has(item.id), String(item.id)).toBe(true)
  }
})

test('没有个人信息：无务工人员手机号、身份证号，无联系人电话 / no personal data: no worker mobiles or ID numbers, no contact phones', async () => {
  const { body } = await feed('?pageSize=100')
  let text = ''
  for (let page = 1; page <= Math.ceil(body.total / 100); page++) text += JSON.stringify((await feed(`?pageSize=100&page=${page}`)).body)
  expect(text).not.toMatch(/1[3-9]\d{9}/)
  expect(text).not.toMatch(/\d{17}[\dX]/)
  const phones = [
    ...db
      .select({ p: workers.phone })
      .from(workers)
      .all()
      .map((r) => r.p),
    ...db
      .select({ p: users.username })
      .from(users)
      .where(eq(users.role, 'worker'))
      .all()
      .map((r) => r.p),
  ].filter(Boolean) as string[]
  for (const phone of phones) expect(text).not.toContain(phone)
  for (const { idNumber } of db.select({ idNumber: workers.idNumber }).from(workers).all()) expect(text).not.toContain(idNumber)
  const contacts = db.select({ phone: vacancies.contactPhone, name: vacancies.contactName }).from(vacancies).all()
  for (const c of contacts) expect(text).not.toContain(c.phone)
  expect(text).not.toContain('contact')
})

test('错误参数返回 400 和中文原因 / bad parameters get a 400 with Chinese reasons per field', async () => {
  const { response, body } = await feed('?city=999999&industry=mining&minSalary=abc&pageSize=101&page=0&sort=random&meals=yes')
  expect(response.status).toBe(400)
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
  expect(Object.keys(body.error!).sort()).toEqual(['city', 'industry', 'meals', 'minSalary', 'page', 'pageSize', 'sort'])
  for (const message of Object.values(body.error!)) expect(message).toMatch(/[\u4e00-\u9fff]/)
  expect(body.error!.pageSize).toContain('100')
  expect((await feed(`?q=${'焊'.repeat(41)}`)).response.status).toBe(400)
  // Empty parameters are absent, unknown ones ignored.
  expect((await feed('?city=&q=&foo=bar')).response.status).toBe(200)
})

test('模糊测试：只会是 200 或 400 / fuzzed queries answer only 200 or 400', async () => {
  const keys = fc.constantFrom('q', 'city', 'industry', 'minSalary', 'meals', 'housing', 'sort', 'page', 'pageSize', '__proto__')
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('1', '0', '100', '101', '370700', '"', '*'),
  )
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(keys, value), { maxLength: 6 }), async (pairs) => {
      const { response, body } = await feed(`?${new URLSearchParams(pairs)}`)
      expect([200, 400]).toContain(response.status)
      if (response.status === 200) expect(body.data.length).toBeLessThanOrEqual(body.pageSize)
    }),
    { numRuns: 100 },
  )
})

test('伪造的 Host 不会进入公开缓存的数据源 / a forged Host header never reaches the publicly cached feed (issue 7 §10)', async () => {
  const request = new Request('http://evil.example/api/v1/vacancies', { headers: { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' } })
  const response = feedLoader({ request, context: context(), params: {} })
  expect(response.headers.get('Cache-Control')).toBe('public, max-age=60')
  const text = await response.text()
  expect(text).not.toContain('evil.example')
  expect(text).toContain('"url":"/jobs/')
})
