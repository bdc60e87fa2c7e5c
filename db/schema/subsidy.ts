import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  CLAIM_FILE_KINDS,
  CLAIM_FILE_PURPOSES,
  CLAIM_FLAG_KINDS,
  CLAIM_STATES,
  EMPLOYMENT_PROOFS,
  LEG_DIRECTIONS,
  PAYMENT_CARD_KINDS,
  PAYOUT_ROW_RESULTS,
  PAYOUT_STATES,
  REJECT_REASONS,
  TICKET_DECISIONS,
  TRAVEL_MODES,
  WORK_DISTANCES,
} from '../../app/rules/subsidy-enums'
import { users } from './accounts'
import { employmentRecords } from './applications'
import { areas, organisations } from './areas-organisations'
import { batches } from './batches'
import { inList, moment, requiredId, serialId, timestamps } from './columns'
import { workers } from './ledger'

export * from '../../app/rules/subsidy-enums'

// Cross-province transport subsidy (跨省一次性交通补助; brief §4, issue 13). Money is integer fen; dates are
// Shanghai calendar days as `YYYY-MM-DD` text; lists of codes are JSON arrays of the codes in
// app/rules/subsidy-enums.ts.

/**
 * A county's subsidy policy for one year (issue 13 §1). A version that claims were submitted under is never
 * edited: a change makes the next version, and new claims take the newest.
 */
export const subsidyPolicies = sqliteTable(
  'subsidy_policies',
  {
    id: serialId(),
    /** The county employment centre whose policy this is. */
    organisationId: requiredId(() => organisations.id),
    year: integer().notNull(),
    version: integer().notNull().default(1),
    opensOn: text().notNull(),
    closesOn: text().notNull(),
    /** Late filing accepted until this day (inclusive); null when there is none. */
    lateUntil: text(),
    /** JSON array of TRAVEL_MODES codes that are paid. */
    eligibleModes: text().notNull(),
    /** The most one claim is paid, in fen; null for no cap. */
    capFen: integer(),
    /** Flat amount without tickets for work outside Chongqing, in fen (¥200 in the Chongqing county guides). */
    flatOutsideChongqingFen: integer().notNull(),
    /** Flat amount without tickets for work outside the county but inside Chongqing, in fen (¥50). */
    flatOutsideCountyFen: integer().notNull(),
    /** JSON array of EMPLOYMENT_PROOFS codes accepted. */
    acceptedProofs: text().notNull(),
    createdByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('subsidy_policies_org_year_version_uq').on(t.organisationId, t.year, t.version),
    check('subsidy_policies_window_check', sql`${t.opensOn} <= ${t.closesOn} and (${t.lateUntil} is null or ${t.lateUntil} >= ${t.closesOn})`),
    check(
      'subsidy_policies_amounts_check',
      sql`${t.flatOutsideChongqingFen} >= 0 and ${t.flatOutsideCountyFen} >= 0 and (${t.capFen} is null or ${t.capFen} > 0)`,
    ),
  ],
)

/**
 * A worker's claim for one year (issue 13 §2–3, §6). One claim per worker per year, whatever its state but a
 * draft or a rejection (database constraint, `subsidy_claims_worker_year_uq`); the year is the one the claim was
 * started for (this Shanghai year, or last year inside its late-filing window); a ticket travelled in another
 * year is refused for it (outside_year).
 */
