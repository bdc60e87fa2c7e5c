import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { z } from '~/rules/zod'
import { Field, FormFooter } from '~/components/forms'
import { landingAfterLogin, MAX_REDIRECT_LENGTH } from '~/rules/landing'
import { throttleMinutes } from '~/models/throttle.server'
import { DISABLED_ACCOUNT, login } from '~/models/sign-in.server'
import { getUser } from '~/utils/auth.server'
import { PASSWORD_BUSY_RETRY_SECONDS } from '~/utils/password-work.server'
import { useIsPending } from '~/utils/pending'
import { useZodForm } from '~/utils/zod-form'
import { pageTitle } from '~/utils/meta'

const LoginSchema = z.object({
  username: z.string({ error: '请填写用户名或手机号' }).trim().min(1, '请填写用户名或手机号').max(64, '用户名不能超过 64 个字符'),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(256, '密码不能超过 256 个字符'),
  // A hidden field the user cannot correct: one that is too long is dropped (landing on the home page),
  // never a 400 that blocks signing in.
  redirectTo: z.string().max(MAX_REDIRECT_LENGTH).optional().catch(undefined),
})

// The same words whether the account exists or not (OWASP authentication cheat sheet); `busy`: too many
// sign-ins at this moment for the password checks (issue 10 §3), nothing was checked. A function, not a
// module-level table: throttleMinutes is server-only, and this module is also loaded in the browser.
function refusalMessage(reason: 'invalid' | 'throttled' | 'busy', disabled?: true) {
  if (disabled) return DISABLED_ACCOUNT
  if (reason === 'throttled') return `登录失败次数过多，请 ${throttleMinutes('login')} 分钟后再试。`
  if (reason === 'busy') return '登录的人较多，系统繁忙，请稍等几秒后再试。'
  return '用户名或密码不正确。'
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) {
    const redirectTo = new URL(request.url).searchParams.get('redirectTo')
    throw redirect(landingAfterLogin(user.role, redirectTo))
  }
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const { username, password, redirectTo } = submission.value
  const result = await login({
    username,
    password,
    redirectTo,
    ip: context.clientIp ?? 'unknown',
    userAgent: request.headers.get('user-agent'),
  })
  if (!result.ok) {
    return data(submission.reply({ formErrors: [refusalMessage(result.reason, result.disabled)], hideFields: ['password'] }), {
      status: result.reason === 'throttled' ? 429 : result.reason === 'busy' ? 503 : 400,
      headers: result.reason === 'busy' ? { 'Retry-After': String(PASSWORD_BUSY_RETRY_SECONDS) } : undefined,
    })
  }
  throw redirect(result.location, { headers: { 'Set-Cookie': result.setCookie } })
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useZodForm(LoginSchema, { id: 'login', lastResult })
  const pending = useIsPending({ formAction: '/login' })

  return (
    <main className="container page auth">
      <h1>登录</h1>
      <div className="card">
        <Form method="post" action="/login" className="form" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <Field
            label="用户名或手机号"
            hint="工作人员填写用户名；务工人员填写注册时的手机号。"
            meta={fields.username}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
          />
          <Field label="密码" meta={fields.password} type="password" autoComplete="current-password" />
          <FormFooter form={form} submitLabel="登录" pendingLabel="正在登录…" pending={pending} buttonClassName="button button--block" />
        </Form>
      </div>
      <p>
        还没有账号？务工人员请 <Link to="/register">注册</Link>。
      </p>
      <p className="muted small">
        忘记密码？务工人员请带上本人身份证，到户籍所在区县的就业和人才中心办理：工作人员核对身份证和手机号后，当面给您一个临时密码，用它登录后先设置新密码；手机号换了的也可以一起办理。工作人员忘记密码请联系平台管理员。
      </p>
      <p className="small">
        <Link to="/">← 返回首页</Link>
      </p>
    </main>
  )
}

export const meta = pageTitle('登录')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
