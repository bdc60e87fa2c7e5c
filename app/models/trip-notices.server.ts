import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import { areas, batchSeats, batchVehicles, batches, tripNotices, workers, type TripNoticeKind } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { writeTransaction } from '~/utils/db.server'

// The worker's trip notices on /me (issue 12 §9): invitations, promotions from the waitlist, seat numbers and
// cancellations, each shown once. Written by the batch and seat models (writeTripNotice) in the transaction
// of the change they tell of.

/** The most notices shown at once; older unseen ones wait for the next visit. */
export const MAX_TRIP_NOTICES = 20

/** A notice as /me shows it: what happened, on which batch (day, time, city), the seat when known, the batch's cancel reason. */
export type TripNotice = {
  id: number
  kind: TripNoticeKind
  batchId: number
  departureDate: string
  departureTime: string
  cityName: string
  plate: string | null
  seatNo: number | null
  cancelReason: string | null
}

/**
 * The actor's unseen trip notices, oldest first (at most MAX_TRIP_NOTICES), marked seen in the same write
 * transaction so each is shown once, whichever process serves the next page. Takes a worker's Actor (their
 * own ledger row, through workers.user_id); any other role, or an account not linked to a ledger row, has none.
 */
export function takeTripNotices(actor: Actor): TripNotice[] {
  if (actor.role !== 'worker') return []
  return writeTransaction((tx) => {
    const worker = tx
      .select({ id: workers.id })
      .from(workers)
      .where(and(eq(workers.userId, actor.userId), eq(workers.organisationId, actor.organisationId)))
      .get()
    if (!worker) return []
    const rows = tx
      .select({
        id: tripNotices.id,
        kind: tripNotices.kind,
        batchId: batches.id,
        departureDate: batches.departureDate,
        departureTime: batches.departureTime,
        cityName: areas.name,
        plate: batchVehicles.plate,
        seatNo: batchSeats.seatNo,
        cancelReason: batches.cancelReason,
      })
      .from(tripNotices)
      .innerJoin(batches, eq(batches.id, tripNotices.batchId))
      .innerJoin(areas, eq(areas.code, batches.cityCode))
      .leftJoin(batchSeats, eq(batchSeats.id, tripNotices.seatId))
      .leftJoin(batchVehicles, eq(batchVehicles.id, batchSeats.vehicleId))
      .where(and(eq(tripNotices.workerId, worker.id), isNull(tripNotices.seenAt)))
      .orderBy(asc(tripNotices.id))
      .limit(MAX_TRIP_NOTICES)
      .all()
    if (rows.length > 0)
      tx.update(tripNotices)
        .set({ seenAt: new Date() })
        .where(
          inArray(
            tripNotices.id,
            rows.map((r) => r.id),
          ),
        )
        .run()
    return rows
  })
}
