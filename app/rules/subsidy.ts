import type { HouseholdStatus } from './registry-enums'
import { EMPLOYMENT_PROOFS, TRAVEL_MODES } from './subsidy-enums'
import type { ClaimState, EmploymentProof, LegDirection, RejectReason, TravelMode, WorkDistance } from './subsidy-enums'
import { addDays } from './dates'
import { formatFen } from './money'
import { normaliseTyped } from './normalise'
import { EMPLOYMENT_PROOF_LABELS, TRAVEL_MODE_LABELS } from './subsidy-labels'

// The rules of the cross-province transport subsidy (跨省一次性交通补助, issue 13 §2), in one place: the claim
// form shows what they give before submission and the reviewer sees the same (brief §4). Pure functions, no
// I/O: the caller passes the county's policy terms, facts about the claimant read from the ledger, and the
// tickets as typed. Decision 024 (docs/decisions/024-subsidy-rules.md) says where the issue is silent.
//
// Seed 002: 对跨区（县）、省（市）务工的农村贫困劳动力，给予一次性城市间交通补贴（其他部门已给予此项补贴的除外），
// 限乘坐火车硬席、高铁/动车二等座和公交长途汽车，按票价据实补贴。Chongqing county practice (Xiushan, Banan guides):
// once a year; ¥200 flat for work outside Chongqing (¥50 outside the county inside Chongqing) when no tickets
// are produced, topped up to the real fares when they are.

export * from './subsidy-enums'

/** Chongqing's province-level code (GB/T 2260 `50xxxx`). */
const CHONGQING_PREFIX = '50'

/** A ticket above this fare (¥5,000) is almost certainly mistyped: the form asks the worker to check it. */
export const FARE_CHECK_ABOVE_FEN = 500_000

/** A county's policy for one year (issue 13 §1), as stored in subsidy_policies with its JSON lists parsed. */
export type PolicyTerms = {
  year: number
  /** Claims are accepted from this Shanghai day (inclusive, `YYYY-MM-DD`)… */
  opensOn: string
  /** …until this day (inclusive)… */
  closesOn: string
  /** …and, late, until this day (inclusive), when there is a late-filing window. */
  lateUntil: string | null
  eligibleModes: readonly TravelMode[]
  /** The most one claim is paid in the year (a top-up included), in fen; null for no cap. */
  capFen: number | null
  flatOutsideChongqingFen: number
  flatOutsideCountyFen: number
  acceptedProofs: readonly EmploymentProof[]
}

/** One ticket of a leg as the worker typed it (issue 13 §2). Dates are Shanghai days `YYYY-MM-DD`. */
export type TicketInput = {
  direction: LegDirection
  mode: TravelMode
  travelDate: string
  fromPlace: string
  toPlace: string
  /** The fare printed on the ticket, in fen. */
  fareFen: number
  /** As typed; compared after normaliseTicketNumber. */
  ticketNumber: string
}

/**
 * Work that may qualify the claimant: a portal employment record (`proof: 'employment_record'`) or an uploaded
 * proof of another kind. `startDate`/`endDate` bound it when known; an uploaded document's dates are the
 * reviewer's to read, so they may be null (the rule then takes it as work in the claim year).
 */
export type EmploymentFact = {
  proof: EmploymentProof
  /** GB/T 2260 code of the workplace (a city or county). */
  workplaceCode: string
  startDate: string | null
  endDate: string | null
}

/**
 * The names the two ends of the trip go by, to tell an outbound ticket from a return one (issue 13 §2: 往返, an
 * outbound leg from home to the workplace and a return leg back). `home`: the county's short name (开州), and
 * 重庆 when the work is outside Chongqing; `work`: the workplace's short name (潍坊) when known. Built with
 * placeKeyword; empty lists check nothing.
 */
export type TripPlaces = { home: readonly string[]; work: readonly string[] }

/** A programme batch the worker boarded (marked 已上车): the bus ride was paid by the programme. */
export type BoardedBatch = { batchId: number; departureDate: string }

/** What the ledger says about the claimant (issue 13 §2: verified worker of the county, 脱贫人口 or 监测对象). */
export type ClaimantFacts = {
  /** The worker's account is verified (app/rules/verification.ts isVerifiedWorker). */
  verified: boolean
  /** The ledger row belongs to the policy's county and is not archived. */
  ofCounty: boolean
  householdStatus: HouseholdStatus
  /** GB/T 2260 code of the worker's county, to tell work outside the county from work outside Chongqing. */
  countyCode: string
  employments: readonly EmploymentFact[]
  boardedBatches: readonly BoardedBatch[]
}

