import { and, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm'
import {
  batchEmployers,
  batchSeats,
  batchVehicles,
  batches,
  employers,
  organisations,
  pairings,
  travelCompanions,
  travelDemands,
  tripNotices,
  workers,
  type SelectBatch,
} from '../../db/schema'
import {
  BATCH_MOVES,
  batchMoveRefusal,
  capacityRefusal,
  isClockTime,
  LIVE_SEAT_STATUSES,
  operationRefusal,
  parsePlate,
  VEHICLE_SEATS,
  type BatchMove,
} from '~/rules/batch'
import { addDays, todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { companionGroups, planSeats } from '~/rules/seat-plan'
import { isCalendarDate } from '~/rules/vacancy'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { countRows, findOwned } from './query.server'
import { promoteWaitlisted, seatFigures, writeTripNotice } from './seat.server'
import { checkDemandForBatch, inviteDemand, reopenDemandOfBatch } from './travel-demand.server'

// Batches (包车批次) run by a county centre (issue 12 §2, decision 020): create and edit, buses, and the
// moves draft → open → closed → departed → arrived or cancelled. Each write is one BEGIN IMMEDIATE
// transaction with its audit row; what a state allows is app/rules/batch.ts. Seats are ./seat.server.

/** How far ahead a batch may leave (days): a typo such as 2062 should not make a batch nobody can book. */
export const MAX_DEPARTURE_DAYS = 366

/** A batch as the form gives it, trimmed; dates Shanghai `YYYY-MM-DD`, time `HH:MM`, map point WGS-84 degrees. */
export type BatchValues = {
  cityCode: string
  pickupName: string
  pickupAddress: string
  pickupLat: number | null
  pickupLng: number | null
  departureDate: string
  departureTime: string
  notes: string | null
  escortName: string
  escortPhone: string
  employerIds: number[]
}

/** The destination city of the actor's county by its pairing (the batch form's default), or null when unpaired. */
export function pairedCityOf(actor: Actor): string | null {
  return db.select({ cityCode: pairings.cityCode }).from(pairings).where(eq(pairings.countyCode, actor.areaCode)).get()?.cityCode ?? null
}

/** Why `values` cannot be stored (a Failure beside its field), or the destination bureau's id. */
function checkValues(tx: Queryable, values: BatchValues, { dateChanged }: { dateChanged: boolean }): Result<{ bureauId: number }> {
  const today = todayInShanghai()
  if (!isCalendarDate(values.departureDate)) return failure('发车日期应为 YYYY-MM-DD 格式的日期', { field: 'departureDate' })
  if (dateChanged && values.departureDate < today) return failure('发车日期不能早于今天', { field: 'departureDate' })
  if (values.departureDate > addDays(today, MAX_DEPARTURE_DAYS)) return failure('发车日期最远一年以内', { field: 'departureDate' })
  if (!isClockTime(values.departureTime)) return failure('发车时间应为 HH:MM，如 07:30', { field: 'departureTime' })
  const bureau = tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.areaCode, values.cityCode), eq(organisations.kind, 'bureau')))
    .get()
  if (!bureau) return failure('请选择目的地城市', { field: 'cityCode' })
  const ids = [...new Set(values.employerIds)]
  if (ids.length > 0) {
    const found = tx
      .select({ id: employers.id })
      .from(employers)
      .where(and(inArray(employers.id, ids), eq(employers.organisationId, bureau.id), isNull(employers.archivedAt)))
      .all()
    if (found.length !== ids.length) return failure('用人单位须是目的地城市人社局登记的单位', { field: 'employerIds' })
  }
  return { ok: true, bureauId: bureau.id }
}

function fieldsOf(values: BatchValues) {
  const { employerIds: _employers, ...fields } = values
  return fields
}

function setEmployers(tx: Queryable, batchId: number, employerIds: number[]) {
  tx.delete(batchEmployers).where(eq(batchEmployers.batchId, batchId)).run()
  for (const employerId of new Set(employerIds)) tx.insert(batchEmployers).values({ batchId, employerId }).run()
}

/**
 * Creates a draft batch of the actor's county (west staff only; others 403). Refused beside its field for
 * a departure day past or more than MAX_DEPARTURE_DAYS ahead, a time not HH:MM, a city without a bureau,
 * or an employer not of that city's bureau. With `demandIds` (a batch made from travel demand, issue 12
 * §1), those demands are linked in the same transaction (invited, batch set, audited `demand.invite`);
 * refused, with nothing written, when any is not an open demand of the county going to the batch's city.
 * Audited `batch.create`. Returns the new id.
 */
