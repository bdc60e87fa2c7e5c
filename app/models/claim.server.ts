import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm'
import { subsidyClaims } from '../../db/schema'
import { maskCard } from '~/rules/card-number'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { isEditableByWorker } from '~/rules/subsidy-states'
import { db, writeTransaction } from '~/utils/db.server'
import { assessOwnClaim, claimantFacts, earlierPaidFen } from './claim-facts.server'
import { claimFileList, claimTimeline, countingClaimOf, employmentChoices, ownClaim, ownLedgerRow } from './claim-read.server'
import { lateFilingYear, submitRefusals } from './claim-write.server'
import { policyInForce } from './subsidy-policy.server'
import { mayTopUp, personProblemsOf, policyTermsOf } from '~/rules/subsidy'

// The worker's side of the transport subsidy (跨省一次性交通补助, issue 13 §3, §8): what /me/claims and
// /me/claims/<id> show. The reads are in ./claim-read.server.ts, the writes in ./claim-write.server.ts, the
// facts the rules are given in ./claim-facts.server.ts; this module puts one page's data together and
// re-exports what other helpers use (claimTimeline for the review and payout pages).

export { claimTimeline, claimsOfWorker, type ClaimTimelineEvent } from './claim-read.server'
export { addClaimFiles, removeClaimFile, removeTicket, saveCard, saveProof, saveTicket, setFlat, startDraft, submitClaim } from './claim-write.server'

/**
 * Whether the signed-in worker may claim this year, for /me/claims and /me/claims/new (issue 13 §2, §8):
 * `verified` false when the account is not a verified worker linked to the county's ledger (then nothing else
 * is said: verification comes first), `archived` when the ledger row is archived, `policy` whether the county
 * has one for the year (looked up by the county, not through the ledger row), `problems` why not (not
 * 脱贫/监测, no work outside the county this year — the rules' personProblems under the county's policy),
 * `draftId` the draft to resume, `counting` the claim that already counts for the year (id and state: once a
 * year, so no new claim), `topUp` whether a top-up with tickets may follow it (mayTopUp), `late` last year
 * when it may still be filed for (lateFilingYear: its late-filing window open, no claim for it yet), else
 * null, and `thisYear` / `mayStart`: whether startDraft would start a draft for this year (no problem, no
 * counting claim unless `topUp`) / for any year — the pages offer a start button only then.
 */
export function claimStart(actor: Actor) {
  const own = ownLedgerRow(db, actor)
  const year = Number(todayInShanghai().slice(0, 4))
  const policy = policyInForce(db, actor.organisationId, year)
  if (!own || own.verifiedAt == null) {
    return {
      year,
      verified: false,
      archived: false,
      policy: policy != null,
      problems: [],
      draftId: null,
      counting: null,
      topUp: false,
      late: null,
      thisYear: false,
      mayStart: false,
    }
  }
  const draft = db
    .select({ id: subsidyClaims.id })
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.workerId, own.worker.id), eq(subsidyClaims.state, 'draft')))
    .get()
  const archived = own.worker.archivedAt != null
  const facts = claimantFacts(db, own.worker.id, actor.areaCode, actor.organisationId)
  const problems = archived ? ['台账信息已归档，请联系区县就业和人才中心'] : policy && facts ? personProblemsOf(policyTermsOf(policy), facts, year) : []
  const counting = countingClaimOf(db, own.worker.id, year)
  const topUp = counting != null && mayTopUp(counting, counting.topUpStates)
  const late = archived ? null : lateFilingYear(db, actor.organisationId, own.worker.id)
  const thisYear = !archived && policy != null && problems.length === 0 && (counting == null || topUp)
  return {
    year,
    verified: true,
    archived,
    policy: policy != null,
    problems,
    draftId: draft?.id ?? null,
    counting: counting ? { id: counting.id, state: counting.state, flat: counting.flat } : null,
    topUp,
    late,
    thisYear,
    mayStart: thisYear || late != null,
  }
}

