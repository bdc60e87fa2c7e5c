import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormFooter, SelectField } from '~/components/forms'
import { listRegistrationCounties, registerWorker } from '~/models/registration.server'
import { labourerIdNumberField, mobileField } from '~/rules/fields'
import { checkPasswordPersonal, confirmPasswordField, newPasswordField, PASSWORD_HINT, PASSWORD_MISMATCH } from '~/rules/password'
import { RegistryRowSchema } from '~/rules/registry'
import { z } from '~/rules/zod'
import { getUser, HOME_OF } from '~/utils/auth.server'
import { failureReply } from '~/utils/mutation.server'
import { useIsPending } from '~/utils/pending'
import { useZodForm } from '~/utils/zod-form'
import { createSession } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

// Unknown fields (status, role, organisationId, verifiedAt…) are dropped by z.object: the server
// decides the account's county centre, role and state.
const RegisterSchema = z
  .object({
    name: RegistryRowSchema.shape.name,
    idNumber: labourerIdNumberField,
    phone: mobileField,
    countyCode: z.string({ error: () => '请选择户籍所在区县' }).regex(/^\d{6}$/, '请选择列表中的区县'),
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: PASSWORD_MISMATCH,
    when: ({ issues }) => !issues.some((i) => i.path?.[0] === 'password' || i.path?.[0] === 'confirmPassword'),
  })
  .superRefine((v, ctx) => {
    const message = checkPasswordPersonal(v.password, { phone: v.phone, idNumber: v.idNumber })
    if (message) ctx.addIssue({ code: 'custom', path: ['password'], message })
  })

const HIDDEN = ['password', 'confirmPassword']

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(HOME_OF[user.role])
  return { counties: listRegistrationCounties() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(HOME_OF[user.role])
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: RegisterSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: HIDDEN }), { status: 400 })
  }
  const ip = context.clientIp ?? null
  const result = await registerWorker({ ...submission.value, ip })
  // 400 beside the field it names (county, phone), 429 above the form when this address is throttled.
  if (!result.ok) return failureReply(submission, result, { hideFields: HIDDEN })
  // The same page whoever holds the ID number: nothing here confirms that a resident has an account.
  if ('referred' in result) return data({ referred: result.referred }, { status: 200 })
  const setCookie = await createSession({ userId: result.userId, role: 'worker', ip, userAgent: request.headers.get('user-agent') })
  throw redirect('/me', { headers: { 'Set-Cookie': setCookie } })
}

export default function RegisterPage() {
  const { counties } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const referred = actionData != null && 'referred' in actionData
  const [form, fields] = useZodForm(RegisterSchema, { id: 'register', lastResult: referred ? undefined : actionData })
  const pending = useIsPending({ formAction: '/register' })

  if (referred) return <Referred message={actionData.referred} />
  return (
    <main className="container page auth">
      <h1>注册务工人员账号</h1>
      <div className="notice">
        <p>
          注册后，您选择的区县<strong>就业和人才中心</strong>会把您填写的姓名、身份证号码与本县务工人员台账核对，这叫“核验”。
        </p>
        核验前可以浏览岗位；<strong>核验通过后</strong>才能报名岗位。
      </div>
      <div className="card">
        <Form method="post" action="/register" className="form" {...getFormProps(form)}>
          <Field label="姓名" hint="与身份证上的姓名一致。" meta={fields.name} autoComplete="name" />
          <Field label="身份证号码" hint="18 位，最后一位可以是 X。" meta={fields.idNumber} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
          <Field label="手机号码" hint="手机号就是您的登录账号。" meta={fields.phone} type="tel" autoComplete="tel" inputMode="numeric" />
          <SelectField
            label="户籍所在区县"
            hint="由这个区县的就业和人才中心为您核验。"
            meta={fields.countyCode}
            options={counties.map((c) => ({ value: c.code, label: c.name }))}
            placeholder="请选择"
          />
          <Field label="设置密码" hint={`${PASSWORD_HINT}。`} meta={fields.password} type="password" autoComplete="new-password" />
          <Field label="再次输入密码" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
          <FormFooter form={form} submitLabel="注册" pendingLabel="正在注册…" pending={pending} buttonClassName="button button--block" />
        </Form>
      </div>
      <p>
        已有账号？<Link to="/login">直接登录</Link>
      </p>
      <p className="muted small">
        不方便自己注册，或者核验没有通过？请带上身份证，到乡镇（街道）劳动保障所或区县就业和人才中心，工作人员可以帮您登记并开通账号。
      </p>
    </main>
  )
}

function Referred({ message }: { message: string }) {
  return (
    <main className="container page auth">
      <h1>注册务工人员账号</h1>
      <div className="notice" role="status">
        <p>
          <strong>{message}</strong>
        </p>
      </div>
      <p>
        已有账号？<Link to="/login">直接登录</Link>
      </p>
    </main>
  )
}

export const meta = pageTitle('注册')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
