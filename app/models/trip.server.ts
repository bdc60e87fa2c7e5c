import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm'
import { areas, batchEmployers, batchSeats, batchVehicles, batches, employers, workers } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import type { Result } from '~/utils/mutation.server'
import { bookSeatQueued, endSeat, type Booking } from './seat.server'

// The worker's own trips (issue 12 §3 and §9): the open batches of their county, their places on batches
// past and upcoming, and the one-time trip notices /me shows. Reads only; bookings and cancels are
// seat.server's one write transaction (decision 020). Every read is scoped by the worker's own ledger row
// (workers.user_id = the account) and county.

/** The most open batches /me/trips lists (a county runs a handful a month). */
export const MAX_OPEN_BATCHES = 50
/** The most of the worker's own trips listed, latest departure first. */
export const MAX_OWN_TRIPS = 100

/** The ledger row id linked to the worker's account, or null when there is none. */
export function ownWorkerId(actor: Actor): number | null {
  return (
    db
      .select({ id: workers.id })
      .from(workers)
      .where(and(eq(workers.userId, actor.userId), eq(workers.organisationId, actor.organisationId)))
      .get()?.id ?? null
  )
}

const capacitySql = sql<number>`(select coalesce(sum(${batchVehicles.seats}), 0) from ${batchVehicles} where ${batchVehicles.batchId} = ${batches.id})`
const seatedSql = sql<number>`(select count(*) from ${batchSeats} where ${batchSeats.batchId} = ${batches.id} and ${batchSeats.status} = 'seated')`

/** The employers of each batch, by batch id, in name order. */
function employerNamesOf(batchIds: number[]) {
  const rows = db
    .select({ batchId: batchEmployers.batchId, name: employers.name })
    .from(batchEmployers)
    .innerJoin(employers, eq(employers.id, batchEmployers.employerId))
    .where(inArray(batchEmployers.batchId, batchIds.length ? batchIds : [-1]))
    .orderBy(asc(employers.name))
    .all()
  const byBatch = new Map<number, string[]>()
  for (const r of rows) byBatch.set(r.batchId, [...(byBatch.get(r.batchId) ?? []), r.name])
  return byBatch
}

/**
 * The open batches of the worker's county leaving today or later, earliest first (at most
 * MAX_OPEN_BATCHES): departure date and time, pickup point, destination city and employers, capacity
 * (sum of bus seats) and seats left (0 = full, sign-ups join the waitlist).
 */
export function listOpenBatchesForWorker(actor: Actor) {
  const rows = db
    .select({
      id: batches.id,
      departureDate: batches.departureDate,
      departureTime: batches.departureTime,
      pickupName: batches.pickupName,
      pickupAddress: batches.pickupAddress,
      cityName: areas.name,
      notes: batches.notes,
      capacity: capacitySql,
      seated: seatedSql,
    })
    .from(batches)
    .innerJoin(areas, eq(areas.code, batches.cityCode))
    .where(and(eq(batches.organisationId, actor.organisationId), eq(batches.state, 'open'), gte(batches.departureDate, todayInShanghai())))
    .orderBy(asc(batches.departureDate), asc(batches.departureTime), asc(batches.id))
    .limit(MAX_OPEN_BATCHES)
    .all()
  const names = employerNamesOf(rows.map((r) => r.id))
  return rows.map((r) => ({ ...r, seatsLeft: Math.max(0, r.capacity - r.seated), employers: names.get(r.id) ?? [] }))
}

/**
 * The worker's own places on batches, latest departure first (at most MAX_OWN_TRIPS): the batch (date,
 * time, pickup, city, state, cancel reason), the place's status, waitlist place (1 = next) while
 * waitlisted, bus plate and seat number once planned, boarding and arrival marks, the reason a staff
 * removal gave. Empty when the account has no ledger row.
 */