export function createBatch(actor: Actor, values: BatchValues, { demandIds = [] }: { demandIds?: number[] } = {}): Result<{ id: number }> {
  if (actor.role !== 'west') return failure('无权进行此操作', { status: 403 })
  return writeTransaction((tx) => {
    const checked = checkValues(tx, values, { dateChanged: true })
    if (!checked.ok) return checked
    // Every check before the first write: a refusal returns without rolling back, so nothing may be written yet.
    const demand = demandIds.length > 0 ? checkDemandForBatch(tx, actor, demandIds, values.cityCode) : { ok: true as const, ids: [] }
    if (!demand.ok) return demand
    const { id } = tx
      .insert(batches)
      .values({ ...fieldsOf(values), organisationId: actor.organisationId, createdByUserId: actor.userId, updatedByUserId: actor.userId })
      .returning({ id: batches.id })
      .get()
    setEmployers(tx, id, values.employerIds)
    inviteDemand(tx, actor, id, demand.ids)
    writeActorAudit(tx, actor, {
      action: 'batch.create',
      entity: 'batch',
      entityId: id,
      detail: { departureDate: values.departureDate, cityCode: values.cityCode, demand: demand.ids.length },
    })
    return { ok: true as const, id }
  })
}

/**
 * Edits a batch of the actor's county. The departure date and city may change only while draft or open
 * (the seats' copied date follows, trigger batch_seats_departure_date_sync; refused when someone seated
 * would then hold two seats that day); the rest while draft, open or closed. Null when not the county's
 * batch (→ 404). Audited `batch.update` with the names of the changed fields.
 */
