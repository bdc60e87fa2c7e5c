import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, asc, eq, inArray, isNull, like, ne } from 'drizzle-orm'
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import sharp from 'sharp'
import { addDays } from '../../app/rules/dates'
import { formatFen } from '../../app/rules/money'
import { assessClaim, policyTermsOf, type ClaimantFacts, type PolicyTerms, type TicketInput } from '../../app/rules/subsidy'
import type { ClaimState, RejectReason, TravelMode } from '../../app/rules/subsidy-enums'
import { TRAVEL_MODE_LABELS } from '../../app/rules/subsidy-labels'
import { defaultPolicyTerms } from '../../app/rules/subsidy-policy'
import { canTransition } from '../../app/rules/subsidy-states'
import { noticePeriod } from '../../app/rules/working-days'
import { flagDuplicates, PHOTO_DISTANCE_LIMIT } from '../../app/models/claim-flags.server'
import { policyColumnsOf } from '../../app/models/subsidy-policy.server'
import { writeAudit } from '../../app/utils/audit.server'
import { hammingDistance, photoHash, reencodePhoto } from '../../app/utils/image.server'
import * as schema from '../schema'
import {
  batchSeats,
  batches,
  employers,
  employmentRecords,
  subsidyClaimEvents,
  subsidyClaims,
  subsidyFiles,
  subsidyPayoutRows,
  subsidyPayouts,
  subsidyPolicies,
  subsidyTickets,
  workers,
  type SelectSubsidyClaim,
} from '../schema'
import type { Queryable } from '../connection'
import type { Random } from './random'

type DB = BetterSQLite3Database<typeof schema>

// Demo transport subsidy (issue 13 §10): for each county a policy for this year and last year, and claims in
// every state — a draft, submitted ones, some under review (an outbound leg on a programme bus the worker
// boarded; a ticket number another county's claim also has; a re-shot photo of another claim's ticket), an
// approved, a partly approved (一等座 refused), a rejected (飞机), the README worker's claim returned with a
// message, a flat-amount claim filed by staff and one the README's flat-amount worker (13996000003 …) filed, both paid
// (so that worker may try the top-up), a photo of every ticket but the one the returned claim lacks, and two payouts: one closed with its notice period, paid and
// one failed row, one exported and waiting. Each claim moves only by canTransition, with one timeline row
// and one audit row per move, as the models write them; the reviewer approves, a second account of the
// county makes and marks the payouts (separation of duties, §6). Ticket pictures are drawn as SVG, rendered
// to JPEG, re-encoded and hashed as an upload is (image.server), and stored under UPLOADS_DIR/claims.

/** Each county's station and its paired city's, and the trains and coaches between them (invented numbers). */
const ROUTES: Record<string, { home: string; away: string; trains: string[]; coach: string }> = {
  '500154': { home: '万州北', away: '潍坊', trains: ['G1958', 'D2236', 'G1836'], coach: '开州—潍坊 班次 6021' },
  '500241': { home: '秀山', away: '德州东', trains: ['G3926', 'D1834', 'K1157'], coach: '秀山—德州 班次 3307' },
  '500230': { home: '丰都', away: '枣庄', trains: ['G2206', 'D952', 'K1525'], coach: '丰都—枣庄 班次 5118' },
}

/** One ticket number used by a claim in 开州区 and one in 秀山县 (the cross-county duplicate, issue 13 §5). */
const SHARED_TICKET_NUMBER = 'E583026417'

const RETURN_MESSAGE = '返程车票没有照片，请补拍上传（要看得清车次、日期和票价），补好后再提交'
const FAILED_MESSAGE = '银行退回：户名与卡号不符'

export type CountySubsidy = {
  countyCode: string
  cityCode: string
  /** The county centre's organisation id. */
  organisationId: number
  /** The paired bureau's organisation id (the employers of the employment records). */
  bureauId: number
  /** The county account that reviews and approves (kaizhou …). */
  reviewerUserId: number
  /** A second account of the county that makes and marks the payouts (kaizhou2 …). */
  payerUserId: number
  /** The ledger row and account of the README worker (13996000001 …), who gets the returned claim. */
  demoWorkerId: number | null
  /** The ledger row of the verified worker whose flat amount was paid (13996000003 …), who may try the top-up. */
  flatWorkerId: number | null
  /** The county's ledger rows with a verified account, in ledger order. */
  accounts: { workerId: number; userId: number }[]
  /** The county's ledger rows without an account (for the claim staff files for the worker). */
  withoutAccount: number[]
}