export function listOwnTrips(actor: Actor) {
  const workerId = ownWorkerId(actor)
  if (workerId == null) return []
  const waitlistPlace = sql<number | null>`case when ${batchSeats.status} = 'waitlisted' then (select count(*) from ${batchSeats} w
    where w.batch_id = ${batchSeats.batchId} and w.status = 'waitlisted' and w.waitlist_seq <= ${batchSeats.waitlistSeq}) end`
  return db
    .select({
      seatId: batchSeats.id,
      batchId: batches.id,
      status: batchSeats.status,
      waitlistPlace,
      seatNo: batchSeats.seatNo,
      plate: batchVehicles.plate,
      boarding: batchSeats.boarding,
      arrival: batchSeats.arrival,
      endReason: batchSeats.endReason,
      departureDate: batches.departureDate,
      departureTime: batches.departureTime,
      pickupName: batches.pickupName,
      pickupAddress: batches.pickupAddress,
      cityName: areas.name,
      batchState: batches.state,
      cancelReason: batches.cancelReason,
      escortName: batches.escortName,
      escortPhone: batches.escortPhone,
    })
    .from(batchSeats)
    .innerJoin(batches, eq(batches.id, batchSeats.batchId))
    .innerJoin(areas, eq(areas.code, batches.cityCode))
    .leftJoin(batchVehicles, eq(batchVehicles.id, batchSeats.vehicleId))
    .where(and(eq(batchSeats.workerId, workerId), eq(batches.organisationId, actor.organisationId)))
    .orderBy(desc(batches.departureDate), desc(batchSeats.id))
    .limit(MAX_OWN_TRIPS)
    .all()
}

/**
 * Books the worker a place on a batch of their county (bookSeatQueued as `role: worker`: answered after
 * the commit it shares with the bookings asked for at the same time). A repeated POST for a batch the
 * worker already holds a live place on (double click, replayed form) is not an error: it answers
 * `{ ok: true, already: true }` with the place held. Null when the batch is not the worker's county's
 * (→ 404); other refusals as bookSeat's, and the 503 Failure when the booking queue is full.
 */
export async function bookOwnSeat(actor: Actor, batchId: number): Promise<Result<Booking & { already: boolean }> | null> {
  const booked = await bookSeatQueued(actor, batchId)
  if (!booked) return null
  if (booked.ok) return { ...booked, already: false }
  if (booked.status !== 409) return booked
  const held = listOwnTrips(actor).find((t) => t.batchId === batchId && (t.status === 'seated' || t.status === 'waitlisted'))
  if (!held) return booked
  return { ok: true, already: true, seatId: held.seatId, status: held.status as Booking['status'], waitlistPlace: held.waitlistPlace }
}

/**
 * The worker's next trip, for the 下一趟行程 card on /me (issue 12 §9: the one-time notices are gone after one
 * view, the seat is not): their live place (seated or waitlisted) on an open or closed batch of their
 * county leaving today or later, the soonest first — departure date and time, pickup name and address,
 * destination city, the batch's state, the place's status, bus plate and seat number once planned,
 * waitlist place (1 = next) while waitlisted, the boarding mark, the escort's name and phone. One query; null when there is none
 * (or the account has no ledger row).
 */
export function nextTripForWorker(actor: Actor) {
  const waitlistPlace = sql<number | null>`case when ${batchSeats.status} = 'waitlisted' then (select count(*) from ${batchSeats} w
    where w.batch_id = ${batchSeats.batchId} and w.status = 'waitlisted' and w.waitlist_seq <= ${batchSeats.waitlistSeq}) end`
  return (
    db
      .select({
        status: batchSeats.status,
        waitlistPlace,
        plate: batchVehicles.plate,
        seatNo: batchSeats.seatNo,
        boarding: batchSeats.boarding,
        batchState: batches.state,
        departureDate: batches.departureDate,
        departureTime: batches.departureTime,
        pickupName: batches.pickupName,
        pickupAddress: batches.pickupAddress,
        cityName: areas.name,
        escortName: batches.escortName,
        escortPhone: batches.escortPhone,
      })
      .from(batchSeats)
      .innerJoin(workers, eq(workers.id, batchSeats.workerId))
      .innerJoin(batches, eq(batches.id, batchSeats.batchId))
      .innerJoin(areas, eq(areas.code, batches.cityCode))
      .leftJoin(batchVehicles, eq(batchVehicles.id, batchSeats.vehicleId))
      .where(
        and(
          eq(workers.userId, actor.userId),
          eq(workers.organisationId, actor.organisationId),
          eq(batches.organisationId, actor.organisationId),
          inArray(batchSeats.status, ['seated', 'waitlisted']),
          inArray(batches.state, ['open', 'closed']),
          gte(batches.departureDate, todayInShanghai()),
        ),
      )
      .orderBy(asc(batches.departureDate), asc(batches.departureTime), asc(batchSeats.id))
      .limit(1)
      .get() ?? null
  )
}

/**
 * Cancels the worker's own place (endSeat as `role: worker`; refused 409 once the escort has marked it
 * 已上车 or 未到); null when the seat is not theirs (→ 404).
 */
export function cancelOwnSeat(actor: Actor, seatId: number) {
  return endSeat(actor, seatId)
}
