import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, count, eq, inArray, ne } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { parseIdNumber } from '../app/rules/id-number'
import { parseMobile } from '../app/rules/mobile'
import { verifyPassword } from '../app/utils/password.server'
import { openDatabase } from './connection'
import { DEMO_PAIRS, DEMO_PASSWORD, DEMO_WORKERS, isSeeded, seedDemoData } from './seed'
import { addDays, formatDate, todayInShanghai } from '../app/rules/dates'
import { parsePlate } from '../app/rules/batch'
import { parsePoint } from '../app/rules/vacancy'
import { CLAIM_STATES } from '../app/rules/subsidy-enums'
import { canTransition } from '../app/rules/subsidy-states'
import { siteFieldsSchema } from '../app/rules/site'
import {
  applications,
  areas,
  auditLog,
  batchEmployers,
  batchSeats,
  batchVehicles,
  batches,
  countyMonthCounts,
  employers,
  employmentRecords,
  organisations,
  pairings,
  sites,
  subsidyClaimEvents,
  subsidyClaims,
  subsidyFiles,
  subsidyFlags,
  subsidyPayoutRows,
  subsidyPayouts,
  subsidyPolicies,
  subsidyTickets,
  travelDemands,
  users,
  vacancies,
  workers,
} from './schema'

/** A new database file in a folder of its own; the seed's ticket pictures go in that folder's uploads/. */
function freshDb() {
  return openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-seed-')), 'portal.db'))
}

/** seedDemoData with the pictures stored beside the test's database, never in the checkout's data/uploads. */
function seed(db: ReturnType<typeof freshDb>, options: { accountsPerCounty?: number; registryPerCounty?: number } = {}) {
  return seedDemoData(db, { ...options, uploadsDir: path.join(path.dirname(db.$client.name), 'uploads') })
}

test('演示数据：三对结对、各方单位和十个工作人员账号 / demo data: three pairs, their organisations and the ten staff accounts', async () => {
  const db = freshDb()
  const result = await seed(db, { accountsPerCounty: 20, registryPerCounty: 20 })
  expect(result.seeded).toBe(true)
  const pairs = db.select().from(pairings).all()
  expect(pairs.map((p) => `${p.countyCode}-${p.cityCode}`)).toEqual(['500154-370700', '500241-371400', '500230-370400'])
  const staff = db
    .select({ username: users.username, role: users.role, kind: organisations.kind, area: organisations.areaCode })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .all()
    .filter((u) => u.role !== 'worker')
  expect(staff).toEqual(
    expect.arrayContaining([
      { username: 'admin', role: 'admin', kind: 'platform', area: '500000' },
      { username: 'weifang', role: 'east', kind: 'bureau', area: '370700' },
      { username: 'dezhou', role: 'east', kind: 'bureau', area: '371400' },
      { username: 'zaozhuang', role: 'east', kind: 'bureau', area: '370400' },
      { username: 'kaizhou', role: 'west', kind: 'centre', area: '500154' },
      { username: 'xiushan', role: 'west', kind: 'centre', area: '500241' },
      { username: 'fengdu', role: 'west', kind: 'centre', area: '500230' },
      { username: 'kaizhou2', role: 'west', kind: 'centre', area: '500154' },
      { username: 'xiushan2', role: 'west', kind: 'centre', area: '500241' },
      { username: 'fengdu2', role: 'west', kind: 'centre', area: '500230' },
    ]),
  )
  expect(staff).toHaveLength(10)
  const admin = db.select().from(users).where(eq(users.username, 'admin')).get()!
  // argon2id with the OWASP minimum: 19 MiB, 2 iterations, 1 lane (the PHC string orders them m, p, t).
  expect(admin.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
  expect(await verifyPassword(admin.passwordHash, DEMO_PASSWORD)).toBe(true)
  db.$client.close()
}, 60_000)

test('每县至少 20 名务工人员，身份证号和手机号都合法且属于本县 / each county has at least 20 workers with valid, home-county ID numbers and valid phones', async () => {
  const db = freshDb()
  await seed(db, { accountsPerCounty: 20, registryPerCounty: 20 })
  const workers = db
    .select({ phone: users.username, idNumber: users.idNumber, verifiedAt: users.verifiedAt, area: organisations.areaCode })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.role, 'worker'))
    .all()
  for (const county of ['500154', '500241', '500230']) {
    const mine = workers.filter((w) => w.area === county)
    expect(mine.length).toBeGreaterThanOrEqual(20)
    expect(mine.some((w) => w.verifiedAt == null)).toBe(true)
    expect(mine.some((w) => w.verifiedAt != null)).toBe(true)
  }
  for (const w of workers) {
    const id = parseIdNumber(w.idNumber!)
    expect(id.ok, w.idNumber!).toBe(true)
    if (id.ok) expect(id.value.areaCode).toBe(w.area)
    expect(parseMobile(w.phone)).toEqual({ ok: true, value: w.phone })
  }
  expect(new Set(workers.map((w) => w.idNumber)).size).toBe(workers.length)
  db.$client.close()
}, 60_000)

