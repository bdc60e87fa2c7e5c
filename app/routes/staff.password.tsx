import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormFooter } from '~/components/forms'
import { changeOwnPassword } from '~/models/account.server'
import { StaffPasswordSchema } from '~/rules/account-admin'
import { PASSWORD_HINT } from '~/rules/password'
import { requireActor } from '~/utils/auth.server'
import { HOME_OF } from '~/rules/landing'
import { failureReply } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { createSession } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// A staff member's own password (issue 11 §6): after the operator created the account or reset a forgotten
// password, sign-in lands here and the temporary password is replaced; any staff member may also change it.

const STAFF = ['east', 'west', 'admin'] as const
const HIDDEN = ['currentPassword', 'password', 'confirmPassword']

export async function loader(args: LoaderFunctionArgs) {
  const { user } = await requireActor(args, { role: STAFF, passwordChange: true })
  return { first: user.mustChangePassword, home: HOME_OF[user.role] }
}

export async function action(args: ActionFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: STAFF, passwordChange: true })
  const submission = parseWithZod(await args.request.formData(), { schema: StaffPasswordSchema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: HIDDEN }), { status: 400 })
  const result = await changeOwnPassword(actor, submission.value)
  if (!result.ok) return failureReply(submission, result, { hideFields: HIDDEN })
  // Every session of the account has just ended; this person keeps working in a fresh one.
  const setCookie = await createSession({ userId: user.id, role: user.role, ip: actor.ip, userAgent: args.request.headers.get('user-agent') })
  throw await redirectWithNotice(HOME_OF[user.role], { text: '密码已修改，其他设备上的登录已全部退出。' }, { headers: { 'Set-Cookie': setCookie } })
}

export default function StaffPasswordPage() {
  const { first } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useZodForm(StaffPasswordSchema, { id: 'staff-password', lastResult })
  return (
    <main className="container page auth">
      <h1>{first ? '设置新密码' : '修改密码'}</h1>
      {first ? <p className="notice">您现在用的是平台管理员给的临时密码。请先设置自己的密码，再使用其他功能。</p> : null}
      <section className="card">
        <Form method="post" className="form" {...getFormProps(form)}>
          <Field label={first ? '临时密码' : '当前密码'} meta={fields.currentPassword} type="password" autoComplete="current-password" />
          <Field label="新密码" hint={PASSWORD_HINT} meta={fields.password} type="password" autoComplete="new-password" />
          <Field label="再次输入新密码" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
          <FormFooter form={form} submitLabel="保存新密码" pendingLabel="正在保存…" />
        </Form>
      </section>
    </main>
  )
}

export const meta = pageTitle('修改密码')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
