import { Form, Link } from '@remix-run/react'
import { formatFen } from '~/rules/money'
import type { ClaimState } from '~/rules/subsidy-enums'
import { CLAIM_STATE_LABELS, claimAmountHeadline } from '~/rules/subsidy-labels'
import { FormToken } from './forms'
import { SubmitButton } from './submit-button'

// Where the worker's claims stand (issue 13 §2, §8): the claim that already counts for the year, said up front
// so no second draft is started (once a year), with the top-up after a flat amount when it is allowed; and the
// amount that heads a submitted claim — paid, approved or expected, whichever it is now.

/** The claim that already counts for `year`, with its state and a link; the top-up button when `topUp` and a `formToken` are given. */
export function CountingClaim({
  year,
  claim,
  topUp,
  formToken,
}: {
  year: number
  claim: { id: number; state: ClaimState; flat: boolean }
  topUp: boolean
  formToken?: string
}) {
  return (
    <div className="notice" role="status">
      <p>
        <strong>
          您 {year} 年的交通补助已经申请过（{claim.flat ? '定额，' : ''}
          {CLAIM_STATE_LABELS[claim.state]}），一年只能申请一次。
        </strong>{' '}
        <Link to={`/me/claims/${claim.id}`}>查看这份申请</Link>
      </p>
      {topUp ? <p>如果找到了去程和返程的车票，可以补交车票，按实际票价补足已领定额的差额。</p> : null}
      {topUp && formToken ? (
        <Form method="post" action="/me/claims/new">
          <FormToken value={formToken} />
          <input type="hidden" name="topUp" value="1" />
          <SubmitButton pending={false}>补交车票，补差额</SubmitButton>
        </Form>
      ) : null}
    </div>
  )
}

/** The amount that heads a submitted claim (claimAmountHeadline): 已发放 / 核定 / 预计 and the figure, or the word alone. */
export function ClaimHeadlineAmount({ claim, topUp }: { claim: { state: ClaimState; expectedFen: number; approvedFen: number | null }; topUp: boolean }) {
  const { label, fen } = claimAmountHeadline(claim)
  return (
    <section className="card" aria-labelledby="claim-amount">
      <h2 id="claim-amount">{topUp ? `补差金额（${label}）` : `补助金额（${label}）`}</h2>
      {fen == null ? <p>{label}</p> : <p className="figure__value">{formatFen(fen)}</p>}
      {claim.state === 'submitted' || claim.state === 'under_review' || claim.state === 'returned' ? (
        <p className="small muted">提交时按本县政策计算的金额，以审核结果为准</p>
      ) : null}
      {fen != null && claim.approvedFen != null && claim.approvedFen !== claim.expectedFen ? (
        <p className="small">
          提交时预计 {formatFen(claim.expectedFen)}，审核核定 {formatFen(claim.approvedFen)}。
        </p>
      ) : null}
    </section>
  )
}

/** One line for the list of claims: 已发放 ¥… / 核定 ¥… / 预计 ¥… / 填写中 / 不予补助. */
export function claimAmountLine(claim: { state: ClaimState; expectedFen: number; approvedFen: number | null }): string {
  const { label, fen } = claimAmountHeadline(claim)
  return fen == null ? label : `${label} ${formatFen(fen)}`
}