test('乡镇来自行政区划包，挂在本县下面 / townships come from the division package under their county', async () => {
  const db = freshDb()
  await seed(db, { accountsPerCounty: 1, registryPerCounty: 1 })
  const towns = db
    .select({ n: count() })
    .from(areas)
    .where(and(eq(areas.level, 'township'), eq(areas.parentCode, '500154')))
    .get()!.n
  expect(towns).toBeGreaterThanOrEqual(30)
  const hanfeng = db.select().from(areas).where(eq(areas.code, '500154001')).get()
  expect(hanfeng?.name).toBe('汉丰街道')
  db.$client.close()
}, 60_000)

test('已有数据的库不会再被写入演示数据 / seeding never runs over an existing database', async () => {
  const db = freshDb()
  await seed(db, { accountsPerCounty: 2, registryPerCounty: 2 })
  const before = db.select({ n: count() }).from(users).get()!.n
  expect(isSeeded(db)).toBe(true)
  const again = await seed(db, { accountsPerCounty: 2, registryPerCounty: 2 })
  expect(again.seeded).toBe(false)
  expect(db.select({ n: count() }).from(users).get()!.n).toBe(before)
  db.$client.close()
}, 60_000)

test('每县台账至少 200 行，分布在本县真实乡镇，已核验账号都关联到台账 / each county ledger has 200+ rows over its real townships, and verified accounts are linked', async () => {
  const db = freshDb()
  await seed(db)
  for (const county of ['500154', '500241', '500230']) {
    const centre = db
      .select()
      .from(organisations)
      .where(and(eq(organisations.areaCode, county), eq(organisations.kind, 'centre')))
      .get()!
    const rows = db.select().from(workers).where(eq(workers.organisationId, centre.id)).all()
    expect(rows.length).toBeGreaterThanOrEqual(200)
    const towns = new Set(rows.map((r) => r.townshipCode))
    expect(towns.size).toBeGreaterThan(15)
    for (const r of rows) {
      expect(r.townshipCode.startsWith(county)).toBe(true)
      if (r.villageCode) expect(r.villageCode.startsWith(r.townshipCode)).toBe(true)
      const id = parseIdNumber(r.idNumber)
      expect(id.ok && id.value.birthDate === r.birthDate && id.value.sex === r.sex).toBe(true)
    }
    const accounts = db
      .select()
      .from(users)
      .where(and(eq(users.organisationId, centre.id), eq(users.role, 'worker')))
      .all()
    const linked = new Map(rows.filter((r) => r.userId != null).map((r) => [r.userId, r]))
    for (const a of accounts) {
      if (a.verifiedAt) expect(linked.get(a.id)?.idNumber).toBe(a.idNumber)
      else expect(linked.has(a.id)).toBe(false)
    }
    // Some registrations wait with a ledger row to match, some without one.
    const ids = new Set(rows.map((r) => r.idNumber))
    const waiting = accounts.filter((a) => !a.verifiedAt)
    expect(waiting.some((a) => ids.has(a.idNumber!))).toBe(true)
    expect(waiting.some((a) => !ids.has(a.idNumber!))).toBe(true)
  }
  db.$client.close()
}, 60_000)

