import fc from 'fast-check'
import { expect, test } from 'vitest'
import { assessClaim, TRAVEL_MODES, type ClaimantFacts, type TicketInput } from './subsidy'
import { LEG_DIRECTIONS } from './subsidy-enums'
import { defaultPolicyTerms } from './subsidy-policy'

// Properties of the amount (seed 002 按票价据实补贴; issue 13 §2 capped, top-up of the difference): never above the
// cap, never negative, and the sum of the eligible fares when there is no cap and nothing paid before.

const claimant: ClaimantFacts = {
  verified: true,
  ofCounty: true,
  householdStatus: 'monitored',
  countyCode: '500154',
  employments: [{ proof: 'employment_record', workplaceCode: '370700', startDate: '2026-01-01', endDate: null }],
  boardedBatches: [{ batchId: 1, departureDate: '2026-03-01' }],
}

const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10))
const ticket: fc.Arbitrary<TicketInput> = fc.record({
  direction: fc.constantFrom(...LEG_DIRECTIONS),
  mode: fc.constantFrom(...TRAVEL_MODES),
  travelDate: day,
  fromPlace: fc.constantFrom('重庆北', '开州', ''),
  toPlace: fc.constantFrom('潍坊', '济南西'),
  fareFen: fc.integer({ min: -100, max: 600_000 }),
  ticketNumber: fc.constantFrom('A1', 'a 1', 'B2', 'C3', 'D4', ''),
})
const input = fc.record({
  tickets: fc.array(ticket, { maxLength: 6 }),
  flat: fc.boolean(),
  capFen: fc.option(fc.integer({ min: 1, max: 300_000 }), { nil: null }),
  earlierPaidFen: fc.integer({ min: 0, max: 300_000 }),
})

function run(i: { tickets: TicketInput[]; flat: boolean; capFen: number | null; earlierPaidFen: number }) {
  return assessClaim({
    terms: { ...defaultPolicyTerms(2026), capFen: i.capFen },
    claimant,
    tickets: i.tickets,
    flat: i.flat,
    earlierPaidFen: i.earlierPaidFen,
    today: '2027-01-15',
  })
}

test('性质：金额不为负、不超过封顶 / property: the amount is never negative and never above the cap', () => {
  fc.assert(
    fc.property(input, (i) => {
      const a = run(i)
      expect(Number.isSafeInteger(a.amountFen)).toBe(true)
      expect(a.amountFen).toBeGreaterThanOrEqual(0)
      if (i.capFen != null) expect(a.amountFen).toBeLessThanOrEqual(i.capFen)
    }),
    { numRuns: 500 },
  )
})

test('性质：不封顶且此前未领时，金额等于可补贴车票票价之和 / property: uncapped with nothing paid before, the amount is the sum of eligible fares', () => {
  fc.assert(
    fc.property(input, (i) => {
      const a = run({ ...i, flat: false, capFen: null, earlierPaidFen: 0 })
      const sum = i.tickets.reduce((s, t, k) => (a.tickets[k].eligible ? s + t.fareFen : s), 0)
      expect(a.amountFen).toBe(sum)
      expect(a.eligibleFareFen).toBe(sum)
      for (const [k, t] of a.tickets.entries()) if (t.eligible) expect(i.tickets[k].fareFen).toBeGreaterThan(0)
    }),
    { numRuns: 500 },
  )
})

test('性质：补差加已领不超过封顶 / property: a top-up and what was paid before stay within the cap', () => {
  fc.assert(
    fc.property(input, (i) => {
      const a = run({ ...i, flat: false })
      if (i.capFen != null && a.amountFen > 0) expect(a.amountFen + i.earlierPaidFen).toBeLessThanOrEqual(i.capFen)
    }),
    { numRuns: 500 },
  )
})