export function updateBatch(actor: Actor, batchId: number, values: BatchValues): Result | null {
  try {
    return writeTransaction((tx) => {
      const batch = findOwned(tx, batches, actor, batchId)
      if (!batch) return null
      const routeChanged = values.departureDate !== batch.departureDate || values.cityCode !== batch.cityCode
      const refusal = operationRefusal(batch.state, routeChanged ? 'route' : 'details', actor.role)
      if (refusal) return failure(refusal)
      const checked = checkValues(tx, values, { dateChanged: values.departureDate !== batch.departureDate })
      if (!checked.ok) return checked
      // Demand invited to this batch asked for its city (createBatch checks the same): the city stays while any is linked.
      if (
        values.cityCode !== batch.cityCode &&
        countRows(tx, travelDemands, and(eq(travelDemands.batchId, batchId), inArray(travelDemands.state, ['invited', 'booked']))) > 0
      )
        return failure('这个批次编入了出行需求，人员要去原目的地城市，不能改城市。请另建批次。', { field: 'cityCode' })
      const fields = fieldsOf(values)
      const changed = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== batch[k as keyof SelectBatch])
      tx.update(batches)
        .set({ ...fields, updatedByUserId: actor.userId })
        .where(eq(batches.id, batchId))
        .run()
      setEmployers(tx, batchId, values.employerIds)
      writeActorAudit(tx, actor, { action: 'batch.update', entity: 'batch', entityId: batchId, detail: { changed } })
      return { ok: true as const }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure('有已占座的人员当天已在另一批次，不能改到这一天', { field: 'departureDate', status: 409 })
    throw error
  }
}

/**
 * Adds a bus to a batch of the actor's county (draft or open). The plate is normalised (parsePlate) and
 * once per batch; seats VEHICLE_SEATS.min–max. On an open batch the new seats go at once to the
 * waitlist, in order. Null when not the county's batch. Audited `batch.vehicle_add`.
 */
export function addVehicle(actor: Actor, batchId: number, input: { plate: string; seats: number }): Result<{ id: number; promoted: number }> | null {
  const plate = parsePlate(input.plate)
  if (!plate) return failure('车牌号格式不对，如 渝D12345', { field: 'plate' })
  if (!Number.isInteger(input.seats) || input.seats < VEHICLE_SEATS.min || input.seats > VEHICLE_SEATS.max) {
    return failure(`座位数应在 ${VEHICLE_SEATS.min} 到 ${VEHICLE_SEATS.max} 之间`, { field: 'seats' })
  }
  try {
    return writeTransaction((tx) => {
      const batch = findOwned(tx, batches, actor, batchId)
      if (!batch) return null
      const refusal = operationRefusal(batch.state, 'vehicles', actor.role)
      if (refusal) return failure(refusal)
      const { id } = tx.insert(batchVehicles).values({ batchId, plate, seats: input.seats }).returning({ id: batchVehicles.id }).get()
      writeActorAudit(tx, actor, { action: 'batch.vehicle_add', entity: 'batch', entityId: batchId, detail: { vehicleId: id, seats: input.seats } })
      const promoted = batch.state === 'open' ? promoteWaitlisted(tx, actor, batch, input.seats).length : 0
      return { ok: true as const, id, promoted }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure('这辆车已在本批次中', { field: 'plate' })
    throw error
  }
}

/**
 * Changes a bus's seat count, or removes the bus (`seats: 0`), on a draft or open batch of the actor's
 * county. Refused when the batch's capacity would fall below the seats taken (issue 12 §2; the triggers
 * batch_vehicles_capacity_* refuse it too). More seats on an open batch promote from the waitlist. Null
 * when the bus is not on the county's batch. Audited `batch.vehicle_update` / `batch.vehicle_remove`.
 */
export function resizeVehicle(actor: Actor, batchId: number, vehicleId: number, seats: number): Result<{ promoted: number }> | null {
  if (!Number.isInteger(seats) || seats < 0 || seats > VEHICLE_SEATS.max)
    return failure(`座位数应在 ${VEHICLE_SEATS.min} 到 ${VEHICLE_SEATS.max} 之间`, { field: 'seats' })
  return writeTransaction((tx) => {
    const batch = findOwned(tx, batches, actor, batchId)
    const bus =
      batch &&
      tx
        .select()
        .from(batchVehicles)
        .where(and(eq(batchVehicles.id, vehicleId), eq(batchVehicles.batchId, batchId)))
        .get()
    if (!batch || !bus) return null
    const refusal = operationRefusal(batch.state, 'vehicles', actor.role)
    if (refusal) return failure(refusal)
    const { capacity, seated } = seatFigures(tx, batchId)
    const tooFew = capacityRefusal(capacity - bus.seats + seats, seated)
    if (tooFew) return failure(tooFew, { field: 'seats' })
    if (seats === 0) tx.delete(batchVehicles).where(eq(batchVehicles.id, vehicleId)).run()
    else tx.update(batchVehicles).set({ seats }).where(eq(batchVehicles.id, vehicleId)).run()
    writeActorAudit(tx, actor, {
      action: seats === 0 ? 'batch.vehicle_remove' : 'batch.vehicle_update',
      entity: 'batch',
      entityId: batchId,
      detail: { vehicleId, from: bus.seats, to: seats },
    })
    const promoted = batch.state === 'open' && seats > bus.seats ? promoteWaitlisted(tx, actor, batch, seats - bus.seats).length : 0
    return { ok: true as const, promoted }
  })
}

/** The batch a move is asked on: the county's own; for the arrival also a batch heading to the bureau's city. */
function batchForMove(tx: Queryable, actor: Actor, batchId: number) {
  if (actor.role === 'east')
    return (
      tx
        .select()
        .from(batches)
        .where(and(eq(batches.id, batchId), eq(batches.cityCode, actor.areaCode), ne(batches.state, 'draft')))
        .get() ?? null
    )
  return findOwned(tx, batches, actor, batchId)
}

const MOVE_MOMENT = { open: 'openedAt', close: 'closedAt', reopen: 'openedAt', depart: 'departedAt', arrive: 'arrivedAt', cancel: 'cancelledAt' } as const

/**
 * Moves a batch (issue 12 §2) when batchMoveRefusal allows it: opening needs a bus; closing assigns the
 * seat plan (companions together, a village on one bus; each seated worker gets a `seat_assigned` notice);
 * reopening clears the plan; cancelling needs a reason, removes every live place with a `batch_cancelled`
 * notice and puts the batch's travel demand back to open (reopenDemandOfBatch). Opening tells each worker
 * invited from travel demand, and their confirmed companions, with an `invited` notice on /me (once per
 * worker and batch). Null when the batch is not the actor's (→ 404).
 * Audited `batch.<move>`.
 */
export function moveBatch(actor: Actor, batchId: number, move: BatchMove, { reason = null }: { reason?: string | null } = {}): Result | null {
  return writeTransaction((tx) => {
    const batch = batchForMove(tx, actor, batchId)
    if (!batch) return null
    const { capacity, seated } = seatFigures(tx, batchId)
    const refusal = batchMoveRefusal(move, {
      state: batch.state,
      role: actor.role,
      departureDate: batch.departureDate,
      today: todayInShanghai(),
      capacity,
      seated,
      reason,
    })
    if (refusal) return failure(refusal, move === 'cancel' ? { field: 'reason' } : {})
    const now = new Date()
    const to = BATCH_MOVES[move]
    tx.update(batches)
      .set({ state: to, [MOVE_MOMENT[move]]: now, ...(move === 'cancel' ? { cancelReason: reason!.trim() } : {}), updatedByUserId: actor.userId })
      .where(eq(batches.id, batchId))
      .run()
    if (move === 'open') writeInvitedNotices(tx, batch)
    if (move === 'close') assignSeatPlan(tx, batch)
    if (move === 'reopen') clearSeatPlan(tx, batchId)
    if (move === 'cancel') cancelSeats(tx, actor, batch, now)
    writeActorAudit(tx, actor, { action: `batch.${move}`, entity: 'batch', entityId: batchId, detail: { from: batch.state, to, seated } })
    return { ok: true as const }
  })
}

/** Drops a batch's seat plan (buses and seat numbers) and, with the old list, its boarding marks (§6): a batch reopened and closed again starts a fresh list. */
function clearSeatPlan(tx: Queryable, batchId: number) {
  tx.update(batchSeats)
    .set({ vehicleId: null, seatNo: null, boarding: null, boardingAt: null, boardingByUserId: null })
    .where(and(eq(batchSeats.batchId, batchId), or(isNotNull(batchSeats.vehicleId), isNotNull(batchSeats.boarding))))
    .run()
}

/** Gives every seated worker of `batch` a bus and seat (app/rules/seat-plan.ts) and tells them. */
function assignSeatPlan(tx: Queryable, batch: SelectBatch) {
  clearSeatPlan(tx, batch.id)
  const vehicles = tx.select({ id: batchVehicles.id, seats: batchVehicles.seats }).from(batchVehicles).where(eq(batchVehicles.batchId, batch.id)).all()
  const seated = tx
    .select({ id: batchSeats.id, workerId: batchSeats.workerId, village: workers.villageCode, township: workers.townshipCode })
    .from(batchSeats)
    .innerJoin(workers, eq(workers.id, batchSeats.workerId))
    .where(and(eq(batchSeats.batchId, batch.id), eq(batchSeats.status, 'seated')))
    .all()
  const workerIds = seated.map((s) => s.workerId)
  const pairs =
    workerIds.length === 0
      ? []
      : tx
          .select({ a: travelDemands.workerId, b: travelCompanions.workerId })
          .from(travelCompanions)
          .innerJoin(travelDemands, eq(travelDemands.id, travelCompanions.demandId))
          .where(and(isNotNull(travelCompanions.confirmedAt), inArray(travelDemands.workerId, workerIds), inArray(travelCompanions.workerId, workerIds)))
          .all()
          .map((p) => [p.a, p.b] as const)
  const groups = companionGroups(pairs)
  const plan = planSeats(
    vehicles,
    seated.map((s) => ({ id: s.id, village: s.village, township: s.township, group: groups.get(s.workerId) ?? null })),
  )
  const workerOf = new Map(seated.map((s) => [s.id, s.workerId]))
  for (const place of plan) {
    tx.update(batchSeats).set({ vehicleId: place.vehicleId, seatNo: place.seatNo }).where(eq(batchSeats.id, place.id)).run()
    writeTripNotice(tx, { workerId: workerOf.get(place.id)!, batchId: batch.id, seatId: place.id, kind: 'seat_assigned' })
  }
}

function cancelSeats(tx: Queryable, actor: Actor, batch: SelectBatch, now: Date) {
  const live = tx
    .select({ id: batchSeats.id, workerId: batchSeats.workerId })
    .from(batchSeats)
    .where(and(eq(batchSeats.batchId, batch.id), inArray(batchSeats.status, LIVE_SEAT_STATUSES)))
    .all()
  tx.update(batchSeats)
    .set({ status: 'removed', endedAt: now, endedByUserId: actor.userId, vehicleId: null, seatNo: null })
    .where(and(eq(batchSeats.batchId, batch.id), inArray(batchSeats.status, LIVE_SEAT_STATUSES)))
    .run()
  for (const seat of live) writeTripNotice(tx, { workerId: seat.workerId, batchId: batch.id, seatId: seat.id, kind: 'batch_cancelled' })
  reopenDemandOfBatch(tx, actor, batch.id)
}

/**
 * When a batch opens for booking: an `invited` trip notice on /me (issue 12 §9) for each worker whose demand
 * is invited to it, and for that demand's confirmed companions, unless that worker was already told of this
 * batch (a batch opens from draft once; the check keeps it once whatever moves come later). Inside the
 * move's transaction. Returns how many notices were written.
 */
export function writeInvitedNotices(tx: Queryable, batch: Pick<SelectBatch, 'id'>) {
  const demands = tx
    .select({ id: travelDemands.id, workerId: travelDemands.workerId })
    .from(travelDemands)
    .where(and(eq(travelDemands.batchId, batch.id), eq(travelDemands.state, 'invited')))
    .all()
  const companions =
    demands.length === 0
      ? []
      : tx
          .select({ workerId: travelCompanions.workerId })
          .from(travelCompanions)
          .where(
            and(
              inArray(
                travelCompanions.demandId,
                demands.map((d) => d.id),
              ),
              isNotNull(travelCompanions.confirmedAt),
            ),
          )
          .all()
  let written = 0
  for (const workerId of new Set([...demands, ...companions].map((r) => r.workerId))) {
    const told = countRows(tx, tripNotices, and(eq(tripNotices.workerId, workerId), eq(tripNotices.batchId, batch.id), eq(tripNotices.kind, 'invited'))) > 0
    if (told) continue
    writeTripNotice(tx, { workerId, batchId: batch.id, kind: 'invited' })
    written++
  }
  return written
}
