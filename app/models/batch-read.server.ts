import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import {
  areas,
  batchEmployers,
  batchSeats,
  batchVehicles,
  batches,
  employers,
  organisations,
  pairings,
  travelCompanions,
  travelDemands,
  workers,
} from '../../db/schema'
import { capacityOf, type BatchState } from '~/rules/batch'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { shortAreaName } from '~/rules/areas'
import { batchTitle } from '~/rules/batch-title'
import { env } from '~/utils/env.server'
import { getCityCentre } from './vacancy.server'
import { db } from '~/utils/db.server'
import { monthDays } from '~/utils/month-filters.server'
import { findOwned } from './query.server'

// What the county's batch pages read (issue 12 §2): the list, one batch with its buses and people, the form's
// choices. Every read is scoped by the actor's organisation; another county's batch is null (→ 404).

/** The most people a batch page lists (seated and waitlisted): 80-seat buses, a few of them, and their waitlist. */
export const MAX_SEAT_ROWS = 1000

/**
 * The states of a batch that has left (issue 15 §5): what the dashboards count as 包车批次 by departure month,
 * and what a list filtered by 发车月份 holds.
 */
export const DEPARTED_STATES = ['departed', 'arrived'] as const satisfies readonly BatchState[]

/**
 * The batches a month filter keeps: departed or arrived (narrowed to `state` when it is one of them; none when
 * it is another) with a departure day in the month `YYYY-MM` (a stored Shanghai day).
 */
export function departedInMonth(month: string, state: BatchState | null): SQL {
  const [from, to] = monthDays(month)
  const states = DEPARTED_STATES.filter((s) => state == null || s === state)
  return and(states.length > 0 ? inArray(batches.state, states) : sql`0`, sql`${batches.departureDate} >= ${from} and ${batches.departureDate} < ${to}`)!
}

/** What the county's batch list filters by: a state, and a departure month (`YYYY-MM`) of batches that left. */
export type CountyBatchFilters = { state: BatchState | null; month?: string | null }

function countyWhere(actor: Actor, { state, month = null }: CountyBatchFilters): SQL {
  if (month) return and(eq(batches.organisationId, actor.organisationId), departedInMonth(month, state))!
  return and(eq(batches.organisationId, actor.organisationId), state ? eq(batches.state, state) : undefined)!
}

/**
 * How many batches the actor's county has, in `state` or in all; with a month, those that left in it
 * (departed or arrived, departure day in the month): the county dashboard's 包车批次.
 */
export function countBatchesForCounty(actor: Actor, filters: CountyBatchFilters) {
  return db.select({ n: count() }).from(batches).where(countyWhere(actor, filters)).get()!.n
}

/**
 * A page of the county's batches, latest departure first: date, time, destination city, pickup point, state,
 * capacity (sum of bus seats), seated and waitlisted counts, and escort. The filters as countBatchesForCounty's.
 */
export function listBatchesForCounty(actor: Actor, filters: CountyBatchFilters, { limit, offset }: { limit: number; offset: number }) {
  const capacity = sql<number>`(select coalesce(sum(${batchVehicles.seats}), 0) from ${batchVehicles} where ${batchVehicles.batchId} = ${batches.id})`
  const inStatus = (status: 'seated' | 'waitlisted') =>
    sql<number>`(select count(*) from ${batchSeats} where ${batchSeats.batchId} = ${batches.id} and ${batchSeats.status} = ${status})`
  return db
    .select({
      id: batches.id,
      departureDate: batches.departureDate,
      departureTime: batches.departureTime,
      cityName: areas.name,
      pickupName: batches.pickupName,
      state: batches.state,
      capacity,
      seated: inStatus('seated'),
      waitlisted: inStatus('waitlisted'),
      boarded: sql<number>`(select count(*) from ${batchSeats} where ${batchSeats.batchId} = ${batches.id} and ${batchSeats.boarding} = 'boarded')`,
      escortName: batches.escortName,
    })
    .from(batches)
    .innerJoin(areas, eq(areas.code, batches.cityCode))
    .where(countyWhere(actor, filters))
    .orderBy(desc(batches.departureDate), desc(batches.id))
    .limit(limit)
    .offset(offset)
    .all()
}

