import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { batchSeats, batchVehicles, batches, tripNotices, users, workers, type SelectBatch, type TripNoticeKind } from '../../db/schema'
import { capacityOf, LIVE_SEAT_STATUSES, operationRefusal, placeFor } from '~/rules/batch'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { countRows, findOwned } from './query.server'

// Seats on a batch (issue 12 §3, decision 020). Every write is one BEGIN IMMEDIATE transaction
// (writeTransaction): the write lock is taken before the seated count is read, in every process, so two
// sign-ups can never both see the last free seat; the capacity triggers (migration 0046) refuse an oversold
// row even if this code were wrong. A freed seat goes to the first still-eligible waitlisted worker in the
// same transaction.

/** The longest reason typed when cancelling or removing a seat (characters). */
export const MAX_SEAT_REASON = 200

/** A batch's capacity (the sum of its buses' seats) and its seated count, read inside the transaction. */
export function seatFigures(tx: Queryable, batchId: number) {
  const vehicles = tx.select({ seats: batchVehicles.seats }).from(batchVehicles).where(eq(batchVehicles.batchId, batchId)).all()
  const seated = countRows(tx, batchSeats, and(eq(batchSeats.batchId, batchId), eq(batchSeats.status, 'seated')))
  return { capacity: capacityOf(vehicles), seated }
}

/** Writes a one-time notice for the worker's /me (issue 12 §9). */
export function writeTripNotice(tx: Queryable, notice: { workerId: number; batchId: number; seatId?: number | null; kind: TripNoticeKind }) {
  tx.insert(tripNotices)
    .values({ ...notice, seatId: notice.seatId ?? null })
    .run()
}

/** The ledger row a booking is for: the worker's own (linked, verified, enabled account) or, for staff, a row of their county. */
function travellerFor(tx: Queryable, actor: Actor, workerId: number | null): Result<{ worker: typeof workers.$inferSelect }> {
  if (actor.role === 'worker') {
    const row = tx
      .select({ worker: workers, verifiedAt: users.verifiedAt, disabledAt: users.disabledAt })
      .from(users)
      .innerJoin(workers, eq(workers.userId, users.id))
      .where(and(eq(users.id, actor.userId), eq(workers.organisationId, actor.organisationId)))
      .get()
    if (!row || row.verifiedAt == null) return failure('账号核验通过后才能报名乘车', { status: 403 })
    if (row.disabledAt != null) return failure('账号已停用', { status: 403 })
    if (row.worker.archivedAt != null) return failure('台账信息已归档，请联系区县就业和人才中心', { status: 403 })
    return { ok: true, worker: row.worker }
  }
  const worker = workerId == null ? null : findOwned(tx, workers, actor, workerId)
  if (!worker) return failure('台账中没有此人', { field: 'workerId' })
  if (worker.archivedAt != null) return failure('此人的台账已归档，不能添加', { field: 'workerId' })
  return { ok: true, worker }
}

/** Whether the worker already holds a seated place on any batch leaving on `date`. */
function seatedThatDay(tx: Queryable, workerId: number, date: string) {
  return countRows(tx, batchSeats, and(eq(batchSeats.workerId, workerId), eq(batchSeats.departureDate, date), eq(batchSeats.status, 'seated'))) > 0
}

/** The batch a booking is for: a worker's or staff's own county's; null (→ 404) otherwise. */
function countyBatch(tx: Queryable, actor: Actor, batchId: number) {
  return findOwned(tx, batches, actor, batchId)
}

export type Booking = { seatId: number; status: 'seated' | 'waitlisted'; waitlistPlace: number | null }

/**
 * Books a place on a batch (issue 12 §3): the worker for themself (`role: worker`, their own verified
 * ledger row) or county staff for a ledger row of their county (`workerId`). A free seat is taken while
 * the seated count is below the batch's capacity, else the worker joins the waitlist with the next
 * sequence number. Refused (a Failure, nothing written) when the batch is not open, the worker already
 * has a live place on it or a seat on another batch the same day, or the worker may not book. Null when
 * the batch is not the actor's county's. Audited `seat.book`.
 */
