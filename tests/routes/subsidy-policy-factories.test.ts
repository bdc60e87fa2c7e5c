import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { subsidyClaimEvents, subsidyClaims } from '../../db/schema'
import { claimantFactsForTest, createTestClaim, eligibleClaimant, subsidyPolicyFor, thisYear } from '../factories-subsidy'
import { assessClaim, policyTermsOf } from '~/rules/subsidy'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'

test('工厂造出的申请人按规则可以申领 / the factory claimant is eligible by the rules', async () => {
  const claimant = await eligibleClaimant('kaizhou')
  const policy = subsidyPolicyFor('kaizhou')
  const a = assessClaim({
    terms: policyTermsOf(policy),
    claimant: claimantFactsForTest(claimant),
    tickets: [],
    flat: true,
    earlierPaidFen: 0,
    today: todayInShanghai(),
  })
  expect(a.personProblems).toEqual([])
  expect(a.distance).toBe('outside_chongqing')
  expect(a.amountFen).toBe(20_000)
})

test('任意状态的申请都能造出，并留下每一步的时间线 / a claim is made in any state with one event per move', async () => {
  const { claim, tickets } = await createTestClaim('xiushan', { state: 'paid' })
  expect(claim.state).toBe('paid')
  expect(claim.year).toBe(thisYear())
  expect(tickets).toHaveLength(1)
  const events = db.select().from(subsidyClaimEvents).where(eq(subsidyClaimEvents.claimId, claim.id)).all()
  expect(events.map((e) => e.toState)).toEqual(['draft', 'submitted', 'under_review', 'approved', 'in_payout', 'paid'])
  // One claim a year: a second non-draft claim of the same worker is refused by the database.
  await expect(createTestClaim('xiushan', { claimant: (await createTestClaim('xiushan')).claimant })).rejects.toThrow(/UNIQUE/)
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.id, claim.id)).get()?.state).toBe('paid')
})
