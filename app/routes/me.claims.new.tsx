import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { CountingClaim } from '~/components/claim-form-status'
import { FormAlert } from '~/components/form-alert'
import { FormToken } from '~/components/forms'
import { SubmitButton } from '~/components/submit-button'
import { claimStart, startDraft } from '~/models/claim.server'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { pageTitle } from '~/utils/meta'
import { failureReply } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { useIsPending } from '~/utils/pending'

// Start (or resume) the worker's claim (issue 13 §3). A GET never creates anything: with a draft it goes
// there, else it offers the button. The POST carries a form token, and the model resumes the one draft a
// worker may have (subsidy_claims_worker_draft_uq), so a double click, a refresh or a replayed POST never
// makes a second claim.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const start = claimStart(actor)
  if (start.draftId) throw redirect(`/me/claims/${start.draftId}`)
  return {
    formToken: issueFormToken(),
    verified: start.verified,
    mayStart: start.mayStart,
    thisYear: start.thisYear,
    problems: start.problems,
    policy: start.policy,
    year: start.year,
    counting: start.counting,
    topUp: start.topUp,
    late: start.late,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const formData = await args.request.formData()
  const once = formOnce(formData, actor.userId, 'subsidy_claim')
  // 补差 (issue 13 §2): only asked for from the top-up button; the model decides whether it is allowed.
  const topUp = formData.get('topUp') === '1'
  // 补报 (issue 13 §1 late-filing window): last year, when offered; the model checks it is still open.
  const asked = Number(formData.get('year'))
  const year = Number.isSafeInteger(asked) && asked > 0 ? asked : undefined
  const result = createOnce(once, () => startDraft(actor, { topUp, year }))
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(null, result)
  const resumed = 'replayed' in result || ('resumed' in result && result.resumed)
  throw await redirectWithNotice(`/me/claims/${result.id}`, {
    text: resumed
      ? '您已有一份填写中的申请，请接着填写。'
      : topUp
        ? '已开始补差申请。请添加去程和返程车票并上传照片，按票价补足已发放定额的差额。'
        : '已开始申请。请填写车票、务工证明和收款卡，填好后提交。',
  })
}

export default function NewClaim() {
  const { formToken, verified, mayStart, thisYear, problems, policy, year, counting, topUp, late } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const pending = useIsPending()
  // Every refusal startDraft can give is said here, before any button, and the button shows only when
  // starting would succeed (claimStart's mayStart): verification first and alone, then no policy, then why
  // the person may not claim; once a year (issue 13 §2) a counting claim allows only a top-up after a flat
  // amount, or last year's claim while its late-filing window is open.
  const offerLate = late != null && !topUp
  if (!verified) {
    return (
      <main className="container page">
        <BackLink to="/me/claims">交通补助</BackLink>
        <h1>申请交通补助</h1>
        <div className="notice" role="status">
          <p>
            <strong>账号核验通过后才能申领。</strong> <Link to="/me">查看核验进度</Link>
          </p>
        </div>
      </main>
    )
  }
  return (
    <main className="container page">
      <BackLink to="/me/claims">交通补助</BackLink>
      <h1>{topUp ? '补交车票，补差额' : '申请交通补助'}</h1>
      {!policy ? <p className="notice">本区县 {year} 年的交通补助政策还没有公布。</p> : null}
      {problems.length ? (
        <ul className="notice">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {counting ? <CountingClaim year={year} claim={counting} topUp={topUp} /> : null}
      {!mayStart ? null : (
        <>
          <p>
            {topUp
              ? '您今年已按定额领取（或核定）补助。有去程和返程车票的，可以补交车票，按票价补足差额。'
              : '准备好车票（或电子客票的报销凭证）、务工证明和本人的社保卡或银行卡。填写中的申请会保存，可以随时回来接着填。'}
          </p>
          <Form method="post">
            <FormToken value={formToken} />
            {topUp ? <input type="hidden" name="topUp" value="1" /> : null}
            {offerLate ? (
              <fieldset className="field">
                <legend>申请哪一年的补助</legend>
                <p className="field__hint">
                  按乘车日期定年度：{late.year}年乘车的往返，请选{late.year}年。
                </p>
                {thisYear ? (
                  <label className="checkbox">
                    <input type="radio" name="year" value={year} defaultChecked /> {year}年
                  </label>
                ) : null}
                <label className="checkbox">
                  <input type="radio" name="year" value={late.year} defaultChecked={!thisYear} /> {late.year}年（补报，{late.lastDay} 截止）
                </label>
              </fieldset>
            ) : null}
            <SubmitButton pending={pending} pendingLabel="正在打开…">
              {topUp ? '开始补交车票' : '开始填写'}
            </SubmitButton>
            <FormAlert messages={reply?.error?.['']} />
          </Form>
        </>
      )}
    </main>
  )
}

export const meta = pageTitle('申请交通补助')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