/** One ticket's verdict: eligible, or why not (a reason code the reviewer can keep, and its full text). */
export type TicketAssessment = {
  eligible: boolean
  reason: RejectReason | null
  reasonText: string | null
  /** A mistake the worker must correct before submitting (also in `problems`); null when none. */
  problem: string | null
  /** The ticket number as compared and stored (normaliseTicketNumber). */
  ticketNumber: string
}

/** Something that stops the submission, with the form field it belongs to (`tickets.2.fareFen`, `flat`, …). */
export type ClaimProblem = { field: string; message: string }

/** Whether a submission on a given day falls in the policy's window. */
export type WindowVerdict = { open: true; late: boolean } | { open: false; message: string }

export type ClaimKind = 'tickets' | 'flat' | 'top_up'

export type ClaimAssessment = {
  /** The claim year: the policy's year (the year the claim was started for); a ticket of another year is not counted. */
  year: number
  kind: ClaimKind
  /** The distance the qualifying work gives (outside Chongqing beats outside the county); null when none. */
  distance: WorkDistance | null
  /** The proof the qualifying work rests on; null when none. */
  proof: EmploymentProof | null
  tickets: TicketAssessment[]
  /** Sum of the eligible tickets' fares, in fen, before the cap. */
  eligibleFareFen: number
  /** True when the cap lowered the amount. */
  capped: boolean
  /**
   * What the claim pays, in fen: the eligible fares capped, less what was already paid this year (a top-up);
   * or the flat amount by distance. 0 when the person is not eligible.
   */
  amountFen: number
  /**
   * The flat amount the claimant could claim instead, in fen, when the claim has tickets and none of them is
   * paid (the flat amount is for a claim without tickets: the worker removes the tickets first); else null.
   */
  flatInsteadFen: number | null
  /** Why the person may not claim (Chinese, one sentence each); empty when they may. */
  personProblems: string[]
  /** What must be corrected before submitting (person problems and window included); empty when it may be submitted. */
  problems: ClaimProblem[]
  window: WindowVerdict
}

/**
 * A ticket number as compared across claims (issue 13 §5) and stored: invisible characters and every space
 * dropped, full-width letters and digits made ASCII, upper-cased. Takes what was typed; returns '' for blank.
 */
export function normaliseTicketNumber(raw: string): string {
  return normaliseTyped(raw, 'drop')
    .replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
}

/**
 * Where work at `workplaceCode` is for a worker of `countyCode` (both GB/T 2260 six-digit codes): outside
 * Chongqing, outside the county inside Chongqing, or inside the county (no subsidy: 跨区（县）、省（市）务工).
 * A workplace given as a Chongqing city-level code (`500100`, `500200`) counts as outside the county unless it
 * is the county itself.
 */
export function workDistanceOf(workplaceCode: string, countyCode: string): WorkDistance | 'inside_county' {
  if (!workplaceCode.startsWith(CHONGQING_PREFIX)) return 'outside_chongqing'
  return workplaceCode === countyCode ? 'inside_county' : 'outside_county'
}

/** Whether work from `startDate` to `endDate` (either unknown) overlaps the calendar year `year`. */
function inYear(fact: EmploymentFact, year: number): boolean {
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  return (fact.startDate == null || fact.startDate <= last) && (fact.endDate == null || fact.endDate >= first)
}

/**
 * The work that qualifies the claimant for `year` under `terms` (issue 13 §2: employment outside Chongqing, or
 * outside the county, in the claim year, from a portal record or an accepted uploaded proof). Work outside
 * Chongqing is preferred (the larger flat amount), then a portal record over an uploaded proof. Returns the
 * fact and its distance, or the Chinese reason there is none.
 */
