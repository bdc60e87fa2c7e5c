import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FactsCard } from '~/components/facts'
import { AccountStateForm, DisabledNotice } from '~/components/account-state'
import { StatusBadge } from '~/components/status-badge'
import { disableAccount, enableAccount, getAccountForStaff } from '~/models/account-admin.server'
import { ACCOUNT_STATE_DONE, accountStateOf, DISABLE_REASONS, DisableSchema, EnableSchema } from '~/rules/account-admin'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { VERIFICATION_STATUSES } from '~/rules/verification'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'

// A worker account of the county as staff look after it (issue 9 §1): its state, and what staff can do
// when the worker comes to the centre — reset a forgotten password, change the phone, disable, re-enable.

const StateSchema = z.discriminatedUnion('intent', [DisableSchema, EnableSchema])

/** The county's own worker account; another county's (or a staff account) answers exactly like a missing one. */
function ownAccount(actor: Actor, userId: number) {
  const account = getAccountForStaff(actor, userId)
  if (!account) throw new Response('Not Found', { status: 404 })
  return account
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const a = ownAccount(actor, requireRecordId(args.params.userId))
  return {
    id: a.id,
    name: a.name,
    phoneMasked: a.phoneMasked,
    idNumberMasked: a.idNumberMasked,
    state: a.state,
    ledgerWorkerId: a.ledgerWorkerId,
    ...accountStateOf(a),
    registeredOn: formatDate(a.createdAt),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const userId = requireRecordId(args.params.userId)
  ownAccount(actor, userId)
  const formData = await args.request.formData()
  readIntent(formData, StateSchema)
  const submission = parseWithZod(formData, { schema: StateSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const value = submission.value
  const result = value.intent === 'disable' ? disableAccount(actor, userId, { code: value.reasonCode, note: value.note }) : enableAccount(actor, userId)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(`/west/accounts/${userId}`, { text: ACCOUNT_STATE_DONE[value.intent] })
}

export default function AccountPage() {
  const a = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      {a.ledgerWorkerId ? (
        <BackLink to={`/west/workers/${a.ledgerWorkerId}`}>返回台账记录</BackLink>
      ) : (
        <BackLink to={`/west/verifications/${a.id}`}>返回账号核验</BackLink>
      )}
      <h1>账号：{a.name}</h1>
      {a.disabledOn ? <DisabledNotice on={a.disabledOn} reason={a.disabledReason} /> : null}
      <FactsCard
        title="账号信息"
        items={[
          { term: '登录手机号', value: a.phoneMasked },
          { term: '身份证号', value: a.idNumberMasked ?? '—' },
          { term: '核验状态', value: <StatusBadge spec={VERIFICATION_STATUSES} status={a.state} /> },
          { term: '密码', value: a.mustChangePassword ? '工作人员设置的密码，本人登录后须修改' : '本人设置' },
          { term: '最近登录', value: a.lastLoginOn ?? '从未登录' },
          { term: '注册日期', value: a.registeredOn },
        ]}
      />
      {a.disabledOn ? null : (
        <section className="card">
          <h2>本人来办理</h2>
          <p className="muted small">请先查看本人的身份证原件，并让本人说出手机号。</p>
          <div className="actions">
            <Link to={`/west/accounts/${a.id}/reset`} className="button">
              重设密码
            </Link>
            <Link to={`/west/accounts/${a.id}/phone`} className="button button--secondary">
              更换手机号
            </Link>
          </div>
        </section>
      )}
      <AccountStateForm
        disabled={a.disabledOn != null}
        lastResult={lastResult}
        schema={DisableSchema}
        reasons={DISABLE_REASONS}
        disableHint="停用后本人不能登录，已登录的手机和电脑会立即退出；报名记录和台账不受影响，随时可以重新启用。"
        enableHint="启用后本人可以用原来的密码登录。忘了密码的，启用后再重设密码。"
      />
    </main>
  )
}

export const meta = pageTitle('账号管理')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
