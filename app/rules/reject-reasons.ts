import { REJECT_REASONS, type RejectReason } from './subsidy-enums'
import { REJECT_REASON_LABELS } from './subsidy-labels'

// Which refusal reasons a reviewer may give (issue 13 §6). Some reasons state a fact the rules decide — the mode
// is outside the policy, the leg rode a free batch, the date is outside the claim year, the person is not one the
// policy covers — and may be chosen only when assessClaim (rules/subsidy.ts) finds that fact; the rest are the
// reviewer's judgement (an unreadable photo, a duplicate elsewhere, a ticket that does not match, …) and stay free.

/** The reasons that state a fact the rules decide. */
export const RULE_FACT_REASONS = ['ineligible_mode', 'batch_leg', 'outside_year', 'not_eligible_person'] as const satisfies readonly RejectReason[]

/** Whether `reason` states a fact the rules decide (RULE_FACT_REASONS). */
export function isRuleFactReason(reason: RejectReason): boolean {
  return (RULE_FACT_REASONS as readonly RejectReason[]).includes(reason)
}

/** What the rules found: a ticket's reason code (null when eligible) and whether the person has problems. */
export type TicketFacts = { reason: RejectReason | null; personIneligible: boolean }

/**
 * The reasons a reviewer may give for refusing one ticket, in REJECT_REASONS' order: every judgement reason,
 * and a fact reason only when the rules found it for that ticket (`not_eligible_person` when the person has
 * problems). Takes the rules' reason for the ticket and whether the person is ineligible.
 */
export function ticketReasonsOpen({ reason, personIneligible }: TicketFacts): RejectReason[] {
  return REJECT_REASONS.filter((r) => !isRuleFactReason(r) || (r === 'not_eligible_person' ? personIneligible : r === reason))
}

/**
 * The reasons a reviewer may give for refusing the whole claim: every judgement reason, and a fact reason when
 * the rules found it for at least one of its tickets (`ticketReasons`) or, for `not_eligible_person`, the person.
 */
export function claimReasonsOpen(ticketReasons: readonly (RejectReason | null)[], personIneligible: boolean): RejectReason[] {
  return REJECT_REASONS.filter((r) => !isRuleFactReason(r) || (r === 'not_eligible_person' ? personIneligible : ticketReasons.includes(r)))
}

/**
 * The Chinese message refusing a fact reason the rules did not find (shown beside the reason's select), or null
 * when `reason` may be given. `subject` names what is refused: '这张车票' or '这份申请'.
 */
export function reasonRefusal(reason: RejectReason, open: readonly RejectReason[], subject: '这张车票' | '这份申请'): string | null {
  if (open.includes(reason)) return null
  return `按规则核对，${subject}没有“${REJECT_REASON_LABELS[reason]}”的情况，不能以此不通过；请选择实际的问题。`
}
