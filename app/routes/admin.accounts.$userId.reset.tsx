import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FormFooter, FormToken } from '~/components/forms'
import { OneTimePasswordShown } from '~/components/one-time-password'
import { getAccountForAdmin, resetStaffPassword } from '~/models/account-admin.server'
import { StaffResetSchema } from '~/rules/account-admin'
import type { Actor } from '~/rules/permissions'
import { requireActor } from '~/utils/auth.server'
import { formOnce, issueFormToken } from '~/utils/form-token.server'
import { failureReply } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// The operator resets a staff member's forgotten password (issue 11 §6). The one-time password is shown
// once, in this action's response only, never cached; the account must change it at the next sign-in.

const NO_STORE = { 'Cache-Control': 'no-store' }

function staffAccount(actor: Actor, userId: number) {
  const account = getAccountForAdmin(actor, userId)
  if (!account || account.role === 'worker') throw new Response('Not Found', { status: 404 })
  return account
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const a = staffAccount(actor, requireRecordId(args.params.userId))
  return { id: a.id, name: a.name, username: a.username, disabled: a.disabledAt != null, formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const userId = requireRecordId(args.params.userId)
  staffAccount(actor, userId)
  const formData = await args.request.formData()
  const submission = parseWithZod(formData, { schema: StaffResetSchema })
  if (submission.status !== 'success') return data({ done: null, result: submission.reply() }, { status: 400, headers: NO_STORE })
  const reset = await resetStaffPassword(actor, userId, formOnce(formData, actor.userId, 'account'))
  if (!reset) throw new Response('Not Found', { status: 404 })
  if (!reset.ok) return failureReply(submission, reset, { beside: { done: null } })
  return data({ done: { name: reset.name, username: reset.username, oneTimePassword: reset.oneTimePassword }, result: null }, { headers: NO_STORE })
}

export default function AdminResetPage() {
  const a = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const [form] = useZodForm(StaffResetSchema, { id: 'reset-password', lastResult: reply?.result ?? undefined })
  const done = reply?.done ?? null
  if (done) {
    return (
      <OneTimePasswordShown
        name={done.name}
        signedOut="，本人在所有设备上的登录已退出。"
        login={{ term: '用户名', value: done.username }}
        password={done.oneTimePassword}
        shownBefore="已在刚才的页面显示过，不再显示，也没有重新生成。如果没有记下，请返回账号重新办理。"
        handOver="请电话或当面告知本人；本人登录后必须先设置新密码。"
        backTo={`/admin/accounts/${a.id}`}
      />
    )
  }
  return (
    <main className="container page">
      <BackLink to={`/admin/accounts/${a.id}`}>返回账号：{a.name}</BackLink>
      <h1>重设密码：{a.name}</h1>
      {a.disabled ? <p className="notice">此账号已停用，请先在账号页面重新启用，再重设密码。</p> : null}
      <section className="card">
        <p>
          请先电话核实是 {a.name}（用户名 {a.username}）本人申请。重设后原密码立即失效，本人在所有设备上的登录会退出。
        </p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="reset-password" />
          <FormToken value={a.formToken} />
          <FormFooter form={form} submitLabel="重设为临时密码" pendingLabel="正在重设…" cancelTo={`/admin/accounts/${a.id}`} />
        </Form>
      </section>
    </main>
  )
}

export const meta = pageTitle('重设密码')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