export function bookSeat(actor: Actor, batchId: number, { workerId = null }: { workerId?: number | null } = {}): Result<Booking> | null {
  try {
    return writeTransaction((tx) => book(tx, actor, batchId, workerId))
  } catch (error) {
    // The partial unique indexes (batch_seats_live_uq, batch_seats_day_uq): the transaction rolled back.
    if (isUniqueViolation(error)) return failure('已报名此批次或当天已有座位', { status: 409 })
    throw error
  }
}

function book(tx: Queryable, actor: Actor, batchId: number, workerId: number | null): Result<Booking> | null {
  const batch = countyBatch(tx, actor, batchId)
  if (!batch) return null
  const refusal = operationRefusal(batch.state, actor.role === 'worker' ? 'book_self' : 'book_staff', actor.role)
  if (refusal) return failure(refusal)
  const traveller = travellerFor(tx, actor, workerId)
  if (!traveller.ok) return traveller
  const { worker } = traveller
  const live = tx
    .select({ status: batchSeats.status })
    .from(batchSeats)
    .where(and(eq(batchSeats.batchId, batchId), eq(batchSeats.workerId, worker.id), inArray(batchSeats.status, LIVE_SEAT_STATUSES)))
    .get()
  if (live) return failure(live.status === 'seated' ? '已在此批次占座' : '已在此批次候补', { status: 409 })
  if (seatedThatDay(tx, worker.id, batch.departureDate)) return failure('当天已在另一批次占座，不能重复报名', { status: 409 })
  const { capacity, seated } = seatFigures(tx, batchId)
  const status = placeFor(seated, capacity)
  const waitlistSeq = status === 'waitlisted' ? nextWaitlistSeq(tx, batchId) : null
  const seat = tx
    .insert(batchSeats)
    .values({
      batchId,
      workerId: worker.id,
      userId: worker.userId,
      departureDate: batch.departureDate,
      status,
      source: actor.role === 'worker' ? 'self' : 'staff',
      waitlistSeq,
      createdByUserId: actor.userId,
    })
    .returning({ id: batchSeats.id })
    .get()
  writeActorAudit(tx, actor, { action: 'seat.book', entity: 'batch_seat', entityId: seat.id, detail: { batchId, workerId: worker.id, status } })
  return { ok: true, seatId: seat.id, status, waitlistPlace: status === 'waitlisted' ? waitlistPlaceOf(tx, batchId, waitlistSeq!) : null }
}

function nextWaitlistSeq(tx: Queryable, batchId: number) {
  const row = tx
    .select({ max: sql<number | null>`max(${batchSeats.waitlistSeq})` })
    .from(batchSeats)
    .where(eq(batchSeats.batchId, batchId))
    .get()
  return (row?.max ?? 0) + 1
}

/** A waitlisted row's place in the queue (1 = next to be promoted). */
function waitlistPlaceOf(tx: Queryable, batchId: number, seq: number) {
  return countRows(tx, batchSeats, and(eq(batchSeats.batchId, batchId), eq(batchSeats.status, 'waitlisted'), sql`${batchSeats.waitlistSeq} <= ${seq}`))
}

/** A freed bus and seat number of the plan, handed on to the promoted worker. */
type Place = { vehicleId: number; seatNo: number }

/**
 * Promotes up to `count` waitlisted workers of `batch`, in waitlist order, skipping anyone no longer
 * eligible (ledger row archived, account disabled, seated on another batch that day), inside the caller's
 * transaction. Each promoted worker gets the next of `places` when given (a closed batch's plan), a
 * `promoted` notice and a `seat.promote` audit row by `actor`. Returns the promoted seat ids.
 */
