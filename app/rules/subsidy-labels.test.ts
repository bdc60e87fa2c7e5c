import { expect, test } from 'vitest'
import * as enums from './subsidy-enums'
import * as labels from './subsidy-labels'

// Every stored code of the subsidy has a Chinese label (issue 13: UI text is Chinese), and no two codes of a list
// read alike, so a worker can tell them apart.

const PAIRS = [
  [enums.TRAVEL_MODES, labels.TRAVEL_MODE_LABELS],
  [enums.CLAIM_STATES, labels.CLAIM_STATE_LABELS],
  [enums.REJECT_REASONS, labels.REJECT_REASON_LABELS],
  [enums.EMPLOYMENT_PROOFS, labels.EMPLOYMENT_PROOF_LABELS],
  [enums.WORK_DISTANCES, labels.WORK_DISTANCE_LABELS],
  [enums.LEG_DIRECTIONS, labels.LEG_DIRECTION_LABELS],
  [enums.PAYMENT_CARD_KINDS, labels.PAYMENT_CARD_KIND_LABELS],
  [enums.TICKET_DECISIONS, labels.TICKET_DECISION_LABELS],
  [enums.CLAIM_FILE_PURPOSES, labels.CLAIM_FILE_PURPOSE_LABELS],
  [enums.CLAIM_FILE_KINDS, labels.CLAIM_FILE_KIND_LABELS],
  [enums.CLAIM_FLAG_KINDS, labels.CLAIM_FLAG_KIND_LABELS],
  [enums.PAYOUT_STATES, labels.PAYOUT_STATE_LABELS],
  [enums.PAYOUT_ROW_RESULTS, labels.PAYOUT_ROW_RESULT_LABELS],
] as const

test.each(PAIRS.map(([codes, table]) => [codes.join(','), codes, table] as const))(
  '每个代码都有不同的中文标签 / every code has its own Chinese label: %s',
  (_, codes, table) => {
    const shown = codes.map((c) => (table as Record<string, string>)[c])
    for (const label of shown) expect(label).toMatch(/\p{Script=Han}/u)
    expect(new Set(shown).size).toBe(codes.length)
    expect(Object.keys(table).sort()).toEqual([...codes].sort())
  },
)

test('每个代码表都有标签表 / no code list is without its labels', () => {
  const lists = Object.entries(enums).filter(([name, v]) => Array.isArray(v) && name !== 'DEFAULT_ELIGIBLE_MODES')
  expect(lists.length).toBe(PAIRS.length)
})

test('申请的金额标题：已发放看发放额，核定后看核定额，审核前看预计额 / a claim is headed by the paid amount once paid, the approved one once approved, the expected one before (issue 13 §8)', () => {
  const amounts = { expectedFen: 45_650, approvedFen: 30_000 }
  const headline = (state: enums.ClaimState, approvedFen: number | null = amounts.approvedFen) =>
    labels.claimAmountHeadline({ state, expectedFen: amounts.expectedFen, approvedFen })
  expect(headline('paid')).toEqual({ label: '已发放', fen: 30_000 })
  expect(headline('approved')).toEqual({ label: '核定', fen: 30_000 })
  expect(headline('partially_approved')).toEqual({ label: '核定', fen: 30_000 })
  expect(headline('in_payout')).toEqual({ label: '核定', fen: 30_000 })
  expect(headline('submitted', null)).toEqual({ label: '预计', fen: 45_650 })
  expect(headline('returned', null)).toEqual({ label: '预计', fen: 45_650 })
  expect(headline('draft', null)).toEqual({ label: '填写中', fen: null })
  expect(headline('rejected', null)).toEqual({ label: '不予补助', fen: null })
})
