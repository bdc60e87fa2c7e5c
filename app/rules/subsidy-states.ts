import { CLAIM_STATES, type ClaimState } from './subsidy-enums'
import { canMoveStatus, defineStatuses } from './status'
import { CLAIM_STATE_LABELS } from './subsidy-labels'

// The only moves a claim may make (issue 13 §6): draft → submitted → under review → approved / partially
// approved / rejected / returned → in payout → paid, or payment failed → back in the queue. No step is skipped
// (a submitted claim is not approved before a reviewer opens it) and none is redone (an approved claim is not
// approved again, a paid one never moves). A returned claim is corrected by the worker and submitted again.
// A failed payment returns to the queue and only there ("failed rows return to the queue", §7): a reviewer
// opens it again and re-decides — returns it for correction when the card is wrong, approves it again when
// not — and only then may another person put it in a new payout. It is never offered to a payout straight
// from payment_failed, so a wrong card is not paid to twice.

/** The claim's statuses: label, badge tone and the states each may move to. */
export const CLAIM_STATUS = defineStatuses<ClaimState>({
  draft: { label: CLAIM_STATE_LABELS.draft, tone: 'draft', next: ['submitted'] },
  submitted: { label: CLAIM_STATE_LABELS.submitted, tone: 'info', next: ['under_review'] },
  under_review: { label: CLAIM_STATE_LABELS.under_review, tone: 'info', next: ['approved', 'partially_approved', 'rejected', 'returned'] },
  approved: { label: CLAIM_STATE_LABELS.approved, tone: 'ok', next: ['in_payout'] },
  partially_approved: { label: CLAIM_STATE_LABELS.partially_approved, tone: 'ok', next: ['in_payout'] },
  rejected: { label: CLAIM_STATE_LABELS.rejected, tone: 'off', next: [] },
  returned: { label: CLAIM_STATE_LABELS.returned, tone: 'warn', next: ['submitted'] },
  in_payout: { label: CLAIM_STATE_LABELS.in_payout, tone: 'info', next: ['paid', 'payment_failed'] },
  paid: { label: CLAIM_STATE_LABELS.paid, tone: 'ok', next: [] },
  payment_failed: { label: CLAIM_STATE_LABELS.payment_failed, tone: 'warn', next: ['under_review'] },
})

/** Every allowed move, `from → [to…]`, read from CLAIM_STATUS. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimState, readonly ClaimState[]>> = Object.fromEntries(
  Object.entries(CLAIM_STATUS).map(([state, spec]) => [state, spec.next]),
) as Record<ClaimState, readonly ClaimState[]>

/**
 * Whether a claim may move from `from` to `to` (issue 13 §6: no step skipped or redone). Takes two states;
 * returns true only for a listed move (staying in the same state is never a move).
 */
export function canTransition(from: ClaimState, to: ClaimState): boolean {
  return canMoveStatus(CLAIM_STATUS, from, to)
}

/** States a worker may still change (edit tickets, cancel the draft): a draft, or a claim returned for correction. */
export function isEditableByWorker(state: ClaimState): boolean {
  return state === 'draft' || state === 'returned'
}

/** States whose claim counts for the year (blocks a second one): every state but draft and rejected. */
export function countsForYear(state: ClaimState): boolean {
  return state !== 'draft' && state !== 'rejected'
}

/** The states a claim can be in once submitted: what the review queue's state filter offers (issue 13 §6). */
export const QUEUE_STATES = CLAIM_STATES.filter((s) => s !== 'draft')

/** A queue count above this is shown as "more than" it: counting further would read the county's claims. */
export const QUEUE_COUNT_CAP = 10_000