/** A ticket picture to draw and store after the rows are written. `reshotOf` names the picture it is a re-shot copy of. */
export type TicketPicture = {
  key: string
  claimId: number
  ticketId: number
  userId: number | null
  name: string
  ticket: TicketInput & { train: string }
  reshotOf: string | null
  /** How the photo was taken: the table's grey (0–255), where the ticket lies on it (px) and its tilt (degrees). */
  look: { table: number; width: number; x: number; y: number; angle: number }
}

type Scenario =
  | 'paid'
  | 'paid_flat'
  | 'payment_failed'
  | 'in_payout'
  | 'approved'
  | 'partial'
  | 'rejected'
  | 'batch_leg'
  | 'shared_number'
  | 'reshot'
  | 'returned'
  | 'submitted'
  | 'draft'

/** The county's claims in the order claimants are given to them (the README worker's returned one apart). */
const SCENARIOS: Scenario[] = [
  'paid',
  'payment_failed',
  'in_payout',
  'approved',
  'partial',
  'rejected',
  'batch_leg',
  'shared_number',
  'reshot',
  'submitted',
  'draft',
]

const DAY = 86_400_000
/** The ticket of the partial claim the reviewer refuses as not matching its photo (its third, a coach return). */
const PARTIAL_MISMATCH = 2

/** How long ago each kind of claim was submitted (the rest: 5–12 days ago); those paid went in the first payout. */
const SUBMITTED_DAYS_AGO: Partial<Record<Scenario, number>> = {
  paid: 70,
  paid_flat: 68,
  payment_failed: 66,
  in_payout: 40,
  approved: 30,
  partial: 28,
  rejected: 25,
}

/** A valid Luhn check digit for `digits` (the demo's bank card numbers pass the form's check). */
function withLuhn(digits: string) {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) d *= 2
    if (d > 9) d -= 9
    sum += d
  }
  return `${digits}${(10 - (sum % 10)) % 10}`
}

/** The moment `days` before `now` at `hour` o'clock Shanghai time (never later than now). */
function daysAgo(now: number, today: string, days: number, hour = 10) {
  const at = new Date(`${addDays(today, -days)}T${String(hour).padStart(2, '0')}:00:00+08:00`).getTime()
  return new Date(Math.min(at, now - 60_000))
}

/**
 * Seeds the subsidy's rows for every county (see the comment at the top): policies, claims, tickets, their
 * timelines and audit rows, employment records for claimants who had none this year, and the payouts.
 * `today` is the Shanghai day, `now` the clock in ms. Call inside the seed's transaction. Returns the counts
 * and the ticket pictures to store afterwards (storeTicketPictures), then flag (flagDemoClaims).
 */
