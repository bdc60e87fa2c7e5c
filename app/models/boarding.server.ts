import { and, asc, eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, batchSeats, batchVehicles, batches, boardingCheckins, users, workers, type SelectBatch } from '../../db/schema'
import { operationRefusal, type BoardingMark } from '~/rules/batch'
import {
  boardingRefusal,
  CHECKIN_ID,
  checkinOutcome,
  MAX_CHECKINS_PER_SYNC,
  type BoardingRow,
  type CheckinResult,
  type CheckinSource,
  type SeatMark,
} from '~/rules/boarding'
import { maskIdNumber } from '~/rules/id-number'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { findOwned } from './query.server'

// Boarding on departure day (登记上车, issue 12 §6, decision 022). The escort's phone keeps its ticks in a
// queue while there is no signal and sends them later, in one sync; the same model takes a row's form
// (without JavaScript) and the hand-ticked paper manifest. Each check-in carries a client-made id — a
// replayed sync finds its check-ins in boarding_checkins and changes nothing twice — and the mark the phone
// last saw (`base`): a seat someone else marked meanwhile is a conflict, never overwritten. Only a closed
// batch of the actor's county takes marks, from its departure day on (boardingRefusal); departure freezes them.

/** One check-in as the phone (or a form) sends it. `mark` null clears the seat's mark; `at` is the phone's clock (ISO). */
export type CheckinInput = { seatId: number; mark: BoardingMark | null; checkinId: string; base: BoardingMark | null; at: string | null }

/** What became of one check-in, with the seat's mark now (for a conflict: the other person's mark). */
export type CheckinAnswer = { checkinId: string; seatId: number; mark: BoardingMark | null; result: CheckinResult; current: SeatMark }

/** A batch's boarding figures over its seated people. */
export type BoardingFigures = { seated: number; boarded: number; noShow: number; unmarked: number }

/** What a sync answers: each check-in's result in the order sent, the counts of each, the figures and every seated person's mark now. */
export type BoardingSync = {
  answers: CheckinAnswer[]
  applied: number
  unchanged: number
  conflicts: number
  notSeated: number
  figures: BoardingFigures
  marks: Record<number, SeatMark>
}

const markedBy = alias(users, 'marked_by')

/** Every seated person's mark on `batchId`, by seat id. */
function seatedMarks(q: Queryable, batchId: number): Record<number, SeatMark> {
  const rows = q
    .select({ id: batchSeats.id, mark: batchSeats.boarding, at: batchSeats.boardingAt, by: markedBy.displayName })
    .from(batchSeats)
    .leftJoin(markedBy, eq(markedBy.id, batchSeats.boardingByUserId))
    .where(and(eq(batchSeats.batchId, batchId), eq(batchSeats.status, 'seated')))
    .all()
  return Object.fromEntries(rows.map((r) => [r.id, { mark: r.mark, by: r.by, at: r.at?.getTime() ?? null }]))
}

/** The figures of a set of seated marks: how many boarded, no-show and unmarked. */
export function figuresOf(marks: Iterable<{ mark: BoardingMark | null }>): BoardingFigures {
  const f = { seated: 0, boarded: 0, noShow: 0, unmarked: 0 }
  for (const { mark } of marks) {
    f.seated += 1
    if (mark === 'boarded') f.boarded += 1
    else if (mark === 'no_show') f.noShow += 1
    else f.unmarked += 1
  }
  return f
}

/** Whether `at` is a moment the phone may send: an ISO date-time text (its clock, never trusted for order). */
function isPhoneTime(at: string | null) {
  return at === null || (at.length <= 40 && /^\d{4}-\d\d-\d\dT/.test(at) && !Number.isNaN(Date.parse(at)))
}

