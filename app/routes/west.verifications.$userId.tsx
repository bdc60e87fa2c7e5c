import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { ChoiceGroup, Field, FormErrors, SubmitButton } from '~/components/forms'
import { confirmAccount, getVerification, rejectAccount } from '~/models/verification.server'
import { formatDate } from '~/rules/dates'
import { HOUSEHOLD_LABELS, SEX_LABELS } from '~/rules/registry'
import { isVerifiedWorker, REJECTION_REASONS, RejectSchema } from '~/rules/verification'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'
import { StatusBadge } from '~/components/status-badge'
import { VERIFICATION_STATUSES } from '~/rules/verification'

const DecisionSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('confirm') }), RejectSchema])

const REASON_OPTIONS = Object.entries(REJECTION_REASONS).map(([value, label]) => ({ value, label }))

const DONE = {
  confirm: '已确认核验，账号已与台账记录关联。',
  reject: '已退回，务工人员登录后可以看到退回原因。',
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getVerification(actor, requireRecordId(args.params.userId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const { account, proposal } = found
  return {
    ...found,
    account: {
      ...account,
      verified: isVerifiedWorker(account),
      registeredOn: formatDate(account.createdAt),
      verifiedOn: account.verifiedAt ? formatDate(account.verifiedAt) : null,
      rejectedOn: account.rejectedAt ? formatDate(account.rejectedAt) : null,
    },
    proposal: proposal ? { ...proposal, sexLabel: SEX_LABELS[proposal.sex], householdLabel: HOUSEHOLD_LABELS[proposal.householdStatus] } : null,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const userId = requireRecordId(args.params.userId)
  // Another county's account is answered exactly like a missing one, whatever the intent.
  if (!getVerification(actor, userId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, DecisionSchema)
  const submission = parseWithZod(formData, { schema: DecisionSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const decision = submission.value
  const result =
    decision.intent === 'confirm'
      ? confirmAccount(actor, userId)
      : rejectAccount(actor, userId, {
          code: decision.reasonCode,
          text: decision.note ? `${REJECTION_REASONS[decision.reasonCode]}：${decision.note}` : REJECTION_REASONS[decision.reasonCode],
        })
  if (!result) throw new Response('Not Found', { status: 404 })
  // 409: the account was decided (or disabled) meanwhile, or its ledger row is not there to link.
  if (!result.ok) return failureReply(submission, result, { beside: { intent } })
  throw await redirectWithNotice('/west/verifications', { text: DONE[decision.intent] })
}

export default function VerificationPage() {
  const { account, proposal, status, elsewhereCountyName } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useIsPending()
  const decided = account.verified || account.disabled
  const canConfirm = !decided && proposal != null && (status === 'match' || status === 'name_mismatch')

  return (
    <main className="container page">
      <BackLink to="/west/verifications">返回账号核验</BackLink>
      <h1>核验：{account.name}</h1>
      <StatusLine account={account} />
      <p className="small">
        <Link to={`/west/accounts/${account.id}`}>账号管理：重设密码、更换手机号、停用或启用</Link>
      </p>

      <section className="card">
        <h2>注册信息与本县台账</h2>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">注册信息与台账记录对照</caption>
            <thead>
              <tr>
                <th scope="col">项目</th>
                <th scope="col">注册填写</th>
                <th scope="col">本县台账</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">姓名</th>
                <td>{account.name}</td>
                <td>
                  {proposal ? proposal.name : '—'} {status === 'match' ? <span className="badge badge--ok">姓名一致</span> : null}
                  {status === 'name_mismatch' ? <span className="badge badge--warn">姓名与台账不一致</span> : null}
                </td>
              </tr>
              <tr>
                <th scope="row">身份证号</th>
                <td>{account.idNumberMasked ?? '—'}</td>
                <td>
                  {proposal ? proposal.idNumberMasked : '—'} {proposal?.idNumberMatches ? <span className="badge badge--ok">一致</span> : null}
                </td>
              </tr>
              <tr>
                <th scope="row">手机号</th>
                <td>{account.phoneMasked}</td>
                <td>
                  {proposal?.phoneMasked ?? '—'} {proposal?.phoneMasked && !proposal.phoneMatches ? <span className="badge">与注册不同</span> : null}
                </td>
              </tr>
              <tr>
                <th scope="row">性别 / 出生日期</th>
                <td>—</td>
                <td>{proposal ? `${proposal.sexLabel} / ${proposal.birthDate}` : '—'}</td>
              </tr>
              <tr>
                <th scope="row">乡镇 / 村</th>
                <td>—</td>
                <td>{proposal ? [proposal.townshipName, proposal.villageName].filter(Boolean).join(' ') : '—'}</td>
              </tr>
              <tr>
                <th scope="row">户类型</th>
                <td>—</td>
                <td>{proposal?.householdLabel ?? '—'}</td>
              </tr>
              <tr>
                <th scope="row">注册日期</th>
                <td>{account.registeredOn}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </div>
        {status === 'missing' ? (
          <div className="notice">
            <p>本县台账中没有此身份证号码。</p>
            {elsewhereCountyName ? <p>此号码登记在{elsewhereCountyName}的台账中，请与该区县就业和人才中心核实；不是本县户籍的，可以退回。</p> : null}
            {elsewhereCountyName || decided ? null : (
              <p>
                如果此人确属本县，请先把此人加入本县台账（姓名、身份证号码和手机号码按注册信息填好），保存后回到这里核验。{' '}
                <Link
                  to={`/west/workers/new?registration=${account.id}&returnTo=${encodeURIComponent(`/west/verifications/${account.id}`)}`}
                  className="button"
                >
                  加入台账
                </Link>
              </p>
            )}
          </div>
        ) : null}
        {status === 'linked_elsewhere' ? <p className="notice">这条台账记录已经关联了另一个账号，不能再关联。请核实后退回此注册。</p> : null}
        {status === 'name_mismatch' && !decided ? (
          <p className="notice">注册姓名与台账不一致。请电话或当面核实身份：是同一人（如台账录入有误）可以确认；不是同一人请退回，原因选“身份信息不一致”。</p>
        ) : null}
      </section>

      {canConfirm ? (
        <section className="card">
          <h2>确认核验</h2>
          <p>确认后账号即为“已核验”，并与上面的台账记录关联，本人可以报名岗位。</p>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <FormErrors errors={actionData?.intent === 'confirm' ? actionData.result.error?.[''] : null} />
            <SubmitButton pending={busy}>确认核验并关联台账</SubmitButton>
          </Form>
        </section>
      ) : null}

      {!decided ? <RejectForm lastResult={actionData?.intent === 'reject' ? actionData.result : undefined} busy={busy} /> : null}
    </main>
  )
}

function StatusLine({ account }: { account: { verifiedOn: string | null; rejectedOn: string | null; rejectionReason: string | null; disabled: boolean } }) {
  if (account.disabled) return <p className="notice">此账号已停用。</p>
  if (account.verifiedOn) return <p className="notice notice--ok">已于 {account.verifiedOn} 核验通过。</p>
  if (account.rejectedOn) {
    return (
      <p className="notice">
        已于 {account.rejectedOn} 退回，原因：{account.rejectionReason}。本人核实后可以重新核验。
      </p>
    )
  }
  return (
    <p>
      <StatusBadge spec={VERIFICATION_STATUSES} status="waiting" />
    </p>
  )
}

function RejectForm({ lastResult, busy }: { lastResult: SubmissionResult<string[]> | null | undefined; busy: boolean }) {
  const [form, fields] = useZodForm(RejectSchema, { id: 'reject', lastResult, shouldValidate: 'onSubmit', shouldRevalidate: 'onSubmit' })
  return (
    <section className="card">
      <h2>退回</h2>
      <p className="muted small">退回原因会显示给本人，请写清楚需要怎么做。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reject" />
        <ChoiceGroup legend="退回原因" meta={fields.reasonCode} type="radio" options={REASON_OPTIONS} />
        <Field label="说明（选填；选“其他”时必填）" hint="例如：请携带身份证和户口簿到镇劳动保障所核实。" meta={fields.note} maxLength={200} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div>
          <SubmitButton pending={busy} className="button button--secondary">
            退回此注册
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}

export const meta = pageTitle('账号核验')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
