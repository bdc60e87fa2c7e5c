import { and, count, eq, like, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { areas, organisations, pairings, users } from '../../db/schema'
import { loader as rootLoader } from '~/root'
import { action as staffAction } from '~/routes/admin.organisations.$orgId'
import { action as newOrgAction } from '~/routes/admin.organisations.new'
import { action as pairingAction, loader as pairingsLoader } from '~/routes/admin.pairings'
import { loader as eastHome } from '~/routes/east._index'
import { loader as eastJobs } from '~/routes/east.jobs._index'
import { loader as newJobLoader } from '~/routes/east.jobs.new'
import { loader as boardLoader } from '~/routes/jobs._index'
import { action as passwordAction } from '~/routes/staff.password'
import { loader as westHome } from '~/routes/west._index'
import { loader as westJobs } from '~/routes/west.jobs._index'
import { loader as westWorkers } from '~/routes/west.workers._index'
import { db } from '~/utils/db.server'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, callAction, callLoader, cookieFor, dataOf, unwrapData } from '../request'
import { signIn } from './fixtures/account-admin'

// Issue 11 §6: adding a pair is data only. The admin adds 巫溪县 ⇄ 泰安市 (neither in the seed's areas), the
// two organisations and a staff member each; both sign in with their one-time password, set their own,
// and load their homes and lists, and the rest of the portal (board cities, post targets, header) follows.

const WUXI = '500238'
const TAIAN = '370900'

const boardVersion = () => db.get<{ version: number }>(sql`select version from public_board_version`).version

/** Posts a new organisation as the admin; returns its id (from the redirect). */
async function createOrg(fields: Record<string, string>) {
  const r = await actionAs('admin', newOrgAction, { path: '/admin/organisations/new', fields })
  if (!('thrown' in r) || r.thrown.status !== 302) throw new Error(`organisation refused: ${JSON.stringify('value' in r ? r.value : null)}`)
  return Number(r.thrown.headers.get('Location')!.split('/').pop())
}

/** Creates a staff account in `orgId` as the admin; returns the one-time password shown once. */
async function createStaff(orgId: number, username: string, displayName: string) {
  const fields = { intent: 'create-staff', username, displayName, contactPhone: '13800001234' }
  const r = await actionAs('admin', staffAction, { path: `/admin/organisations/${orgId}`, fields, params: { orgId: String(orgId) } })
  if (!('value' in r)) throw new Error('staff refused')
  const reply = unwrapData<{ created: { oneTimePassword: string } | null }>(r.value)
  expect(reply.status).toBe(200)
  return reply.data.created!.oneTimePassword
}

/** Signs in with the one-time password, lands on the password form, sets `password`; returns the fresh session cookie. */
async function firstSignIn(username: string, oneTimePassword: string, password: string) {
  const first = await signIn(username, oneTimePassword)
  expect(first?.location).toBe('/staff/password')
  const r = await callAction(passwordAction, {
    path: '/staff/password',
    cookie: first!.cookie,
    fields: { currentPassword: oneTimePassword, password, confirmPassword: password },
  })
  expect('thrown' in r && r.thrown.status).toBe(302)
  const again = await signIn(username, password)
  expect(again).not.toBeNull()
  return again!
}