/**
 * Records the escort's boarding marks on a batch of the actor's county (issue 12 §6), in one write
 * transaction for a whole sync. Takes the check-ins in the order made (1–MAX_CHECKINS_PER_SYNC) and where
 * they came from (`phone` queue, a row's `form`, or `paper`: the hand-ticked manifest, audited with reason
 * `paper`). A check-in already recorded (same client id) is answered with its stored result and changes
 * nothing; a new one is applied when the seat still bears `base`, unchanged when it already bears the mark,
 * a conflict when someone else marked it meanwhile (not applied; the answer carries their mark, name and
 * time), `not_seated` when the person was removed from the seat meanwhile. Each applied change sets the
 * seat's boarding, boarding_at (server time) and boarding_by_user_id and is audited `seat.boarding`.
 * Refused (a Failure, nothing written): a malformed or repeated id, a mark or phone time that is none, an id
 * recorded for another seat or person (400), a seat that is not this batch's (400), a batch not closed —
 * departure freezes the marks (409), a closed batch before its departure day in Shanghai time (409,
 * 「发车当天（12月12日）才能登记上车」; the paper entry too: it is entered on or after the day). Null when the
 * batch is not the county's (→ 404).
 */
export function markBoarding(
  actor: Actor,
  batchId: number,
  checkins: CheckinInput[],
  { source = 'phone' }: { source?: CheckinSource } = {},
): Result<BoardingSync> | null {
  return writeTransaction((tx) => {
    const batch = findOwned(tx, batches, actor, batchId)
    if (!batch) return null
    if (checkins.length === 0) return failure('没有要提交的登记')
    if (checkins.length > MAX_CHECKINS_PER_SYNC) return failure(`一次最多提交 ${MAX_CHECKINS_PER_SYNC} 条登记`)
    const ids = checkins.map((c) => c.checkinId)
    if (ids.some((id) => !CHECKIN_ID.test(id)) || new Set(ids).size !== ids.length) return failure('登记编号有误，请刷新页面后重试')
    if (checkins.some((c) => !isPhoneTime(c.at))) return failure('登记时间有误，请刷新页面后重试')
    const known = new Map(
      tx
        .select()
        .from(boardingCheckins)
        .where(inArray(boardingCheckins.checkinId, ids))
        .all()
        .map((row) => [row.checkinId, row]),
    )
    for (const c of checkins) {
      const row = known.get(c.checkinId)
      if (row && (row.userId !== actor.userId || row.seatId !== c.seatId || row.batchId !== batchId)) return failure('登记编号有误，请刷新页面后重试')
    }
    const fresh = checkins.filter((c) => !known.has(c.checkinId))
    if (fresh.length > 0) {
      const frozen = operationRefusal(batch.state, 'board', actor.role)
      if (frozen) return failure(`${frozen}，乘车名单已冻结`, { status: 409 })
      const early = boardingRefusal({ state: batch.state, role: actor.role, departureDate: batch.departureDate, today: todayInShanghai() })
      if (early) return failure(early, { status: 409 })
    }
    const seatIds = [...new Set(checkins.map((c) => c.seatId))]
    const seats = new Map(
      tx
        .select({ id: batchSeats.id, status: batchSeats.status, boarding: batchSeats.boarding })
        .from(batchSeats)
        .where(and(eq(batchSeats.batchId, batchId), inArray(batchSeats.id, seatIds)))
        .all()
        .map((s) => [s.id, s]),
    )
    if (seats.size !== seatIds.length) return failure('所选人员不在此批次的乘车名单中，请刷新页面后重试')
    const now = new Date()
    const results: { checkinId: string; seatId: number; mark: BoardingMark | null; result: CheckinResult }[] = []
    for (const c of checkins) {
      const stored = known.get(c.checkinId)
      if (stored) {
        results.push({ checkinId: c.checkinId, seatId: c.seatId, mark: stored.mark, result: stored.result })
        continue
      }
      const seat = seats.get(c.seatId)!
      const result: CheckinResult = seat.status === 'seated' ? checkinOutcome(seat.boarding, c.base, c.mark) : 'not_seated'
      if (result === 'applied') applyMark(tx, actor, batch, { seatId: c.seatId, from: seat.boarding, to: c.mark, checkinId: c.checkinId, source, now })
      if (result === 'applied') seat.boarding = c.mark
      tx.insert(boardingCheckins)
        .values({ checkinId: c.checkinId, batchId, seatId: c.seatId, mark: c.mark, base: c.base, phoneAt: c.at, source, result, userId: actor.userId })
        .run()
      results.push({ checkinId: c.checkinId, seatId: c.seatId, mark: c.mark, result })
    }
    const marks = seatedMarks(tx, batchId)
    const gone: SeatMark = { mark: null, by: null, at: null }
    const answers = results.map((r) => ({ ...r, current: marks[r.seatId] ?? gone }))
    const count = (result: CheckinResult) => answers.filter((a) => a.result === result).length
    return {
      ok: true as const,
      answers,
      applied: count('applied'),
      unchanged: count('unchanged'),
      conflicts: count('conflict'),
      notSeated: count('not_seated'),
      figures: figuresOf(Object.values(marks)),
      marks,
    }
  })
}

