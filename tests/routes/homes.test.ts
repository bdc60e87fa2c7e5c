import type { LoaderFunctionArgs } from '@remix-run/node'
import { and, count, eq, isNotNull } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { users, workers } from '../../db/schema'
import { loader as adminHome } from '~/routes/admin._index'
import { loader as eastHome } from '~/routes/east._index'
import { loader as meHome } from '~/routes/me._index'
import { loader as westHome } from '~/routes/west._index'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { bureauOf, centreOf } from '../lookups'
import { context, cookieFor, dataOf, get, settle } from '../request'

const HOMES: { path: string; loader: (args: LoaderFunctionArgs) => Promise<unknown>; owner: string }[] = [
  { path: '/east', loader: eastHome, owner: 'weifang' },
  { path: '/west', loader: westHome, owner: 'kaizhou' },
  { path: '/me', loader: meHome, owner: '13996000001' },
  { path: '/admin', loader: adminHome, owner: 'admin' },
]

function workersOf(areaCode: string) {
  const org = centreOf(areaCode)
  const total = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organisationId, org.id), eq(users.role, 'worker')))
    .get()!.n
  const verified = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organisationId, org.id), eq(users.role, 'worker'), isNotNull(users.verifiedAt)))
    .get()!.n
  return { total, verified }
}

function allWorkerSecrets() {
  return db.select({ phone: users.username, idNumber: users.idNumber }).from(users).where(eq(users.role, 'worker')).all()
}

test('匿名访问各方首页被引导到登录页并带回跳地址 / anonymous visitors are sent to /login with the way back', async () => {
  for (const home of HOMES) {
    const result = await settle(() => home.loader({ request: get(`${home.path}?x=1`), context: context(), params: {} }))
    expect('thrown' in result, home.path).toBe(true)
    const response = (result as { thrown: Response }).thrown
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`${home.path}?x=1`)}`)
  }
})

test('其他角色打开别方首页得到 403 / every other role gets 403 on a side that is not theirs', async () => {
  for (const home of HOMES) {
    for (const other of HOMES.filter((h) => h.owner !== home.owner)) {
      const cookie = await cookieFor(other.owner)
      const result = await settle(() => home.loader({ request: get(home.path, cookie), context: context(), params: {} }))
      expect('thrown' in result && result.thrown.status, `${other.owner} on ${home.path}`).toBe(403)
    }
  }
})

test('县级首页显示本县真实数字，只看本县 / the county home shows its own real figures and only its own', async () => {
  const cookie = await cookieFor('xiushan')
  const data = dataOf(await westHome({ request: get('/west', cookie), context: context(), params: {} }))
  const expected = workersOf('500241')
  expect(data.organisationName).toBe('秀山土家族苗族自治县就业和人才中心')
  expect(data.pairCityName).toBe('德州市')
  expect(data.workers.total).toBe(expected.total)
  expect(data.workers.verified).toBe(expected.verified)
  expect(data.workers.total).toBeGreaterThanOrEqual(20)
  expect(data.ledger).toBe(
    db
      .select({ n: count() })
      .from(workers)
      .where(eq(workers.organisationId, centreOf('500241').id))
      .get()!.n,
  )
  expect(data.ledger).toBeGreaterThanOrEqual(200)
  // Pending registrations are this county's and show masked phones only.
  const fullPhones = new Set(
    db
      .select({ u: users.username })
      .from(users)
      .where(eq(users.role, 'worker'))
      .all()
      .map((r) => r.u),
  )
  expect(data.pending.length).toBeGreaterThan(0)
  for (const row of data.pending) {
    expect(row.phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(fullPhones.has(row.phone)).toBe(false)
  }
  const body = JSON.stringify(data)
  for (const other of ['开州区', '丰都县', '潍坊市', '枣庄市']) expect(body).not.toContain(other)
})

test('山东人社局首页只有对口区县的汇总数字，没有任何人的号码 / the bureau home has only aggregate figures of its pair, no personal numbers', async () => {
  const cookie = await cookieFor('zaozhuang')
  const data = dataOf(await eastHome({ request: get('/east', cookie), context: context(), params: {} }))
  expect(data.organisationName).toBe('枣庄市人力资源和社会保障局')
  expect(data.partners.map((p) => p.countyName)).toEqual(['丰都县'])
  expect(data.partners[0].workers.total).toBe(workersOf('500230').total)
  const bureau = bureauOf('370400')
  const open = db.$client
    .prepare("select count(*) n from vacancies where organisation_id = ? and status = 'published' and valid_until >= ?")
    .get(bureau.id, todayInShanghai()) as { n: number }
  expect(data.vacancies.openPosts).toBe(open.n)
  expect(data.vacancies.openPosts).toBeGreaterThanOrEqual(15)
  const hires = db.$client
    .prepare(
      'select count(*) n from employment_records e join applications a on a.id = e.application_id join vacancies v on v.id = a.vacancy_id where v.organisation_id = ?',
    )
    .get(bureau.id) as { n: number }
  expect(data.vacancies.hires).toBe(hires.n)
  expect(data.vacancies.openReports).toBe(1)
  const body = JSON.stringify(data)
  for (const { phone, idNumber } of allWorkerSecrets()) {
    expect(body).not.toContain(phone)
    expect(body).not.toContain(idNumber!)
  }
})

test("务工人员首页只显示本人信息，号码打码 / the worker home shows only the worker's own details, masked", async () => {
  const cookie = await cookieFor('13996000102')
  const data = await meHome({ request: get('/me', cookie), context: context(), params: {} })
  const me = db.select().from(users).where(eq(users.username, '13996000102')).get()!
  expect(data.name).toBe(me.displayName)
  expect(data.verified).toBe(false)
  expect(data.phone).toBe('139****0102')
  expect(data.idNumber).toBe(`${me.idNumber!.slice(0, 3)}***********${me.idNumber!.slice(-4)}`)
  expect(data.centreName).toBe('秀山土家族苗族自治县就业和人才中心')
  const body = JSON.stringify(data)
  expect(body).not.toContain(me.idNumber!)
  expect(body).not.toContain('13996000102')
})

test('平台总览列出三对结对和全部单位 / the platform overview lists the three pairs and every organisation', async () => {
  const cookie = await cookieFor('admin')
  const data = dataOf(await adminHome({ request: get('/admin', cookie), context: context(), params: {} }))
  expect(data.pairings.map((p) => `${p.countyName}-${p.cityName}`)).toEqual(['开州区-潍坊市', '秀山土家族苗族自治县-德州市', '丰都县-枣庄市'])
  expect(data.organisations).toHaveLength(7)
  const workerTotal = db.select({ n: count() }).from(users).where(eq(users.role, 'worker')).get()!.n
  expect(data.workers.total).toBe(workerTotal)
  expect(data.activity.some((a) => a.action === 'system.seed')).toBe(true)
})
