import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { claimAmountLine, CountingClaim } from '~/components/claim-form-status'
import { FormToken } from '~/components/forms'
import { StatusBadge } from '~/components/status-badge'
import { SubmitButton } from '~/components/submit-button'
import { claimStart, claimsOfWorker } from '~/models/claim.server'
import { formatDate } from '~/rules/dates'
import { CLAIM_STATUS } from '~/rules/subsidy-states'
import { requireActor } from '~/utils/auth.server'
import { issueFormToken } from '~/utils/form-token.server'
import { pageTitle } from '~/utils/meta'

// 交通补助 (跨省一次性交通补助, issue 13 §8): every claim of the worker with its state and amount, a button to
// start or resume the draft, and — when they may not claim this year — why and what to do.

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'worker' })
  const start = claimStart(actor)
  return {
    verified: user.verified,
    start,
    claims: claimsOfWorker(actor).map((c) => ({
      id: c.id,
      year: c.year,
      state: c.state,
      flat: c.flat,
      expectedFen: c.expectedFen,
      approvedFen: c.approvedFen,
      topUp: c.topUpOfClaimId != null,
      submittedOn: c.submittedAt ? formatDate(c.submittedAt) : null,
      startedOn: formatDate(c.createdAt),
    })),
    formToken: issueFormToken(),
  }
}

export default function MyClaims() {
  const { verified, start, claims, formToken } = useLoaderData<typeof loader>()
  // Once a year (issue 13 §2): a claim that counts for the year is named up front and no new one is offered.
  // claimStart's thisYear: startDraft would succeed, so the button is never answered with a refusal.
  const canStart = verified && start.verified && start.thisYear && start.counting == null
  return (
    <main className="container page">
      <h1>交通补助</h1>
      <p className="muted">
        脱贫人口和防返贫监测对象到重庆市外（或本区县以外）务工，每年可以申领一次往返交通补助：火车硬座/硬卧、高铁/动车二等座、长途汽车按票价补助；没有车票可以按定额申领。
      </p>
      {!verified || !start.verified ? (
        <div className="notice" role="status">
          <p>
            <strong>账号核验通过后才能申领。</strong> <Link to="/me">查看核验进度</Link>
          </p>
        </div>
      ) : !start.policy ? (
        <p className="notice" role="status">
          本区县 {start.year} 年的交通补助政策还没有公布，公布后就可以在这里申领。
        </p>
      ) : start.problems.length ? (
        <div className="notice" role="status">
          <p>
            <strong>您今年暂时不能申领：</strong>
          </p>
          <ul>
            {start.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>如果情况有变（例如已到外地务工），请带身份证和务工证明到乡镇（街道）劳动保障所或区县就业和人才中心更新台账。</p>
        </div>
      ) : null}
      {start.counting ? <CountingClaim year={start.year} claim={start.counting} topUp={start.topUp && start.draftId == null} formToken={formToken} /> : null}
      {start.draftId ? (
        <p>
          <Link to={`/me/claims/${start.draftId}`} className="button">
            继续填写申请
          </Link>
        </p>
      ) : canStart ? (
        <Form method="post" action="/me/claims/new">
          <FormToken value={formToken} />
          <SubmitButton pending={false}>申请交通补助</SubmitButton>
        </Form>
      ) : null}
      <section className="section" aria-labelledby="claims">
        <h2 id="claims">我的申请</h2>
        {claims.length === 0 ? (
          <p className="muted">还没有申请。</p>
        ) : (
          <ol className="board-list">
            {claims.map((c) => (
              <li key={c.id} className="job-card">
                <h3 className="job-card__title">
                  <Link to={`/me/claims/${c.id}`}>
                    {c.year} 年交通补助{c.topUp ? '（补差）' : ''}
                  </Link>{' '}
                  <StatusBadge spec={CLAIM_STATUS} status={c.state} />
                </h3>
                <p className="small">
                  {claimAmountLine(c)}
                  {c.flat ? '（定额）' : ''}
                </p>
                <p className="small muted">{c.submittedOn ? `${c.submittedOn} 提交` : `${c.startedOn} 开始填写`}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  )
}

export const meta = pageTitle('交通补助')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
