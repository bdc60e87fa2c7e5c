import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm'
import { batchSeats, batches } from '../../db/schema'
import { RIDDEN_BATCH_STATES } from '~/rules/batch'
import { db, type Queryable } from '~/utils/db.server'

// "One leg paid once" (issue 12 §8, decision 020): a worker who boarded a programme batch had that leg paid by
// the programme, so the transport subsidy (product brief §4, "其他部门已给予此项补贴的除外") must not pay it
// again. This is the one question the subsidy asks of the batches.

/** A boarded leg: the batch, the day it left (Shanghai `YYYY-MM-DD`) and the city it went to. */
export type BoardedLeg = { batchId: number; seatId: number; departureDate: string; cityCode: string }

/**
 * The programme legs `workerId` (a ledger row) boarded that left on a day from `from` to `to` inclusive
 * (Shanghai `YYYY-MM-DD`): seats marked boarded on a batch that then departed (state departed or arrived).
 * Read through `q` (default the connection; pass the claim's transaction to check inside it) along
 * batch_seats_worker_boarding_idx. Returns the legs, earliest first; an empty list when none.
 */
export function boardedLegs(workerId: number, { from, to }: { from: string; to: string }, q: Queryable = db): BoardedLeg[] {
  return q
    .select({ batchId: batches.id, seatId: batchSeats.id, departureDate: batchSeats.departureDate, cityCode: batches.cityCode })
    .from(batchSeats)
    .innerJoin(batches, eq(batches.id, batchSeats.batchId))
    .where(
      and(
        eq(batchSeats.workerId, workerId),
        eq(batchSeats.boarding, 'boarded'),
        // Only a seat still held: one removed or cancelled after its tick was not a ride (issue12-attack).
        eq(batchSeats.status, 'seated'),
        // With the worker and the mark, the range of batch_seats_worker_boarding_idx: one worker's boarded seats by day.
        gte(batchSeats.departureDate, from),
        lte(batchSeats.departureDate, to),
        inArray(batches.state, RIDDEN_BATCH_STATES),
      ),
    )
    .orderBy(asc(batchSeats.departureDate), asc(batches.id))
    .all()
}
