import { eq } from 'drizzle-orm'
import { subsidyClaimEvents, subsidyClaims, subsidyTickets, type SelectSubsidyClaim, type SelectSubsidyPolicy, type SelectSubsidyTicket } from '../db/schema'
import { ensurePolicy } from '~/models/subsidy-policy.server'
import { todayInShanghai } from '~/rules/dates'
import type { ClaimantFacts, PolicyTerms, TicketInput } from '~/rules/subsidy'
import { normaliseTicketNumber } from '~/rules/subsidy'
import type { ClaimState, RejectReason, WorkDistance } from '~/rules/subsidy-enums'
import type { LedgerValues } from '~/rules/registry'
import { db } from '~/utils/db.server'
import { actorFor, createTestEmployer, createWorkerAccount } from './factories'
import { hireFor } from './factories-batches-h9'
import { cookieFor } from './request'

// Factories for the transport subsidy (issue 13): a county's policy, a claimant who may claim, and claims in
// any state written straight into the tables (the models that make them are tested on their own; a review or
// payout test needs a claim already submitted or approved without walking the worker's form first).

let counter = 0

/** The current Shanghai year. */
export function thisYear(): number {
  return Number(todayInShanghai().slice(0, 4))
}

/**
 * The policy in force for `centre`'s county (a west staff username, e.g. 'kaizhou') in `year` (this year by
 * default), made first with the defaults (app/rules/subsidy-policy.ts) and `terms` when there is none.
 * Returns the stored row.
 */
export function subsidyPolicyFor(centre = 'kaizhou', year = thisYear(), terms: Partial<PolicyTerms> = {}): SelectSubsidyPolicy {
  return ensurePolicy(db, actorFor(centre).organisationId, year, terms)
}

/**
 * A worker who may claim (issue 13 §2): a verified account linked to a new 脱贫人口 ledger row of `centre`'s
 * county (createWorkerAccount; `ledger` overrides the row, e.g. `{ householdStatus: 'other' }`), a session
 * Cookie header, and an employment record starting today with a new employer of `bureau`'s city (outside
 * Chongqing; weifang by default). Returns the account, ledger row, password, Actor, cookie, the employment
 * record id and the employer.
 */
export async function eligibleClaimant(centre = 'kaizhou', { ledger = {}, bureau = 'weifang' }: { ledger?: Partial<LedgerValues>; bureau?: string } = {}) {
  const account = await createWorkerAccount(centre, { householdStatus: 'alleviated', ...ledger })
  const employer = createTestEmployer(bureau)
  const employmentRecordId = hireFor(account.worker.id, employer.id, actorFor(bureau).areaCode)
  const cookie = await cookieFor(account.user.username)
  const workplaceCode = actorFor(bureau).areaCode
  return { ...account, cookie, employmentRecordId, employer, workplaceCode, countyCode: actorFor(centre).areaCode }
}

export type Claimant = Awaited<ReturnType<typeof eligibleClaimant>>

/**
 * The rules' facts about a claimant made by eligibleClaimant, as the ledger holds them after the factory: verified,
 * of the county, its household status, the one employment record (starting today), no boarded batch.
 * `overrides` replace any fact. Pure: nothing is read from the database.
 */
export function claimantFactsForTest(claimant: Claimant, overrides: Partial<ClaimantFacts> = {}): ClaimantFacts {
  return {
    verified: true,
    ofCounty: true,
    householdStatus: claimant.worker.householdStatus,
    countyCode: claimant.countyCode,
    employments: [{ proof: 'employment_record', workplaceCode: claimant.workplaceCode, startDate: todayInShanghai(), endDate: null }],
    boardedBatches: [],
    ...overrides,
  }
}

/**
 * A ticket a worker might type: outbound by high-speed rail second class today, ¥456.50, a unique ticket
 * number; from 重庆北 to 潍坊, or the other way for a return ticket (the rules check the leg's direction).
 */
export function ticketInput(overrides: Partial<TicketInput> = {}): TicketInput {
  counter += 1
  const back = overrides.direction === 'return'
  return {
    direction: 'outbound',
    mode: 'hsr_second',
    travelDate: todayInShanghai(),
    fromPlace: back ? '潍坊' : '重庆北',
    toPlace: back ? '重庆北' : '潍坊',
    fareFen: 45_650,
    ticketNumber: `T${Date.now().toString(36).toUpperCase()}${String(counter).padStart(4, '0')}`,
    ...overrides,
  }
}

/** The moves a claim makes to reach each state (subsidy-states.ts), from a draft. */
const PATH_TO: Record<ClaimState, readonly ClaimState[]> = {
  draft: [],
  submitted: ['submitted'],
  under_review: ['submitted', 'under_review'],
  approved: ['submitted', 'under_review', 'approved'],
  partially_approved: ['submitted', 'under_review', 'partially_approved'],
  rejected: ['submitted', 'under_review', 'rejected'],
  returned: ['submitted', 'under_review', 'returned'],
  in_payout: ['submitted', 'under_review', 'approved', 'in_payout'],
  paid: ['submitted', 'under_review', 'approved', 'in_payout', 'paid'],
  payment_failed: ['submitted', 'under_review', 'approved', 'in_payout', 'payment_failed'],
}