export function seedSubsidy(tx: Queryable, random: Random, counties: CountySubsidy[], today: string, now: number) {
  const year = Number(today.slice(0, 4))
  const yearStart = `${year}-01-01`
  /** A Shanghai day `days` before today, not before 1 January (the claim year is this year). */
  const dayAgo = (days: number) => {
    const d = addDays(today, -days)
    return d < yearStart ? yearStart : d
  }
  const pictures: TicketPicture[] = []
  const claimIds: number[] = []
  let payouts = 0

  for (const c of counties) {
    const route = ROUTES[c.countyCode]
    const actorOf = (actorUserId: number) => ({ actorUserId, organisationId: c.organisationId })
    tx.insert(subsidyPolicies)
      .values(policyValues(c.organisationId, defaultPolicyTerms(year - 1), c.reviewerUserId, new Date(`${year - 1}-01-04T09:00:00+08:00`)))
      .run()
    const policy = tx
      .insert(subsidyPolicies)
      .values(policyValues(c.organisationId, defaultPolicyTerms(year), c.reviewerUserId, new Date(`${year}-01-04T09:00:00+08:00`)))
      .returning()
      .get()
    const terms = policyTermsOf(policy)

    const employerId = tx
      .select({ id: employers.id })
      .from(employers)
      .where(and(eq(employers.organisationId, c.bureauId), isNull(employers.archivedAt)))
      .orderBy(asc(employers.id))
      .get()?.id
    if (employerId == null) continue

    // Who boarded an arrived batch of this year (their outbound leg was the programme's bus).
    const boarded = tx
      .select({ workerId: batchSeats.workerId, userId: batchSeats.userId, batchId: batches.id, departureDate: batches.departureDate })
      .from(batchSeats)
      .innerJoin(batches, eq(batches.id, batchSeats.batchId))
      .where(and(eq(batches.organisationId, c.organisationId), eq(batchSeats.boarding, 'boarded'), like(batches.departureDate, `${year}-%`)))
      .orderBy(asc(batches.departureDate), asc(batchSeats.id))
      .all()
    const household = new Map(
      tx
        .select({ id: workers.id, status: workers.householdStatus, name: workers.name, townshipCode: workers.townshipCode })
        .from(workers)
        .where(eq(workers.organisationId, c.organisationId))
        .all()
        .map((w) => [w.id, w]),
    )
    const eligible = (workerId: number) => household.get(workerId)?.status !== 'other'
    const boardedLeg = boarded.find((b) => b.userId != null && b.workerId !== c.demoWorkerId && b.workerId !== c.flatWorkerId && eligible(b.workerId))
    const claimants = c.accounts.filter((a) => a.workerId !== c.demoWorkerId && a.workerId !== boardedLeg?.workerId && eligible(a.workerId))

    const plan: { scenario: Scenario; workerId: number; userId: number | null }[] = []
    // The README's flat-amount worker files and is paid a flat amount themselves, so 补交车票，补差额 shows to them.
    const flatOwn = claimants.find((a) => a.workerId === c.flatWorkerId)
    if (flatOwn) plan.push({ scenario: 'paid_flat', ...flatOwn })
    const free = claimants.filter((a) => a !== flatOwn)
    for (const scenario of SCENARIOS) {
      if (scenario === 'batch_leg') {
        if (boardedLeg) plan.push({ scenario, workerId: boardedLeg.workerId, userId: boardedLeg.userId })
        continue
      }
      if (scenario === 'shared_number' && c.countyCode !== '500154' && c.countyCode !== '500241') continue
      if (scenario === 'reshot' && !plan.some((p) => p.scenario === 'approved')) continue
      const next = free.shift()
      if (next) plan.push({ scenario, ...next })
    }
    if (c.demoWorkerId != null) {
      const demo = c.accounts.find((a) => a.workerId === c.demoWorkerId)
      if (demo) plan.push({ scenario: 'returned', ...demo })
    }
    const assisted = c.withoutAccount.find(eligible)
    if (assisted != null) plan.push({ scenario: 'paid_flat', workerId: assisted, userId: null })

    const payoutClaims: { paid: SelectSubsidyClaim[]; failed: SelectSubsidyClaim[]; waiting: SelectSubsidyClaim[] } = { paid: [], failed: [], waiting: [] }
    const approvedPicture = new Map<string, string>()
    // Each decided claim's mover, for the payouts' moves below.
    const moves = new Map<number, Move>()

    for (const [i, p] of plan.entries()) {
      const name = household.get(p.workerId)!.name
      // Timeline: submitted `ago` days before today, travel three weeks before that.
      const ago = SUBMITTED_DAYS_AGO[p.scenario] ?? 12 - (i % 8)
      // Someone who also rode a programme bus this year travelled on their own on another day (not the bus's day or the next).
      let outDate = dayAgo(ago + 20 + random.int(0, 10))
      const rides = boarded.filter((b) => b.workerId === p.workerId).map((b) => b.departureDate)
      while (p.scenario !== 'batch_leg' && rides.some((d) => outDate === d || outDate === addDays(d, 1))) outDate = addDays(outDate, -3)
      const backDate = dayAgo(ago + random.int(1, 4))
      const train = () => random.pick(route.trains)
      const fare = (base: number) => base * 100 + random.int(0, 9) * 50
      const number = () => `E${String(random.int(100_000_000, 999_999_999))}`
      const leg = (direction: 'outbound' | 'return', mode: TravelMode, date: string, fareFen: number, ticketNumber = number()) => ({
        direction,
        mode,
        travelDate: date,
        fromPlace: direction === 'outbound' ? route.home : route.away,
        toPlace: direction === 'outbound' ? route.away : route.home,
        fareFen,
        ticketNumber,
        train: mode === 'coach' ? route.coach : train(),
      })
      let tickets: (TicketInput & { train: string; batchId?: number })[]
      let flat = false
      switch (p.scenario) {
        case 'paid_flat':
          tickets = []
          flat = true
          break
        case 'partial':
          // A first-class return the rules exclude, and a coach ticket whose photo shows another fare: the
          // reviewer refuses that one too, so less is approved than the worker was told (部分通过).
          tickets = [
            leg('outbound', 'hsr_second', outDate, fare(random.int(560, 720))),
            leg('return', 'hsr_first', backDate, fare(random.int(900, 1100))),
            leg('return', 'coach', backDate, fare(random.int(380, 460))),
          ]
          break
        case 'rejected':
          tickets = [
            { ...leg('outbound', 'flight', outDate, fare(random.int(900, 1400))), fromPlace: '重庆江北机场', toPlace: '济南遥墙机场', train: 'SC4512' },
            { ...leg('return', 'flight', backDate, fare(random.int(900, 1400))), fromPlace: '济南遥墙机场', toPlace: '重庆江北机场', train: 'SC4511' },
          ]
          break
        case 'batch_leg':
          tickets = [
            { ...leg('outbound', 'coach', boardedLeg!.departureDate, fare(random.int(380, 460))), batchId: boardedLeg!.batchId },
            leg('return', 'hsr_second', backDate, fare(random.int(560, 720))),
          ]
          break
        case 'shared_number':
          tickets = [leg('outbound', 'hsr_second', outDate, fare(random.int(560, 720)), SHARED_TICKET_NUMBER)]
          break
        case 'draft':
          tickets = [leg('outbound', 'train_hard_seat', outDate, fare(random.int(260, 340)))]
          break
        default:
          tickets = [
            leg('outbound', 'hsr_second', outDate, fare(random.int(560, 720))),
            leg('return', 'train_hard_sleeper', backDate, fare(random.int(380, 480))),
          ]
      }
      // A claimant's work this year outside Chongqing: the hire the demo already has, else one in the paired city.
      const firstTravel = tickets.map((t) => t.travelDate).sort()[0] ?? dayAgo(ago + 20)
      let record = tx
        .select({ id: employmentRecords.id, cityCode: employmentRecords.cityCode, startDate: employmentRecords.startDate })
        .from(employmentRecords)
        .where(and(eq(employmentRecords.workerId, p.workerId), like(employmentRecords.startDate, `${year}-%`), like(employmentRecords.cityCode, '37%')))
        .get()
      if (!record) {
        const startDate = addDays(firstTravel, 1) > today ? today : addDays(firstTravel, 1)
        record = tx
          .insert(employmentRecords)
          .values({ workerId: p.workerId, employerId, cityCode: c.cityCode, startDate, createdAt: daysAgo(now, today, ago + 45, 15) })
          .returning({ id: employmentRecords.id, cityCode: employmentRecords.cityCode, startDate: employmentRecords.startDate })
          .get()
      }
      const facts: ClaimantFacts = {
        verified: true,
        ofCounty: true,
        householdStatus: household.get(p.workerId)!.status,
        countyCode: c.countyCode,
        employments: [{ proof: 'employment_record', workplaceCode: record.cityCode, startDate: record.startDate, endDate: null }],
        boardedBatches: boarded.filter((b) => b.workerId === p.workerId).map((b) => ({ batchId: b.batchId, departureDate: b.departureDate })),
      }
      const assessment = assessClaim({ terms, claimant: facts, tickets, flat, earlierPaidFen: 0, today })

      const submittedAt = daysAgo(now, today, ago, 9 + (i % 8))
      const claim = tx
        .insert(subsidyClaims)
        .values({
          organisationId: c.organisationId,
          workerId: p.workerId,
          townshipCode: household.get(p.workerId)!.townshipCode,
          userId: p.userId,
          assistedByUserId: p.userId == null ? c.reviewerUserId : null,
          year,
          policyId: policy.id,
          state: 'draft',
          workDistance: 'outside_chongqing',
          workplaceCode: record.cityCode,
          employmentRecordId: record.id,
          proofKind: 'employment_record',
          flat,
          cardKind: random.chance(0.5) ? 'social_security' : 'bank',
          cardNumber: withLuhn(`62170037${String(random.int(0, 99_999_999)).padStart(8, '0')}01`),
          createdAt: new Date(submittedAt.getTime() - 3_600_000),
          updatedAt: submittedAt,
        })
        .returning()
        .get()
      claimIds.push(claim.id)
      tx.insert(subsidyClaimEvents)
        .values({ claimId: claim.id, fromState: null, toState: 'draft', actorUserId: p.userId ?? c.reviewerUserId, createdAt: claim.createdAt })
        .run()
      writeAudit(tx, {
        actorUserId: p.userId ?? c.reviewerUserId,
        organisationId: c.organisationId,
        action: p.userId == null ? 'claim.assisted_file' : 'claim.create',
        entity: 'claim',
        entityId: claim.id,
      })
      const stored = tickets.map((t, position) =>
        tx
          .insert(subsidyTickets)
          .values({
            claimId: claim.id,
            direction: t.direction,
            position: position + 1,
            mode: t.mode,
            travelDate: t.travelDate,
            fromPlace: t.fromPlace,
            toPlace: t.toPlace,
            fareFen: t.fareFen,
            ticketNumber: assessment.tickets[position].ticketNumber,
            batchId: t.batchId ?? null,
          })
          .returning()
          .get(),
      )
      // A picture of every ticket (the form asks a photo of each, issue 13 §3), except the returned claim's
      // return ticket, which the reviewer returned it for; a draft has its first one so far.
      for (const [k, ticket] of stored.entries()) {
        if (p.scenario === 'returned' && ticket.direction === 'return') continue
        if (p.scenario === 'draft' && k > 0) continue
        const key = k === 0 ? `${c.countyCode}-${p.scenario}` : `${c.countyCode}-${p.scenario}-${k}`
        if (p.scenario === 'approved' && k === 0) approvedPicture.set(c.countyCode, key)
        pictures.push({
          key,
          claimId: claim.id,
          ticketId: ticket.id,
          userId: p.userId ?? c.reviewerUserId,
          name,
          ticket: p.scenario === 'partial' && k === PARTIAL_MISMATCH ? { ...tickets[k], fareFen: tickets[k].fareFen + 10_000 } : tickets[k],
          reshotOf: p.scenario === 'reshot' && k === 0 ? (approvedPicture.get(c.countyCode) ?? null) : null,
          look: {
            table: random.pick([40, 90, 150, 215]),
            width: random.int(480, 760),
            x: random.int(0, 480),
            y: random.int(0, 400),
            angle: random.int(-15, 15),
          },
        })
      }
      if (p.scenario === 'draft') continue

      let current: SelectSubsidyClaim = claim
      const move = (
        to: ClaimState,
        actorUserId: number,
        at: Date,
        { action, entity = 'claim', reason = null, message = null, set = {}, detail = {} }: MoveOptions,
      ) => {
        if (!canTransition(current.state, to)) throw new Error(`demo claim ${current.id}: ${current.state} → ${to} is not a move`)
        tx.update(subsidyClaims)
          .set({ ...set, state: to, updatedAt: at })
          .where(eq(subsidyClaims.id, current.id))
          .run()
        tx.insert(subsidyClaimEvents).values({ claimId: current.id, fromState: current.state, toState: to, actorUserId, reason, message, createdAt: at }).run()
        writeAudit(tx, { ...actorOf(actorUserId), action, entity, entityId: current.id, reason, detail: { from: current.state, to, ...detail } })
        current = { ...current, ...set, state: to }
      }
      move('submitted', p.userId ?? c.reviewerUserId, submittedAt, {
        action: 'claim.submit',
        entity: 'claim',
        set: { expectedFen: assessment.amountFen, commitmentName: name, committedAt: submittedAt, submittedAt },
        detail: { year, expectedFen: assessment.amountFen },
      })
      if (p.scenario === 'submitted' || p.scenario === 'shared_number' || p.scenario === 'reshot') continue

      // Review: the rules' refusals marked first (as startReview does), then the decision.
      const reviewAt = new Date(submittedAt.getTime() + DAY)
      for (const [k, verdict] of assessment.tickets.entries()) {
        if (!verdict.eligible) {
          tx.update(subsidyTickets)
            .set({ decision: 'rejected', rejectReason: verdict.reason ?? 'mismatch' })
            .where(eq(subsidyTickets.id, stored[k].id))
            .run()
        }
      }
      move('under_review', c.reviewerUserId, reviewAt, {
        action: 'claim.start_review',
        detail: { premarked: assessment.tickets.filter((t) => !t.eligible).length },
      })
      if (p.scenario === 'batch_leg') continue
      const decideAt = new Date(reviewAt.getTime() + 2 * 3_600_000)
      const approvedTickets = stored.filter((_, k) => assessment.tickets[k].eligible && !(p.scenario === 'partial' && k === PARTIAL_MISMATCH))
      if (p.scenario === 'partial') {
        tx.update(subsidyTickets).set({ decision: 'rejected', rejectReason: 'mismatch' }).where(eq(subsidyTickets.id, stored[PARTIAL_MISMATCH].id)).run()
      }
      // What is approved: the rules over the tickets the reviewer passed (as decideClaim computes it).
      const approvedFen = assessClaim({
        terms,
        claimant: facts,
        tickets: tickets.filter((_, k) => approvedTickets.includes(stored[k])),
        flat,
        earlierPaidFen: 0,
        today,
      }).amountFen
      if (stored.length > 0 && p.scenario !== 'returned') {
        tx.update(subsidyTickets)
          .set({ decision: 'approved', rejectReason: null })
          .where(
            inArray(
              subsidyTickets.id,
              approvedTickets.map((t) => t.id),
            ),
          )
          .run()
        writeAudit(tx, {
          ...actorOf(c.reviewerUserId),
          action: 'claim.ticket_decide',
          entity: 'claim',
          entityId: claim.id,
          detail: { approved: approvedTickets.length, rejected: stored.length - approvedTickets.length },
        })
      }
      if (p.scenario === 'returned') {
        move('returned', c.reviewerUserId, decideAt, {
          action: 'claim.return',
          reason: 'unreadable',
          message: RETURN_MESSAGE,
          set: { decisionReason: 'unreadable', decisionMessage: RETURN_MESSAGE, decidedByUserId: c.reviewerUserId, decidedAt: decideAt },
        })
        continue
      }
      if (p.scenario === 'rejected') {
        const reason: RejectReason = 'ineligible_mode'
        const message = '飞机票不在本县补助范围内（只补火车硬座硬卧、高铁动车二等座和长途汽车）'
        move('rejected', c.reviewerUserId, decideAt, {
          action: 'claim.reject',
          reason,
          message,
          set: { approvedFen: null, decisionReason: reason, decisionMessage: message, decidedByUserId: c.reviewerUserId, decidedAt: decideAt },
        })
        continue
      }
      // 部分通过 only when less is approved than the worker was told (decideClaim's rule).
      const partly = approvedFen < assessment.amountFen
      move(partly ? 'partially_approved' : 'approved', c.reviewerUserId, decideAt, {
        action: partly ? 'claim.partially_approve' : 'claim.approve',
        message: partly ? '返程长途汽车票照片上的金额与填写的不符，这张票不予补助' : null,
        set: { approvedFen, decidedByUserId: c.reviewerUserId, decidedAt: decideAt },
        detail: { approvedFen, approvedTickets: approvedTickets.length, rejected: stored.length - approvedTickets.length },
      })
      if (p.scenario === 'paid' || p.scenario === 'paid_flat') payoutClaims.paid.push(current)
      if (p.scenario === 'payment_failed') payoutClaims.failed.push(current)
      if (p.scenario === 'in_payout') payoutClaims.waiting.push(current)
      // The payout's moves come below, by the second account.
      moves.set(current.id, move)
    }

    // Two payouts by the second account: one closed after its notice period (paid, one failed), one exported.
    const closedOn = dayAgo(50)
    const closed = insertPayout(tx, c, `${year}年第 1 批跨省交通补助`, noticePeriod(closedOn), daysAgo(now, today, 50, 9), 'closed')
    const waiting = insertPayout(tx, c, `${year}年第 2 批跨省交通补助`, noticePeriod(dayAgo(8)), daysAgo(now, today, 8, 9), 'exported')
    payouts += 2
    const addAndMark = (payoutId: number, claims: SelectSubsidyClaim[], addedAt: Date, result: 'paid' | 'failed' | 'pending') => {
      for (const claim of claims) {
        const move = moves.get(claim.id)!
        const row = tx
          .insert(subsidyPayoutRows)
          .values({ payoutId, claimId: claim.id, amountFen: claim.approvedFen!, createdAt: addedAt })
          .returning({ id: subsidyPayoutRows.id })
          .get()
        move('in_payout', c.payerUserId, addedAt, { action: 'payout.add_claim', detail: { payoutId, rowId: row.id, amountFen: claim.approvedFen } })
        if (result === 'pending') continue
        const markedAt = new Date(addedAt.getTime() + 12 * DAY)
        const failureMessage = result === 'failed' ? FAILED_MESSAGE : null
        tx.update(subsidyPayoutRows).set({ result, failureMessage, markedByUserId: c.payerUserId, markedAt }).where(eq(subsidyPayoutRows.id, row.id)).run()
        move(result === 'paid' ? 'paid' : 'payment_failed', c.payerUserId, markedAt, {
          action: result === 'paid' ? 'payout.mark_paid' : 'payout.mark_failed',
          message: failureMessage,
          set: result === 'paid' ? { paidAt: markedAt } : {},
          detail: { payoutId, rowId: row.id, amountFen: claim.approvedFen },
        })
      }
    }
    const firstAdded = daysAgo(now, today, 50, 10)
    addAndMark(closed, payoutClaims.paid, firstAdded, 'paid')
    addAndMark(closed, payoutClaims.failed, firstAdded, 'failed')
    writeAudit(tx, {
      ...actorOf(c.payerUserId),
      action: 'payout.export',
      entity: 'payout',
      entityId: closed,
      detail: { rows: payoutClaims.paid.length + payoutClaims.failed.length, from: 'open' },
    })
    writeAudit(tx, {
      ...actorOf(c.payerUserId),
      action: 'payout.close',
      entity: 'payout',
      entityId: closed,
      detail: { paid: payoutClaims.paid.reduce((n, x) => n + x.approvedFen!, 0), failed: payoutClaims.failed.reduce((n, x) => n + x.approvedFen!, 0) },
    })
    addAndMark(waiting, payoutClaims.waiting, daysAgo(now, today, 8, 10), 'pending')
    writeAudit(tx, {
      ...actorOf(c.payerUserId),
      action: 'payout.export',
      entity: 'payout',
      entityId: waiting,
      detail: { rows: payoutClaims.waiting.length, from: 'open' },
    })
  }
  return { claims: claimIds.length, claimIds, payouts, pictures }

  function insertPayout(q: Queryable, c: CountySubsidy, title: string, notice: { from: string; until: string }, createdAt: Date, state: 'exported' | 'closed') {
    const id = q
      .insert(subsidyPayouts)
      .values({
        organisationId: c.organisationId,
        title,
        state,
        noticeFrom: notice.from,
        noticeUntil: notice.until,
        createdByUserId: c.payerUserId,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: subsidyPayouts.id })
      .get().id
    writeAudit(q, {
      actorUserId: c.payerUserId,
      organisationId: c.organisationId,
      action: 'payout.create',
      entity: 'payout',
      entityId: id,
      detail: { noticeFrom: notice.from, noticeUntil: notice.until },
    })
    return id
  }
}

