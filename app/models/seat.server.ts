import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { batchSeats, batchVehicles, batches, tripNotices, users, workers, type SeatStatus, type SelectBatch, type TripNoticeKind } from '../../db/schema'
import { capacityOf, operationRefusal, placeFor } from '~/rules/batch'
import { markedSeatCancelRefusal } from '~/rules/boarding'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { countRows } from './query.server'
import { markDemandBooked, reopenDemandOfBatch } from './travel-demand.server'

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

// A booking's statements, prepared once per process as the session look-up is (auth.server): building each
// drizzle query anew was about half of a booking's CPU in the benchmark (decision 020, "Measured").
const $ = sql.placeholder
const bookingReads = {
  /** The batch, when it is the actor's county's. */
  batch: db
    .select({ id: batches.id, state: batches.state, departureDate: batches.departureDate })
    .from(batches)
    .where(and(eq(batches.id, $('batchId')), eq(batches.organisationId, $('organisationId'))))
    .prepare(),
  /** A worker's own ledger row, through their account. */
  ownWorker: db
    .select({ id: workers.id, userId: workers.userId, archivedAt: workers.archivedAt, verifiedAt: users.verifiedAt, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(workers, eq(workers.userId, users.id))
    .where(and(eq(users.id, $('userId')), eq(workers.organisationId, $('organisationId'))))
    .prepare(),
  /** A ledger row of the staff's county. */
  countyWorker: db
    .select({ id: workers.id, userId: workers.userId, archivedAt: workers.archivedAt })
    .from(workers)
    .where(and(eq(workers.id, $('workerId')), eq(workers.organisationId, $('organisationId'))))
    .prepare(),
  /**
   * What placing the worker on the batch depends on, in one statement: their live place on it, whether they
   * are seated on any batch that day, the batch's capacity (sum of bus seats), seated and waitlisted counts,
   * and its highest waitlist sequence so far (cancelled rows included, so a number is never reused).
   * Written as SQL text: drizzle renders a column of the outer table unqualified, which inside a subquery
   * would name the subquery's own column.
   */
  place: db
    .select({
      live: sql<SeatStatus | null>`(select s.status from batch_seats s where s.batch_id = ${$('batchId')} and s.worker_id = ${$('workerId')} and s.status in ('seated', 'waitlisted'))`,
      seatedThatDay: sql<number>`exists (select 1 from batch_seats s where s.worker_id = ${$('workerId')} and s.departure_date = batches.departure_date and s.status = 'seated')`,
      capacity: sql<number>`(select coalesce(sum(v.seats), 0) from batch_vehicles v where v.batch_id = ${$('batchId')})`,
      seated: sql<number>`(select count(*) from batch_seats s where s.batch_id = ${$('batchId')} and s.status = 'seated')`,
      waitlisted: sql<number>`(select count(*) from batch_seats s where s.batch_id = ${$('batchId')} and s.status = 'waitlisted')`,
      lastSeq: sql<number | null>`(select max(s.waitlist_seq) from batch_seats s where s.batch_id = ${$('batchId')} and s.waitlist_seq is not null)`,
      /** Whether the worker's travel demand invited them to this batch (markDemandBooked then has work to do). */
      invited: sql<number>`exists (select 1 from travel_demands d where d.worker_id = ${$('workerId')} and d.batch_id = ${$('batchId')} and d.state = 'invited')`,
    })
    .from(batches)
    .where(eq(batches.id, $('batchId')))
    .prepare(),
  /** The new place; every value given, so nothing is fixed when it is prepared (the timestamps are passed too). */
  insertSeat: db
    .insert(batchSeats)
    .values({
      batchId: $('batchId'),
      workerId: $('workerId'),
      userId: $('userId'),
      departureDate: $('departureDate'),
      status: $('status'),
      source: $('source'),
      waitlistSeq: $('waitlistSeq'),
      createdByUserId: $('createdByUserId'),
      createdAt: $('now'),
      updatedAt: $('now'),
    })
    .returning({ id: batchSeats.id })
    .prepare(),
}

/** The ledger row a booking is for: the worker's own (linked, verified, enabled account) or, for staff, a row of their county. */
function travellerFor(actor: Actor, workerId: number | null): Result<{ worker: { id: number; userId: number | null } }> {
  const { organisationId } = actor
  if (actor.role === 'worker') {
    const row = bookingReads.ownWorker.get({ userId: actor.userId, organisationId })
    if (!row || row.verifiedAt == null) return failure('账号核验通过后才能报名乘车', { status: 403 })
    if (row.disabledAt != null) return failure('账号已停用', { status: 403 })
    if (row.archivedAt != null) return failure('台账信息已归档，请联系区县就业和人才中心', { status: 403 })
    return { ok: true, worker: row }
  }
  const worker = workerId == null ? null : bookingReads.countyWorker.get({ workerId, organisationId })
  if (!worker) return failure('台账中没有此人', { field: 'workerId' })
  if (worker.archivedAt != null) return failure('此人的台账已归档，不能添加', { field: 'workerId' })
  return { ok: true, worker }
}

export type Booking = { seatId: number; status: 'seated' | 'waitlisted'; waitlistPlace: number | null }

/**
 * Books a place on a batch (issue 12 §3): the worker for themself (`role: worker`, their own verified
 * ledger row) or county staff for a ledger row of their county (`workerId`). A free seat is taken while
 * the seated count is below the batch's capacity, else the worker joins the waitlist with the next
 * sequence number. Refused (a Failure, nothing written) when the batch is not open, the worker already
 * has a live place on it or a seat on another batch the same day, or the worker may not book. Null when
 * the batch is not the actor's county's. Audited `seat.book`. One transaction and one commit of its own:
 * for one-shot callers (scripts, tests); requests use bookSeatQueued, which shares the commit.
 */
export function bookSeat(actor: Actor, batchId: number, { workerId = null }: { workerId?: number | null } = {}): Result<Booking> | null {
  return writeTransaction(() => bookInSavepoint({ actor, batchId, workerId }))
}

/** One booking asked for: who books, on which batch, for which ledger row (staff) or themself (null). */
type BookingRequest = { actor: Actor; batchId: number; workerId: number | null }

/** A booking that wrote nothing: its savepoint is rolled back by throwing this, and its answer kept. */
class Unwritten extends Error {
  constructor(readonly answer: Failure | null) {
    super('booking refused, savepoint rolled back')
  }
}

/**
 * One booking inside the caller's open transaction, in its own SAVEPOINT (better-sqlite3 makes a nested
 * transaction one): a refused booking or one that throws rolls back only its own statements. Returns
 * book's answer; a unique-index refusal (batch_seats_live_uq, batch_seats_day_uq) is the 409 Failure;
 * any other error is thrown, its savepoint rolled back.
 */
function bookInSavepoint({ actor, batchId, workerId }: BookingRequest): Result<Booking> | null {
  try {
    return db.$client.transaction(() => {
      const answer = book(db, actor, batchId, workerId)
      if (!answer?.ok) throw new Unwritten(answer)
      return answer
    })()
  } catch (error) {
    if (error instanceof Unwritten) return error.answer
    if (isUniqueViolation(error)) return failure('已报名此批次或当天已有座位', { status: 409 })
    throw error
  }
}

/**
 * Limits of a booking queue: the most bookings one commit answers, the most waiting for a commit, and how
 * long (ms) the group waits for the write lock while another process holds it.
 */
export type BookingQueueLimits = { maxGroup: number; maxWaiting: number; maxLockWaitMs: number }

/**
 * The queue's limits in the portal: a group of 64 holds the write lock for about 20 ms besides its fsync;
 * 1,000 waiting are answered within a few seconds; beyond that a booking is refused at once (503). The
 * lock wait is busy_timeout's 5 s.
 */
export const BOOKING_QUEUE_LIMITS: BookingQueueLimits = { maxGroup: 64, maxWaiting: 1000, maxLockWaitMs: 5000 }

/** The refusal when the queue is full or the database stays busy: kind, and says what to do. */
export const QUEUE_FULL_MESSAGE = '现在报名的人太多，请过几秒钟再点一次报名'

type Waiting = BookingRequest & { resolve: (answer: Result<Booking> | null) => void; reject: (error: unknown) => void }

/** Whether an error is SQLite's "database is locked" (another process holds the write lock). */
function isBusy(error: unknown) {
  return error instanceof Error && (error as { code?: string }).code === 'SQLITE_BUSY'
}

/**
 * Runs `fn` with the connection's busy_timeout at 0, so a BEGIN IMMEDIATE that finds the write lock taken
 * fails at once (SQLITE_BUSY) instead of sleeping in the event loop; restores the portal's 5 s after.
 */
function withoutBusyWait<T>(fn: () => T): T {
  const before = db.$client.pragma('busy_timeout', { simple: true }) as number
  db.$client.pragma('busy_timeout = 0')
  try {
    return fn()
  } finally {
    db.$client.pragma(`busy_timeout = ${before}`)
  }
}

/**
 * A per-process group commit for bookings (issue 12 Performance: 500 bookings/s with synchronous = FULL,
 * where one fsync costs about 4 ms). Bookings asked for in the same turn of the event loop, or while the
 * group before is written or waits for the lock, wait for the next group: one BEGIN IMMEDIATE transaction
 * that runs each booking in its own SAVEPOINT, in the order asked, then one COMMIT (one fsync) that answers
 * them all. Counting, waitlist order, the triggers and the audit rows are bookSeat's own (the same code).
 *
 * While another process holds the write lock the group does not sleep in SQLite's busy handler (which
 * blocks this process's requests and, polling every 100 ms, lost the lock to a busy neighbour for over 5 s
 * in the benchmark): it tries again after a millisecond, the event loop free meanwhile.
 *
 * Takes the limits (BOOKING_QUEUE_LIMITS in the portal; tests pass small ones) and, for tests, `onCommit`
 * called with the number of bookings each committed group answered. Returns `book(actor, batchId,
 * { workerId })`, a promise of bookSeat's answer; a full queue answers the 503 Failure QUEUE_FULL_MESSAGE
 * at once, and so does a group that waited maxLockWaitMs for the lock. When a booking throws, only its
 * promise rejects; when the transaction itself fails (COMMIT, I/O), every booking of that group rejects
 * and nothing of it was written.
 */
export function createBookingQueue(limits: BookingQueueLimits, { onCommit }: { onCommit?: (answered: number) => void } = {}) {
  const waiting: Waiting[] = []
  let scheduled = false
  /** When the group at the head of the queue first found the lock taken (ms), or null. */
  let lockWaitSince: number | null = null

  function writeGroup() {
    scheduled = false
    const group = waiting.splice(0, limits.maxGroup)
    const answers: ({ ok: true; answer: Result<Booking> | null } | { ok: false; error: unknown })[] = []
    try {
      withoutBusyWait(() =>
        writeTransaction(() => {
          for (const asked of group) {
            try {
              answers.push({ ok: true, answer: bookInSavepoint(asked) })
            } catch (error) {
              // An error that ended the whole transaction (SQLITE_FULL, I/O) must not let the rest run outside one.
              if (!db.$client.inTransaction) throw error
              answers.push({ ok: false, error })
            }
          }
        }),
      )
    } catch (error) {
      if (isBusy(error) && answers.length === 0) return waitForLock(group)
      for (const asked of group) asked.reject(error)
      return next()
    }
    lockWaitSince = null
    onCommit?.(group.length)
    for (const [i, asked] of group.entries()) {
      const a = answers[i]
      if (a.ok) asked.resolve(a.answer)
      else asked.reject(a.error)
    }
    next()
  }

  /** BEGIN found the lock taken: the group goes back to the head of the queue and tries again shortly. */
  function waitForLock(group: Waiting[]) {
    const now = performance.now()
    lockWaitSince ??= now
    if (now - lockWaitSince >= limits.maxLockWaitMs) {
      lockWaitSince = null
      for (const asked of group) asked.resolve(failure(QUEUE_FULL_MESSAGE, { status: 503 }))
      return next()
    }
    waiting.unshift(...group)
    scheduled = true
    setTimeout(writeGroup, 1)
  }

  function next() {
    if (waiting.length > 0 && !scheduled) schedule()
  }

  // setImmediate: after this turn's I/O callbacks, so requests read in the same poll join the group.
  function schedule() {
    scheduled = true
    setImmediate(writeGroup)
  }

  return {
    book(actor: Actor, batchId: number, { workerId = null }: { workerId?: number | null } = {}): Promise<Result<Booking> | null> {
      if (waiting.length >= limits.maxWaiting) return Promise.resolve(failure(QUEUE_FULL_MESSAGE, { status: 503 }))
      return new Promise((resolve, reject) => {
        waiting.push({ actor, batchId, workerId, resolve, reject })
        if (!scheduled) schedule()
      })
    },
  }
}

const bookingQueue = createBookingQueue(BOOKING_QUEUE_LIMITS)

/**
 * bookSeat for requests (/me/trips, staff adding a person on /west/batches/:id): the same booking, answered
 * after the commit it shares with the other bookings of this process asked for at the same time (group
 * commit, createBookingQueue). Takes and answers what bookSeat does, as a promise; also the 503 Failure
 * QUEUE_FULL_MESSAGE when BOOKING_QUEUE_LIMITS.maxWaiting bookings already wait.
 */
export function bookSeatQueued(actor: Actor, batchId: number, options: { workerId?: number | null } = {}): Promise<Result<Booking> | null> {
  return bookingQueue.book(actor, batchId, options)
}

function book(tx: Queryable, actor: Actor, batchId: number, workerId: number | null): Result<Booking> | null {
  const batch = bookingReads.batch.get({ batchId, organisationId: actor.organisationId })
  if (!batch) return null
  const refusal = operationRefusal(batch.state, actor.role === 'worker' ? 'book_self' : 'book_staff', actor.role)
  if (refusal) return failure(refusal)
  const traveller = travellerFor(actor, workerId)
  if (!traveller.ok) return traveller
  const { worker } = traveller
  const facts = bookingReads.place.get({ batchId, workerId: worker.id })!
  if (facts.live) return failure(facts.live === 'seated' ? '已在此批次占座' : '已在此批次候补', { status: 409 })
  if (facts.seatedThatDay) return failure('当天已在另一批次占座，不能重复报名', { status: 409 })
  const status = placeFor(facts.seated, facts.capacity)
  // The next sequence is above every waitlisted row's, so the new row's place is the count before it + 1.
  const waitlistSeq = status === 'waitlisted' ? (facts.lastSeq ?? 0) + 1 : null
  const seat = bookingReads.insertSeat.get({
    batchId,
    workerId: worker.id,
    userId: worker.userId,
    departureDate: batch.departureDate,
    status,
    source: actor.role === 'worker' ? 'self' : 'staff',
    waitlistSeq,
    createdByUserId: actor.userId,
    now: new Date(),
  })
  writeActorAudit(tx, actor, { action: 'seat.book', entity: 'batch_seat', entityId: seat.id, detail: { batchId, workerId: worker.id, status } })
  // A worker invited to this batch by their travel demand (issue 12 §1): the demand is now booked.
  if (facts.invited) markDemandBooked(tx, { workerId: worker.id, batchId, actor })
  return { ok: true, seatId: seat.id, status, waitlistPlace: status === 'waitlisted' ? facts.waitlisted + 1 : null }
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
 * draft) or the place is no longer live; for the worker also (409) once the escort has marked the seat
 * 已上车 or 未到 (markedSeatCancelRefusal) — staff removing stays allowed while the state allows. Null when the seat is not the actor's to end, or not on `batchId`
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
    // The escort's 已上车 / 未到 is the record of the day: the worker no longer cancels it (staff still remove).
    const marked = actor.role === 'worker' ? markedSeatCancelRefusal(seat.boarding) : null
    if (marked) return failure(marked, { status: 409 })
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
    // The demand this seat answered is open again: the worker still needs a bus.
    reopenDemandOfBatch(tx, actor, batch.id, { workerId: seat.workerId })
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
