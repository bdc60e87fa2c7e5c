import { and, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm'
import { areas, batchSeats, batches, employmentRecords, organisations, type SelectBatch } from '../../db/schema'
import { operationRefusal, type ArrivalMark } from '~/rules/batch'
import { maskNumbersInText } from '~/rules/personal-numbers'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { departedInMonth } from './batch-read.server'
import { MANIFEST_MAX_ROWS, readManifest, type Manifest } from './manifest.server'

// The receiving side (issue 12 §7): the bureau of a batch's destination city sees it from the moment it
// opens (/east/arrivals) with its masked manifest, and after departure confirms each worker's arrival
// (到岗) or marks them missing. A batch is the bureau's when its city is the bureau's area and it is past
// draft — the same scope moveBatch gives an east actor; any other batch is null (→ 404). An arrival of a
// worker hired by one of the batch's employers (or the employer of their travel demand) in that city links
// the seat to that employment record.

/** The most people marked in one submission: a whole batch. */
export const MAX_MARKED = MANIFEST_MAX_ROWS

function bureauBatchWhere(actor: Actor) {
  return and(eq(batches.cityCode, actor.areaCode), ne(batches.state, 'draft'))
}

/** A batch heading to the bureau's city (past draft), or null (→ 404). */
export function findBureauBatch(q: Queryable, actor: Actor, batchId: number): SelectBatch | null {
  return (
    q
      .select()
      .from(batches)
      .where(and(eq(batches.id, batchId), bureauBatchWhere(actor)))
      .get() ?? null
  )
}

/**
 * Whether `batchId` heads to the bureau's city (past draft): what the arrivals page's action asks first, so
 * another city's batch is a 404 before the form is read (issue 13 §6, the whole kind).
 */
export function isBureauBatch(actor: Actor, batchId: number): boolean {
  return findBureauBatch(db, actor, batchId) != null
}

/** What the arrivals list filters by: a departure month `YYYY-MM` (null for every batch past draft). */
export type ArrivalFilters = { month?: string | null }

/**
 * The batches of the list: heading to the bureau's city past draft; with a month, those that left in it
 * (departed or arrived, departure day in the month) — the bureau dashboard's 包车批次 (issue 15 §5).
 */
function arrivalsWhere(actor: Actor, { month = null }: ArrivalFilters) {
  return month ? and(eq(batches.cityCode, actor.areaCode), departedInMonth(month, null)) : bureauBatchWhere(actor)
}

/** How many batches head to the bureau's city (past draft), or left for it in the month. */
export function countArrivalsForBureau(actor: Actor, filters: ArrivalFilters = {}) {
  return db.select({ n: count() }).from(batches).where(arrivalsWhere(actor, filters)).get()!.n
}

/**
 * A page of the batches heading to the bureau's city (the filters as countArrivalsForBureau's), newest
 * departure first: date and time, sending county, state, seated headcount, employers, escort and phone,
 * and the arrival marks so far.
 */
export function listArrivalsForBureau(actor: Actor, filters: ArrivalFilters, { limit, offset }: { limit: number; offset: number }) {
  const seats = (extra?: SQL) =>
    sql<number>`(select count(*) from ${batchSeats} where ${batchSeats.batchId} = ${batches.id} and ${batchSeats.status} = 'seated'${extra ? sql` and ${extra}` : sql``})`
  return db
    .select({
      id: batches.id,
      departureDate: batches.departureDate,
      departureTime: batches.departureTime,
      state: batches.state,
      countyName: areas.name,
      escortName: batches.escortName,
      escortPhone: batches.escortPhone,
      seated: seats(),
      arrived: seats(sql`${batchSeats.arrival} = 'arrived'`),
      missing: seats(sql`${batchSeats.arrival} = 'missing'`),
      employers: sql<
        string | null
      >`(select group_concat(e.name, '、') from batch_employers be join employers e on e.id = be.employer_id where be.batch_id = ${batches.id})`,
    })
    .from(batches)
    .innerJoin(organisations, eq(organisations.id, batches.organisationId))
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .where(arrivalsWhere(actor, filters))
    .orderBy(desc(batches.departureDate), desc(batches.id))
    .limit(limit)
    .offset(offset)
    .all()
}

/** Every batch of the arrivals list (the filters as countArrivalsForBureau's) for the xlsx export, 500 at a time. */
export function* listArrivalsForExport(actor: Actor, filters: ArrivalFilters) {
  for (let offset = 0; ; offset += 500) {
    const rows = listArrivalsForBureau(actor, filters, { limit: 500, offset })
    yield* rows
    if (rows.length < 500) return
  }
}

/** One row of the arrivals list and export. */
export type ArrivalRow = ReturnType<typeof listArrivalsForBureau>[number]

/**
 * The masked manifest of a batch heading to the bureau's city; null when it is not (→ 404). What the county
 * typed about the batch (集合地点, 集合地址, 备注) crosses to the east side with any number in it that could be
 * a phone or an ID masked (maskNumbersInText; security.md 2), as the bureau's people list shows it.
 */
export function arrivalManifestForBureau(actor: Actor, batchId: number): Manifest | null {
  const batch = findBureauBatch(db, actor, batchId)
  if (!batch) return null
  return readManifest({
    ...batch,
    pickupName: maskNumbersInText(batch.pickupName),
    pickupAddress: maskNumbersInText(batch.pickupAddress),
    notes: maskNumbersInText(batch.notes),
  })
}

/**
 * A batch's arrival marks so far: how many seated people are 到岗, missing, never boarded (the escort's 未到,
 * with no arrival mark: nobody to confirm at the other end), or still to confirm.
 */
export function arrivalFigures(batchId: number) {
  const row = db
    .select({
      seated: sql<number>`count(*)`,
      arrived: sql<number>`coalesce(sum(${batchSeats.arrival} = 'arrived'), 0)`,
      missing: sql<number>`coalesce(sum(${batchSeats.arrival} = 'missing'), 0)`,
      notBoarded: sql<number>`coalesce(sum(${batchSeats.arrival} is null and ${batchSeats.boarding} = 'no_show'), 0)`,
    })
    .from(batchSeats)
    .where(and(eq(batchSeats.batchId, batchId), eq(batchSeats.status, 'seated')))
    .get()!
  return { ...row, unmarked: row.seated - row.arrived - row.missing - row.notBoarded }
}

/**
 * The employment record an arrival confirms: the worker's latest hire in the batch's city by the
 * employer of their travel demand or one of the batch's employers; null when there is none.
 */
function hireFor(tx: Queryable, batch: SelectBatch, seat: { workerId: number; demandId: number | null }) {
  return (
    tx
      .select({ id: employmentRecords.id })
      .from(employmentRecords)
      .where(
        and(
          eq(employmentRecords.workerId, seat.workerId),
          eq(employmentRecords.cityCode, batch.cityCode),
          sql`(${employmentRecords.employerId} in (select employer_id from batch_employers where batch_id = ${batch.id})
            or ${employmentRecords.employerId} = (select employer_id from travel_demands where id = ${seat.demandId}))`,
        ),
      )
      .orderBy(desc(employmentRecords.startDate), desc(employmentRecords.id))
      .get()?.id ?? null
  )
}

/**
 * Marks seated people of a batch heading to the bureau's city as arrived (到岗) or missing (issue 12 §7),
 * several at once. Takes the seat ids (1–MAX_MARKED, field `seatIds`) and the mark. Refused before
 * departure (operationRefusal `arrival`), for an id that is not a seated place on this batch (a stale
 * form: nothing is written), or to confirm the arrival of someone the escort marked 未到 at boarding.
 * A seat already bearing the mark is left as it is; every changed seat is audited (`seat.arrive` /
 * `seat.missing`, with whether it linked a hire). An arrival links the seat to the worker's hire by the
 * batch's employer (hireFor); a missing mark clears the link. Returns how many changed and how many
 * linked; null when the batch is not the bureau's (→ 404).
 */
export function markArrivals(actor: Actor, batchId: number, seatIds: number[], mark: ArrivalMark): Result<{ changed: number; linked: number }> | null {
  return writeTransaction((tx) => {
    const batch = findBureauBatch(tx, actor, batchId)
    if (!batch) return null
    const refusal = operationRefusal(batch.state, 'arrival', actor.role)
    if (refusal) return failure(refusal)
    const ids = [...new Set(seatIds)]
    if (ids.length === 0) return failure('请先勾选人员', { field: 'seatIds' })
    if (ids.length > MAX_MARKED) return failure(`一次最多 ${MAX_MARKED} 人`, { field: 'seatIds' })
    const seats = tx
      .select({ id: batchSeats.id, workerId: batchSeats.workerId, demandId: batchSeats.demandId, boarding: batchSeats.boarding, arrival: batchSeats.arrival })
      .from(batchSeats)
      .where(and(eq(batchSeats.batchId, batchId), eq(batchSeats.status, 'seated'), inArray(batchSeats.id, ids)))
      .all()
    if (seats.length !== ids.length) return failure('所选人员不在此批次的乘车名单中，请刷新页面后重试', { field: 'seatIds', status: 409 })
    if (mark === 'arrived' && seats.some((s) => s.boarding === 'no_show')) return failure('所选人员中有上车时登记为未到的，不能确认到岗', { field: 'seatIds' })
    const now = new Date()
    let changed = 0
    let linked = 0
    for (const seat of seats) {
      if (seat.arrival === mark) continue
      const hire = mark === 'arrived' ? hireFor(tx, batch, seat) : null
      tx.update(batchSeats)
        .set({ arrival: mark, arrivalAt: now, arrivalByUserId: actor.userId, employmentRecordId: hire })
        .where(eq(batchSeats.id, seat.id))
        .run()
      writeActorAudit(tx, actor, {
        action: mark === 'arrived' ? 'seat.arrive' : 'seat.missing',
        entity: 'batch_seat',
        entityId: seat.id,
        detail: { batchId, from: seat.arrival, linked: hire != null },
      })
      changed += 1
      if (hire != null) linked += 1
    }
    return { ok: true as const, changed, linked }
  })
}