export function qualifyingEmployment(
  terms: Pick<PolicyTerms, 'acceptedProofs'>,
  claimant: Pick<ClaimantFacts, 'countyCode' | 'employments'>,
  year: number,
): { ok: true; fact: EmploymentFact; distance: WorkDistance } | { ok: false; message: string } {
  let best: { fact: EmploymentFact; distance: WorkDistance } | null = null
  let refusedProof: EmploymentProof | null = null
  for (const fact of claimant.employments) {
    const distance = workDistanceOf(fact.workplaceCode, claimant.countyCode)
    if (distance === 'inside_county' || !inYear(fact, year)) continue
    if (!terms.acceptedProofs.includes(fact.proof)) {
      refusedProof = fact.proof
      continue
    }
    const better =
      best == null ||
      (distance === 'outside_chongqing' && best.distance === 'outside_county') ||
      (distance === best.distance && fact.proof === 'employment_record' && best.fact.proof !== 'employment_record')
    if (better) best = { fact, distance }
  }
  if (best) return { ok: true, ...best }
  if (refusedProof) {
    return { ok: false, message: `本县${year}年政策不接受「${EMPLOYMENT_PROOF_LABELS[refusedProof]}」作为务工证明，请上传其他证明` }
  }
  return { ok: false, message: `没有${year}年在本区县以外（重庆市外或市内其他区县）务工的就业记录或证明` }
}

/**
 * Why the claimant may not claim in `year` (issue 13 §2, seed 002 对…务工的农村贫困劳动力): not a verified worker
 * of the county, not 脱贫人口 or 监测对象, or no qualifying work. Returns Chinese sentences; empty when eligible.
 */
export function personProblemsOf(terms: Pick<PolicyTerms, 'acceptedProofs'>, claimant: ClaimantFacts, year: number): string[] {
  const problems: string[] = []
  if (!claimant.ofCounty) problems.push('不是本区县台账中的务工人员，请向户籍所在区县申领')
  else if (!claimant.verified) problems.push('账号尚未通过本区县实名核验，核验后才能申领')
  if (claimant.householdStatus !== 'alleviated' && claimant.householdStatus !== 'monitored') {
    problems.push('交通补助只发给脱贫人口和防返贫监测对象，台账中您不属于这两类')
  }
  const work = qualifyingEmployment(terms, claimant, year)
  if (!work.ok) problems.push(work.message)
  return problems
}

/**
 * Whether a claim submitted on `today` (Shanghai day) is accepted by `terms` (issue 13 §1: open/close dates and
 * the late-filing window, all inclusive). Returns open (and whether late) or the Chinese reason it is closed.
 */
export function filingWindow(terms: Pick<PolicyTerms, 'year' | 'opensOn' | 'closesOn' | 'lateUntil'>, today: string): WindowVerdict {
  if (today < terms.opensOn) return { open: false, message: `${terms.year}年交通补助自 ${terms.opensOn} 起受理` }
  if (today <= terms.closesOn) return { open: true, late: false }
  if (terms.lateUntil != null && today <= terms.lateUntil) return { open: true, late: true }
  return { open: false, message: `${terms.year}年交通补助已于 ${terms.lateUntil ?? terms.closesOn} 截止受理` }
}

/** The flat amount (no tickets) for work at `distance` under `terms`, in fen, before the cap. */
export function flatAmountFen(terms: Pick<PolicyTerms, 'flatOutsideChongqingFen' | 'flatOutsideCountyFen'>, distance: WorkDistance): number {
  return distance === 'outside_chongqing' ? terms.flatOutsideChongqingFen : terms.flatOutsideCountyFen
}

/**
 * The amount a claim pays, in fen (issue 13 §2: 按票价据实补贴, capped; a top-up of the difference): the eligible
 * fares, capped by `capFen` (null: no cap), less `earlierPaidFen` already paid this year, never below 0.
 * Returns the amount and whether the cap lowered it.
 */
export function ticketAmountFen(eligibleFareFen: number, capFen: number | null, earlierPaidFen: number): { amountFen: number; capped: boolean } {
  const capped = capFen != null && eligibleFareFen > capFen
  const total = capped ? capFen : eligibleFareFen
  return { amountFen: Math.max(0, total - earlierPaidFen), capped }
}

/**
 * The short name a place goes by on a ticket or a station: an area's name without its level (开州区 → 开州,
 * 秀山土家族苗族自治县 → 秀山, 潍坊市 → 潍坊, 重庆市 → 重庆). Takes the area's name; returns '' when fewer than
 * two characters would be left (too short to match safely).
 */