test('演示单位都有带本地区号的联系电话，用人单位的电话是本市区号 / every demo organisation has a phone with its own area code, and employers and posts give their own city’s', async () => {
  const db = freshDb()
  await seed(db, { accountsPerCounty: 2, registryPerCounty: 2 })
  const areaCode: Record<string, string> = {
    '500000': '023',
    '500154': '023',
    '500241': '023',
    '500230': '023',
    '370700': '0536',
    '371400': '0534',
    '370400': '0632',
  }
  const orgs = db.select().from(organisations).all()
  expect(orgs).toHaveLength(7)
  for (const o of orgs) {
    expect(o.contactPhone, o.name).toMatch(new RegExp(`^${areaCode[o.areaCode]}-\\d{7,8}$`))
    expect(o.address, o.name).toBeTruthy()
  }
  const phones = db
    .select({ employer: employers.contactPhone, post: vacancies.contactPhone, city: vacancies.cityCode })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .all()
  expect(phones.length).toBeGreaterThan(0)
  for (const p of phones) {
    expect(p.employer.startsWith(`${areaCode[p.city]}-`), `${p.city} ${p.employer}`).toBe(true)
    expect(p.post.startsWith(`${areaCode[p.city]}-`), `${p.city} ${p.post}`).toBe(true)
  }
  db.$client.close()
}, 60_000)

test('演示录用：上岗日期不早于录用日期和录用那一步；本月报名不少于本月录用 / demo hires start on or after the hire date, and this month’s applications are at least its hires', async () => {
  const db = freshDb()
  await seed(db, { accountsPerCounty: 3, registryPerCounty: 20 })
  const hires = db
    .select({ start: employmentRecords.startDate, recorded: employmentRecords.createdAt, hiredAt: applications.statusChangedAt })
    .from(employmentRecords)
    .innerJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .all()
  expect(hires.length).toBeGreaterThan(0)
  for (const h of hires) {
    expect(h.start >= formatDate(h.recorded), `${h.start} < ${formatDate(h.recorded)}`).toBe(true)
    expect(h.start >= formatDate(h.hiredAt!), `${h.start} < ${formatDate(h.hiredAt!)}`).toBe(true)
  }
  const now = Date.now()
  expect(
    db
      .select()
      .from(applications)
      .all()
      .every((a) => a.createdAt.getTime() <= now),
  ).toBe(true)
  const month = todayInShanghai().slice(0, 7)
  const centres = db.select().from(organisations).where(eq(organisations.kind, 'centre')).all()
  expect(centres).toHaveLength(3)
  for (const c of centres) {
    const figures = db
      .select()
      .from(countyMonthCounts)
      .where(and(eq(countyMonthCounts.organisationId, c.id), eq(countyMonthCounts.month, month)))
      .get()
    expect(figures?.applications ?? 0, c.name).toBeGreaterThan(0)
    expect(figures!.applications, c.name).toBeGreaterThanOrEqual(figures!.hires)
  }
  db.$client.close()
}, 60_000)