/** How many batches one step of an export reads. */
const EXPORT_STEP = 500

/**
 * Every batch of the actor's county matching the filters, in the list's order, for the xlsx export: read
 * EXPORT_STEP at a time as the file is written (a county runs a few hundred batches a year).
 */
export function* listBatchesForCountyExport(actor: Actor, filters: CountyBatchFilters) {
  for (let offset = 0; ; offset += EXPORT_STEP) {
    const rows = listBatchesForCounty(actor, filters, { limit: EXPORT_STEP, offset })
    yield* rows
    if (rows.length < EXPORT_STEP) return
  }
}

/** One row of the county's batch list and export. */
export type CountyBatchRow = ReturnType<typeof listBatchesForCounty>[number]

/**
 * Whether `batchId` is a batch of the actor's county (any state): what a batch page's action asks first, so
 * another county's batch is a 404 before the form is read (issue 13 §6, the whole kind).
 */
export function isCountyBatch(actor: Actor, batchId: number): boolean {
  return findOwned(db, batches, actor, batchId, { id: batches.id }) != null
}

/**
 * One batch of the actor's county with its title (date and route, "12月12日 开州区→潍坊市"), destination,
 * employers, buses (seats and seats taken), people — seated (bus and seat once planned) and waitlisted in
 * order, names in full, ID and phone masked — and who was invited from travel demand (listInvitedForBatch).
 * Null when not the county's batch.
 */
export function getBatchForCounty(actor: Actor, batchId: number) {
  const batch = findOwned(db, batches, actor, batchId)
  if (!batch) return null
  const cityName = db.select({ name: areas.name }).from(areas).where(eq(areas.code, batch.cityCode)).get()?.name ?? batch.cityCode
  const countyName = shortAreaName(db.select({ name: areas.name }).from(areas).where(eq(areas.code, actor.areaCode)).get()?.name ?? '')
  const employerNames = db
    .select({ id: employers.id, name: employers.name })
    .from(batchEmployers)
    .innerJoin(employers, eq(employers.id, batchEmployers.employerId))
    .where(eq(batchEmployers.batchId, batchId))
    .orderBy(asc(employers.name))
    .all()
  const vehicles = db.select().from(batchVehicles).where(eq(batchVehicles.batchId, batchId)).orderBy(asc(batchVehicles.id)).all()
  const township = alias(areas, 'township')
  const people = db
    .select({
      id: batchSeats.id,
      status: batchSeats.status,
      source: batchSeats.source,
      waitlistSeq: batchSeats.waitlistSeq,
      vehicleId: batchSeats.vehicleId,
      seatNo: batchSeats.seatNo,
      boarding: batchSeats.boarding,
      arrival: batchSeats.arrival,
      name: workers.name,
      idNumber: workers.idNumber,
      phone: workers.phone,
      township: township.name,
    })
    .from(batchSeats)
    .innerJoin(workers, eq(workers.id, batchSeats.workerId))
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .where(and(eq(batchSeats.batchId, batchId), inArray(batchSeats.status, ['seated', 'waitlisted'])))
    .orderBy(asc(batchSeats.status), asc(batchSeats.vehicleId), asc(batchSeats.seatNo), asc(batchSeats.waitlistSeq), asc(batchSeats.id))
    .limit(MAX_SEAT_ROWS)
    .all()
  const plateOf = new Map(vehicles.map((v) => [v.id, v.plate]))
  const rows = people.map(({ idNumber, phone, vehicleId, ...p }) => ({
    ...p,
    idMasked: maskIdNumber(idNumber),
    phoneMasked: phone ? maskMobile(phone) : null,
    plate: vehicleId == null ? null : (plateOf.get(vehicleId) ?? null),
  }))
  const seated = rows.filter((r) => r.status === 'seated')
  const takenOn = (vehicleId: number) => people.filter((p) => p.status === 'seated' && p.vehicleId === vehicleId).length
  return {
    batch,
    title: batchTitle({ departureDate: batch.departureDate, countyName, cityName }),
    cityName,
    invited: listInvitedForBatch(batchId),
    employers: employerNames,
    vehicles: vehicles.map((v) => ({ id: v.id, plate: v.plate, seats: v.seats, planned: takenOn(v.id) })),
    capacity: capacityOf(vehicles),
    seated,
    waitlisted: rows.filter((r) => r.status === 'waitlisted'),
  }
}

