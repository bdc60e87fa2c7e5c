import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { Field, FormFooter } from '~/components/forms'
import { changeOwnPassword, changeOwnPhone, getOwnProfile } from '~/models/account.server'
import { shortAreaName } from '~/rules/areas'
import { formatDate } from '~/rules/dates'
import { mobileField } from '~/rules/fields'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { checkPasswordPersonal, currentPasswordField, ownPasswordChangeFields, PASSWORD_HINT, samePasswordTwice } from '~/rules/password'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failure, failureReply, readIntent, type Failure } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { useIsPending } from '~/utils/pending'
import { createSession } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'
import { StatusBadge } from '~/components/status-badge'
import { VERIFICATION_STATUSES } from '~/rules/verification'

// The page works only on the signed-in worker's own account: there is no id in the URL or the form.

const PhoneSchema = z.object({
  intent: z.literal('phone'),
  phone: mobileField,
  currentPassword: currentPasswordField,
})

const PasswordSchema = z.object({ intent: z.literal('password'), ...ownPasswordChangeFields }).refine(...samePasswordTwice)

const ProfileSchema = z.discriminatedUnion('intent', [PhoneSchema, PasswordSchema])

const HIDDEN = ['currentPassword', 'password', 'confirmPassword']

export async function loader(args: LoaderFunctionArgs) {
  // The one page a worker who must change the password may open (requireUser sends them here).
  const { actor } = await requireActor(args, { role: 'worker', passwordChange: true })
  const profile = getOwnProfile(actor)
  if (!profile) throw new Response('Not Found', { status: 404 })
  return {
    name: profile.name,
    phoneMasked: maskMobile(profile.phone),
    idNumberMasked: profile.idNumber ? maskIdNumber(profile.idNumber) : null,
    countyName: shortAreaName(profile.countyName),
    centreName: profile.centreName,
    centrePhone: profile.centrePhone,
    status: profile.state,
    verifiedOn: profile.verifiedAt ? formatDate(profile.verifiedAt) : null,
    rejectedOn: profile.rejectedAt ? formatDate(profile.rejectedAt) : null,
    rejectionReason: profile.rejectionReason,
    mustChangePassword: profile.mustChangePassword,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker', passwordChange: true })
  const profile = getOwnProfile(actor)
  if (!profile) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, ProfileSchema)
  // Until the password set by staff is replaced, the password form is the only thing this page does.
  if (profile.mustChangePassword && intent !== 'password') throw redirect('/me/profile')
  const submission = parseWithZod(formData, { schema: ProfileSchema })
  // Two forms on the page: each reply names the one it answers; passwords are never sent back.
  const refuse = (f: Failure) => failureReply(submission, f, { hideFields: HIDDEN, beside: { intent } })
  if (submission.status !== 'success') return data({ intent, result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 })
  const value = submission.value
  if (value.intent === 'phone') {
    const result = await changeOwnPhone(actor, value)
    if (!result.ok) return refuse(result)
    throw await redirectWithNotice('/me/profile', { text: '手机号已修改，以后请用新手机号登录。' })
  }
  const personal = checkPasswordPersonal(value.password, { phone: profile.phone, idNumber: profile.idNumber })
  if (personal) return refuse(failure(personal, { field: 'password' }))
  const result = await changeOwnPassword(actor, value)
  if (!result.ok) return refuse(result)
  // Every session of the account has just ended; this person keeps working in a fresh one.
  const setCookie = await createSession({ userId: profile.id, role: 'worker', ip: actor.ip, userAgent: args.request.headers.get('user-agent') })
  throw await redirectWithNotice('/me/profile', { text: '密码已修改，其他手机或电脑上的登录已全部退出。' }, { headers: { 'Set-Cookie': setCookie } })
}

export default function ProfilePage() {
  const profile = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // Each completed submission is a new location: the forms start afresh, so a saved password does not
  // stay typed in the fields (an error reply is carried over by conform's lastResult).
  const location = useLocation()
  const passwordForm = (
    <PasswordForm
      key={`password-${location.key}`}
      first={profile.mustChangePassword}
      lastResult={actionData?.intent === 'password' ? actionData.result : undefined}
    />
  )
  // A password set by staff is replaced first: only that form, at the top, until it is done.
  if (profile.mustChangePassword) {
    return (
      <main className="container page">
        <h1>设置新密码</h1>
        <MustChangeNotice />
        {passwordForm}
      </main>
    )
  }
  return (
    <main className="container page">
      <h1>账号与联系方式</h1>
      <section className="card">
        <h2>核验状态</h2>
        <VerificationStatus {...profile} />
      </section>
      <section className="card">
        <h2>我的信息</h2>
        <dl className="facts">
          <dt>姓名</dt>
          <dd>{profile.name}</dd>
          <dt>身份证号</dt>
          <dd>{profile.idNumberMasked ?? '—'}</dd>
          <dt>户籍区县</dt>
          <dd>{profile.countyName}</dd>
          <dt>手机号</dt>
          <dd>{profile.phoneMasked}</dd>
        </dl>
        <p className="muted small spaced-top">姓名和身份证号码不能自己修改，填错了请联系{profile.centreName}。</p>
      </section>
      <PhoneForm key={`phone-${location.key}`} lastResult={actionData?.intent === 'phone' ? actionData.result : undefined} />
      {passwordForm}
    </main>
  )
}