function applyMark(
  tx: Queryable,
  actor: Actor,
  batch: SelectBatch,
  m: { seatId: number; from: BoardingMark | null; to: BoardingMark | null; checkinId: string; source: CheckinSource; now: Date },
) {
  tx.update(batchSeats).set({ boarding: m.to, boardingAt: m.now, boardingByUserId: actor.userId }).where(eq(batchSeats.id, m.seatId)).run()
  writeActorAudit(tx, actor, {
    action: 'seat.boarding',
    entity: 'batch_seat',
    entityId: m.seatId,
    reason: m.source === 'paper' ? 'paper' : null,
    detail: { batchId: batch.id, from: m.from, to: m.to, checkinId: m.checkinId },
  })
}

/** The boarding list of a batch: its header facts, its seated people by bus and seat, the figures, and whether marks are taken now. */
export type BoardingList = {
  batch: { id: number; state: SelectBatch['state']; departureDate: string; departureTime: string; cityName: string; escortName: string }
  rows: BoardingRow[]
  figures: BoardingFigures
  /** Why marks are not taken now (the batch is not closed: before the plan, or frozen after departure; or before the departure day), or null. */
  refusal: string | null
}

/**
 * The escort's boarding list of a batch of the actor's county (issue 12 §6): every seated person by bus
 * (in the order the buses were added) and seat number — before the seat plan, in booking order — with
 * name, the ID number masked (maskIdNumber: its last four shown), the phone in full so the escort can
 * call someone missing (the escort is the county's staff, who hold the ledger), township, and the mark
 * with who set it and when. Null when the batch is not the county's (→ 404). Never writes.
 */
export function boardingListForCounty(actor: Actor, batchId: number): BoardingList | null {
  const batch = findOwned(db, batches, actor, batchId)
  if (!batch) return null
  const township = alias(areas, 'township')
  const people = db
    .select({
      seatId: batchSeats.id,
      plate: batchVehicles.plate,
      seatNo: batchSeats.seatNo,
      name: workers.name,
      idNumber: workers.idNumber,
      phone: workers.phone,
      township: township.name,
      mark: batchSeats.boarding,
      at: batchSeats.boardingAt,
      by: markedBy.displayName,
    })
    .from(batchSeats)
    .innerJoin(workers, eq(workers.id, batchSeats.workerId))
    .leftJoin(batchVehicles, eq(batchVehicles.id, batchSeats.vehicleId))
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .leftJoin(markedBy, eq(markedBy.id, batchSeats.boardingByUserId))
    .where(and(eq(batchSeats.batchId, batchId), eq(batchSeats.status, 'seated')))
    .orderBy(asc(batchSeats.vehicleId), asc(batchSeats.seatNo), asc(batchSeats.id))
    .all()
  const cityName = db.select({ name: areas.name }).from(areas).where(eq(areas.code, batch.cityCode)).get()?.name ?? batch.cityCode
  const rows: BoardingRow[] = people.map(({ idNumber, at, ...p }) => ({ ...p, idTail: maskIdNumber(idNumber), at: at?.getTime() ?? null }))
  return {
    batch: {
      id: batch.id,
      state: batch.state,
      departureDate: batch.departureDate,
      departureTime: batch.departureTime,
      cityName,
      escortName: batch.escortName,
    },
    rows,
    figures: figuresOf(rows),
    refusal: boardingRefusal({ state: batch.state, role: actor.role, departureDate: batch.departureDate, today: todayInShanghai() }),
  }
}
