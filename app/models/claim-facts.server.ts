import { and, eq } from 'drizzle-orm'
import { areas, batchSeats, employmentRecords, subsidyClaims, subsidyFiles, users, workers, type SelectSubsidyClaim } from '../../db/schema'
import { isVerifiedWorker } from '~/rules/verification'
import { assessClaim, placeKeyword, policyTermsOf, type ClaimantFacts, type EmploymentFact, type TicketInput, type TripPlaces } from '~/rules/subsidy'
import { todayInShanghai } from '~/rules/dates'
import type { Queryable } from '~/utils/db.server'
import { policyInForce } from './subsidy-policy.server'
import { ticketsOfClaim } from './claim-read.server'

// What the subsidy rules (app/rules/subsidy.ts assessClaim) are given about one claim, read from the database:
// the county's policy in force for the year, the person (ledger row, verification, household status), their
// work (portal employment records, and the claim's uploaded proof when it has one) and the batches they
// boarded (batch_seats marked 已上车). The claim form's preview and submitClaim read the same facts, so the
// worker sees before submitting what the reviewer will see.

/** A workplace code for an uploaded proof without one: any non-Chongqing code reads as outside Chongqing, Chongqing's own as outside the county. */
const SOMEWHERE_OUTSIDE_CHONGQING = '000000'
const CHONGQING = '500000'

/**
 * The claimant's facts for the rules: `worker` is the ledger row, `countyCode` the county's area code, and
 * `claim` (when given) adds its uploaded proof of employment as a fact, if a proof file is attached.
 */
export function claimantFacts(
  q: Queryable,
  workerId: number,
  countyCode: string,
  organisationId: number,
  claim?: SelectSubsidyClaim | null,
): ClaimantFacts | null {
  const found = q
    .select({ row: workers, verifiedAt: users.verifiedAt })
    .from(workers)
    .leftJoin(users, eq(users.id, workers.userId))
    .where(eq(workers.id, workerId))
    .get()
  if (!found) return null
  const { row, verifiedAt } = found
  const employments: EmploymentFact[] = q
    .select({ cityCode: employmentRecords.cityCode, startDate: employmentRecords.startDate })
    .from(employmentRecords)
    .where(eq(employmentRecords.workerId, workerId))
    .all()
    .map((r) => ({ proof: 'employment_record' as const, workplaceCode: r.cityCode, startDate: r.startDate, endDate: null }))
  if (claim?.proofKind && claim.proofKind !== 'employment_record' && hasProofFile(q, claim.id)) {
    employments.push({
      proof: claim.proofKind,
      workplaceCode: claim.workplaceCode ?? (claim.workDistance === 'outside_county' ? CHONGQING : SOMEWHERE_OUTSIDE_CHONGQING),
      startDate: null,
      endDate: null,
    })
  }
  const boardedBatches = q
    .select({ batchId: batchSeats.batchId, departureDate: batchSeats.departureDate })
    .from(batchSeats)
    .where(and(eq(batchSeats.workerId, workerId), eq(batchSeats.boarding, 'boarded')))
    .all()
  return {
    verified: row.userId != null && isVerifiedWorker({ verifiedAt }),
    ofCounty: row.organisationId === organisationId && row.archivedAt == null,
    householdStatus: row.householdStatus,
    countyCode,
    employments,
    boardedBatches,
  }
}

function hasProofFile(q: Queryable, claimId: number) {
  return (
    q
      .select({ id: subsidyFiles.id })
      .from(subsidyFiles)
      .where(and(eq(subsidyFiles.claimId, claimId), eq(subsidyFiles.purpose, 'proof')))
      .get() != null
  )
}

/** A stored ticket as the rules take it. */
export function ticketInputOf(t: {
  direction: TicketInput['direction']
  mode: TicketInput['mode']
  travelDate: string
  fromPlace: string
  toPlace: string
  fareFen: number
  ticketNumber: string
}): TicketInput {
  return {
    direction: t.direction,
    mode: t.mode,
    travelDate: t.travelDate,
    fromPlace: t.fromPlace,
    toPlace: t.toPlace,
    fareFen: t.fareFen,
    ticketNumber: t.ticketNumber,
  }
}

/**
 * What the claim a top-up completes was approved for (paid, or approved and on its way), in fen; 0 when the
 * claim is not a top-up. The review uses this same function (claim-review.server.ts assessStoredClaim): a top-up is
 * only started once the flat claim is approved (claimStart), so its approved amount is known.
 */
export function earlierPaidFen(q: Queryable, claim: Pick<SelectSubsidyClaim, 'topUpOfClaimId'>) {
  if (claim.topUpOfClaimId == null) return 0
  return q.select({ fen: subsidyClaims.approvedFen }).from(subsidyClaims).where(eq(subsidyClaims.id, claim.topUpOfClaimId)).get()?.fen ?? 0
}

/**
 * The trip's two ends as the rules compare typed places (issue 13 §2, outbound and return legs): the county's
 * short name, 重庆 too when the work is outside Chongqing, and the workplace's short name when the claim (or
 * its employment record) names it. Takes the county's area code and the claim.
 */
export function tripPlacesOf(q: Queryable, countyCode: string, claim: SelectSubsidyClaim): TripPlaces {
  const nameOf = (code: string | null | undefined) => (code ? (q.select({ name: areas.name }).from(areas).where(eq(areas.code, code)).get()?.name ?? '') : '')
  const workplaceCode =
    claim.workplaceCode ??
    (claim.employmentRecordId != null
      ? q.select({ code: employmentRecords.cityCode }).from(employmentRecords).where(eq(employmentRecords.id, claim.employmentRecordId)).get()?.code
      : null)
  const home = [placeKeyword(nameOf(countyCode))]
  if (claim.workDistance === 'outside_chongqing') home.push('重庆')
  return { home: home.filter(Boolean), work: [placeKeyword(nameOf(workplaceCode))].filter(Boolean) }
}

/**
 * The rules' verdict on `claim` as it stands (issue 13 §3: per ticket whether it is eligible and why not, and
 * the expected amount), with the policy it was judged under. Takes the claim and the county's area code;
 * returns `{ policy, assessment, tickets }` (tickets in the rules' order), or `{ policy: null }` when the
 * county has no policy for the claim's year. Read-only.
 */
export function assessOwnClaim(q: Queryable, claim: SelectSubsidyClaim, countyCode: string, today = todayInShanghai()) {
  const tickets = ticketsOfClaim(q, claim.id)
  const inputs = tickets.map(ticketInputOf)
  // The claim's own year (chosen when the draft was started), never the tickets': a ticket of another year is
  // refused by the rules for this one (outside_year), it does not move the claim to that year's policy.
  const policy = policyInForce(q, claim.organisationId, claim.year)
  const claimant = claimantFacts(q, claim.workerId, countyCode, claim.organisationId, claim)
  if (!policy || !claimant) return { policy: null, assessment: null, tickets }
  const assessment = assessClaim({
    terms: policyTermsOf(policy),
    claimant,
    tickets: inputs,
    flat: claim.flat,
    earlierPaidFen: earlierPaidFen(q, claim),
    today,
    places: tripPlacesOf(q, countyCode, claim),
  })
  return { policy, assessment, tickets }
}
