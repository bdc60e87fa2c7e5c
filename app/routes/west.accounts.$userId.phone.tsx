import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { Field, FormFooter } from '~/components/forms'
import { changePhoneByStaff, getAccountForStaff } from '~/models/account-admin.server'
import { ChangePhoneSchema } from '~/rules/account-admin'
import { requireActor } from '~/utils/auth.server'
import { failureReply } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// Changing a worker's phone at the county centre (issue 9 §1) — usually because the old number is lost, so
// only the ID card is checked. The phone is the login name: the worker signs in with the new one at once.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const account = getAccountForStaff(actor, requireRecordId(args.params.userId))
  if (!account) throw new Response('Not Found', { status: 404 })
  return { id: account.id, name: account.name, phoneMasked: account.phoneMasked, disabled: account.disabledAt != null }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const userId = requireRecordId(args.params.userId)
  if (!getAccountForStaff(actor, userId)) throw new Response('Not Found', { status: 404 })
  const submission = parseWithZod(await args.request.formData(), { schema: ChangePhoneSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = changePhoneByStaff(actor, userId, submission.value)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(`/west/accounts/${userId}`, { text: '手机号已更换。请告诉本人：以后用新手机号登录，密码不变。' })
}

export default function ChangePhonePage() {
  const account = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={`/west/accounts/${account.id}`}>返回账号：{account.name}</BackLink>
      <h1>更换手机号：{account.name}</h1>
      {account.disabled ? <p className="notice">此账号已停用，请先在账号页面重新启用，再更换手机号。</p> : null}
      <PhoneForm id={account.id} phoneMasked={account.phoneMasked} lastResult={lastResult} />
    </main>
  )
}

function PhoneForm({ id, phoneMasked, lastResult }: { id: number; phoneMasked: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useZodForm(ChangePhoneSchema, { id: 'change-phone', lastResult })
  return (
    <section className="card">
      <h2>核对身份并填写新手机号</h2>
      <p className="muted small">现在的登录手机号是 {phoneMasked}。手机号就是本人的登录账号，更换后本人须用新手机号登录，密码不变。</p>
      <Form method="post" className="form" autoComplete="off" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-phone" />
        <Field label="身份证号码后 4 位" hint="看身份证原件，最后一位可能是 X。" meta={fields.idTail} maxLength={8} autoComplete="off" />
        <Field label="新手机号" hint="请本人当场说出或出示新号码。" meta={fields.phone} type="tel" inputMode="numeric" autoComplete="off" />
        <FormFooter form={form} submitLabel="更换手机号" cancelTo={`/west/accounts/${id}`} />
      </Form>
    </section>
  )
}

export const meta = pageTitle('更换手机号')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