/**
 * Who a batch invited from travel demand (issue 12 §1, §9): the workers whose demand is linked to it (invited,
 * or booked since) and those demands' confirmed companions — the people opening the batch tells on /me
 * (batch.server's writeInvitedNotices). Takes the batch id (already scoped by the caller); returns names in
 * demand order (each demand's companions after it), each person once.
 */
export function listInvitedForBatch(batchId: number) {
  const demands = db
    .select({ id: travelDemands.id, workerId: travelDemands.workerId, name: workers.name })
    .from(travelDemands)
    .innerJoin(workers, eq(workers.id, travelDemands.workerId))
    .where(and(eq(travelDemands.batchId, batchId), inArray(travelDemands.state, ['invited', 'booked'])))
    .orderBy(asc(travelDemands.id))
    .all()
  const companions = db
    .select({ demandId: travelCompanions.demandId, workerId: travelCompanions.workerId, name: workers.name })
    .from(travelCompanions)
    .innerJoin(workers, eq(workers.id, travelCompanions.workerId))
    .where(and(inArray(travelCompanions.demandId, demands.map((d) => d.id).concat(-1)), isNotNull(travelCompanions.confirmedAt)))
    .orderBy(asc(travelCompanions.demandId), asc(workers.name))
    .all()
  const people = new Map<number, string>()
  for (const d of demands) {
    people.set(d.workerId, d.name)
    for (const c of companions) if (c.demandId === d.id && !people.has(c.workerId)) people.set(c.workerId, c.name)
  }
  return [...people.values()]
}

/** The id of the live ledger row with this (normalised) ID number in the actor's county, or null. */
export function findCountyWorkerId(actor: Actor, idNumber: string) {
  return (
    db
      .select({ id: workers.id })
      .from(workers)
      .where(and(eq(workers.idNumber, idNumber), eq(workers.organisationId, actor.organisationId), isNull(workers.archivedAt)))
      .get()?.id ?? null
  )
}

/**
 * What the batch form offers the actor's county: destination cities (every city with a bureau; the paired
 * one first and the default) and the employers of each city's bureau that are not archived (name order).
 */
export function batchFormChoices(actor: Actor) {
  const paired = db.select({ cityCode: pairings.cityCode }).from(pairings).where(eq(pairings.countyCode, actor.areaCode)).get()?.cityCode ?? null
  const cities = db
    .select({ code: areas.code, name: areas.name, bureauId: organisations.id })
    .from(organisations)
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .where(eq(organisations.kind, 'bureau'))
    .orderBy(asc(areas.code))
    .all()
    .sort((a, b) => Number(b.code === paired) - Number(a.code === paired))
  const employerRows = db
    .select({ id: employers.id, name: employers.name, bureauId: employers.organisationId })
    .from(employers)
    .where(and(inArray(employers.organisationId, cities.map((c) => c.bureauId).concat(-1)), isNull(employers.archivedAt)))
    .orderBy(asc(employers.name))
    .limit(2000)
    .all()
  return {
    pairedCity: paired,
    cities: cities.map((c) => ({
      code: c.code,
      name: c.name,
      employers: employerRows.filter((e) => e.bureauId === c.bureauId).map((e) => ({ id: e.id, name: e.name })),
    })),
  }
}

/**
 * Where the batch form's pickup map starts (issue 12 §2): the county's centre from the areas table, named
 * short (开州区), and the operator's map tiles (MAP_TILE_URL; null: a blank map). Null when the county has no
 * centre: the form then offers the degree fields only.
 */
export function batchMapOf(actor: Actor) {
  const centre = getCityCentre(actor.areaCode)
  return centre ? { centre: { ...centre, name: shortAreaName(centre.name) }, tileUrl: env.MAP_TILE_URL ?? null, tiles: env.mapTiles } : null
}
