import { and, desc, eq, isNull } from 'drizzle-orm'
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { addDays } from '../../app/rules/dates'
import { planSeats } from '../../app/rules/seat-plan'
import * as schema from '../schema'
import {
  batchEmployers,
  batchSeats,
  boardingCheckins,
  batchVehicles,
  batches,
  employers,
  employmentRecords,
  travelCompanions,
  travelDemands,
  tripNotices,
  workers,
} from '../schema'
import { demoName } from './names'
import type { Random } from './random'

type DB = BetterSQLite3Database<typeof schema>

// Demo transport (issue 12 §10): for each county, two batches that arrived in its paired city (weeks and
// months ago, seats numbered by the real seat plan, boarded and arrival marks, arrivals linked to the hires
// the demo already has), one open batch leaving in five days that is full with a short waitlist, one draft,
// and open travel demand for the coming weeks. Rows are written straight into the tables, like the rest of
// the seed; the capacity, seat-number and departure-date triggers still check every seat row.

/** Each county's pickup points (invented addresses on real streets' districts; WGS-84 degrees) and plate prefix. */
const COUNTY_TRANSPORT: Record<string, { plates: string[]; pickups: { name: string; address: string; lat: number; lng: number }[] }> = {
  '500154': {
    plates: ['渝F', '渝D'],
    pickups: [
      { name: '开州区人力资源市场', address: '重庆市开州区汉丰街道开州大道中段 168 号', lat: 31.16122, lng: 108.39307 },
      { name: '开州汽车站', address: '重庆市开州区汉丰街道安康路 2 号', lat: 31.17468, lng: 108.40259 },
    ],
  },
  '500241': {
    plates: ['渝H', '渝D'],
    pickups: [
      { name: '秀山县就业和人才服务局 广场', address: '重庆市秀山县中和街道渝秀大道 55 号', lat: 28.44827, lng: 108.99405 },
      { name: '秀山汽车客运站', address: '重庆市秀山县中和街道凤凰路 88 号', lat: 28.46107, lng: 108.98712 },
    ],
  },
  '500230': {
    plates: ['渝G', '渝D'],
    pickups: [
      { name: '丰都县人力社保局 门口', address: '重庆市丰都县三合街道平都大道西段 276 号', lat: 29.86538, lng: 107.73062 },
      { name: '丰都汽车客运站', address: '重庆市丰都县三合街道商业二路 9 号', lat: 29.87175, lng: 107.74391 },
    ],
  },
}

const NOTES = ['请携带身份证和健康证明，行李限一件', '途中在服务区用餐，餐费由县就业中心承担', '请提前 30 分钟到集合地点，过时不候']
const DEMAND_NOTES = ['想和同村老乡一起走', '已和单位电话联系好', '带一件行李', '年后第一批走', null, null]

/** A ledger row of the county, as the batches need it: its account (if verified) and where it lives. */
export type Traveller = { workerId: number; userId: number | null; townshipCode: string; villageCode: string | null }

