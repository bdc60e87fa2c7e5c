import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { areas, batches, employers, sites, vacancies, type InsertSite } from '../../db/schema'
import { moveApplication } from '~/models/application.server'
import { findPlace, nearestSites, type NearSite } from '~/models/map-data.server'
import { loader as dataLoader } from '~/routes/map.data.$pairId'
import { loader as mapLoader } from '~/routes/map._index'
import { loader as meLoader } from '~/routes/me._index'
import { addDays, todayInShanghai } from '~/rules/dates'
import { distanceMetres, type MapPairData } from '~/rules/map'
import type { SiteType } from '~/rules/site-enums'
import { db } from '~/utils/db.server'
import { actorFor, createTestApplication, createTestVacancy } from '../factories'
import { createTestBatch } from '../factories-batches'
import { callLoader, cookieFor } from '../request'

// The public map (issue 14 §2, §4, §5, §6) on a real database: the no-JavaScript list, nearest help from a
// typed place and from a worker's workplace, and the per-pair data route with its caching and who sees routes.

const KAIZHOU = '500154'
const WEIFANG = '370700'
// Pairings in db/seed.ts order: 开州↔潍坊, 秀山↔德州, 丰都↔枣庄.
const KAIZHOU_PAIR = 1
const XIUSHAN_PAIR = 2

let seq = 0
/** An active site of `owner` (a demo staff username) at a point; rows straight into the table until tests/factories-sites.ts lands. */
function site(owner: string, type: SiteType, name: string, lat: number, lng: number, overrides: Partial<InsertSite> = {}) {
  const actor = actorFor(owner)
  seq += 1
  return db
    .insert(sites)
    .values({
      organisationId: actor.organisationId,
      areaCode: actor.areaCode,
      type,
      siteNumber: `MAPT-${process.pid}-${seq}`,
      name,
      address: `${name}地址`,
      lat,
      lng,
      contactName: '王站长',
      contactPhone: '0536-8888 1234',
      openingHours: '周一至周五 8:30-17:30',
      services: '["job_referral","training"]',
      workersHelped: 10,
      ...overrides,
    })
    .returning()
    .get()
}

async function mapPage(search: string, cookie?: string) {
  const r = await callLoader(mapLoader, { path: `/map?${search}`, cookie })
  if ('thrown' in r) throw new Error(`/map threw ${r.thrown.status}`)
  return r.value
}

async function pairData(pairId: string, { cookie, etag }: { cookie?: string; etag?: string } = {}) {
  const request = new Request(`http://localhost:3000/map/data/${pairId}`, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...(etag ? { 'If-None-Match': etag } : {}) },
  })
  return dataLoader({ request, params: { pairId }, context: { cspNonce: 'n', clientIp: '127.0.0.1' } })
}

/** Every active site sorted by distance from `point`, read in full: the oracle the bounded search must agree with. */
function oracle(point: { lat: number; lng: number }, type?: SiteType) {
  return db
    .select()
    .from(sites)
    .where(eq(sites.status, 'active'))
    .all()
    .filter((s) => !type || s.type === type)
    .map((s) => ({ id: s.id, distance: distanceMetres(point, s) }))
    .sort((a, b) => a.distance - b.distance || a.id - b.id)
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id)

