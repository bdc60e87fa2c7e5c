import { count } from 'drizzle-orm'
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { hashPassword } from '../app/utils/password.server'
import { demoLedger, type DemoPerson } from './demo/ledger'
import { demoName } from './demo/names'
import { seedReport, seedVacancies, type LedgerPerson } from './demo/vacancies'
import { todayInShanghai } from '../app/rules/dates'
import { seedTransport, type Traveller } from './demo/batches'
import { flagDemoClaims, seedSubsidy, storeTicketPictures, type CountySubsidy } from './demo/subsidy'
import { seedSites } from './demo/sites'
import { env } from '../app/utils/env.server'
import { createRandom } from './demo/random'
import { divisionName, townshipRows, villageRows } from './divisions'
import * as schema from './schema'
import { areas, auditLog, organisations, pairings, registrationReferrals, users, workers, type InsertArea, type InsertUser } from './schema'

type DB = BetterSQLite3Database<typeof schema>

export const DEMO_PASSWORD = 'Luyu@2026'

/**
 * The pairs of the programme with approximate centres (product brief), and each side's office phone (with
 * its real area code: Chongqing 023, Weifang 0536, Dezhou 0534, Zaozhuang 0632) and address, printed on
 * the post notice and the account slip. Invented numbers and street numbers. Data, not logic.
 */
export const DEMO_PAIRS = [
  {
    county: { code: '500154', lat: 31.16, lng: 108.39 },
    city: { code: '370700', lat: 36.71, lng: 119.16 },
    sinceYear: 2017,
    countyUser: 'kaizhou',
    cityUser: 'weifang',
    countyOffice: { phone: '023-52222608', address: '重庆市开州区汉丰街道开州大道中段 168 号' },
    cityOffice: { phone: '0536-8789660', address: '山东省潍坊市奎文区胜利东街 4588 号' },
  },
  {
    county: { code: '500241', lat: 28.45, lng: 108.99 },
    city: { code: '371400', lat: 37.45, lng: 116.36 },
    sinceYear: 2017,
    countyUser: 'xiushan',
    cityUser: 'dezhou',
    countyOffice: { phone: '023-76662281', address: '重庆市秀山县中和街道渝秀大道 55 号' },
    cityOffice: { phone: '0534-2688123', address: '山东省德州市德城区东风中路 1166 号' },
  },
  {
    county: { code: '500230', lat: 29.86, lng: 107.73 },
    city: { code: '370400', lat: 34.81, lng: 117.32 },
    sinceYear: 2017,
    countyUser: 'fengdu',
    cityUser: 'zaozhuang',
    countyOffice: { phone: '023-70606218', address: '重庆市丰都县三合街道平都大道西段 276 号' },
    cityOffice: { phone: '0632-3318601', address: '山东省枣庄市薛城区永福南路 2266 号' },
  },
] as const

/** The platform's own office (Chongqing, 023). */
const PLATFORM_OFFICE = { contactPhone: '023-63896512', address: '重庆市渝北区青枫北路 18 号' }

const PROVINCES = [
  { code: '500000', lat: 29.56, lng: 106.55 },
  { code: '370000', lat: 36.67, lng: 117.02 },
] as const

/** Short names for the header line, e.g. "潍坊市人社局 · 对口 开州区". */
const COUNTY_SHORT: Record<string, string> = { '500154': '开州区', '500241': '秀山县', '500230': '丰都县' }

/** Demo workers whose phone numbers the README lists; the rest are generated. */
export const DEMO_WORKERS = {
  '500154': { verified: '13996000001', unverified: '13996000002', flat: '13996000003' },
  '500241': { verified: '13996000101', unverified: '13996000102', flat: '13996000103' },
  '500230': { verified: '13996000201', unverified: '13996000202', flat: '13996000203' },
} as const

/** Registrations per county whose person is not in the ledger yet (staff must add the row first). */
const UNMATCHED_REGISTRATIONS = 2

async function divisionRows(): Promise<InsertArea[]> {
  const rows: InsertArea[] = []
  for (const p of PROVINCES) rows.push({ code: p.code, name: divisionName('province', p.code), level: 'province', lat: p.lat, lng: p.lng })
  for (const { city, county } of DEMO_PAIRS) {
    rows.push({ code: city.code, name: divisionName('city', city.code), level: 'city', parentCode: '370000', lat: city.lat, lng: city.lng })
    // Chongqing is a municipality: its districts and counties sit directly under it.
    rows.push({ code: county.code, name: divisionName('county', county.code), level: 'county', parentCode: '500000', lat: county.lat, lng: county.lng })
  }
  const counties = DEMO_PAIRS.map((p) => p.county.code)
  rows.push(...townshipRows(counties), ...(await villageRows(counties)))
  return rows
}

