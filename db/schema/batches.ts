import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { ARRIVAL_MARKS, BATCH_STATES, BOARDING_MARKS, DEMAND_STATES, SEAT_SOURCES, SEAT_STATUSES, TRIP_NOTICE_KINDS } from '../../app/rules/batch-enums'
import { users } from './accounts'
import { employmentRecords } from './applications'
import { areas, organisations } from './areas-organisations'
import { CHECKIN_RESULTS, CHECKIN_SOURCES } from '../../app/rules/boarding-enums'
import { inList, moment, requiredCode, requiredId, serialId, timestamps } from './columns'
import { workers } from './ledger'
import { employers, vacancies } from './vacancies'

export {
  ARRIVAL_MARKS,
  BATCH_STATES,
  BOARDING_MARKS,
  DEMAND_STATES,
  SEAT_SOURCES,
  SEAT_STATUSES,
  TRIP_NOTICE_KINDS,
  type ArrivalMark,
  type BatchState,
  type BoardingMark,
  type DemandState,
  type SeatSource,
  type SeatStatus,
  type TripNoticeKind,
} from '../../app/rules/batch-enums'

// Point-to-point transport (点对点、一站式输送; issue 12, decision 020). Dates are Shanghai calendar days as
// `YYYY-MM-DD` text, like vacancies.valid_until. The capacity and seat-number triggers, and the copy of a
// batch's date onto its seats, are in migration 0046_batches_triggers (drizzle has no triggers).

/**
 * A worker's wish to travel (出行需求登记, issue 12 §1), filed by the worker or by staff for a ledger row
 * of their county; county staff group open demand into a batch (batch_id once invited).
 */
export const travelDemands = sqliteTable(
  'travel_demands',
  {
    id: serialId(),
    /** The county centre whose ledger row this is; every query is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    workerId: requiredId(() => workers.id),
    /** The account that filed it, when the worker did; null when staff filed it. */
    userId: integer().references(() => users.id),
    earliestDate: text().notNull(),
    latestDate: text().notNull(),
    /** The destination city (GB/T 2260); the county's pair by default. */
    cityCode: requiredCode(() => areas.code),
    employerId: integer().references(() => employers.id),
    /** The post the worker was hired for, if known. */
    vacancyId: integer().references(() => vacancies.id),
    pickupTownshipCode: text().references(() => areas.code),
    note: text(),
    state: text({ enum: DEMAND_STATES }).notNull().default('open'),
    batchId: integer().references(() => batches.id),
    createdByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    // The county's open demand by week (earliest date) and destination.
    index('travel_demands_org_state_idx').on(t.organisationId, t.state, t.earliestDate, t.cityCode),
    index('travel_demands_worker_idx').on(t.workerId, t.state),
    index('travel_demands_batch_idx').on(t.batchId),
    // One live (open or invited) demand per worker at a time, whoever files it (issue 12 §1).
    uniqueIndex('travel_demands_worker_live_uq')
      .on(t.workerId)
      .where(sql`${t.state} in ('open', 'invited')`),
    check('travel_demands_state_check', inList(t.state, DEMAND_STATES)),
    check('travel_demands_dates_check', sql`${t.earliestDate} <= ${t.latestDate}`),
  ],
)

/** Another ledger worker named on a demand as a travel companion; a group once they confirm. */
export const travelCompanions = sqliteTable(
  'travel_companions',
  {
    demandId: requiredId(() => travelDemands.id, { onDelete: 'cascade' }),
    workerId: requiredId(() => workers.id),
    confirmedAt: moment(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.demandId, t.workerId] }), index('travel_companions_worker_idx').on(t.workerId)],
)