test('列表只列所选对口地区、所选类型的运营中站点，按地区分组，县在前 / the list shows only active sites of the chosen pair and types, the county first', async () => {
  const tag = `列表${process.pid}`
  const shop = site('kaizhou', 'workshop', `${tag}开州车间`, 31.2, 108.4)
  const station = site('weifang', 'workstation', `${tag}潍坊工作站`, 36.7, 119.1)
  site('weifang', 'workstation', `${tag}潍坊已关闭`, 36.7, 119.1, { status: 'closed', closedAt: new Date() })
  const other = site('dezhou', 'workstation', `${tag}德州工作站`, 37.4, 116.3)

  const both = await mapPage(`pair=${KAIZHOU_PAIR}&layers=workstation,workshop&q=${encodeURIComponent(tag)}`)
  expect(both.rows.map((r) => r.name)).toEqual([shop.name, station.name])
  expect(both.rows.map((r) => r.areaCode)).toEqual([KAIZHOU, WEIFANG])
  expect(both.rows[1]).toMatchObject({ contactPhone: '0536-8888 1234', services: ['job_referral', 'training'], areaName: '潍坊市', distance: null })
  // The no-JavaScript form sends each ticked box as its own parameter, with an empty one first.
  const stations = await mapPage(`pair=${KAIZHOU_PAIR}&layers=&layers=workstation&q=${encodeURIComponent(tag)}`)
  expect(stations.rows.map((r) => r.id)).toEqual([station.id])
  const none = await mapPage(`pair=${KAIZHOU_PAIR}&layers=&q=${encodeURIComponent(tag)}`)
  expect(none.total).toBe(0)
  const dezhou = await mapPage(`pair=${XIUSHAN_PAIR}&q=${encodeURIComponent(tag)}`)
  expect(dezhou.rows.map((r) => r.id)).toEqual([other.id])
  const all = await mapPage(`q=${encodeURIComponent(tag)}`)
  expect(all.rows.map((r) => r.id)).toEqual([shop.id, station.id, other.id])
})

test('按距离找最近站点：与逐行计算的顺序和手算距离一致 / nearestSites sorts by great-circle distance, agreeing with a full scan and hand-computed distances', () => {
  // Around a point far from any demo site (the Qinghai plateau): 0.01° of latitude is 2πR/36000 = 1111.95 m,
  // 0.03° is 3335.85 m, 0.05° of longitude at 35° is 1111.95 × 5 × cos 35° ≈ 4554.3 m.
  const p = { lat: 35, lng: 95 }
  const far = site('weifang', 'workstation', '远处站点', 35, 95.05)
  const near = site('weifang', 'workstation', '近处站点', 35.01, 95)
  const mid = site('kaizhou', 'workshop', '中间站点', 35.03, 95)
  site('weifang', 'workstation', '已关闭站点', 35.001, 95, { status: 'closed', closedAt: new Date() })
  const found = nearestSites(p, { limit: 3 })
  expect(ids(found)).toEqual([near.id, mid.id, far.id])
  expect(found.map((s: NearSite) => Math.round(s.distance))).toEqual([1112, 3336, 4554])
  expect(ids(nearestSites(p, { types: ['workstation'], limit: 2 }))).toEqual([near.id, far.id])
  // Ten from a point among many sites: the same as reading every row.
  const kaizhou = { lat: 31.16, lng: 108.39 }
  expect(ids(nearestSites(kaizhou, { limit: 10 }))).toEqual(ids(oracle(kaizhou).slice(0, 10)))
})

test('输入地名：区县、乡镇（按区县中心估算）、山东的县、找不到、重名 / findPlace resolves a county, a township with its note, a Shandong county, unknown text and an ambiguous name', () => {
  expect(findPlace('开州区')).toEqual({ kind: 'found', place: { code: KAIZHOU, name: '开州区', level: 'county', lat: 31.16, lng: 108.39, estimate: null } })
  expect(findPlace(' 开州 ')).toMatchObject({ kind: 'found', place: { code: KAIZHOU } })
  const township = findPlace('汉丰街道')
  expect(township).toMatchObject({ kind: 'found', place: { level: 'township', lat: 31.16, lng: 108.39, estimate: '按开州区中心估算' } })
  expect(findPlace('汉丰')).toEqual(township)
  // A Shandong county is measured from its own seat, not its city's centre: from 寿光 a new user was sent
  // 22 km to 奎文 while the demo's 寿光 workstation stood in 寿光 itself, listed fourth.
  const shouguang = findPlace('寿光')
  expect(shouguang).toEqual({
    kind: 'found',
    place: { code: '370783', name: '寿光市（潍坊市）', level: 'county', lat: 36.856, lng: 118.791, estimate: null },
  })
  if (shouguang.kind !== 'found') throw new Error('寿光 not found')
  expect(nearestSites(shouguang.place, { types: ['workstation'], limit: 1 })[0].name).toContain('寿光')
  expect(findPlace('潍坊')).toMatchObject({ kind: 'found', place: { code: WEIFANG, lat: 36.71, lng: 119.16 } })
  expect(findPlace('不存在的地方')).toEqual({ kind: 'none', text: '不存在的地方', message: expect.stringContaining('没有找到“不存在的地方”') })
  expect(findPlace('开')).toMatchObject({ kind: 'none', message: expect.stringContaining('至少输入两个字') })
  const ambiguous = findPlace('市中区')
  expect(ambiguous).toEqual({
    kind: 'choices',
    text: '市中区',
    choices: [
      { code: '370103', label: '市中区（济南市）' },
      { code: '370402', label: '市中区（枣庄市）' },
    ],
  })
  expect(findPlace('370402')).toMatchObject({ kind: 'found', place: { code: '370402', name: '市中区（枣庄市）' } })
})

