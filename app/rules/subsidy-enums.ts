// Stored codes of the cross-province transport subsidy (跨省一次性交通补助, issue 12 §4 of the brief, issue 13).
// db/schema/subsidy.ts builds its CHECK constraints from these lists; the rules are in ./subsidy*.ts and the
// Chinese labels beside them. No imports.

/**
 * A claim's states (issue 13 §6): draft → submitted → under_review → approved / partially_approved / rejected /
 * returned → in_payout → paid, or payment_failed (back in the queue). A returned claim is corrected by the
 * worker and submitted again.
 */
export const CLAIM_STATES = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'partially_approved',
  'rejected',
  'returned',
  'in_payout',
  'paid',
  'payment_failed',
] as const
export type ClaimState = (typeof CLAIM_STATES)[number]

/** Ways of travel a ticket may show; which are eligible is the county policy's choice (issue 13 §1–2). */
export const TRAVEL_MODES = [
  'train_hard_seat',
  'train_hard_sleeper',
  'train_soft_seat',
  'train_soft_sleeper',
  'hsr_second',
  'hsr_first',
  'hsr_business',
  'coach',
  'flight',
  'taxi',
  'private_car',
  'other',
] as const
export type TravelMode = (typeof TRAVEL_MODES)[number]

/** Seed 002: 火车硬席、高铁/动车二等座和公交长途汽车 — the default eligible modes. */
export const DEFAULT_ELIGIBLE_MODES: readonly TravelMode[] = ['train_hard_seat', 'train_hard_sleeper', 'hsr_second', 'coach']

/** A leg of the round trip between home and workplace. */
export const LEG_DIRECTIONS = ['outbound', 'return'] as const
export type LegDirection = (typeof LEG_DIRECTIONS)[number]

/** Where the work is, which decides the flat amount: outside Chongqing, or outside the county but inside Chongqing. */
export const WORK_DISTANCES = ['outside_chongqing', 'outside_county'] as const
export type WorkDistance = (typeof WORK_DISTANCES)[number]

/** Proof of employment (issue 13 §2): a portal employment record, or an uploaded document of one of these kinds. */
export const EMPLOYMENT_PROOFS = ['employment_record', 'employer_certificate', 'labour_contract', 'wage_records', 'social_insurance'] as const
export type EmploymentProof = (typeof EMPLOYMENT_PROOFS)[number]

/** Where the money goes: the worker's social-security card, or their own bank account. */
export const PAYMENT_CARD_KINDS = ['social_security', 'bank'] as const
export type PaymentCardKind = (typeof PAYMENT_CARD_KINDS)[number]

/** A reviewer's decision on one ticket. */
export const TICKET_DECISIONS = ['approved', 'rejected'] as const
export type TicketDecision = (typeof TICKET_DECISIONS)[number]

/** Reason codes for refusing a ticket or a claim (labels in ./subsidy-labels). */
export const REJECT_REASONS = [
  'ineligible_mode',
  'batch_leg',
  'duplicate_ticket',
  'unreadable',
  'mismatch',
  'outside_year',
  'not_eligible_person',
  'no_employment_proof',
  'other',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

/** What an uploaded file is for: a ticket's photo or PDF, or a proof of employment. */
export const CLAIM_FILE_PURPOSES = ['ticket', 'proof'] as const
export type ClaimFilePurpose = (typeof CLAIM_FILE_PURPOSES)[number]

/** Kinds of stored claim file, decided by magic bytes (images are re-encoded as JPEG). */
export const CLAIM_FILE_KINDS = ['jpeg', 'png', 'webp', 'pdf'] as const
export type ClaimFileKind = (typeof CLAIM_FILE_KINDS)[number]

/** Why a claim is flagged for the reviewer: the same ticket number, the same file, or a near-identical photo elsewhere. */
export const CLAIM_FLAG_KINDS = ['ticket_number', 'file_hash', 'photo_hash'] as const
export type ClaimFlagKind = (typeof CLAIM_FLAG_KINDS)[number]

/** A payout batch (发放批次): open while claims are added, exported to finance, closed when every row is settled. */
export const PAYOUT_STATES = ['open', 'exported', 'closed'] as const
export type PayoutState = (typeof PAYOUT_STATES)[number]

/** One claim's row in a payout: waiting for finance, paid, or failed (the claim goes back to the queue). */
export const PAYOUT_ROW_RESULTS = ['pending', 'paid', 'failed'] as const
export type PayoutRowResult = (typeof PAYOUT_ROW_RESULTS)[number]
