import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FactsCard } from '~/components/facts'
import { AccountStateForm, DisabledNotice } from '~/components/account-state'
import { PageHead } from '~/components/page-head'
import { disableAccountByAdmin, enableAccountByAdmin, getAccountForAdmin } from '~/models/account-admin.server'
import { ACCOUNT_STATE_DONE, accountStateOf, EnableSchema, STAFF_DISABLE_REASONS, StaffDisableSchema } from '~/rules/account-admin'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'

// Any account as the platform operator looks after it (issue 11 §6): disable (its sessions end at once) and
// re-enable; a staff account's forgotten password is reset on the next page. A worker's password and phone
// stay with their county centre, which checks identity at the counter.

const StateSchema = z.discriminatedUnion('intent', [StaffDisableSchema, EnableSchema])
const ROLE_LABEL = { east: '东部工作人员', west: '西部工作人员', admin: '平台管理员', worker: '务工人员' } as const

function ownAccount(actor: Actor, userId: number) {
  const account = getAccountForAdmin(actor, userId)
  if (!account) throw new Response('Not Found', { status: 404 })
  return account
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const a = ownAccount(actor, requireRecordId(args.params.userId))
  return {
    id: a.id,
    username: a.username,
    name: a.name,
    role: a.role,
    roleLabel: ROLE_LABEL[a.role],
    contactPhone: a.contactPhone,
    organisationId: a.organisationId,
    organisationName: a.organisationName,
    ...accountStateOf(a),
    createdOn: formatDate(a.createdAt),
    self: a.id === actor.userId,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const userId = requireRecordId(args.params.userId)
  ownAccount(actor, userId)
  const formData = await args.request.formData()
  readIntent(formData, StateSchema)
  const submission = parseWithZod(formData, { schema: StateSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const value = submission.value
  const result =
    value.intent === 'disable' ? disableAccountByAdmin(actor, userId, { code: value.reasonCode, note: value.note }) : enableAccountByAdmin(actor, userId)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(`/admin/accounts/${userId}`, { text: ACCOUNT_STATE_DONE[value.intent] })
}

export default function AdminAccountPage() {
  const a = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={`/admin/organisations/${a.organisationId}`}>返回{a.organisationName}</BackLink>
      <PageHead title={`账号：${a.name}`}>
        <Link to={`/admin/audit?actor=${a.id}`} className="button button--secondary">
          此人的操作记录
        </Link>
      </PageHead>
      {a.disabledOn ? <DisabledNotice on={a.disabledOn} reason={a.disabledReason} /> : null}
      <FactsCard
        title="账号信息"
        items={[
          { term: '登录名', value: a.username },
          { term: '角色', value: a.roleLabel },
          { term: '单位', value: a.organisationName },
          { term: '联系手机', value: a.contactPhone ?? '—' },
          { term: '密码', value: a.mustChangePassword ? '临时密码，本人登录后须修改' : '本人设置' },
          { term: '最近登录', value: a.lastLoginOn ?? '从未登录' },
          { term: '开通日期', value: a.createdOn },
        ]}
      />
      {a.role !== 'worker' && !a.disabledOn ? (
        <section className="card">
          <h2>忘记密码</h2>
          <p className="muted small">工作人员忘记密码时，请先电话核实是本人，再重设为临时密码。务工人员的密码由户籍所在区县的就业和人才中心核对身份后重设。</p>
          <Link to={`/admin/accounts/${a.id}/reset`} className="button">
            重设密码
          </Link>
        </section>
      ) : null}
      {a.self ? null : (
        <AccountStateForm
          disabled={a.disabledOn != null}
          lastResult={lastResult}
          schema={StaffDisableSchema}
          reasons={STAFF_DISABLE_REASONS}
          disableHint="停用后本人不能登录，已登录的设备会立即退出；账号办理过的事项和记录不受影响，随时可以重新启用。"
          enableHint="启用后本人可以用原来的密码登录。"
        />
      )}
    </main>
  )
}

export const meta = pageTitle('账号管理')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