test('/map 输入乡镇：最近站点按距离排序并说明估算，列表加距离列 / /map?place= a township lists the nearest sites sorted, says it is estimated, and adds distances', async () => {
  site('kaizhou', 'workshop', '汉丰附近车间', 31.17, 108.39)
  const page = await mapPage(`place=${encodeURIComponent('汉丰街道')}&layers=workshop,workstation`)
  expect(page.place).toMatchObject({ kind: 'found', place: { estimate: '按开州区中心估算' } })
  const hanfeng = { lat: 31.16, lng: 108.39 }
  const expected = db
    .select()
    .from(sites)
    .where(eq(sites.status, 'active'))
    .all()
    .filter((s) => s.type === 'workshop' || s.type === 'workstation')
    .map((s) => ({ id: s.id, distance: distanceMetres(hanfeng, s) }))
    .sort((a, b) => a.distance - b.distance || a.id - b.id)
    .slice(0, 5)
  expect(ids(page.near)).toEqual(ids(expected))
  // The table keeps its areas and lists each area's sites nearest first.
  expect(page.rows.every((r) => typeof r.distance === 'number')).toBe(true)
  const kaizhouRows = page.rows.filter((r) => r.areaCode === KAIZHOU).map((r) => r.distance!)
  expect(kaizhouRows.length).toBeGreaterThan(1)
  expect(kaizhouRows).toEqual([...kaizhouRows].sort((a, b) => a - b))
  expect((await mapPage('place=xyz无此地')).place).toMatchObject({ kind: 'none' })
  expect((await mapPage(`place=${encodeURIComponent('市中区')}`)).place).toMatchObject({ kind: 'choices' })
})

test('地图数据：公开可缓存，ETag 不变时 304，站点变了 ETag 就变；未知对口 404 / the data route is public and cacheable with ETag/304, changes with a site, and 404s an unknown pair', async () => {
  const s = site('weifang', 'base', '数据站点', 36.6, 119.0)
  const post = createTestVacancy('weifang')
  const city = db.select().from(areas).where(eq(areas.code, WEIFANG)).get()!
  db.update(vacancies).set({ lat: city.lat!, lng: city.lng! }).where(eq(vacancies.id, post.id)).run()
  const res = await pairData(String(KAIZHOU_PAIR))
  expect(res.status).toBe(200)
  expect(res.headers.get('Cache-Control')).toBe('public, max-age=60, stale-while-revalidate=300')
  const body = (await res.json()) as MapPairData
  expect(body.pair).toEqual({ id: KAIZHOU_PAIR, countyCode: KAIZHOU, countyName: '开州区', cityCode: WEIFANG, cityName: '潍坊市' })
  expect(body.sites.find((x) => x.id === s.id)).toMatchObject({ name: '数据站点', type: 'base', lat: 36.6, lng: 119 })
  expect(body.vacancies.find((v) => v.id === post.id)).toMatchObject({ title: post.title, approximate: true })
  expect(body.sites.every((x) => [KAIZHOU, WEIFANG].includes(x.areaCode))).toBe(true)
  expect(body.routes).toEqual([])

  const etag = res.headers.get('ETag')!
  expect(etag).toMatch(/^".+"$/)
  const again = await pairData(String(KAIZHOU_PAIR), { etag })
  expect(again.status).toBe(304)
  expect(await again.text()).toBe('')
  site('kaizhou', 'workshop', '新站点', 31.3, 108.5)
  const changed = await pairData(String(KAIZHOU_PAIR), { etag })
  expect(changed.status).toBe(200)
  expect(changed.headers.get('ETag')).not.toBe(etag)

  for (const bad of ['9999', 'abc', '1.5']) {
    const r = await pairData(bad)
    expect(r.status).toBe(404)
    expect(await r.json()).toEqual({ error: '没有这个对口协作关系。' })
  }
})