export const subsidyClaims = sqliteTable(
  'subsidy_claims',
  {
    id: serialId(),
    /** The county centre whose ledger row this is; every staff query is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    workerId: requiredId(() => workers.id),
    /**
     * The worker's township (GB/T 2260 code) when the claim was made or submitted, copied from the ledger row
     * so the queue's township filter walks subsidy_claims_org_township_idx instead of reading each claim's
     * ledger row (decision 024). Null only for rows older than migration claim_township, which filled them.
     */
    townshipCode: text().references(() => areas.code),
    /** The worker's account when they filed it themselves; null for a claim staff filed. */
    userId: integer().references(() => users.id),
    /** Staff who filed it on the worker's behalf (代为申报), when they did. */
    assistedByUserId: integer().references(() => users.id),
    /**
     * When the worker was told of a claim staff filed for them (issue 13 §6 "with the worker told"): the
     * one-time notice on /me sets it; null until then (and for a claim the worker filed).
     */
    workerToldAt: moment(),
    year: integer().notNull(),
    policyId: requiredId(() => subsidyPolicies.id),
    state: text({ enum: CLAIM_STATES }).notNull().default('draft'),
    workDistance: text({ enum: WORK_DISTANCES }).notNull().default('outside_chongqing'),
    /** Where the work is (GB/T 2260 code of a city or county). */
    workplaceCode: text().references(() => areas.code),
    employmentRecordId: integer().references(() => employmentRecords.id),
    proofKind: text({ enum: EMPLOYMENT_PROOFS }),
    /** No tickets: the flat amount is claimed (a top-up follows when tickets come later). */
    flat: integer({ mode: 'boolean' }).notNull().default(false),
    /** The claim this one tops up (the earlier flat-amount claim of the same year), when it is a top-up. */
    topUpOfClaimId: integer(),
    cardKind: text({ enum: PAYMENT_CARD_KINDS }),
    /** The full card number (digits); shown masked everywhere but the audited full export. */
    cardNumber: text(),
    /** 承诺书: the name typed under the truthfulness commitment, and when. */
    commitmentName: text(),
    committedAt: moment(),
    /** What the rules gave when it was submitted, in fen. */
    expectedFen: integer().notNull().default(0),
    /** What the reviewer approved, in fen. */
    approvedFen: integer(),
    /** The reviewer's message when returned for correction, or the reason when rejected. */
    decisionReason: text({ enum: REJECT_REASONS }),
    decisionMessage: text(),
    /** Who made the approval decision: they may not put it in a payout or mark it paid (separation of duties). */
    decidedByUserId: integer().references(() => users.id),
    decidedAt: moment(),
    submittedAt: moment(),
    paidAt: moment(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('subsidy_claims_worker_year_uq')
      .on(t.workerId, t.year)
      .where(sql`${t.state} not in ('draft', 'rejected') and ${t.topUpOfClaimId} is null`),
    // At most one draft per worker, so a refreshed or double-clicked "new claim" resumes it.
    uniqueIndex('subsidy_claims_worker_draft_uq')
      .on(t.workerId)
      .where(sql`${t.state} = 'draft'`),
    // One top-up per flat-amount claim (issue 13 §2: the difference is paid once).
    uniqueIndex('subsidy_claims_top_up_uq')
      .on(t.topUpOfClaimId)
      .where(sql`${t.topUpOfClaimId} is not null and ${t.state} not in ('draft', 'rejected')`),
    // The review queue: a county's claims by state, oldest submission first.
    index('subsidy_claims_org_state_idx').on(t.organisationId, t.state, t.submittedAt),
    // The queue's township filter: the same walk within one township.
    index('subsidy_claims_org_township_idx').on(t.organisationId, t.townshipCode, t.state, t.submittedAt),
    // The queue's month filters (issue 15 §5: /west/claims?decided=, ?paid=): a state's decisions or payments
    // of a month are one range, walked in that order like the queue's submission walk.
    index('subsidy_claims_org_decided_idx').on(t.organisationId, t.state, t.decidedAt),
    index('subsidy_claims_org_paid_idx').on(t.organisationId, t.state, t.paidAt),
    index('subsidy_claims_worker_idx').on(t.workerId, t.year),
    check('subsidy_claims_state_check', inList(t.state, CLAIM_STATES)),
    check('subsidy_claims_distance_check', inList(t.workDistance, WORK_DISTANCES)),
    check('subsidy_claims_proof_check', inList(t.proofKind, EMPLOYMENT_PROOFS)),
    check('subsidy_claims_card_kind_check', inList(t.cardKind, PAYMENT_CARD_KINDS)),
    check('subsidy_claims_reason_check', inList(t.decisionReason, REJECT_REASONS)),
    check('subsidy_claims_money_check', sql`${t.expectedFen} >= 0 and (${t.approvedFen} is null or ${t.approvedFen} >= 0)`),
  ],
)

/** A ticket of one leg of a claim (issue 13 §2): mode, date, from, to, fare in fen, ticket number. */
export const subsidyTickets = sqliteTable(
  'subsidy_tickets',
  {
    id: serialId(),
    claimId: requiredId(() => subsidyClaims.id, { onDelete: 'cascade' }),
    direction: text({ enum: LEG_DIRECTIONS }).notNull(),
    /** Order within the claim (1, 2, …), outbound tickets first. */
    position: integer().notNull(),
    mode: text({ enum: TRAVEL_MODES }).notNull(),
    travelDate: text().notNull(),
    fromPlace: text().notNull(),
    toPlace: text().notNull(),
    fareFen: integer().notNull(),
    /** As printed, upper-cased and without spaces; the duplicate check compares it across every county. */
    ticketNumber: text().notNull(),
    /** The programme batch that carried this leg, when one did (not eligible: 其他部门已给予此项补贴的除外). */
    batchId: integer().references(() => batches.id),
    decision: text({ enum: TICKET_DECISIONS }),
    rejectReason: text({ enum: REJECT_REASONS }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('subsidy_tickets_claim_position_uq').on(t.claimId, t.position),
    index('subsidy_tickets_number_idx').on(t.ticketNumber),
    // One use per ticket number (security.md 13): a number may be submitted twice (flagged for the reviewer,
    // issue 13 §5), but only one ticket with that number is ever approved — so it is never paid twice.
    uniqueIndex('subsidy_tickets_approved_number_uq')
      .on(t.ticketNumber)
      .where(sql`${t.decision} = 'approved'`),
    check('subsidy_tickets_fare_check', sql`${t.fareFen} >= 0`),
    check('subsidy_tickets_mode_check', inList(t.mode, TRAVEL_MODES)),
    check('subsidy_tickets_direction_check', inList(t.direction, LEG_DIRECTIONS)),
    check('subsidy_tickets_decision_check', inList(t.decision, TICKET_DECISIONS)),
    check('subsidy_tickets_reason_check', inList(t.rejectReason, REJECT_REASONS)),
  ],
)

/**
 * An uploaded photo or PDF (issue 13 §4–5): stored outside public/ under `storedName`, images re-encoded
 * upright without EXIF. `sha256` is of the stored bytes' source; `photoHash` a 64-bit perceptual hash (16 hex
 * digits) of an image, split into four 16-bit bands (`band0…3`, indexed) so a near-identical photo is found
 * by any band that matches exactly, then by Hamming distance.
 */
export const subsidyFiles = sqliteTable(
  'subsidy_files',
  {
    id: serialId(),
    claimId: requiredId(() => subsidyClaims.id, { onDelete: 'cascade' }),
    /** The ticket it shows; null for a proof of employment. */
    ticketId: integer().references(() => subsidyTickets.id, { onDelete: 'cascade' }),
    purpose: text({ enum: CLAIM_FILE_PURPOSES }).notNull(),
    kind: text({ enum: CLAIM_FILE_KINDS }).notNull(),
    storedName: text().notNull(),
    originalName: text().notNull(),
    bytes: integer().notNull(),
    sha256: text().notNull(),
    photoHash: text(),
    band0: integer(),
    band1: integer(),
    band2: integer(),
    band3: integer(),
    uploadedByUserId: integer().references(() => users.id),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('subsidy_files_stored_name_uq').on(t.storedName),
    index('subsidy_files_claim_idx').on(t.claimId, t.ticketId),
    index('subsidy_files_sha_idx').on(t.sha256),
    index('subsidy_files_band0_idx').on(t.band0),
    index('subsidy_files_band1_idx').on(t.band1),
    index('subsidy_files_band2_idx').on(t.band2),
    index('subsidy_files_band3_idx').on(t.band3),
    check('subsidy_files_kind_check', inList(t.kind, CLAIM_FILE_KINDS)),
    check('subsidy_files_purpose_check', inList(t.purpose, CLAIM_FILE_PURPOSES)),
  ],
)

/** Evidence for the reviewer (issue 13 §5): this claim's ticket or file matches one in another claim. */
export const subsidyFlags = sqliteTable(
  'subsidy_flags',
  {
    id: serialId(),
    claimId: requiredId(() => subsidyClaims.id, { onDelete: 'cascade' }),
    ticketId: integer().references(() => subsidyTickets.id, { onDelete: 'cascade' }),
    kind: text({ enum: CLAIM_FLAG_KINDS }).notNull(),
    otherClaimId: requiredId(() => subsidyClaims.id, { onDelete: 'cascade' }),
    otherTicketId: integer().references(() => subsidyTickets.id, { onDelete: 'cascade' }),
    /** For a photo match: the Hamming distance of the perceptual hashes (0–64). */
    distance: integer(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('subsidy_flags_claim_idx').on(t.claimId),
    uniqueIndex('subsidy_flags_pair_uq').on(t.claimId, t.kind, t.otherClaimId, t.ticketId, t.otherTicketId),
    check('subsidy_flags_kind_check', inList(t.kind, CLAIM_FLAG_KINDS)),
  ],
)

/** A claim's timeline (issue 13 §6, §8): every transition with who, when and why, shown to the worker. */
export const subsidyClaimEvents = sqliteTable(
  'subsidy_claim_events',
  {
    id: serialId(),
    claimId: requiredId(() => subsidyClaims.id, { onDelete: 'cascade' }),
    fromState: text({ enum: CLAIM_STATES }),
    toState: text({ enum: CLAIM_STATES }).notNull(),
    actorUserId: integer().references(() => users.id),
    reason: text({ enum: REJECT_REASONS }),
    message: text(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('subsidy_claim_events_claim_idx').on(t.claimId, t.createdAt),
    check('subsidy_claim_events_state_check', inList(t.toState, CLAIM_STATES)),
    check('subsidy_claim_events_from_check', inList(t.fromState, CLAIM_STATES)),
    check('subsidy_claim_events_reason_check', inList(t.reason, REJECT_REASONS)),
  ],
)

/** A payout batch (发放批次, issue 13 §7) of a county: approved claims sent to county finance together. */
export const subsidyPayouts = sqliteTable(
  'subsidy_payouts',
  {
    id: serialId(),
    organisationId: requiredId(() => organisations.id),
    title: text().notNull(),
    state: text({ enum: PAYOUT_STATES }).notNull().default('open'),
    /** The public notice (公示) period, Shanghai days; 5 working days by default. */
    noticeFrom: text(),
    noticeUntil: text(),
    createdByUserId: requiredId(() => users.id),
    ...timestamps,
  },
  (t) => [index('subsidy_payouts_org_idx').on(t.organisationId, t.createdAt), check('subsidy_payouts_state_check', inList(t.state, PAYOUT_STATES))],
)

/** A claim in a payout, with the amount sent and what finance reported. A claim is pending in one payout at most. */
export const subsidyPayoutRows = sqliteTable(
  'subsidy_payout_rows',
  {
    id: serialId(),
    payoutId: requiredId(() => subsidyPayouts.id, { onDelete: 'cascade' }),
    claimId: requiredId(() => subsidyClaims.id),
    amountFen: integer().notNull(),
    result: text({ enum: PAYOUT_ROW_RESULTS }).notNull().default('pending'),
    failureMessage: text(),
    markedByUserId: integer().references(() => users.id),
    markedAt: moment(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('subsidy_payout_rows_pending_uq')
      .on(t.claimId)
      .where(sql`${t.result} = 'pending'`),
    uniqueIndex('subsidy_payout_rows_payout_claim_uq').on(t.payoutId, t.claimId),
    index('subsidy_payout_rows_claim_idx').on(t.claimId),
    check('subsidy_payout_rows_amount_check', sql`${t.amountFen} > 0`),
    check('subsidy_payout_rows_result_check', inList(t.result, PAYOUT_ROW_RESULTS)),
  ],
)

export type SelectSubsidyPolicy = typeof subsidyPolicies.$inferSelect
export type SelectSubsidyClaim = typeof subsidyClaims.$inferSelect
export type SelectSubsidyTicket = typeof subsidyTickets.$inferSelect
export type SelectSubsidyFile = typeof subsidyFiles.$inferSelect
