import { getFormProps } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { ClaimAmount, ClaimTickets } from '~/components/claim-summary'
import { ErrorSummary, errorSummaryItems } from '~/components/error-summary'
import { Field, FormErrors, SubmitButton } from '~/components/forms'
import { claimForWorker, submitClaim } from '~/models/claim.server'
import { CommitSchema } from '~/rules/claim-form'
import { EMPLOYMENT_PROOF_LABELS, PAYMENT_CARD_KIND_LABELS } from '~/rules/subsidy-labels'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { failureReply, parseForm } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'
import { useZodForm } from '~/utils/zod-form'

// The last step of a claim (issue 13 §3): everything the worker filled in, the expected amount the rules give,
// and the truthfulness commitment (承诺书: tick + their name typed). Submitting is one write transaction
// (submitClaim); a replayed POST finds the claim submitted and says so, a second claim in the year is refused
// by the database's unique index with "今年已经申请过一次交通补助".

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const claimId = requireRecordId(args.params.claimId)
  const page = claimForWorker(actor, claimId)
  if (!page) throw new Response('Not Found', { status: 404 })
  if (!page.editable) throw redirect(`/me/claims/${claimId}`)
  return page
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const claimId = requireRecordId(args.params.claimId)
  // Not theirs is a 404 before the form is read (issue 13: nothing of another worker's claim answers more).
  if (!claimForWorker(actor, claimId)) throw new Response('Not Found', { status: 404 })
  const { submission, values } = parseForm(await args.request.formData(), CommitSchema)
  if (!values) return failureReply(submission, { ok: false, message: '请按提示修改' })
  const result = submitClaim(actor, claimId, { commitmentName: values.commitmentName })
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(`/me/claims/${claimId}`, {
    text: result.replayed ? '这份申请已经提交过了，不会重复提交。' : '申请已提交。县就业中心审核后，结果会显示在这里。',
  })
}

export default function SubmitClaim() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const pending = useIsPending()
  const [form, fields] = useZodForm(CommitSchema, { id: 'commit', lastResult, htmlConstraints: false })
  const { claim, assessment } = data
  // Everything submitClaim would refuse, listed before the 承诺书 (the person's problems are in ClaimAmount).
  const problems = data.refusals.filter((p) => p.field !== 'person')
  const blocked = data.refusals.length > 0
  return (
    <main className="container page">
      <BackLink to={`/me/claims/${claim.id}`}>返回修改</BackLink>
      <h1>核对并提交</h1>
      <ErrorSummary items={errorSummaryItems(form.allErrors, (name) => `${form.id}-${name}`)} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <ClaimAmount
        expectedFen={assessment?.amountFen ?? 0}
        approvedFen={null}
        capped={assessment?.capped ?? false}
        personProblems={assessment?.personProblems ?? []}
        before
      />
      {problems.length ? (
        <div className="notice notice--amber" role="status">
          <p>
            <strong>还有几处要先改好：</strong>
          </p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
          <Link to={`/me/claims/${claim.id}`}>返回修改</Link>
        </div>
      ) : null}
      <section className="section" aria-labelledby="submit-tickets">
        <h2 id="submit-tickets">车票</h2>
        {claim.flat ? <p>没有车票，按定额申请。</p> : <ClaimTickets tickets={data.tickets} files={data.files} />}
      </section>
      <section className="card">
        <p>务工证明：{claim.proofKind ? EMPLOYMENT_PROOF_LABELS[claim.proofKind] : '未选择'}</p>
        <p>收款卡：{claim.cardKind && claim.cardMasked ? `${PAYMENT_CARD_KIND_LABELS[claim.cardKind]} ${claim.cardMasked}` : '未填写'}</p>
      </section>
      <section className="section" aria-labelledby="commitment">
        <h2 id="commitment">承诺书</h2>
        <p>
          本人承诺：所填车票、务工情况和收款卡信息真实，车票未在其他地方报销或领取过交通补贴，未乘坐政府组织的免费务工专车。如有虚假，愿退回补助并承担相应责任。
        </p>
        {blocked ? (
          <p>
            以上几处改好后才能勾选承诺并提交。<Link to={`/me/claims/${claim.id}`}>返回修改</Link>
          </p>
        ) : (
          <Form method="post" className="form" {...getFormProps(form)}>
            <label className="checkbox">
              <input type="checkbox" name="committed" value="on" aria-invalid={fields.committed.errors ? true : undefined} id={fields.committed.id} />{' '}
              我已阅读并同意以上承诺
            </label>
            {fields.committed.errors ? (
              <p className="field__error" id={`${fields.committed.id}-error`}>
                {fields.committed.errors.join('')}
              </p>
            ) : null}
            <Field label="本人姓名" hint="与身份证上的姓名一致" meta={fields.commitmentName} autoComplete="name" />
            <input type="hidden" name="intent" value="submit" />
            <SubmitButton pending={pending} pendingLabel="正在提交…">
              确认提交
            </SubmitButton>
          </Form>
        )}
      </section>
    </main>
  )
}

export const meta = pageTitle('核对并提交')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