export type CountyTransport = {
  countyCode: string
  cityCode: string
  /** The county centre's organisation id. */
  organisationId: number
  /** The destination bureau's organisation id (its employers ride the batches). */
  bureauId: number
  /** The county staff account that runs the batches and boards the workers. */
  countyStaffUserId: number
  /** The bureau staff account that confirms the arrivals. */
  bureauStaffUserId: number
  /** The county's ledger rows, in ledger order. */
  travellers: Traveller[]
  /** The ledger row of the demo worker whose /me/trips shows a seat (README: 13996000001 …). */
  demoWorkerId: number | null
  /** A new mobile number, not used by anyone else in the demo (escorts). */
  phone: () => string
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The moment of `time` (`HH:MM`) on the Shanghai day `date`. */
function at(date: string, time: string) {
  return new Date(`${date}T${time}:00+08:00`)
}

/**
 * Seeds one county's batches and travel demand (see the comment at the top), dated from `today` (Shanghai
 * `YYYY-MM-DD`) and `now`. Takes as many ledger rows as the sizes need or the ledger has. Returns how many
 * batches and demand rows it wrote.
 */
export function seedTransport(tx: DB, random: Random, c: CountyTransport, today: string, now: number) {
  const { plates, pickups } = COUNTY_TRANSPORT[c.countyCode]
  const bureauEmployers = tx
    .select({ id: employers.id })
    .from(employers)
    .where(and(eq(employers.organisationId, c.bureauId), isNull(employers.archivedAt)))
    .orderBy(employers.id)
    .all()
    .map((e) => e.id)
  const byWorker = new Map(c.travellers.map((t) => [t.workerId, t]))
  // The ledger's hires in the destination city, latest per worker: who travelled to start work there.
  const hires = new Map<number, { id: number; employerId: number; startDate: string }>()
  for (const h of tx
    .select({
      id: employmentRecords.id,
      workerId: employmentRecords.workerId,
      employerId: employmentRecords.employerId,
      startDate: employmentRecords.startDate,
    })
    .from(employmentRecords)
    .innerJoin(workers, eq(workers.id, employmentRecords.workerId))
    .where(and(eq(workers.organisationId, c.organisationId), eq(employmentRecords.cityCode, c.cityCode)))
    .orderBy(desc(employmentRecords.startDate), desc(employmentRecords.id))
    .all()) {
    if (!hires.has(h.workerId) && byWorker.has(h.workerId)) hires.set(h.workerId, h)
  }

  const used = new Set<number>(c.demoWorkerId == null ? [] : [c.demoWorkerId])
  const pool = shuffled(
    random,
    c.travellers.filter((t) => !used.has(t.workerId) && !hires.has(t.workerId)),
  )
  function take(n: number, { accountsFirst = false } = {}) {
    const free = pool.filter((t) => !used.has(t.workerId))
    const ordered = accountsFirst ? [...free.filter((t) => t.userId != null), ...free.filter((t) => t.userId == null)] : free
    const picked = ordered.slice(0, Math.max(0, n))
    for (const t of picked) used.add(t.workerId)
    return picked
  }

  let plateNo = random.int(10000, 60000)
  const plate = () => `${random.pick(plates)}${plateNo++ + random.int(1, 900)}`
  const escort = () => ({ escortName: demoName(random, random.chance(0.7) ? 'male' : 'female'), escortPhone: c.phone() })
  const pickEmployers = (n: number) => shuffled(random, bureauEmployers).slice(0, n)

  function insertBatch(values: Omit<typeof batches.$inferInsert, 'organisationId' | 'cityCode' | 'escortName' | 'escortPhone'>, employerIds: number[]) {
    const id = tx
      .insert(batches)
      .values({
        organisationId: c.organisationId,
        cityCode: c.cityCode,
        ...escort(),
        createdByUserId: c.countyStaffUserId,
        updatedByUserId: c.countyStaffUserId,
        ...values,
      })
      .returning({ id: batches.id })
      .get().id
    for (const employerId of new Set(employerIds)) tx.insert(batchEmployers).values({ batchId: id, employerId }).run()
    return id
  }
  function insertVehicles(batchId: number, seats: number[], createdAt: Date) {
    return seats.map((n) => ({
      id: tx.insert(batchVehicles).values({ batchId, plate: plate(), seats: n, createdAt }).returning({ id: batchVehicles.id }).get().id,
      seats: n,
    }))
  }
  /** A seat row as the booking writes it: by the worker at /me/trips when they have an account and chose to, else by staff. */
  function seatRow(batchId: number, departureDate: string, t: Traveller, bookedAt: Date) {
    const self = t.userId != null && random.chance(0.5)
    return {
      batchId,
      workerId: t.workerId,
      userId: t.userId,
      departureDate,
      source: self ? ('self' as const) : ('staff' as const),
      createdByUserId: self ? t.userId : c.countyStaffUserId,
      createdAt: bookedAt,
      updatedAt: bookedAt,
    }
  }

  // ——— Two batches that arrived: hires ride the latest batch leaving on or before their start day ———
  const pastPlans = [
    { daysAgo: random.int(56, 75), buses: [45, 33], seated: 70 },
    { daysAgo: random.int(17, 26), buses: [45], seated: 39 },
  ]
  const pastDates = pastPlans.map((p) => addDays(today, -p.daysAgo))
  const hiredOn: Traveller[][] = pastPlans.map(() => [])
  for (const [workerId, h] of hires) {
    const i = pastDates.findLastIndex((d) => d <= h.startDate)
    if (i < 0 || workerId === c.demoWorkerId || hiredOn[i].length >= pastPlans[i].seated) continue
    hiredOn[i].push(byWorker.get(workerId)!)
    used.add(workerId)
  }
  pastPlans.forEach((p, i) => {
    const date = pastDates[i]
    const time = random.pick(['07:00', '07:30', '08:00'])
    const departedAt = at(date, time)
    const openedAt = new Date(departedAt.getTime() - random.int(12, 18) * DAY)
    const closedAt = new Date(departedAt.getTime() - random.int(1, 2) * DAY - 5 * HOUR)
    const arrivedAt = new Date(departedAt.getTime() + random.int(20, 23) * HOUR)
    const hired = hiredOn[i]
    const employerIds = [...pickEmployers(2), ...hired.map((t) => hires.get(t.workerId)!.employerId)]
    const pickup = pickups[i % pickups.length]
    const batchId = insertBatch(
      {
        pickupName: pickup.name,
        pickupAddress: pickup.address,
        pickupLat: pickup.lat,
        pickupLng: pickup.lng,
        departureDate: date,
        departureTime: time,
        notes: random.pick(NOTES),
        state: 'arrived',
        openedAt,
        closedAt,
        departedAt,
        arrivedAt,
        createdAt: new Date(openedAt.getTime() - DAY),
        updatedAt: arrivedAt,
      },
      employerIds,
    )
    const vehicles = insertVehicles(batchId, p.buses, openedAt)
    const riders = [...hired, ...take(p.seated - hired.length)]
    const seatIds = riders.map(
      (t) =>
        tx
          .insert(batchSeats)
          .values({ ...seatRow(batchId, date, t, new Date(openedAt.getTime() + random.int(1, 300) * HOUR)), status: 'seated' })
          .returning({ id: batchSeats.id })
          .get().id,
    )
    const plan = planSeats(
      vehicles,
      riders.map((t, k) => ({ id: seatIds[k], village: t.villageCode, township: t.townshipCode, group: null })),
    )
    const placeOf = new Map(plan.map((s) => [s.id, s]))
    // One or two did not turn up at the bus; one who boarded did not reach the employer (first batch only).
    const noShows = new Set(
      shuffled(
        random,
        riders.filter((t) => !hires.has(t.workerId)),
      )
        .slice(0, random.int(1, 2))
        .map((t) => t.workerId),
    )
    const missing = i === 0 ? riders.find((t) => !hires.has(t.workerId) && !noShows.has(t.workerId))?.workerId : undefined
    riders.forEach((t, k) => {
      const place = placeOf.get(seatIds[k])!
      const boarded = !noShows.has(t.workerId)
      const hire = hires.get(t.workerId)
      const arrival = !boarded ? null : t.workerId === missing ? ('missing' as const) : ('arrived' as const)
      const boardingAt = new Date(departedAt.getTime() - random.int(5, 40) * 60_000)
      tx.update(batchSeats)
        .set({
          vehicleId: place.vehicleId,
          seatNo: place.seatNo,
          boarding: boarded ? 'boarded' : 'no_show',
          boardingAt,
          boardingByUserId: c.countyStaffUserId,
          arrival,
          arrivalAt: arrival ? new Date(arrivedAt.getTime() + random.int(10, 120) * 60_000) : null,
          arrivalByUserId: arrival ? c.bureauStaffUserId : null,
          employmentRecordId: arrival === 'arrived' && hire && hiredOn[i].includes(t) ? hire.id : null,
          updatedAt: arrival ? arrivedAt : departedAt,
        })
        .where(eq(batchSeats.id, seatIds[k]))
        .run()
      // The escort ticked it on the phone at the bus, with the check-in the phone's queue sends (decision 022).
      tx.insert(boardingCheckins)
        .values({
          checkinId: uuid(random),
          batchId,
          seatId: seatIds[k],
          mark: boarded ? 'boarded' : 'no_show',
          base: null,
          phoneAt: boardingAt.toISOString(),
          source: 'phone',
          result: 'applied',
          userId: c.countyStaffUserId,
          createdAt: new Date(boardingAt.getTime() + random.int(0, 90) * 1000),
        })
        .run()
    })
  })

  // Who asks for a later trip: taken before the open batch fills, so some of them filed it from their own account.
  const demanders = take(random.int(4, 8), { accountsFirst: true })

  // ——— The open batch: leaves in five days, every seat taken, a waitlist; one worker cancelled and the first waitlisted moved up ———
  const openDate = addDays(today, 5)
  const openedAt = new Date(now - random.int(6, 9) * DAY)
  const openId = insertBatch(
    {
      pickupName: pickups[0].name,
      pickupAddress: pickups[0].address,
      pickupLat: pickups[0].lat,
      pickupLng: pickups[0].lng,
      departureDate: openDate,
      departureTime: '07:30',
      notes: NOTES[0],
      state: 'open',
      openedAt,
      createdAt: new Date(openedAt.getTime() - DAY),
      updatedAt: openedAt,
    },
    pickEmployers(2),
  )
  const [bus] = insertVehicles(openId, [45], openedAt)
  const demo = c.demoWorkerId == null ? [] : [byWorker.get(c.demoWorkerId)!]
  const seatedPeople = [...demo, ...take(bus.seats - demo.length - 1)]
  const [cancelled] = take(1, { accountsFirst: true })
  const waiting = take(random.int(3, 4), { accountsFirst: true })
  const bookedAt = (k: number) => new Date(openedAt.getTime() + (k + 1) * ((now - openedAt.getTime() - DAY) / (bus.seats + waiting.length + 2)))
  let k = 0
  const cancelledAt = new Date(now - 20 * HOUR)
  if (cancelled) {
    const self = cancelled.userId != null
    tx.insert(batchSeats)
      .values({
        ...seatRow(openId, openDate, cancelled, bookedAt(k++)),
        status: self ? 'cancelled' : 'removed',
        endReason: '家里老人生病，改下一批走',
        endedAt: cancelledAt,
        endedByUserId: self ? cancelled.userId : c.countyStaffUserId,
        updatedAt: cancelledAt,
      })
      .run()
  }
  for (const t of seatedPeople)
    tx.insert(batchSeats)
      .values({ ...seatRow(openId, openDate, t, bookedAt(k++)), status: 'seated' })
      .run()
  waiting.forEach((t, seq) => {
    const row = { ...seatRow(openId, openDate, t, bookedAt(k++)), waitlistSeq: seq + 1 }
    if (seq === 0 && cancelled) {
      // Promoted in the cancel's transaction, and told so on /me.
      const { id } = tx
        .insert(batchSeats)
        .values({ ...row, status: 'seated', promotedAt: cancelledAt, updatedAt: cancelledAt })
        .returning({ id: batchSeats.id })
        .get()
      tx.insert(tripNotices).values({ workerId: t.workerId, batchId: openId, seatId: id, kind: 'promoted', createdAt: cancelledAt }).run()
    } else
      tx.insert(batchSeats)
        .values({ ...row, status: 'waitlisted' })
        .run()
  })

  // ——— A draft for later this month: a bus, no seats yet ———
  const draftAt = new Date(now - random.int(1, 3) * DAY)
  const draftId = insertBatch(
    {
      pickupName: pickups[1].name,
      pickupAddress: pickups[1].address,
      pickupLat: pickups[1].lat,
      pickupLng: pickups[1].lng,
      departureDate: addDays(today, random.int(18, 24)),
      departureTime: '08:00',
      notes: null,
      createdAt: draftAt,
      updatedAt: draftAt,
    },
    pickEmployers(1),
  )
  insertVehicles(draftId, [49], draftAt)

  // ——— Open travel demand for the coming weeks (issue 12 §1); one names a companion who agreed ———
  demanders.forEach((t, n) => {
    const earliest = addDays(today, random.int(7, 35))
    const filedAt = new Date(now - random.int(1, 12) * DAY - random.int(0, 10) * HOUR)
    const self = t.userId != null && n % 3 !== 2
    const { id } = tx
      .insert(travelDemands)
      .values({
        organisationId: c.organisationId,
        workerId: t.workerId,
        userId: self ? t.userId : null,
        earliestDate: earliest,
        latestDate: addDays(earliest, random.int(7, 21)),
        cityCode: c.cityCode,
        employerId: random.chance(0.4) ? (random.pick(bureauEmployers) ?? null) : null,
        pickupTownshipCode: t.townshipCode,
        note: random.pick(DEMAND_NOTES),
        createdByUserId: self ? t.userId : c.countyStaffUserId,
        createdAt: filedAt,
        updatedAt: filedAt,
      })
      .returning({ id: travelDemands.id })
      .get()
    if (n === 0) {
      const [companion] = take(1)
      if (companion)
        tx.insert(travelCompanions)
          .values({ demandId: id, workerId: companion.workerId, confirmedAt: new Date(filedAt.getTime() + 5 * HOUR), createdAt: filedAt })
          .run()
    }
  })
  return { batches: pastPlans.length + 2, demands: demanders.length }
}

/** A version-4-shaped UUID drawn from `random`, as the escort's phone makes check-in ids. */
function uuid(random: Random) {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('')
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.int(0, 3)).toString(16)}${hex(3)}-${hex(12)}`
}

/** A copy of `items` in an order drawn from `random` (Fisher–Yates). */
function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}