export function placeKeyword(areaName: string): string {
  // Chongqing's autonomous counties are 土家族 and 苗族 ones (石柱, 秀山, 酉阳, 彭水); the others for a workplace.
  const short = areaName.trim().replace(/((土家|苗|彝|回|藏|羌|壮|瑶|侗|布依|蒙古|维吾尔|朝鲜|满)族)*自治[县州]$|新区$|地区$|[区县市州]$/u, '')
  return short.length >= 2 ? short : ''
}

/**
 * Whether a ticket sits in the wrong leg (issue 13 §2: the outbound leg goes from home to the workplace, the
 * return leg back; places are typed freely, so only a clear case counts): an outbound ticket that arrives home
 * from elsewhere or leaves from the workplace, or a return ticket that leaves home for elsewhere or arrives at
 * the workplace. A ticket between two other places (a transfer) passes. Returns the Chinese message or null.
 */
export function wrongLegMessage(ticket: Pick<TicketInput, 'direction' | 'fromPlace' | 'toPlace'>, places: TripPlaces): string | null {
  const at = (typed: string, names: readonly string[]) => names.some((n) => n !== '' && typed.includes(n))
  const from = normaliseTyped(ticket.fromPlace)
  const to = normaliseTyped(ticket.toPlace)
  const fromHome = at(from, places.home)
  const toHome = at(to, places.home)
  const fromWork = at(from, places.work) && !fromHome
  const toWork = at(to, places.work) && !toHome
  const backwards = ticket.direction === 'outbound' ? (toHome && !fromHome) || fromWork : (fromHome && !toHome) || toWork
  if (!backwards) return null
  return ticket.direction === 'outbound'
    ? `从${ticket.fromPlace}到${ticket.toPlace}是回家的方向，请把这张票改为“返程”`
    : `从${ticket.fromPlace}到${ticket.toPlace}是去务工地的方向，请把这张票改为“去程”`
}

/** States of a flat-amount claim after which a top-up with tickets may be filed: approved (on its way) or paid. */
export const TOP_UP_AFTER: readonly ClaimState[] = ['approved', 'partially_approved', 'in_payout', 'paid']

/**
 * Whether the worker may file a top-up (issue 13 §2: 定额, then "a top-up of the difference when tickets come
 * later") after `claim`, the claim that counts for the year: it was the flat amount without tickets, is
 * approved or paid (so what was paid is known), and no earlier top-up of it is submitted or beyond (only a
 * draft or a rejected one). Takes the claim and the states of its top-ups; returns true or false.
 */