export function isSeeded(db: DB) {
  const row = db.select({ n: count() }).from(organisations).get()
  return (row?.n ?? 0) > 0
}

type AccountPlan = { person: DemoPerson; phone: string; verified: boolean; inLedger: boolean; countyCode: string }

/**
 * Fills an empty database with the three pairs, their organisations, staff accounts, each county's
 * ledger and worker accounts (most matched to the ledger, some waiting in the verification queue).
 * Never runs over an existing database: it refuses when organisations already exist.
 */
export async function seedDemoData(db: DB, { password = DEMO_PASSWORD, accountsPerCounty = 24, registryPerCounty = 210, uploadsDir = env.UPLOADS_DIR } = {}) {
  if (isSeeded(db)) return { seeded: false as const }
  const random = createRandom(20261122)
  // The subsidy draws from its own generator, so adding it left everything before it as it was.
  const subsidyRandom = createRandom(20261213)
  const areaRows = await divisionRows()
  const nameByCode = new Map(areaRows.map((a) => [a.code, a.name]))

  const staffPlan: { username: string; role: InsertUser['role']; displayName: string; areaCode: string }[] = [
    { username: 'admin', role: 'admin', displayName: '平台管理员', areaCode: '500000' },
  ]
  for (const pair of DEMO_PAIRS) {
    staffPlan.push({ username: pair.cityUser, role: 'east', displayName: demoName(random, random.chance(0.5) ? 'male' : 'female'), areaCode: pair.city.code })
    staffPlan.push({
      username: pair.countyUser,
      role: 'west',
      displayName: demoName(random, random.chance(0.5) ? 'male' : 'female'),
      areaCode: pair.county.code,
    })
  }

  // A second west account per county (kaizhou2 …): makes and marks the payouts of claims the first approved
  // (separation of duties, issue 13 §6).
  const payerPlan = DEMO_PAIRS.map((pair) => ({
    username: `${pair.countyUser}2`,
    role: 'west' as const,
    displayName: demoName(subsidyRandom, subsidyRandom.chance(0.5) ? 'male' : 'female'),
    areaCode: pair.county.code,
  }))

  const usedPhones = new Set<string>(Object.values(DEMO_WORKERS).flatMap((w) => [w.verified, w.unverified, w.flat]))
  const usedIds = new Set<string>()
  const ledgers = new Map<string, DemoPerson[]>()
  const accountPlan: AccountPlan[] = []
  for (const { county } of DEMO_PAIRS) {
    const people = demoLedger({
      random,
      countyCode: county.code,
      count: Math.max(registryPerCounty, accountsPerCounty) + UNMATCHED_REGISTRATIONS,
      divisions: areaRows,
      usedIds,
      usedPhones,
    })
    const ledger = people.slice(0, Math.max(registryPerCounty, accountsPerCounty))
    ledgers.set(county.code, ledger)
    for (let i = 0; i < accountsPerCounty; i++) {
      const person = ledger[i]
      // The third is the verified worker whose flat amount was paid (the README names them to try the top-up).
      const fixed = [DEMO_WORKERS[county.code].verified, DEMO_WORKERS[county.code].unverified, DEMO_WORKERS[county.code].flat][i]
      const phone = fixed ?? person.phone ?? randomPhone(random, usedPhones)
      person.phone = phone
      // The draw is made for the third too, so every later draw (and the demo after it) is as it was.
      const verified = i === 0 ? true : i === 1 ? false : random.chance(0.8) || i === 2
      accountPlan.push({ person, phone, verified, inLedger: true, countyCode: county.code })
    }
    for (const person of people.slice(ledger.length)) {
      accountPlan.push({ person, phone: person.phone ?? randomPhone(random, usedPhones), verified: false, inLedger: false, countyCode: county.code })
    }
  }

  // Hash outside the transaction (argon2 is async); each account gets its own salt.
  const hashes = await Promise.all([...staffPlan, ...accountPlan, ...payerPlan].map(() => hashPassword(password)))

  const now = new Date()
  let vacancyCount = 0
  let batchCount = 0
  let demandCount = 0
  let subsidy: ReturnType<typeof seedSubsidy> | null = null
  let siteCount = 0
  db.transaction((tx) => {
    tx.insert(areas).values(areaRows).run()
    for (const pair of DEMO_PAIRS) {
      tx.insert(pairings).values({ countyCode: pair.county.code, cityCode: pair.city.code, sinceYear: pair.sinceYear }).run()
    }
    const orgIdByArea = new Map<string, number>()
    const insertOrg = (values: typeof organisations.$inferInsert) => tx.insert(organisations).values(values).returning({ id: organisations.id }).get().id
    orgIdByArea.set(
      '500000',
      insertOrg({ kind: 'platform', name: '重庆市鲁渝劳务协作服务平台', shortName: '协作平台', areaCode: '500000', ...PLATFORM_OFFICE }),
    )
    for (const { city, county, cityOffice, countyOffice } of DEMO_PAIRS) {
      const cityName = nameByCode.get(city.code)!
      orgIdByArea.set(
        city.code,
        insertOrg({
          kind: 'bureau',
          name: `${cityName}人力资源和社会保障局`,
          shortName: `${cityName}人社局`,
          areaCode: city.code,
          contactPhone: cityOffice.phone,
          address: cityOffice.address,
        }),
      )
      const countyName = nameByCode.get(county.code)!
      orgIdByArea.set(
        county.code,
        insertOrg({
          kind: 'centre',
          name: `${countyName}就业和人才中心`,
          shortName: `${COUNTY_SHORT[county.code]}就业和人才中心`,
          areaCode: county.code,
          contactPhone: countyOffice.phone,
          address: countyOffice.address,
        }),
      )
    }
    const staffIdByUsername = new Map<string, number>()
    staffPlan.forEach((s, i) => {
      const { id } = tx
        .insert(users)
        .values({ username: s.username, role: s.role, displayName: s.displayName, passwordHash: hashes[i], organisationId: orgIdByArea.get(s.areaCode)! })
        .returning({ id: users.id })
        .get()
      staffIdByUsername.set(s.username, id)
    })
    payerPlan.forEach((s, i) => {
      const { id } = tx
        .insert(users)
        .values({
          username: s.username,
          role: s.role,
          displayName: s.displayName,
          passwordHash: hashes[staffPlan.length + accountPlan.length + i],
          organisationId: orgIdByArea.get(s.areaCode)!,
        })
        .returning({ id: users.id })
        .get()
      staffIdByUsername.set(s.username, id)
    })
    const userIdByIdNumber = new Map<string, number>()
    const userIdByUsername = new Map<string, number>()
    let firstWorkerUserId = 0
    const accountsSeen = new Map<string, number>()
    accountPlan.forEach((a, i) => {
      const id = tx
        .insert(users)
        .values({
          username: a.phone,
          role: 'worker',
          displayName: a.person.name,
          idNumber: a.person.idNumber,
          verifiedAt: a.verified ? now : null,
          passwordHash: hashes[staffPlan.length + i],
          organisationId: orgIdByArea.get(a.countyCode)!,
        })
        .returning({ id: users.id })
        .get().id
      if (a.verified) userIdByIdNumber.set(a.person.idNumber, id)
      userIdByUsername.set(a.phone, id)
      if (i === 0) firstWorkerUserId = id
      // One registration referral per county (注册受理): someone registered again with the ID number of
      // the county's third account (not the easy demo ones), from a phone of its own, yesterday.
      const nth = (accountsSeen.get(a.countyCode) ?? 0) + 1
      accountsSeen.set(a.countyCode, nth)
      if (nth === 3) {
        tx.insert(registrationReferrals)
          .values({
            organisationId: orgIdByArea.get(a.countyCode)!,
            userId: id,
            name: a.person.name,
            phone: `1772300${a.countyCode.slice(-4)}`,
            createdAt: new Date(now.getTime() - 86_400_000),
          })
          .run()
      }
    })
    const peopleByCounty = new Map<string, LedgerPerson[]>()
    const travellersByCounty = new Map<string, Traveller[]>()
    for (const [countyCode, ledger] of ledgers) {
      const organisationId = orgIdByArea.get(countyCode)!
      const people: LedgerPerson[] = []
      const travellers: Traveller[] = []
      for (const p of ledger) {
        const userId = userIdByIdNumber.get(p.idNumber) ?? null
        const { id } = tx
          .insert(workers)
          .values({ ...p, organisationId, userId })
          .returning({ id: workers.id })
          .get()
        people.push({ workerId: id, hasAccount: userId != null })
        travellers.push({ workerId: id, userId, townshipCode: p.townshipCode, villageCode: p.villageCode })
      }
      peopleByCounty.set(countyCode, people)
      travellersByCounty.set(countyCode, travellers)
    }
    const today = todayInShanghai()
    for (const pair of DEMO_PAIRS) {
      const result = seedVacancies(
        tx,
        random,
        {
          organisationId: orgIdByArea.get(pair.city.code)!,
          cityCode: pair.city.code,
          cityName: nameByCode.get(pair.city.code)!,
          cityLat: pair.city.lat,
          cityLng: pair.city.lng,
          countyCode: pair.county.code,
          staffUserId: staffIdByUsername.get(pair.cityUser)!,
        },
        peopleByCounty.get(pair.county.code)!,
        today,
        staffIdByUsername.get(pair.countyUser)!,
      )
      vacancyCount += result.posts
      if (firstWorkerUserId) seedReport(tx, result.postIds[0], firstWorkerUserId)
    }
    // Transport draws from its own generator, so adding it left the ledger, posts and hires as they were.
    const transportRandom = createRandom(20261201)
    for (const pair of DEMO_PAIRS) {
      const travellers = travellersByCounty.get(pair.county.code)!
      const demoUserId = userIdByUsername.get(DEMO_WORKERS[pair.county.code].verified)
      const result = seedTransport(
        tx,
        transportRandom,
        {
          countyCode: pair.county.code,
          cityCode: pair.city.code,
          organisationId: orgIdByArea.get(pair.county.code)!,
          bureauId: orgIdByArea.get(pair.city.code)!,
          countyStaffUserId: staffIdByUsername.get(pair.countyUser)!,
          bureauStaffUserId: staffIdByUsername.get(pair.cityUser)!,
          travellers,
          demoWorkerId: travellers.find((t) => t.userId != null && t.userId === demoUserId)?.workerId ?? null,
          phone: () => randomPhone(transportRandom, usedPhones),
        },
        today,
        now.getTime(),
      )
      batchCount += result.batches
      demandCount += result.demands
    }
    const counties: CountySubsidy[] = DEMO_PAIRS.map((pair) => {
      const travellers = travellersByCounty.get(pair.county.code)!
      const demoUserId = userIdByUsername.get(DEMO_WORKERS[pair.county.code].verified)
      return {
        countyCode: pair.county.code,
        cityCode: pair.city.code,
        organisationId: orgIdByArea.get(pair.county.code)!,
        bureauId: orgIdByArea.get(pair.city.code)!,
        reviewerUserId: staffIdByUsername.get(pair.countyUser)!,
        payerUserId: staffIdByUsername.get(`${pair.countyUser}2`)!,
        demoWorkerId: travellers.find((t) => t.userId != null && t.userId === demoUserId)?.workerId ?? null,
        flatWorkerId: travellers.find((t) => t.userId != null && t.userId === userIdByUsername.get(DEMO_WORKERS[pair.county.code].flat))?.workerId ?? null,
        accounts: travellers.flatMap((t) => (t.userId == null ? [] : [{ workerId: t.workerId, userId: t.userId }])),
        withoutAccount: travellers.filter((t) => t.userId == null).map((t) => t.workerId),
      }
    })
    subsidy = seedSubsidy(tx, subsidyRandom, counties, today, now.getTime())
    // The map's sites draw from their own generator, so adding them left everything before them as it was.
    const staffOfArea = (code: string) => DEMO_PAIRS.flatMap((p) => (p.city.code === code ? [p.cityUser] : p.county.code === code ? [p.countyUser] : []))[0]
    siteCount = seedSites(
      tx,
      createRandom(20261401),
      { organisationId: (code) => orgIdByArea.get(code)!, staffUserId: (code) => staffIdByUsername.get(staffOfArea(code))! },
      now.getTime(),
    )
    tx.insert(auditLog)
      .values({
        action: 'system.seed',
        entity: 'database',
        detail: {
          accounts: staffPlan.length + accountPlan.length + payerPlan.length,
          areas: areaRows.length,
          batches: batchCount,
          travelDemands: demandCount,
          subsidyClaims: subsidy.claims,
        },
      })
      .run()
  })
  // Pictures are drawn and stored after the rows (sharp is asynchronous), then every claim is flagged.
  const { claims, claimIds, payouts, pictures } = subsidy!
  const ticketFiles = await storeTicketPictures(db, pictures, uploadsDir)
  const flags = flagDemoClaims(db, claimIds)
  return {
    seeded: true as const,
    staff: staffPlan.length + payerPlan.length,
    workerAccounts: accountPlan.length,
    registryRows: [...ledgers.values()].reduce((n, l) => n + l.length, 0),
    vacancies: vacancyCount,
    batches: batchCount,
    travelDemands: demandCount,
    subsidyClaims: claims,
    subsidyPayouts: payouts,
    ticketFiles,
    flags,
    sites: siteCount,
    areas: areaRows.length,
  }
}

function randomPhone(random: ReturnType<typeof createRandom>, used: Set<string>) {
  let phone: string
  do phone = `1${random.pick(['35', '39', '58', '87', '99'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`
  while (used.has(phone))
  used.add(phone)
  return phone
}