export function promoteWaitlisted(tx: Queryable, actor: Actor, batch: SelectBatch, count: number, places: Place[] = []): number[] {
  const promoted: number[] = []
  if (count < 1) return promoted
  const queue = tx
    .select({ id: batchSeats.id, workerId: batchSeats.workerId })
    .from(batchSeats)
    .innerJoin(workers, eq(workers.id, batchSeats.workerId))
    .leftJoin(users, eq(users.id, batchSeats.userId))
    .where(
      and(
        eq(batchSeats.batchId, batch.id),
        eq(batchSeats.status, 'waitlisted'),
        isNull(workers.archivedAt),
        isNull(users.disabledAt),
        sql`not exists (select 1 from ${batchSeats} s where s.worker_id = ${batchSeats.workerId} and s.departure_date = ${batch.departureDate} and s.status = 'seated')`,
      ),
    )
    .orderBy(asc(batchSeats.waitlistSeq))
    .limit(count)
    .all()
  const now = new Date()
  for (const [i, row] of queue.entries()) {
    const place = places[i] ?? null
    tx.update(batchSeats)
      .set({ status: 'seated', promotedAt: now, vehicleId: place?.vehicleId ?? null, seatNo: place?.seatNo ?? null })
      .where(eq(batchSeats.id, row.id))
      .run()
    writeTripNotice(tx, { workerId: row.workerId, batchId: batch.id, seatId: row.id, kind: 'promoted' })
    writeActorAudit(tx, actor, { action: 'seat.promote', entity: 'batch_seat', entityId: row.id, detail: { batchId: batch.id, withSeat: place != null } })
    promoted.push(row.id)
  }
  return promoted
}

/** The seat with its batch, when the actor may end it: the worker's own, or a seat on a batch of staff's county. */
function endableSeat(tx: Queryable, actor: Actor, seatId: number, batchId: number | null) {
  const row = tx
    .select({ seat: batchSeats, batch: batches, workerUserId: workers.userId })
    .from(batchSeats)
    .innerJoin(batches, eq(batches.id, batchSeats.batchId))
    .innerJoin(workers, eq(workers.id, batchSeats.workerId))
    .where(and(eq(batchSeats.id, seatId), eq(batches.organisationId, actor.organisationId), batchId == null ? undefined : eq(batchSeats.batchId, batchId)))
    .get()
  if (!row || (actor.role === 'worker' && row.workerUserId !== actor.userId)) return null
  if (actor.role !== 'worker' && actor.role !== 'west') return null
  return row
}

/**
 * Ends a live place (issue 12 §3): the worker cancels their own, or county staff remove one with a reason
 * (required, ≤ MAX_SEAT_REASON characters; the worker gets a `seat_cancelled` notice). A freed seat goes,
 * in the same transaction, to the first still-eligible waitlisted worker, with the freed bus and seat
 * number when the plan exists. Refused when the batch's state freezes seats (departed, arrived, cancelled,
 * draft) or the place is no longer live. Null when the seat is not the actor's to end, or not on `batchId`
 * when given (the batch of the page's URL) (→ 404). Audited
 * `seat.cancel` / `seat.remove`, and `seat.promote` for the promotion.
 */