type StatusProps = {
  status: 'verified' | 'waiting' | 'rejected'
  verifiedOn: string | null
  rejectedOn: string | null
  rejectionReason: string | null
  centreName: string
  centrePhone: string | null
}

function VerificationStatus({ status, verifiedOn, rejectedOn, rejectionReason, centreName, centrePhone }: StatusProps) {
  const contact = centrePhone ? `${centreName}（电话 ${centrePhone}）` : centreName
  switch (status) {
    case 'verified':
      return (
        <p>
          <StatusBadge spec={VERIFICATION_STATUSES} status="verified" /> {verifiedOn} 通过{centreName}核验。可以报名岗位。
        </p>
      )
    case 'waiting':
      return (
        <>
          <p>
            <StatusBadge spec={VERIFICATION_STATUSES} status="waiting" /> {centreName}正在把您的注册信息与本县务工人员台账核对。
          </p>
          <p className="muted small">核验通过前可以浏览岗位，但不能报名。如需尽快办理，请带身份证到乡镇（街道）劳动保障所或{contact}。</p>
        </>
      )
    case 'rejected':
      return (
        <>
          <p>
            <StatusBadge spec={VERIFICATION_STATUSES} status="rejected" /> {rejectedOn} 退回。
          </p>
          <p>
            <strong>原因：</strong>
            {rejectionReason}
          </p>
          <p className="muted small">请带上身份证（和户口簿）到乡镇（街道）劳动保障所或{contact}核实。核实后工作人员会重新为您核验，不需要重新注册。</p>
        </>
      )
  }
}

type FormProps = { lastResult: SubmissionResult<string[]> | undefined }

/** Staff set this password (assisted opening or a reset): nothing else works until the worker picks their own. */
function MustChangeNotice() {
  return (
    <div className="notice" role="status">
      <p>
        <strong>请先设置新密码。</strong>
        您现在用的是工作人员给您的密码（代为开通或重设密码时生成）。为了安全，设置一个只有您自己知道的新密码后，才能使用其他功能。
      </p>
      <p className="small">“当前密码”填工作人员给您的那个密码。</p>
    </div>
  )
}

function PhoneForm({ lastResult }: FormProps) {
  const pending = useIsPending({ intent: 'phone' })
  const [form, fields] = useZodForm(PhoneSchema, { id: 'change-phone', lastResult })
  return (
    <section className="card">
      <h2>修改手机号</h2>
      <p className="muted small">手机号就是登录账号，修改后请用新手机号登录。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="phone" />
        <Field label="新手机号" meta={fields.phone} type="tel" autoComplete="tel" inputMode="numeric" />
        <Field label="当前密码" meta={fields.currentPassword} type="password" autoComplete="current-password" />
        <FormFooter form={form} submitLabel="保存新手机号" pending={pending} buttonClassName="button button--block" />
      </Form>
    </section>
  )
}

function PasswordForm({ lastResult, first }: FormProps & { first: boolean }) {
  const pending = useIsPending({ intent: 'password' })
  const [form, fields] = useZodForm(PasswordSchema, { id: 'change-password', lastResult })
  return (
    <section className="card" id="password">
      <h2>{first ? '新密码' : '修改密码'}</h2>
      <p className="muted small">修改后，其他手机或电脑上的登录会全部退出。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="password" />
        <Field label={first ? '当前密码（工作人员给您的密码）' : '当前密码'} meta={fields.currentPassword} type="password" autoComplete="current-password" />
        <Field label="新密码" hint={`${PASSWORD_HINT}。`} meta={fields.password} type="password" autoComplete="new-password" />
        <Field label="再次输入新密码" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <FormFooter form={form} submitLabel="修改密码" pending={pending} buttonClassName="button button--block" />
      </Form>
    </section>
  )
}

export const meta = pageTitle('账号与联系方式')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