test('地图数据的正文按版本缓存：gzip 和 brotli 与原文相同，站点变了就重建，工作人员和公众各有一份 / the data body is kept per version: its gzip and brotli forms decode to the same JSON, a changed site rebuilds it, staff and public answers are kept apart', async () => {
  const ask = (encoding: string, cookie?: string) =>
    dataLoader({
      request: new Request(`http://localhost:3000/map/data/${KAIZHOU_PAIR}`, {
        headers: { 'Accept-Encoding': encoding, ...(cookie ? { Cookie: cookie } : {}) },
      }),
      params: { pairId: String(KAIZHOU_PAIR) },
      context: { cspNonce: 'n', clientIp: '127.0.0.1' },
    })
  const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer())
  site('weifang', 'base', '缓存站点', 36.6, 119.0)
  const plain = await ask('identity')
  expect(plain.headers.get('Content-Encoding')).toBeNull()
  const text = (await bytes(plain)).toString()
  const gz = await ask('gzip')
  expect(gz.headers.get('Content-Encoding')).toBe('gzip')
  expect(gz.headers.get('Vary')).toBe('Cookie, Accept-Encoding')
  expect(gunzipSync(await bytes(gz)).toString()).toBe(text)
  const br = await ask('gzip, deflate, br')
  expect(br.headers.get('Content-Encoding')).toBe('br')
  expect(brotliDecompressSync(await bytes(br)).toString()).toBe(text)
  expect((JSON.parse(text) as MapPairData).sites.some((x) => x.name === '缓存站点')).toBe(true)

  site('kaizhou', 'workshop', '缓存后新站点', 31.3, 108.5)
  const after = JSON.parse(brotliDecompressSync(await bytes(await ask('br'))).toString()) as MapPairData
  expect(after.sites.some((x) => x.name === '缓存后新站点')).toBe(true)

  createTestBatch('kaizhou', { pickupLat: 31.16, pickupLng: 108.39 })
  const staff = JSON.parse(gunzipSync(await bytes(await ask('gzip', await cookieFor('kaizhou')))).toString()) as MapPairData
  expect(staff.routes.length).toBeGreaterThan(0)
  const publicAgain = JSON.parse(gunzipSync(await bytes(await ask('gzip'))).toString()) as MapPairData
  expect(publicAgain.routes).toEqual([])
})