export function endSeat(
  actor: Actor,
  seatId: number,
  { reason = null, batchId = null }: { reason?: string | null; batchId?: number | null } = {},
): Result<{ promotedSeatId: number | null }> | null {
  return writeTransaction((tx) => {
    const row = endableSeat(tx, actor, seatId, batchId)
    if (!row) return null
    const { seat, batch } = row
    const refusal = operationRefusal(batch.state, 'end_seat', actor.role)
    if (refusal) return failure(refusal)
    if (seat.status !== 'seated' && seat.status !== 'waitlisted') return failure('此座位已取消', { status: 409 })
    const text = (reason ?? '').trim()
    if (actor.role !== 'worker' && text === '') return failure('请填写移出原因，本人会看到', { field: 'reason' })
    if ([...text].length > MAX_SEAT_REASON) return failure(`原因最多 ${MAX_SEAT_REASON} 个字`, { field: 'reason' })
    const byWorker = actor.role === 'worker'
    tx.update(batchSeats)
      .set({
        status: byWorker ? 'cancelled' : 'removed',
        endReason: text || null,
        endedAt: new Date(),
        endedByUserId: actor.userId,
        vehicleId: null,
        seatNo: null,
      })
      .where(eq(batchSeats.id, seatId))
      .run()
    writeActorAudit(tx, actor, {
      action: byWorker ? 'seat.cancel' : 'seat.remove',
      entity: 'batch_seat',
      entityId: seatId,
      detail: { batchId: batch.id, from: seat.status, withNote: text !== '' },
    })
    if (!byWorker) writeTripNotice(tx, { workerId: seat.workerId, batchId: batch.id, seatId, kind: 'seat_cancelled' })
    if (seat.status !== 'seated') return { ok: true as const, promotedSeatId: null }
    const place = seat.vehicleId != null && seat.seatNo != null ? [{ vehicleId: seat.vehicleId, seatNo: seat.seatNo }] : []
    const [promotedSeatId = null] = promoteWaitlisted(tx, actor, batch, 1, place)
    return { ok: true as const, promotedSeatId }
  })
}

/**
 * Moves a seated worker to another bus and seat of a closed batch's plan (issue 12 §4); when someone sits
 * there, the two swap. Refused outside the closed state, for a seat number the bus does not have, or a
 * worker not seated. Null when the seat or bus is not on a batch of the actor's county, or the seat not on
 * `batchId` when given (the batch of the page's URL). Audited `seat.move`.
 */
export function moveSeat(actor: Actor, seatId: number, to: Place, { batchId = null }: { batchId?: number | null } = {}): Result | null {
  return writeTransaction((tx) => {
    const row = endableSeat(tx, actor, seatId, batchId)
    if (!row || actor.role !== 'west') return null
    const { seat, batch } = row
    const refusal = operationRefusal(batch.state, 'move_seat', actor.role)
    if (refusal) return failure(refusal)
    if (seat.status !== 'seated') return failure('只有已占座的人员可以调整座位', { status: 409 })
    const bus = tx
      .select()
      .from(batchVehicles)
      .where(and(eq(batchVehicles.id, to.vehicleId), eq(batchVehicles.batchId, batch.id)))
      .get()
    if (!bus) return null
    if (!Number.isInteger(to.seatNo) || to.seatNo < 1 || to.seatNo > bus.seats) return failure(`座号应在 1 到 ${bus.seats} 之间`, { field: 'seatNo' })
    const other = tx
      .select({ id: batchSeats.id })
      .from(batchSeats)
      .where(and(eq(batchSeats.vehicleId, to.vehicleId), eq(batchSeats.seatNo, to.seatNo)))
      .get()
    if (other?.id === seatId) return { ok: true as const }
    const from = seat.vehicleId != null && seat.seatNo != null ? { vehicleId: seat.vehicleId, seatNo: seat.seatNo } : null
    tx.update(batchSeats).set({ vehicleId: null, seatNo: null }).where(eq(batchSeats.id, seatId)).run()
    if (other)
      tx.update(batchSeats)
        .set({ vehicleId: from?.vehicleId ?? null, seatNo: from?.seatNo ?? null })
        .where(eq(batchSeats.id, other.id))
        .run()
    tx.update(batchSeats).set(to).where(eq(batchSeats.id, seatId)).run()
    writeActorAudit(tx, actor, {
      action: 'seat.move',
      entity: 'batch_seat',
      entityId: seatId,
      detail: { batchId: batch.id, ...to, swappedWith: other?.id ?? null },
    })
    return { ok: true as const }
  })
}