/** A batch (输送批次): one departure of chartered buses from a county to its paired city (issue 12 §2). */
export const batches = sqliteTable(
  'batches',
  {
    id: serialId(),
    /** The county centre that runs it; every query on the sending side is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    /** The destination city (GB/T 2260): the receiving bureau's scope (/east/arrivals). */
    cityCode: requiredCode(() => areas.code),
    pickupName: text().notNull(),
    pickupAddress: text().notNull(),
    /** WGS-84 degrees, as vacancies store them; null until picked on the map. */
    pickupLat: real(),
    pickupLng: real(),
    departureDate: text().notNull(),
    /** `HH:MM`, Shanghai time. */
    departureTime: text().notNull(),
    notes: text(),
    escortName: text().notNull(),
    escortPhone: text().notNull(),
    state: text({ enum: BATCH_STATES }).notNull().default('draft'),
    /** Why it was cancelled, as typed; shown to the booked workers. */
    cancelReason: text(),
    openedAt: moment(),
    closedAt: moment(),
    departedAt: moment(),
    arrivedAt: moment(),
    cancelledAt: moment(),
    createdByUserId: integer().references(() => users.id),
    updatedByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('batches_org_date_idx').on(t.organisationId, t.departureDate),
    index('batches_org_state_idx').on(t.organisationId, t.state, t.departureDate),
    index('batches_city_date_idx').on(t.cityCode, t.departureDate),
    check('batches_state_check', inList(t.state, BATCH_STATES)),
    check('batches_cancel_reason_check', sql`${t.state} <> 'cancelled' or ${t.cancelReason} is not null`),
  ],
)

/** The employers a batch takes workers to (of the destination city's bureau). */
export const batchEmployers = sqliteTable(
  'batch_employers',
  {
    batchId: requiredId(() => batches.id, { onDelete: 'cascade' }),
    employerId: requiredId(() => employers.id),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.employerId] }), index('batch_employers_employer_idx').on(t.employerId)],
)

/** A bus of a batch; the batch's capacity is the sum of its vehicles' seats. */
export const batchVehicles = sqliteTable(
  'batch_vehicles',
  {
    id: serialId(),
    batchId: requiredId(() => batches.id),
    /** Licence plate, normalised (upper case, no spaces). */
    plate: text().notNull(),
    seats: integer().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('batch_vehicles_plate_uq').on(t.batchId, t.plate), check('batch_vehicles_seats_check', sql`${t.seats} between 1 and 80`)],
)

/**
 * A worker's place on a batch (issue 12 §3–§8): one row per sign-up, kept after a cancel. Seated rows
 * never exceed the batch's capacity (triggers); one live row per worker per batch and one seated row per
 * worker per departure day (partial unique indexes).
 */
export const batchSeats = sqliteTable(
  'batch_seats',
  {
    id: serialId(),
    batchId: requiredId(() => batches.id),
    /** The ledger row of the traveller. */
    workerId: requiredId(() => workers.id),
    /** The worker's account, when they booked it themselves (or have one). */
    userId: integer().references(() => users.id),
    /** Copied from the batch (trigger batch_seats_departure_date_sync keeps it equal) for batch_seats_day_uq. */
    departureDate: text().notNull(),
    status: text({ enum: SEAT_STATUSES }).notNull(),
    source: text({ enum: SEAT_SOURCES }).notNull(),
    /** Place on the waitlist, 1, 2, … per batch; set while waitlisted and kept after promotion. */
    waitlistSeq: integer(),
    demandId: integer().references(() => travelDemands.id),
    /** Bus and seat number: null until the seat plan (on closing). */
    vehicleId: integer().references(() => batchVehicles.id),
    seatNo: integer(),
    promotedAt: moment(),
    /** Why it was cancelled or removed, as typed (≤200 characters); the audit log holds no text. */
    endReason: text(),
    endedAt: moment(),
    endedByUserId: integer().references(() => users.id),
    boarding: text({ enum: BOARDING_MARKS }),
    boardingAt: moment(),
    boardingByUserId: integer().references(() => users.id),
    arrival: text({ enum: ARRIVAL_MARKS }),
    arrivalAt: moment(),
    arrivalByUserId: integer().references(() => users.id),
    /** The employment record an arrival confirmed (issue 12 §7). */
    employmentRecordId: integer().references(() => employmentRecords.id),
    createdByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('batch_seats_live_uq')
      .on(t.batchId, t.workerId)
      .where(sql`${t.status} in ('seated', 'waitlisted')`),
    uniqueIndex('batch_seats_day_uq')
      .on(t.workerId, t.departureDate)
      .where(sql`${t.status} = 'seated'`),
    uniqueIndex('batch_seats_vehicle_seat_uq')
      .on(t.vehicleId, t.seatNo)
      .where(sql`${t.vehicleId} is not null`),
    uniqueIndex('batch_seats_waitlist_uq')
      .on(t.batchId, t.waitlistSeq)
      .where(sql`${t.waitlistSeq} is not null`),
    // A batch's seats by status (the capacity count, the seat list, the waitlist in order).
    index('batch_seats_batch_status_idx').on(t.batchId, t.status, t.waitlistSeq),
    // The subsidy's question (issue 12 §8): did this worker board a batch leaving on that day?
    index('batch_seats_worker_boarding_idx').on(t.workerId, t.boarding, t.departureDate),
    index('batch_seats_user_idx').on(t.userId),
    // Arrivals by batch and moment (issue 15 §1 到岗确认): a period's arrivals on an office's batches read one
    // range per batch, not every seat the batches ever held.
    index('batch_seats_arrived_idx')
      .on(t.batchId, t.arrivalAt)
      .where(sql`${t.arrival} = 'arrived'`),
    check('batch_seats_status_check', inList(t.status, SEAT_STATUSES)),
    check('batch_seats_source_check', inList(t.source, SEAT_SOURCES)),
    check('batch_seats_boarding_check', inList(t.boarding, BOARDING_MARKS)),
    check('batch_seats_arrival_check', inList(t.arrival, ARRIVAL_MARKS)),
    check('batch_seats_waitlist_check', sql`${t.status} <> 'waitlisted' or ${t.waitlistSeq} is not null`),
    check(
      'batch_seats_place_check',
      sql`(${t.vehicleId} is null and ${t.seatNo} is null) or (${t.status} = 'seated' and ${t.vehicleId} is not null and ${t.seatNo} >= 1)`,
    ),
  ],
)