test('演示包车：每县两个已抵达批次（座号、上车、到岗、关联录用），一个满员有候补的开放批次，一个草稿，4–8 条出行需求 / demo transport: per county two arrived batches (seats, boarding, arrivals, linked hires), one full open batch with a waitlist, one draft, 4–8 open demands', async () => {
  const db = freshDb()
  await seed(db)
  const today = todayInShanghai()
  let linkedHires = 0
  for (const pair of DEMO_PAIRS) {
    const centre = db
      .select()
      .from(organisations)
      .where(and(eq(organisations.areaCode, pair.county.code), eq(organisations.kind, 'centre')))
      .get()!
    const bureauStaff = db.select().from(users).where(eq(users.username, pair.cityUser)).get()!
    const mine = db.select().from(batches).where(eq(batches.organisationId, centre.id)).orderBy(batches.departureDate).all()
    expect(mine.map((b) => b.state)).toEqual(['arrived', 'arrived', 'open', 'draft'])
    for (const b of mine) {
      expect(b.cityCode).toBe(pair.city.code)
      // A pickup point in the county: a valid WGS-84 point within about 20 km of its centre.
      const point = parsePoint(String(b.pickupLat), String(b.pickupLng))
      expect(point, b.pickupName).not.toBeNull()
      expect(Math.abs(point!.lat - pair.county.lat) + Math.abs(point!.lng - pair.county.lng), b.pickupName).toBeLessThan(0.2)
      expect(parseMobile(b.escortPhone)).toEqual({ ok: true, value: b.escortPhone })
      const buses = db.select().from(batchVehicles).where(eq(batchVehicles.batchId, b.id)).all()
      expect(buses.length).toBeGreaterThanOrEqual(1)
      for (const v of buses) expect(parsePlate(v.plate), v.plate).toBe(v.plate)
      expect(db.select().from(batchEmployers).where(eq(batchEmployers.batchId, b.id)).all().length).toBeGreaterThan(0)
    }
    const [first, second, open, draft] = mine
    expect(first.departureDate < addDays(today, -28) && second.departureDate < addDays(today, -7)).toBe(true)
    for (const b of [first, second]) {
      const seats = db.select().from(batchSeats).where(eq(batchSeats.batchId, b.id)).all()
      expect(seats.length).toBeGreaterThan(20)
      for (const s of seats) {
        expect(s.status).toBe('seated')
        expect(s.seatNo, 'every seat numbered').not.toBeNull()
        expect(s.boarding).not.toBeNull()
        // Only who boarded is marked on arrival, and by the paired bureau's staff.
        if (s.boarding === 'no_show') expect(s.arrival).toBeNull()
        else expect(s.arrivalByUserId).toBe(bureauStaff.id)
        if (s.employmentRecordId != null) {
          linkedHires++
          const hire = db.select().from(employmentRecords).where(eq(employmentRecords.id, s.employmentRecordId)).get()!
          expect(s.arrival).toBe('arrived')
          expect([hire.workerId, hire.cityCode, hire.startDate >= b.departureDate]).toEqual([s.workerId, pair.city.code, true])
          const employerIds = db
            .select()
            .from(batchEmployers)
            .where(eq(batchEmployers.batchId, b.id))
            .all()
            .map((e) => e.employerId)
          expect(employerIds).toContain(hire.employerId)
        }
      }
      expect(seats.some((s) => s.arrival === 'arrived')).toBe(true)
    }
    // Open: leaves in five days, every seat taken, a waitlist of 2–3 in order; the README worker holds a seat.
    expect(open.departureDate).toBe(addDays(today, 5))
    const capacity = db
      .select()
      .from(batchVehicles)
      .where(eq(batchVehicles.batchId, open.id))
      .all()
      .reduce((n, v) => n + v.seats, 0)
    const openSeats = db.select().from(batchSeats).where(eq(batchSeats.batchId, open.id)).all()
    expect(openSeats.filter((s) => s.status === 'seated')).toHaveLength(capacity)
    const waitlist = openSeats.filter((s) => s.status === 'waitlisted').map((s) => s.waitlistSeq!)
    expect(waitlist.length).toBeGreaterThanOrEqual(2)
    expect(waitlist.length).toBeLessThanOrEqual(3)
    expect(waitlist).toEqual([...waitlist].sort((a, b) => a - b))
    const demo = db
      .select({ status: batchSeats.status })
      .from(batchSeats)
      .innerJoin(users, eq(users.id, batchSeats.userId))
      .where(and(eq(batchSeats.batchId, open.id), eq(users.username, DEMO_WORKERS[pair.county.code].verified)))
      .get()
    expect(demo?.status).toBe('seated')
    expect(draft.departureDate > today).toBe(true)
    expect(db.select().from(batchSeats).where(eq(batchSeats.batchId, draft.id)).all()).toHaveLength(0)
    // Open travel demand of the county's own ledger, for the coming weeks, to the paired city.
    const demands = db
      .select({ d: travelDemands, workerOrg: workers.organisationId })
      .from(travelDemands)
      .innerJoin(workers, eq(workers.id, travelDemands.workerId))
      .where(eq(travelDemands.organisationId, centre.id))
      .all()
    expect(demands.length).toBeGreaterThanOrEqual(4)
    expect(demands.length).toBeLessThanOrEqual(8)
    for (const { d, workerOrg } of demands) {
      expect([d.state, d.cityCode, workerOrg]).toEqual(['open', pair.city.code, centre.id])
      expect(d.earliestDate > today && d.earliestDate <= addDays(today, 42) && d.earliestDate <= d.latestDate).toBe(true)
    }
  }
  expect(linkedHires).toBeGreaterThan(0)
  db.$client.close()
}, 60_000)