/**
 * One claim of the signed-in worker as /me/claims/<id> shows it, or null when it is not theirs (a 404).
 * The card number is masked (`**** 0018`); stored file names never leave the server. `editable` for a draft
 * or a returned claim, with the rules' verdict on every ticket and the expected amount (the same
 * assessClaim the reviewer reads), the policy's eligible modes and accepted proofs, and the worker's
 * employment records to choose from, and (`refusals`) every problem submitClaim would refuse it for; for a top-up, the claim it tops up and what that one was approved for
 * (fen); always the timeline.
 */
export function claimForWorker(actor: Actor, claimId: number) {
  const claim = ownClaim(db, actor, claimId)
  if (!claim) return null
  const { cardNumber, ...rest } = claim
  const editable = isEditableByWorker(claim.state)
  const { policy, assessment, tickets } = assessOwnClaim(db, claim, actor.areaCode)
  const terms = policy ? policyTermsOf(policy) : null
  return {
    claim: { ...rest, cardMasked: cardNumber ? maskCard(cardNumber) : null },
    editable,
    tickets: tickets.map((t, i) => ({ ...t, verdict: assessment?.tickets[i] ?? null })),
    files: claimFileList(db, claim.id),
    assessment: assessment
      ? {
          year: assessment.year,
          amountFen: assessment.amountFen,
          eligibleFareFen: assessment.eligibleFareFen,
          capped: assessment.capped,
          kind: assessment.kind,
          flatInsteadFen: assessment.flatInsteadFen,
          personProblems: assessment.personProblems,
          problems: assessment.problems,
        }
      : null,
    terms: terms
      ? {
          year: terms.year,
          eligibleModes: terms.eligibleModes,
          acceptedProofs: terms.acceptedProofs,
          capFen: terms.capFen,
          flatOutsideChongqingFen: terms.flatOutsideChongqingFen,
          flatOutsideCountyFen: terms.flatOutsideCountyFen,
        }
      : null,
    topUp: claim.topUpOfClaimId != null ? { ofClaimId: claim.topUpOfClaimId, paidFen: earlierPaidFen(db, claim) } : null,
    employment: editable ? employmentChoices(db, claim.workerId) : [],
    /** Everything submitting would be refused for now (the submit page lists them before the 承诺书). */
    refusals: editable ? submitRefusals(db, claim, actor.areaCode) : [],
    timeline: claimTimeline(db, claim.id),
  }
}

export type ClaimForWorker = NonNullable<ReturnType<typeof claimForWorker>>

/**
 * The claims staff filed for the signed-in worker (代为申报, issue 13 §6 "with the worker told") that the worker
 * has not been told of yet, oldest first: id, year, state, whether flat, the expected amount (fen) and when it
 * was filed (ms). Marks them told (subsidy_claims.worker_told_at) in the same write transaction, so /me shows
 * the notice once, whichever process serves the next page; after that the claim is only in /me/claims. Any
 * other role, or an account without a ledger row, has none.
 */
export function takeAssistedClaimNotices(actor: Actor) {
  if (actor.role !== 'worker') return []
  return writeTransaction((tx) => {
    const own = ownLedgerRow(tx, actor)
    if (!own) return []
    const rows = tx
      .select({
        id: subsidyClaims.id,
        year: subsidyClaims.year,
        state: subsidyClaims.state,
        flat: subsidyClaims.flat,
        expectedFen: subsidyClaims.expectedFen,
        createdAt: subsidyClaims.createdAt,
      })
      .from(subsidyClaims)
      .where(
        and(
          eq(subsidyClaims.workerId, own.worker.id),
          eq(subsidyClaims.organisationId, actor.organisationId),
          isNotNull(subsidyClaims.assistedByUserId),
          isNull(subsidyClaims.workerToldAt),
        ),
      )
      .orderBy(asc(subsidyClaims.id))
      .all()
    const now = new Date()
    for (const row of rows) tx.update(subsidyClaims).set({ workerToldAt: now }).where(eq(subsidyClaims.id, row.id)).run()
    return rows.map(({ createdAt, ...r }) => ({ ...r, filedAt: createdAt.getTime() }))
  })
}