/** One-time notices of trips for the worker's /me (issue 12 §9); seen_at once shown. */
export const tripNotices = sqliteTable(
  'trip_notices',
  {
    id: serialId(),
    /** The ledger row told; /me finds it through workers.user_id. */
    workerId: requiredId(() => workers.id),
    batchId: requiredId(() => batches.id),
    seatId: integer().references(() => batchSeats.id),
    kind: text({ enum: TRIP_NOTICE_KINDS }).notNull(),
    seenAt: moment(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('trip_notices_worker_idx').on(t.workerId, t.seenAt), check('trip_notices_kind_check', inList(t.kind, TRIP_NOTICE_KINDS))],
)

/**
 * One check-in of the escort's boarding marks (issue 12 §6, decision 022): a mark (or a clear, null) on a
 * seat, sent by the phone's queue, a row's form or the paper-manifest entry. `checkin_id` is made by the
 * client, so a replayed sync finds its check-ins here and changes nothing twice; `result` is what became
 * of it. `phone_at` is the phone's clock as sent (ISO text, untrusted); `created_at` the server's.
 */
export const boardingCheckins = sqliteTable(
  'boarding_checkins',
  {
    id: serialId(),
    checkinId: text().notNull(),
    batchId: requiredId(() => batches.id),
    seatId: requiredId(() => batchSeats.id),
    mark: text({ enum: BOARDING_MARKS }),
    /** The mark the phone showed before this one (null: 未标). */
    base: text({ enum: BOARDING_MARKS }),
    phoneAt: text(),
    source: text({ enum: CHECKIN_SOURCES }).notNull(),
    result: text({ enum: CHECKIN_RESULTS }).notNull(),
    userId: requiredId(() => users.id),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('boarding_checkins_checkin_uq').on(t.checkinId),
    index('boarding_checkins_seat_idx').on(t.seatId),
    index('boarding_checkins_batch_idx').on(t.batchId),
    check('boarding_checkins_mark_check', inList(t.mark, BOARDING_MARKS)),
    check('boarding_checkins_base_check', inList(t.base, BOARDING_MARKS)),
    check('boarding_checkins_source_check', inList(t.source, CHECKIN_SOURCES)),
    check('boarding_checkins_result_check', inList(t.result, CHECKIN_RESULTS)),
  ],
)

export type SelectTravelDemand = typeof travelDemands.$inferSelect
export type SelectBatch = typeof batches.$inferSelect
export type InsertBatch = typeof batches.$inferInsert
export type SelectBatchVehicle = typeof batchVehicles.$inferSelect
export type SelectBatchSeat = typeof batchSeats.$inferSelect
export type SelectTripNotice = typeof tripNotices.$inferSelect
export type SelectBoardingCheckin = typeof boardingCheckins.$inferSelect