test('演示交通补助：每县今年和去年的政策，各状态的申领，跨县同票号、翻拍照片、包车去程、一等座和飞机不予补助，审核人之外的人发放 / demo subsidy: policies for this year and last, claims in every state, a shared ticket number across counties, a re-shot photo, a batch leg, first class and flights refused, payouts made by someone other than the approver', async () => {
  const db = freshDb()
  const result = await seed(db)
  const year = Number(todayInShanghai().slice(0, 4))
  expect(result.seeded && result.ticketFiles).toBeGreaterThan(0)
  for (const pair of DEMO_PAIRS) {
    const centre = db
      .select()
      .from(organisations)
      .where(and(eq(organisations.areaCode, pair.county.code), eq(organisations.kind, 'centre')))
      .get()!
    const policyYears = db
      .select({ year: subsidyPolicies.year })
      .from(subsidyPolicies)
      .where(eq(subsidyPolicies.organisationId, centre.id))
      .all()
      .map((p) => p.year)
      .sort()
    expect(policyYears).toEqual([year - 1, year])
    const claims = db.select().from(subsidyClaims).where(eq(subsidyClaims.organisationId, centre.id)).all()
    expect(new Set(claims.map((c) => c.state))).toEqual(new Set(CLAIM_STATES))
    // Every claim's timeline walks allowed moves only, ends in its state and has one audit row per move.
    for (const claim of claims) {
      const events = db.select().from(subsidyClaimEvents).where(eq(subsidyClaimEvents.claimId, claim.id)).orderBy(subsidyClaimEvents.id).all()
      expect(events[0]).toMatchObject({ fromState: null, toState: 'draft' })
      for (const e of events.slice(1)) expect(canTransition(e.fromState!, e.toState), `${e.fromState} → ${e.toState}`).toBe(true)
      expect(events.at(-1)!.toState).toBe(claim.state)
      const audited = db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, String(claim.id)), inArray(auditLog.entity, ['claim', 'subsidy_claim']), ne(auditLog.action, 'claim.ticket_decide')))
        .get()!.n
      expect(audited, `claim ${claim.id}`).toBe(events.length)
      if (claim.state !== 'draft') expect(claim.year).toBe(year)
    }
    // Separation of duties: whoever approved a claim neither made its payout nor marked it.
    const rows = db
      .select({ row: subsidyPayoutRows, payout: subsidyPayouts, decidedBy: subsidyClaims.decidedByUserId })
      .from(subsidyPayoutRows)
      .innerJoin(subsidyPayouts, eq(subsidyPayouts.id, subsidyPayoutRows.payoutId))
      .innerJoin(subsidyClaims, eq(subsidyClaims.id, subsidyPayoutRows.claimId))
      .where(eq(subsidyPayouts.organisationId, centre.id))
      .all()
    expect(new Set(rows.map((r) => r.row.result))).toEqual(new Set(['paid', 'failed', 'pending']))
    for (const r of rows) {
      expect(r.payout.createdByUserId).not.toBe(r.decidedBy)
      if (r.row.result !== 'pending') expect(r.row.markedByUserId).not.toBe(r.decidedBy)
    }
    const closed = db
      .select()
      .from(subsidyPayouts)
      .where(and(eq(subsidyPayouts.organisationId, centre.id), eq(subsidyPayouts.state, 'closed')))
      .get()!
    expect(closed.noticeFrom! <= closed.noticeUntil!).toBe(true)
    // The README worker has a claim returned with a message and is eligible (脱贫人口, work outside Chongqing this year).
    const demo = db
      .select({ claim: subsidyClaims, household: workers.householdStatus })
      .from(subsidyClaims)
      .innerJoin(users, eq(users.id, subsidyClaims.userId))
      .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
      .where(eq(users.username, DEMO_WORKERS[pair.county.code].verified))
      .get()!
    expect([demo.claim.state, demo.household, demo.claim.workplaceCode]).toEqual(['returned', 'alleviated', pair.city.code])
    expect(demo.claim.decisionMessage).toBeTruthy()
    const refused = db
      .select({ mode: subsidyTickets.mode, reason: subsidyTickets.rejectReason, batchId: subsidyTickets.batchId })
      .from(subsidyTickets)
      .innerJoin(subsidyClaims, eq(subsidyClaims.id, subsidyTickets.claimId))
      .where(and(eq(subsidyClaims.organisationId, centre.id), eq(subsidyTickets.decision, 'rejected')))
      .all()
    expect(refused).toEqual(
      expect.arrayContaining([
        { mode: 'hsr_first', reason: 'ineligible_mode', batchId: null },
        { mode: 'flight', reason: 'ineligible_mode', batchId: null },
        { mode: 'coach', reason: 'batch_leg', batchId: expect.any(Number) },
      ]),
    )
    expect(claims.some((c) => c.flat && c.userId == null && c.assistedByUserId != null && c.state === 'paid')).toBe(true)
    // The README's flat-amount worker (13996000003 …) is verified and holds a paid flat claim of this year: the top-up shows to them.
    const flatOwner = db.select().from(users).where(eq(users.username, DEMO_WORKERS[pair.county.code].flat)).get()!
    expect(flatOwner.verifiedAt).not.toBeNull()
    expect(claims.filter((c) => c.userId === flatOwner.id).map((c) => [c.flat, c.state, c.year])).toEqual([[true, 'paid', year]])
    // Every ticket of a submitted-or-later claim has a photo, except the returned claim's return ticket.
    const photographed = new Set(
      db
        .select({ ticketId: subsidyFiles.ticketId })
        .from(subsidyFiles)
        .all()
        .map((f) => f.ticketId),
    )
    const unphotographed = db
      .select({ state: subsidyClaims.state, direction: subsidyTickets.direction, id: subsidyTickets.id })
      .from(subsidyTickets)
      .innerJoin(subsidyClaims, eq(subsidyClaims.id, subsidyTickets.claimId))
      .where(and(eq(subsidyClaims.organisationId, centre.id), ne(subsidyClaims.state, 'draft')))
      .all()
      .filter((t) => !photographed.has(t.id))
      .map((t) => [t.state, t.direction])
    expect(unphotographed).toEqual([['returned', 'return']])
  }
  // The shared ticket number joins a claim of 开州区 to one of 秀山县; the re-shot photo is found by its hash.
  const flags = db
    .select({ kind: subsidyFlags.kind, org: subsidyClaims.organisationId, otherClaimId: subsidyFlags.otherClaimId })
    .from(subsidyFlags)
    .innerJoin(subsidyClaims, eq(subsidyClaims.id, subsidyFlags.claimId))
    .all()
  const shared = flags.filter((f) => f.kind === 'ticket_number')
  expect(shared).toHaveLength(2)
  expect(new Set(shared.map((f) => f.org)).size).toBe(2)
  // One re-shot pair per county (both claims flagged), and no drawn ticket mistaken for another.
  expect(flags.filter((f) => f.kind === 'photo_hash')).toHaveLength(6)
  // Every stored picture is a JPEG of 10–80 KB (a drawn ticket, not a blank) under the uploads folder.
  for (const file of db.select().from(subsidyFiles).all()) {
    const bytes = fs.readFileSync(path.join(path.dirname(db.$client.name), 'uploads', 'claims', file.storedName))
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    expect(bytes.length).toBeGreaterThan(10_000)
    expect(bytes.length).toBeLessThan(80_000)
  }
  db.$client.close()
}, 60_000)

