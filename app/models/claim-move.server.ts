import { eq } from 'drizzle-orm'
import { subsidyClaimEvents, subsidyClaims, type SelectSubsidyClaim } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import type { ClaimState, RejectReason } from '~/rules/subsidy-enums'
import { writeActorAudit } from '~/utils/audit.server'
import type { Queryable } from '~/utils/db.server'

// The one way a subsidy claim changes state after submission (issue 13 §6: every transition audited — who,
// when, why): the claim row, its timeline row and its audit row, written together. The review and the payouts
// both move claims through it; each checks the move (app/rules/subsidy-states.ts) before calling.

/** What a move writes besides the new state: audit action, reason code, message for the worker, more columns, audit detail. */
export type ClaimMove = {
  action: string
  reason?: RejectReason | null
  message?: string | null
  set?: Partial<SelectSubsidyClaim>
  detail?: Record<string, unknown>
}

/**
 * Moves `claim` from its state to `to`: updates the claim row (state plus `set`), writes one subsidy_claim_events
 * row (the worker's timeline: from, to, who, reason, message) and one audit row `action` (entity `claim`, detail
 * from/to plus `detail`). Call inside a write transaction, after every check; it checks nothing itself.
 */
export function moveClaim(
  tx: Queryable,
  actor: Actor,
  claim: Pick<SelectSubsidyClaim, 'id' | 'state'>,
  to: ClaimState,
  { action, reason = null, message = null, set = {}, detail = {} }: ClaimMove,
) {
  tx.update(subsidyClaims)
    .set({ ...set, state: to })
    .where(eq(subsidyClaims.id, claim.id))
    .run()
  tx.insert(subsidyClaimEvents).values({ claimId: claim.id, fromState: claim.state, toState: to, actorUserId: actor.userId, reason, message }).run()
  writeActorAudit(tx, actor, { action, entity: 'claim', entityId: claim.id, reason, detail: { from: claim.state, to, ...detail } })
}