export function mayTopUp(claim: { flat: boolean; state: ClaimState }, topUpStates: readonly ClaimState[]): boolean {
  return claim.flat && TOP_UP_AFTER.includes(claim.state) && topUpStates.every((s) => s === 'draft' || s === 'rejected')
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function isCalendarDay(value: string): boolean {
  return DATE.test(value) && addDays(value, 0) === value
}

/**
 * Why a ticket travelled on `travelDate` is not counted in the claim `year` (issue 13 §2: once per worker per
 * year by travel date in Shanghai time). Returns the Chinese reason the form and the review show.
 */
export function outsideYearText(travelDate: string, year: number): string {
  return `乘车日期 ${travelDate} 不在${year}年内，不计入${year}年的补助（按乘车日期定年度，一年只补贴一次往返）`
}

function eligibleModesText(modes: readonly TravelMode[]): string {
  return modes.length === 0 ? '本县政策未列出可补贴的乘坐方式' : `限${modes.map((m) => TRAVEL_MODE_LABELS[m]).join('、')}`
}

/**
 * Assesses a claim as the form shows it before submission and the reviewer sees it (issue 13 §2–3).
 *
 * Takes the year's policy `terms`, the `claimant`'s facts, the `tickets` as typed (outbound and return legs
 * together, in the form's order), whether the flat amount without tickets is claimed (`flat`), what was
 * already paid for the year (`earlierPaidFen`, fen: > 0 makes a ticket claim a top-up), `today` (Shanghai
 * day) and optionally the trip's ends (`places`, to catch a ticket in the wrong leg). A claim with tickets
 * none of which is paid, or a top-up with nothing left to pay, is a problem (a ¥0 claim would spend the
 * year's one claim); `flatInsteadFen` then names the flat amount a claim without tickets gets. Returns the verdict of every ticket in the same order, the amounts in fen, the person's problems and
 * every problem that stops the submission. Never throws.
 *
 * Ticket clauses, in the order they are checked (the first that applies gives the reason):
 * input (date, places, the leg's direction when `places` are given, fare > 0 and ≤ ¥5,000, ticket number, not
 * in the future) → duplicate number within the
 * claim → travel date in the claim year (a return leg may fall after it up to the last filing day) → mode in
 * the policy's list → outbound leg on a boarded batch's departure day or the next (其他部门已给予此项补贴的除外).
 */
export function assessClaim(input: {
  terms: PolicyTerms
  claimant: ClaimantFacts
  tickets: readonly TicketInput[]
  flat: boolean
  earlierPaidFen: number
  today: string
  /** The trip's two ends, to check each ticket's leg; none given: not checked. */
  places?: TripPlaces
}): ClaimAssessment {
  const { terms, claimant, tickets, flat, earlierPaidFen, today } = input
  const places = input.places ?? { home: [], work: [] }
  // The claim's year is the policy's (the draft's year, chosen when it was started): a ticket travelled in
  // another year is refused for this year with its reason, never silently moving the claim to that year.
  const year = terms.year
  const problems: ClaimProblem[] = []
  const personProblems = personProblemsOf(terms, claimant, year)
  for (const message of personProblems) problems.push({ field: 'person', message })
  const work = qualifyingEmployment(terms, claimant, year)

  const window = filingWindow(terms, today)
  if (!window.open) problems.push({ field: 'window', message: window.message })

  const lastFilingDay = terms.lateUntil ?? terms.closesOn
  const seen = new Map<string, number>()
  const assessed = tickets.map((ticket, index): TicketAssessment => {
    const ticketNumber = normaliseTicketNumber(ticket.ticketNumber)
    const field = (name: keyof TicketInput) => `tickets.${index}.${name}`
    const refuse = (reason: RejectReason, reasonText: string): TicketAssessment => ({ eligible: false, reason, reasonText, problem: null, ticketNumber })
    const mistake = (name: keyof TicketInput, message: string): TicketAssessment => {
      problems.push({ field: field(name), message: `第 ${index + 1} 张车票：${message}` })
      return { eligible: false, reason: null, reasonText: message, problem: message, ticketNumber }
    }

    if (!isCalendarDay(ticket.travelDate)) return mistake('travelDate', '请填写乘车日期')
    if (ticket.travelDate > today) return mistake('travelDate', '乘车日期不能晚于今天')
    if (normaliseTyped(ticket.fromPlace) === '') return mistake('fromPlace', '请填写出发地')
    if (normaliseTyped(ticket.toPlace) === '') return mistake('toPlace', '请填写到达地')
    const wrongLeg = wrongLegMessage(ticket, places)
    if (wrongLeg) return mistake('direction', wrongLeg)
    if (!Number.isSafeInteger(ticket.fareFen) || ticket.fareFen <= 0) return mistake('fareFen', '票价应大于 0')
    if (ticket.fareFen > FARE_CHECK_ABOVE_FEN) return mistake('fareFen', `票价超过 ${formatFen(FARE_CHECK_ABOVE_FEN)}，请核对是否填错`)
    if (ticketNumber === '') return mistake('ticketNumber', '请填写票号（车票上的红色或黑色编号）')

    const first = seen.get(ticketNumber)
    if (first != null) return refuse('duplicate_ticket', `与本申请第 ${first + 1} 张车票票号相同，同一张票只补贴一次`)
    seen.set(ticketNumber, index)

    const travelYear = Number(ticket.travelDate.slice(0, 4))
    const lateReturn = ticket.direction === 'return' && travelYear > year && ticket.travelDate <= lastFilingDay
    if (travelYear !== year && !lateReturn) {
      return refuse('outside_year', outsideYearText(ticket.travelDate, year))
    }
    if (!terms.eligibleModes.includes(ticket.mode)) {
      return refuse('ineligible_mode', `${TRAVEL_MODE_LABELS[ticket.mode]}不在补贴范围（${eligibleModesText(terms.eligibleModes)}）`)
    }
    if (ticket.direction === 'outbound') {
      const batch = claimant.boardedBatches.find((b) => ticket.travelDate === b.departureDate || ticket.travelDate === addDays(b.departureDate, 1))
      if (batch) {
        return refuse('batch_leg', `这段去程由 ${batch.departureDate} 发车的务工专车免费承运，其他部门已给予此项补贴的不再补贴`)
      }
    }
    return { eligible: true, reason: null, reasonText: null, problem: null, ticketNumber }
  })

  let kind: ClaimKind
  let eligibleFareFen = 0
  let capped = false
  let amountFen: number
  let flatInsteadFen: number | null = null
  if (flat) {
    kind = 'flat'
    if (tickets.length > 0) problems.push({ field: 'flat', message: '按定额申领时不填车票；有车票请按实际票价申领' })
    if (earlierPaidFen > 0) problems.push({ field: 'flat', message: `本年度已发放 ${formatFen(earlierPaidFen)}，定额补助不能再领；有车票可申请补差` })
    const flatFen = work.ok ? flatAmountFen(terms, work.distance) : 0
    const result = ticketAmountFen(flatFen, terms.capFen, earlierPaidFen)
    amountFen = result.amountFen
    capped = result.capped
  } else {
    kind = earlierPaidFen > 0 ? 'top_up' : 'tickets'
    if (tickets.length === 0) problems.push({ field: 'tickets', message: '请至少添加一张车票；没有车票可按定额申领' })
    eligibleFareFen = tickets.reduce((sum, t, i) => (assessed[i].eligible ? sum + t.fareFen : sum), 0)
    const result = ticketAmountFen(eligibleFareFen, terms.capFen, earlierPaidFen)
    amountFen = result.amountFen
    capped = result.capped
    // Every ticket judged and none paid: a ¥0 claim would spend the year's one claim. Say what would be paid.
    const allRefused = tickets.length > 0 && assessed.every((t) => !t.eligible && t.problem == null)
    const allOtherYear = allRefused && assessed.every((t) => t.reason === 'outside_year')
    if (allOtherYear) {
      problems.push({ field: 'year', message: `车票都不是${year}年乘坐的，不计入${year}年的补助。请按乘车年份申领那一年的补助` })
    } else if (allRefused && earlierPaidFen === 0 && work.ok) {
      flatInsteadFen = ticketAmountFen(flatAmountFen(terms, work.distance), terms.capFen, 0).amountFen
      problems.push({
        field: 'tickets',
        message: `填写的车票都不在补贴范围，按车票补助为 ${formatFen(0)}。没有可补贴的车票时可按定额申领 ${formatFen(flatInsteadFen)}：请删除这些车票，再选择“没有车票，按定额申请”`,
      })
    } else if (kind === 'top_up' && tickets.length > 0 && amountFen === 0 && assessed.every((t) => t.problem == null)) {
      problems.push({
        field: 'tickets',
        message: `可补贴的票价${capped ? '（按上限）' : ''}不超过已发放的 ${formatFen(earlierPaidFen)}，没有差额可补`,
      })
    }
  }
  if (personProblems.length > 0) amountFen = 0

  return {
    year,
    kind,
    distance: work.ok ? work.distance : null,
    proof: work.ok ? work.fact.proof : null,
    tickets: assessed,
    eligibleFareFen,
    capped,
    amountFen,
    flatInsteadFen,
    personProblems,
    problems,
    window,
  }
}

/** A stored policy row's fields as the rules need them (db/schema/subsidy.ts subsidy_policies; lists are JSON text). */
export type StoredPolicyTerms = Omit<PolicyTerms, 'eligibleModes' | 'acceptedProofs'> & { eligibleModes: string; acceptedProofs: string }

/**
 * The terms of a stored policy row: its JSON lists parsed and filtered to known codes (a code removed from the
 * enums since is dropped, not trusted). Takes the row; returns PolicyTerms. Never throws (bad JSON is an empty list).
 */
export function policyTermsOf(row: StoredPolicyTerms): PolicyTerms {
  return {
    year: row.year,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    lateUntil: row.lateUntil,
    capFen: row.capFen,
    flatOutsideChongqingFen: row.flatOutsideChongqingFen,
    flatOutsideCountyFen: row.flatOutsideCountyFen,
    eligibleModes: codeList(row.eligibleModes, TRAVEL_MODES),
    acceptedProofs: codeList(row.acceptedProofs, EMPLOYMENT_PROOFS),
  }
}

function codeList<C extends string>(json: string, known: readonly C[]): C[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  return known.filter((code) => parsed.includes(code))
}
