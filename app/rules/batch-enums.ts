// Stored codes of travel demand, batches and seats (issue 12). db/schema/batches.ts builds its CHECK
// constraints from these lists; labels, tones and moves are in ./batch. No imports.

/** A batch (批次): draft → open → closed → departed → arrived, or cancelled with a reason (issue 12 §2). */
export const BATCH_STATES = ['draft', 'open', 'closed', 'departed', 'arrived', 'cancelled'] as const
export type BatchState = (typeof BATCH_STATES)[number]

/**
 * A seat row (issue 12 §3): seated (holds a place within capacity), waitlisted (in `waitlist_seq` order),
 * cancelled (by the worker), removed (by staff, or with the batch). Only the first two are live.
 */
export const SEAT_STATUSES = ['seated', 'waitlisted', 'cancelled', 'removed'] as const
export type SeatStatus = (typeof SEAT_STATUSES)[number]

/** The statuses that hold a place in a batch: one of them per worker per batch. */
export const LIVE_SEAT_STATUSES = ['seated', 'waitlisted'] as const satisfies readonly SeatStatus[]

/** The escort's mark on departure day (issue 12 §6). */
export const BOARDING_MARKS = ['boarded', 'no_show'] as const
export type BoardingMark = (typeof BOARDING_MARKS)[number]

/** The receiving bureau's mark after departure (issue 12 §7): 到岗, or missing. */
export const ARRIVAL_MARKS = ['arrived', 'missing'] as const
export type ArrivalMark = (typeof ARRIVAL_MARKS)[number]

/** Who put the worker on the batch: the worker at /me/trips, or county staff from the ledger. */
export const SEAT_SOURCES = ['self', 'staff'] as const
export type SeatSource = (typeof SEAT_SOURCES)[number]

/** A travel demand (出行需求, issue 12 §1): open, invited to a batch, booked on it, or withdrawn. */
export const DEMAND_STATES = ['open', 'invited', 'booked', 'withdrawn'] as const
export type DemandState = (typeof DEMAND_STATES)[number]

/** What a one-time notice on /me tells the worker (issue 12 §9). */
export const TRIP_NOTICE_KINDS = ['invited', 'promoted', 'seat_assigned', 'seat_cancelled', 'batch_cancelled'] as const
export type TripNoticeKind = (typeof TRIP_NOTICE_KINDS)[number]