export type TestClaimOptions = {
  state?: ClaimState
  /** The claimant (eligibleClaimant); a new one of `centre` when not given. */
  claimant?: Claimant
  /** Tickets in order (ticketInput() by default: one outbound ticket); `[]` with `flat: true` for a flat claim. */
  tickets?: TicketInput[]
  flat?: boolean
  workDistance?: WorkDistance
  /** The claim this one tops up. */
  topUpOfClaimId?: number | null
  /** Fen; the sum of the fares (or ¥200 flat) by default. */
  expectedFen?: number
  /** Fen, for decided states; expectedFen by default (partially approved: half of it). */
  approvedFen?: number
  /** Staff who reviewed and decided (a west username); `centre` by default. */
  reviewer?: string
  decisionReason?: RejectReason | null
  decisionMessage?: string | null
  /** Staff who filed it for the worker (a west username), for an assisted claim. */
  assistedBy?: string
  year?: number
}

const DECIDED: readonly ClaimState[] = ['approved', 'partially_approved', 'rejected', 'returned', 'in_payout', 'paid', 'payment_failed']

/**
 * A claim of `centre`'s county written straight into the tables in `state` (a draft by default: 'submitted'),
 * with its tickets, the policy in force for the year (subsidyPolicyFor), a card number, a commitment and one
 * subsidy_claim_events row per move on the way (worker for submitted, the reviewer for the rest). No audit rows
 * and no payout rows: a payout test makes its own payout. Returns the claim, its tickets and the claimant.
 */
export async function createTestClaim(
  centre = 'kaizhou',
  options: TestClaimOptions = {},
): Promise<{ claim: SelectSubsidyClaim; tickets: SelectSubsidyTicket[]; claimant: Claimant }> {
  const state = options.state ?? 'submitted'
  const claimant = options.claimant ?? (await eligibleClaimant(centre))
  const flat = options.flat ?? false
  const tickets = options.tickets ?? (flat ? [] : [ticketInput()])
  const year = options.year ?? thisYear()
  const policy = subsidyPolicyFor(centre, year)
  const workDistance = options.workDistance ?? 'outside_chongqing'
  const fares = tickets.reduce((sum, t) => sum + t.fareFen, 0)
  const expectedFen =
    options.expectedFen ?? (flat ? (workDistance === 'outside_chongqing' ? policy.flatOutsideChongqingFen : policy.flatOutsideCountyFen) : fares)
  const decided = DECIDED.includes(state)
  const approvedFen =
    options.approvedFen ??
    (!decided || state === 'rejected' || state === 'returned' ? null : state === 'partially_approved' ? Math.floor(expectedFen / 2) : expectedFen)
  const reviewer = actorFor(options.reviewer ?? centre)
  const now = new Date()

  const result = db.transaction((tx) => {
    const claim = tx
      .insert(subsidyClaims)
      .values({
        organisationId: actorFor(centre).organisationId,
        workerId: claimant.worker.id,
        townshipCode: claimant.worker.townshipCode,
        userId: options.assistedBy ? null : claimant.user.id,
        assistedByUserId: options.assistedBy ? actorFor(options.assistedBy).userId : null,
        year,
        policyId: policy.id,
        state,
        workDistance,
        employmentRecordId: claimant.employmentRecordId,
        proofKind: 'employment_record',
        flat,
        topUpOfClaimId: options.topUpOfClaimId ?? null,
        cardKind: 'bank',
        cardNumber: '6222020200000003018',
        commitmentName: state === 'draft' ? null : claimant.worker.name,
        committedAt: state === 'draft' ? null : now,
        expectedFen,
        approvedFen,
        decisionReason: options.decisionReason ?? (state === 'rejected' ? 'other' : null),
        decisionMessage: options.decisionMessage ?? (state === 'returned' ? '请补充返程车票照片' : null),
        decidedByUserId: decided ? reviewer.userId : null,
        decidedAt: decided ? now : null,
        submittedAt: state === 'draft' ? null : now,
        paidAt: state === 'paid' ? now : null,
      })
      .returning()
      .get()
    const stored = tickets.map((t, i) =>
      tx
        .insert(subsidyTickets)
        .values({
          claimId: claim.id,
          direction: t.direction,
          position: i + 1,
          mode: t.mode,
          travelDate: t.travelDate,
          fromPlace: t.fromPlace,
          toPlace: t.toPlace,
          fareFen: t.fareFen,
          ticketNumber: normaliseTicketNumber(t.ticketNumber),
        })
        .returning()
        .get(),
    )
    let from: ClaimState = 'draft'
    tx.insert(subsidyClaimEvents).values({ claimId: claim.id, fromState: null, toState: 'draft', actorUserId: claimant.user.id }).run()
    for (const to of PATH_TO[state]) {
      const actorUserId = to === 'submitted' ? claimant.user.id : reviewer.userId
      tx.insert(subsidyClaimEvents)
        .values({
          claimId: claim.id,
          fromState: from,
          toState: to,
          actorUserId,
          reason: to === 'rejected' ? claim.decisionReason : null,
          message: to === 'returned' ? claim.decisionMessage : null,
        })
        .run()
      from = to
    }
    return { claim, tickets: stored }
  })
  return { ...result, claim: db.select().from(subsidyClaims).where(eq(subsidyClaims.id, result.claim.id)).get()!, claimant }
}
