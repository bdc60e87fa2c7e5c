import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { Field, FormFooter, FormToken } from '~/components/forms'
import { OneTimePasswordShown } from '~/components/one-time-password'
import { getAccountForStaff, resetPasswordByStaff } from '~/models/account-admin.server'
import { ResetPasswordSchema } from '~/rules/account-admin'
import { requireActor } from '~/utils/auth.server'
import { formOnce, issueFormToken } from '~/utils/form-token.server'
import { failureReply } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// Resetting a forgotten password at the county centre (issue 9 §1). Staff check identity (the ID card's
// last four characters, the phone's last four digits as the worker says them); the one-time password is
// then shown once, in this action's response only — not in a URL, not in a notice cookie that a refresh
// or the back button could replay, not stored in clear — and the response is never cached.

const NO_STORE = { 'Cache-Control': 'no-store' }

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const account = getAccountForStaff(actor, requireRecordId(args.params.userId))
  if (!account) throw new Response('Not Found', { status: 404 })
  return { id: account.id, name: account.name, disabled: account.disabledAt != null, formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const userId = requireRecordId(args.params.userId)
  const account = getAccountForStaff(actor, userId)
  if (!account) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema })
  if (submission.status !== 'success') return data({ done: null, result: submission.reply() }, { status: 400, headers: NO_STORE })
  const reset = await resetPasswordByStaff(actor, userId, submission.value, formOnce(formData, actor.userId, 'account'))
  if (!reset) throw new Response('Not Found', { status: 404 })
  if (!reset.ok) return failureReply(submission, reset, { beside: { done: null } })
  const done = { name: reset.name, phoneMasked: account.phoneMasked, oneTimePassword: reset.oneTimePassword }
  return data({ done, result: null }, { headers: NO_STORE })
}

export default function ResetPasswordPage() {
  const account = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const done = actionData?.done ?? null
  if (done) {
    return (
      <OneTimePasswordShown
        name={done.name}
        signedOut="。本人在其他手机或电脑上的登录已全部退出。"
        login={{ term: '登录账号', value: `${done.phoneMasked}（本人的手机号）` }}
        password={done.oneTimePassword}
        shownBefore="已在刚才的页面显示过，不再显示，也没有重新生成：刚才告诉本人的临时密码仍然有效。如果没有记下，请返回账号重新办理重设。"
        handOver="请当面告诉本人或抄写交给本人，不要拍照转发。本人用它登录后，必须先设置新密码才能使用其他功能。"
        backTo={`/west/accounts/${account.id}`}
      />
    )
  }
  return (
    <main className="container page">
      <BackLink to={`/west/accounts/${account.id}`}>返回账号：{account.name}</BackLink>
      <h1>重设密码：{account.name}</h1>
      {account.disabled ? <p className="notice">此账号已停用，请先在账号页面重新启用，再重设密码。</p> : null}
      <ResetForm lastResult={actionData?.result ?? undefined} formToken={account.formToken} />
    </main>
  )
}

// The page does not show the account's masked numbers: their last four digits are what is being checked.
function ResetForm({ lastResult, formToken }: { lastResult: SubmissionResult<string[]> | undefined; formToken: string }) {
  const [form, fields] = useZodForm(ResetPasswordSchema, { id: 'reset-password', lastResult })
  return (
    <section className="card">
      <h2>核对本人身份</h2>
      <p className="muted small">请查看本人的身份证原件，输入身份证号码最后 4 位；再请本人说出自己的手机号，输入最后 4 位。两项都与账号登记的一致才能重设。</p>
      <Form method="post" className="form" autoComplete="off" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reset-password" />
        <FormToken value={formToken} />
        <Field label="身份证号码后 4 位" hint="看身份证原件，最后一位可能是 X。" meta={fields.idTail} maxLength={8} autoComplete="off" />
        <Field
          label="手机号后 4 位"
          hint="请本人说出手机号，不要看账号页面上的号码。"
          meta={fields.phoneTail}
          inputMode="numeric"
          maxLength={8}
          autoComplete="off"
        />
        <FormFooter form={form} submitLabel="核对并重设密码" pendingLabel="正在核对…" />
      </Form>
    </section>
  )
}

export const meta = pageTitle('重设密码')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
