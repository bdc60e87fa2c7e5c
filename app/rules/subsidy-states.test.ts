import { expect, test } from 'vitest'
import { CLAIM_STATES, type ClaimState } from './subsidy-enums'
import { CLAIM_STATUS, CLAIM_TRANSITIONS, canTransition, countsForYear, isEditableByWorker } from './subsidy-states'

// Issue 13 §6: draft → submitted → under review → approved / partially approved / rejected / returned → in payout
// → paid (or payment failed → back in the queue, and only there); no step skipped or redone by editing a form.

/** Every allowed move, written out by hand so a changed table fails here. */
const ALLOWED: ReadonlyArray<readonly [ClaimState, ClaimState]> = [
  ['draft', 'submitted'],
  ['submitted', 'under_review'],
  ['under_review', 'approved'],
  ['under_review', 'partially_approved'],
  ['under_review', 'rejected'],
  ['under_review', 'returned'],
  ['returned', 'submitted'],
  ['approved', 'in_payout'],
  ['partially_approved', 'in_payout'],
  ['in_payout', 'paid'],
  ['in_payout', 'payment_failed'],
  ['payment_failed', 'under_review'],
]

test.each(ALLOWED)('允许 / allowed: %s → %s', (from, to) => {
  expect(canTransition(from, to)).toBe(true)
})

test('其余每一种移动都被拒绝 / every other move is refused', () => {
  const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`))
  const refused: string[] = []
  for (const from of CLAIM_STATES) for (const to of CLAIM_STATES) if (!allowed.has(`${from}>${to}`) && !canTransition(from, to)) refused.push(`${from}>${to}`)
  expect(refused).toHaveLength(CLAIM_STATES.length * CLAIM_STATES.length - ALLOWED.length)
})

test.each([
  ['submitted', 'approved', '跳过审核 / skips the review'],
  ['draft', 'under_review', '跳过提交 / skips submission'],
  ['approved', 'paid', '跳过发放批次 / skips the payout'],
  ['under_review', 'in_payout', '未审批就发放 / pays before a decision'],
  ['approved', 'approved', '重复审批 / approves again'],
  ['paid', 'payment_failed', '已发放后改为失败 / a paid claim fails afterwards'],
  ['rejected', 'submitted', '未通过后再提交同一申请 / resubmits a rejected claim'],
  ['paid', 'in_payout', '已发放再次发放 / pays twice'],
  ['payment_failed', 'in_payout', '发放失败未重新审核即再次编入 / a failed payment goes into a payout without a new review'],
  ['returned', 'approved', '退回后未重新提交即审批 / approves a returned claim unsent'],
] as const)('拒绝 / refused: %s → %s (%s)', (from: ClaimState, to: ClaimState, _why: string) => {
  expect(canTransition(from, to)).toBe(false)
})

test('每个状态都有中文标签；终态不能再动 / every state has a Chinese label; final states do not move', () => {
  for (const state of CLAIM_STATES) expect(CLAIM_STATUS[state].label).toMatch(/\p{Script=Han}/u)
  expect(CLAIM_TRANSITIONS.paid).toEqual([])
  expect(CLAIM_TRANSITIONS.rejected).toEqual([])
})

test('工人可改的状态与计入年度的状态 / states the worker may edit and states that count for the year', () => {
  expect(CLAIM_STATES.filter(isEditableByWorker)).toEqual(['draft', 'returned'])
  expect(CLAIM_STATES.filter((s) => !countsForYear(s))).toEqual(['draft', 'rejected'])
})