test('管理员新增巫溪县⇄泰安市、两地单位和工作人员，双方登录后首页和列表可用 / the admin adds 巫溪县 ⇄ 泰安市, both organisations and staff; each signs in to a working home and list', async () => {
  expect(db.select().from(areas).where(eq(areas.code, WUXI)).get()).toBeUndefined()
  const before = boardVersion()

  const paired = await actionAs('admin', pairingAction, { path: '/admin/pairings', fields: { countyCode: WUXI, cityCode: TAIAN, sinceYear: '2025' } })
  expect('thrown' in paired && paired.thrown.status).toBe(302)
  expect((await noticeOf((paired as { thrown: Response }).thrown)).text).toContain('已新建结对关系')
  // The areas are added the way the seed adds them: the county with its townships and villages, the city.
  expect(db.select().from(areas).where(eq(areas.code, WUXI)).get()).toMatchObject({ name: '巫溪县', level: 'county', parentCode: '500000' })
  expect(db.select().from(areas).where(eq(areas.code, TAIAN)).get()).toMatchObject({ name: '泰安市', level: 'city', parentCode: '370000' })
  const townships = db
    .select({ n: count() })
    .from(areas)
    .where(and(eq(areas.parentCode, WUXI), eq(areas.level, 'township')))
    .get()!.n
  const villages = db
    .select({ n: count() })
    .from(areas)
    .where(and(like(areas.code, `${WUXI}%`), eq(areas.level, 'village')))
    .get()!.n
  expect(townships).toBeGreaterThan(10)
  expect(villages).toBeGreaterThan(100)
  // The public board's stored pages are dropped (migration 0013's triggers) and the board lists the new city.
  expect(boardVersion()).toBeGreaterThan(before)
  const board = await callLoader(boardLoader, { path: '/jobs' })
  const boardData = unwrapData<{ cities: { code: string }[] }>('value' in board ? board.value : null).data
  expect(boardData.cities.map((c) => c.code)).toContain(TAIAN)
  const pairs = await callLoader(pairingsLoader, { path: '/admin/pairings', cookie: await cookieFor('admin') })
  expect('value' in pairs && pairs.value.pairings.some((p) => p.countyCode === WUXI && p.cityCode === TAIAN && p.sinceYear === 2025)).toBe(true)
  const pairingId = db.select().from(pairings).where(eq(pairings.countyCode, WUXI)).get()!.id
  expect(auditOf('pairing.create', pairingId)).toHaveLength(1)

  const bureauId = await createOrg({ kind: 'bureau', areaCode: TAIAN, name: '泰安市人力资源和社会保障局', shortName: '泰安市人社局' })
  const centreId = await createOrg({ kind: 'centre', areaCode: WUXI, name: '巫溪县就业和人才中心', shortName: '巫溪县就业中心' })
  expect(auditOf('organisation.create', bureauId)).toHaveLength(1)

  const eastOtp = await createStaff(bureauId, 'taian_test', '泰安测试')
  const westOtp = await createStaff(centreId, 'wuxi_test', '巫溪测试')
  expect(db.select({ role: users.role, must: users.mustChangePassword }).from(users).where(eq(users.username, 'taian_test')).get()).toEqual({
    role: 'east',
    must: true,
  })

  const east = await firstSignIn('taian_test', eastOtp, 'Taian2026new')
  const west = await firstSignIn('wuxi_test', westOtp, 'Wuxi2026new')

  const eastHomeData = await callLoader(eastHome, { path: '/east', cookie: east.cookie })
  expect('value' in eastHomeData, 'east home loads').toBe(true)
  expect(JSON.stringify((eastHomeData as { value: unknown }).value)).toContain('巫溪县')
  const eastList = await callLoader(eastJobs, { path: '/east/jobs', cookie: east.cookie })
  expect('value' in eastList && eastList.value.total).toBe(0)
  // The bureau's post form targets the new county.
  const form = await callLoader(newJobLoader, { path: '/east/jobs/new', cookie: east.cookie })
  expect('value' in form && form.value.counties).toEqual([{ code: WUXI, name: '巫溪县' }])

  const westHomeData = await callLoader(westHome, { path: '/west', cookie: west.cookie })
  expect('value' in westHomeData && dataOf(westHomeData.value).pairCityName).toBe('泰安市')
  const ledger = await callLoader(westWorkers, { path: '/west/workers', cookie: west.cookie })
  expect('value' in ledger, 'the ledger list loads').toBe(true)
  const posts = await callLoader(westJobs, { path: '/west/jobs', cookie: west.cookie })
  expect('value' in posts, 'the county post list loads').toBe(true)
  const header = await callLoader(rootLoader, { path: '/west', cookie: west.cookie })
  expect(JSON.stringify('value' in header ? header.value : null)).toContain('对口 泰安市')
})

test('一个区县只能有一个结对，第二个在区县旁提示 400 / a county has one pairing: a second is a 400 beside the county', async () => {
  const r = await actionAs('admin', pairingAction, { path: '/admin/pairings', fields: { countyCode: '500154', cityCode: '370900', sinceYear: '2024' } })
  expect('value' in r).toBe(true)
  const reply = unwrapData<{ error?: Record<string, string[]> }>((r as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.error?.countyCode?.[0]).toContain('只能有一个')
  expect(db.select({ n: count() }).from(pairings).where(eq(pairings.countyCode, '500154')).get()!.n).toBe(1)
  // The database says so too, whatever the code checks first.
  expect(() => db.insert(pairings).values({ countyCode: '500154', cityCode: '370400', sinceYear: 2020 }).run()).toThrow(/UNIQUE/)
})

test('单位类型与行政区划不符、乱填都是 400，不留半条记录 / a kind that does not fit its area, or nonsense, is a 400 leaving no row', async () => {
  const before = db.select({ n: count() }).from(organisations).get()!.n
  const cases: Record<string, string>[] = [
    { kind: 'bureau', areaCode: WUXI, name: '某人社局', shortName: '某局' },
    { kind: 'centre', areaCode: TAIAN, name: '某中心', shortName: '某中心' },
    { kind: 'platform', areaCode: '500000', name: '第二平台', shortName: '平台' },
    { kind: 'centre', areaCode: '../../x', name: '\u0000', shortName: '' },
    { kind: 'centre', areaCode: '500154', name: '开州区第二中心', shortName: '开州二' },
  ]
  for (const fields of cases) {
    const r = await actionAs('admin', newOrgAction, { path: '/admin/organisations/new', fields })
    expect('value' in r && unwrapData(r.value).status, JSON.stringify(fields)).toBe(400)
  }
  expect(db.select({ n: count() }).from(organisations).get()!.n).toBe(before)
})

test('非管理员不能新建单位、结对或工作人员 / no one but the admin creates organisations, pairings or staff', async () => {
  for (const who of ['kaizhou', 'weifang']) {
    const r = await actionAs(who, pairingAction, { path: '/admin/pairings', fields: { countyCode: '500235', cityCode: '370800', sinceYear: '2024' } })
    expect('thrown' in r && r.thrown.status).toBe(403)
    const s = await actionAs(who, staffAction, {
      path: '/admin/organisations/1',
      fields: { intent: 'create-staff', username: 'sneaky', displayName: '某', contactPhone: '13800001234' },
      params: { orgId: '1' },
    })
    expect('thrown' in s && s.thrown.status).toBe(403)
  }
  expect(db.select().from(users).where(eq(users.username, 'sneaky')).get()).toBeUndefined()
})