type MoveOptions = {
  action: string
  entity?: string
  reason?: RejectReason | null
  message?: string | null
  set?: Partial<SelectSubsidyClaim>
  detail?: Record<string, unknown>
}
type Move = (to: ClaimState, actorUserId: number, at: Date, options: MoveOptions) => void

function policyValues(organisationId: number, terms: PolicyTerms, createdByUserId: number, createdAt: Date) {
  return { organisationId, version: 1, ...policyColumnsOf(terms), createdByUserId, createdAt, updatedAt: createdAt }
}

function escapeXml(text: string) {
  return text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!)
}

/** A ticket-like picture (车次, date, from → to, fare, ticket number, seat class, name) as JPEG bytes, about 40 KB. */
async function drawTicket(p: TicketPicture) {
  const t = p.ticket
  const [y, m, d] = t.travelDate.split('-')
  const seat = TRAVEL_MODE_LABELS[t.mode] ?? t.mode
  // Faint guilloche lines, as on the real paper, so the photo is not a flat picture.
  const lines = Array.from({ length: 28 }, (_, i) => {
    const offset = (i * 37 + p.claimId * 11) % 420
    return `<path d="M0 ${offset} Q 180 ${offset - 40} 360 ${offset} T 720 ${offset}" stroke="#9cc3e6" stroke-width="1" fill="none" opacity="0.6"/>`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="420" viewBox="0 0 720 420">
  <rect width="720" height="420" fill="#dcecf8"/>${lines}
  <rect x="14" y="14" width="692" height="392" rx="14" fill="none" stroke="#5b8fc4" stroke-width="3"/>
  <g font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" fill="#1d2a38">
    <text x="40" y="62" font-size="26" fill="#c0392b">${escapeXml(t.ticketNumber)}</text>
    <text x="520" y="62" font-size="22">${escapeXml(t.fromPlace)}售</text>
    <text x="40" y="140" font-size="44">${escapeXml(t.fromPlace)}</text>
    <text x="300" y="130" font-size="34">${escapeXml(t.train.length > 8 ? t.train.slice(-4) : t.train)}</text>
    <text x="300" y="152" font-size="22">———→</text>
    <text x="470" y="140" font-size="44">${escapeXml(t.toPlace)}</text>
    <text x="40" y="210" font-size="28">${y}年${m}月${d}日 08:${String(10 + (p.claimId % 40)).padStart(2, '0')}开</text>
    <text x="470" y="210" font-size="28">${escapeXml(seat)}</text>
    <text x="40" y="270" font-size="34">¥${escapeXml(formatFen(t.fareFen).replace(/^¥/, '').replace(/ 元$/, ''))}元</text>
    <text x="470" y="270" font-size="24">限乘当日当次车</text>
    <text x="40" y="340" font-size="26">${escapeXml(p.name)}</text>
    <text x="40" y="380" font-size="18" fill="#52606d">仅供报销使用 · 买票请到12306 发货请到95306</text>
  </g>
</svg>`
  // Photographed on a table: smaller or larger, tilted, somewhere on a 960 × 720 picture, so two tickets'
  // photos differ as photos do (the duplicate search compares pictures, not text).
  const table = { r: p.look.table, g: p.look.table - 8, b: p.look.table - 20 }
  const ticket = await sharp(await sharp(Buffer.from(svg)).resize({ width: p.look.width }).toBuffer())
    .rotate(p.look.angle, { background: table })
    .toBuffer({ resolveWithObject: true })
  const width = Math.min(ticket.info.width, 960)
  const height = Math.min(ticket.info.height, 720)
  const crop = await sharp(ticket.data).extract({ left: 0, top: 0, width, height }).toBuffer()
  return sharp({ create: { width: 960, height: 720, channels: 3, background: table } })
    .composite([{ input: crop, left: p.look.x % (961 - width), top: p.look.y % (721 - height) }])
    .jpeg({ quality: 72 })
    .toBuffer()
}

/**
 * Draws, re-encodes, hashes and stores the ticket pictures seedSubsidy planned, under `uploadsDir`/claims with
 * generated names (as app/models/claim-file.server.ts stores an upload), one subsidy_files row each. A re-shot
 * picture is the same drawing made smaller and compressed again, as a second photo of the same paper.
 * Returns how many files it stored.
 */
export async function storeTicketPictures(db: DB, pictures: readonly TicketPicture[], uploadsDir: string) {
  const dir = path.resolve(uploadsDir, 'claims')
  await fs.promises.mkdir(dir, { recursive: true })
  const drawn = new Map<string, Buffer>()
  let stored = 0
  const hashes: string[] = []
  for (const p of pictures) {
    const original = p.reshotOf ? drawn.get(p.reshotOf) : null
    let upload = original ? await sharp(original).resize({ width: 640 }).modulate({ brightness: 1.04 }).jpeg({ quality: 64 }).toBuffer() : await drawTicket(p)
    let photo = await reencodePhoto(upload)
    let hash = await photoHash(photo.bytes)
    // Tickets drawn alike can hash alike: only the re-shot copy may look like another photo, so any other
    // picture too near one stored before is photographed again, on another table, moved and tilted.
    for (let again = 1; !original && again <= 12 && hashes.some((h) => hammingDistance(h, hash.hash) <= PHOTO_DISTANCE_LIMIT + 4); again++) {
      const look = {
        table: [40, 90, 150, 215][(again + p.claimId) % 4],
        width: 480 + ((p.look.width + again * 53) % 280),
        x: (p.look.x + again * 97) % 480,
        y: (p.look.y + again * 61) % 400,
        angle: ((p.look.angle + 15 + again * 7) % 31) - 15,
      }
      upload = await drawTicket({ ...p, look })
      photo = await reencodePhoto(upload)
      hash = await photoHash(photo.bytes)
    }
    hashes.push(hash.hash)
    drawn.set(p.key, upload)
    const sha256 = crypto.createHash('sha256').update(upload).digest('hex')
    const storedName = `${crypto.randomBytes(16).toString('hex')}.jpg`
    await fs.promises.writeFile(path.join(dir, storedName), photo.bytes, { mode: 0o600 })
    db.insert(subsidyFiles)
      .values({
        claimId: p.claimId,
        ticketId: p.ticketId,
        purpose: 'ticket',
        kind: 'jpeg',
        storedName,
        originalName: `IMG_${String(2000 + p.claimId)}.jpg`,
        bytes: photo.bytes.byteLength,
        sha256,
        photoHash: hash.hash,
        band0: hash.bands[0],
        band1: hash.bands[1],
        band2: hash.bands[2],
        band3: hash.bands[3],
        uploadedByUserId: p.userId,
      })
      .run()
    stored++
  }
  return stored
}

/** Flags every demo claim's duplicates (same ticket number, same file, near-identical photo) as submitClaim does. Returns the flags' count. */
export function flagDemoClaims(db: DB, claimIds: readonly number[]) {
  return db.transaction((tx) => {
    let n = 0
    const submitted = tx
      .select({ id: subsidyClaims.id })
      .from(subsidyClaims)
      .where(and(inArray(subsidyClaims.id, [...claimIds]), ne(subsidyClaims.state, 'draft')))
      .all()
    for (const { id } of submitted) n += flagDuplicates(tx, id)
    return n
  })
}