test('包车线路只给本对口地区的工作人员：开州、潍坊能看到，秀山、德州、匿名看不到 / batch routes reach only staff of the pair, privately', async () => {
  const { batch } = createTestBatch('kaizhou', { pickupLat: 31.18, pickupLng: 108.41 })
  const cancelled = createTestBatch('kaizhou').batch
  db.update(batches).set({ state: 'cancelled', cancelReason: '测试' }).where(eq(batches.id, cancelled.id)).run()
  const past = createTestBatch('kaizhou').batch
  db.update(batches)
    .set({ departureDate: addDays(todayInShanghai(), -1) })
    .where(eq(batches.id, past.id))
    .run()
  // A draft is no planned trip: the attacker saw weifang given 开州's draft batch here, which /east/arrivals hides.
  const draft = createTestBatch('kaizhou', { pickupLat: 31.17, pickupLng: 108.4, state: 'draft' }).batch
  const city = db.select().from(areas).where(eq(areas.code, WEIFANG)).get()!

  for (const who of ['kaizhou', 'weifang', 'admin']) {
    const res = await pairData(String(KAIZHOU_PAIR), { cookie: await cookieFor(who) })
    expect(res.headers.get('Cache-Control')).toBe('private, no-cache')
    expect(res.headers.get('Vary')).toBe('Cookie')
    const { routes } = (await res.json()) as MapPairData
    const ours = routes.filter((r) => [batch.id, cancelled.id, past.id, draft.id].includes(r.id))
    expect(ours).toEqual([
      {
        id: batch.id,
        title: `${batch.departureDate} 07:30 汉丰街道汽车站 → 潍坊市`,
        departureDate: batch.departureDate,
        pickupName: '汉丰街道汽车站',
        pickup: { lat: 31.18, lng: 108.41 },
        destinationName: '潍坊市',
        destination: { lat: city.lat, lng: city.lng },
      },
    ])
  }
  for (const who of ['xiushan', 'dezhou', null]) {
    const res = await pairData(String(KAIZHOU_PAIR), { cookie: who ? await cookieFor(who) : undefined })
    // Signed in: kept by that browser only and revalidated (ETag); anonymous: any cache, a minute.
    expect(res.headers.get('Cache-Control')).toBe(who ? 'private, no-cache' : 'public, max-age=60, stale-while-revalidate=300')
    expect(((await res.json()) as MapPairData).routes).toEqual([])
  }
  // The staff answer and the public one never share an ETag.
  const staffTag = (await pairData(String(KAIZHOU_PAIR), { cookie: await cookieFor('kaizhou') })).headers.get('ETag')
  const publicTag = (await pairData(String(KAIZHOU_PAIR))).headers.get('ETag')
  expect(staffTag).not.toBe(publicTag)
  expect((await pairData(String(KAIZHOU_PAIR), { cookie: await cookieFor('xiushan'), etag: staffTag! })).status).toBe(200)
})

test('有就业记录的务工人员在“我的”和地图上看到离工作地点最近的劳务工作站 / a hired worker sees the nearest workstations to the workplace on /me and /map', async () => {
  const post = createTestVacancy('weifang', { headcount: 5 })
  db.update(vacancies).set({ lat: 30, lng: 100 }).where(eq(vacancies.id, post.id)).run()
  const { application, user } = await createTestApplication(post.id, { centre: 'kaizhou', by: 'self' })
  const first = site('weifang', 'workstation', '工作地最近站', 30.01, 100)
  const second = site('weifang', 'workstation', '工作地第二站', 30.02, 100)
  site('weifang', 'workshop', '工作地车间', 30.001, 100)
  const third = site('weifang', 'workstation', '工作地第三站', 30.05, 100)
  site('weifang', 'workstation', '工作地第四站', 30.08, 100)
  const cookie = await cookieFor(user!.username)
  const before = await callLoader(meLoader, { path: '/me', cookie })
  expect('value' in before && before.value.nearHelp).toBeNull()

  expect(moveApplication(actorFor('weifang'), application.id, 'contacted')).toMatchObject({ ok: true })
  expect(moveApplication(actorFor('weifang'), application.id, 'hired', { startDate: todayInShanghai() })).toMatchObject({ ok: true })
  const me = await callLoader(meLoader, { path: '/me', cookie })
  if (!('value' in me)) throw new Error('/me threw')
  expect(me.value.nearHelp?.workplace).toMatchObject({ lat: 30, lng: 100, approximate: false })
  expect(ids(me.value.nearHelp!.sites)).toEqual([first.id, second.id, third.id])
  expect(me.value.nearHelp!.sites.map((s) => Math.round(s.distance))).toEqual([1112, 2224, 5560])
  const map = await mapPage('', cookie)
  expect(ids(map.workplace!.near)).toEqual([first.id, second.id, third.id])
})

test('用人单位改名后地图数据的 ETag 随之变化 / renaming an employer changes the map data ETag, so no browser keeps the old name', async () => {
  const before = (await pairData(String(KAIZHOU_PAIR))).headers.get('ETag')
  const employer = db
    .select({ id: employers.id, name: employers.name })
    .from(employers)
    .where(eq(employers.organisationId, actorFor('weifang').organisationId))
    .get()!
  db.update(employers)
    .set({ name: `${employer.name}（改名）`, updatedAt: new Date(Date.now() + 1000) })
    .where(eq(employers.id, employer.id))
    .run()
  const after = await pairData(String(KAIZHOU_PAIR), { etag: before! })
  expect(after.status).toBe(200)
  expect(after.headers.get('ETag')).not.toBe(before)
})