/** Ray casting: whether a WGS-84 point lies inside a GeoJSON Polygon or MultiPolygon (outer rings less holes). */
function insideOutline(lat: number, lng: number, geometry: { type: string; coordinates: unknown }) {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][]
  const inRing = (ring: number[][]) => {
    let inside = false
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]
      const [xj, yj] = ring[j]
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  }
  return polygons.some(([outer, ...holes]) => inRing(outer) && !holes.some(inRing))
}

test('演示站点：每市至少 3 个工作站或基地和 1 个零工市场，每县至少 3 个帮扶车间和 1 个站点，点位在本市县内，有同址站点和关闭站点 / demo sites: per city 3+ workstations or bases and a gig market, per county 3+ workshops and a workstation, base or service point, inside their own area, one shared point and one closed site', async () => {
  const db = freshDb()
  const result = await seed(db, { accountsPerCounty: 2, registryPerCounty: 2 })
  const rows = db
    .select({ site: sites, kind: organisations.kind, orgArea: organisations.areaCode })
    .from(sites)
    .innerJoin(organisations, eq(organisations.id, sites.organisationId))
    .all()
  expect(result.seeded && result.sites).toBe(rows.length)
  const outline = (await import('../app/data/map-outline.json')).default as {
    features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[]
  }
  const phoneCode: Record<string, string> = { '500154': '023', '500241': '023', '500230': '023', '370700': '0536', '371400': '0534', '370400': '0632' }
  for (const pair of DEMO_PAIRS) {
    const active = (code: string) => rows.filter((r) => r.site.areaCode === code && r.site.status === 'active').map((r) => r.site.type)
    expect(active(pair.city.code).filter((t) => t === 'workstation' || t === 'base').length, pair.city.code).toBeGreaterThanOrEqual(3)
    expect(active(pair.city.code), pair.city.code).toContain('service_point')
    expect(active(pair.county.code).filter((t) => t === 'workshop').length, pair.county.code).toBeGreaterThanOrEqual(3)
    expect(
      active(pair.county.code).some((t) => t !== 'workshop'),
      pair.county.code,
    ).toBe(true)
  }
  for (const { site, kind, orgArea } of rows) {
    // Owned by its own city's bureau or county's centre.
    expect(orgArea, site.siteNumber).toBe(site.areaCode)
    expect(kind, site.siteNumber).toBe(site.areaCode.startsWith('37') ? 'bureau' : 'centre')
    // The form's and the import's own check passes, so a demo site can be saved back unchanged.
    const fields = siteFieldsSchema.safeParse({ ...site, services: JSON.parse(site.services) as string[], workersHelped: String(site.workersHelped) })
    expect(fields.success && fields.data, site.siteNumber).toMatchObject({
      siteNumber: site.siteNumber,
      lat: site.lat,
      lng: site.lng,
      contactPhone: site.contactPhone,
    })
    expect(site.contactPhone, site.siteNumber).toMatch(new RegExp(`^(${phoneCode[site.areaCode]}-\\d{7,8}|1\\d{10})$`))
    // 5–6 decimals, and inside the owner's area on the bundled outline.
    for (const v of [site.lat, site.lng]) expect(String(v), site.siteNumber).toMatch(/^\d+\.\d{5,6}$/)
    const area = outline.features.find((f) => f.properties.code === site.areaCode)!
    expect(insideOutline(site.lat, site.lng, area.geometry), `${site.siteNumber} ${site.lat},${site.lng}`).toBe(true)
    expect(site.closedAt == null, site.siteNumber).toBe(site.status === 'active')
  }
  // A building with a workstation and a gig market (spiderfy), and one closed workstation.
  const points = new Map<string, string[]>()
  for (const { site } of rows) points.set(`${site.lat},${site.lng}`, [...(points.get(`${site.lat},${site.lng}`) ?? []), site.type])
  expect([...points.values()].filter((types) => types.length > 1)).toEqual([['workstation', 'service_point']])
  expect(rows.filter((r) => r.site.status === 'closed').map((r) => r.site.type)).toEqual(['workstation'])
  // The same demo on every machine: another seed gives the same contacts.
  const again = freshDb()
  await seed(again, { accountsPerCounty: 2, registryPerCounty: 2 })
  const contacts = (d: typeof db) =>
    d
      .select({ n: sites.siteNumber, c: sites.contactName })
      .from(sites)
      .all()
      .map((r) => `${r.n} ${r.c}`)
  expect(contacts(again)).toEqual(contacts(db))
  db.$client.close()
  again.$client.close()
}, 60_000)
