import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { ErrorList, Field } from '~/components/forms'
import { changeOwnPassword, changeOwnPhone, getOwnProfile } from '~/models/account.server'
import { shortAreaName } from '~/rules/areas'
import { formatDate } from '~/rules/dates'
import { mobileField } from '~/rules/fields'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { checkPasswordPersonal, confirmPasswordField, newPasswordField, PASSWORD_HINT, PASSWORD_MISMATCH } from '~/rules/password'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failureErrors } from '~/utils/mutation.server'
import { createSession } from '~/utils/session.server'

// The page works only on the signed-in worker's own account: there is no id in the URL or the form.

const currentPasswordField = z.string({ error: () => '请输入当前密码' }).max(256, '密码不能超过 256 个字符')

const PhoneSchema = z.object({
  intent: z.literal('phone'),
  phone: mobileField,
  currentPassword: currentPasswordField,
})

const PasswordSchema = z
  .object({
    intent: z.literal('password'),
    currentPassword: currentPasswordField,
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: PASSWORD_MISMATCH,
    when: ({ issues }) => !issues.some((i) => i.path?.[0] === 'password' || i.path?.[0] === 'confirmPassword'),
  })

const HIDDEN = ['currentPassword', 'password', 'confirmPassword']

const SAVED: Record<string, string> = {
  phone: '手机号已修改，以后请用新手机号登录。',
  password: '密码已修改，其他手机或电脑上的登录已全部退出。',
}

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args
  const { actor } = await requireActor(args, { role: 'worker' })
  const profile = getOwnProfile(actor)
  if (!profile) throw new Response('Not Found', { status: 404 })
  const saved = new URL(request.url).searchParams.get('saved')
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
    saved: saved ? SAVED[saved] ?? null : null,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { request } = args
  const { actor } = await requireActor(args, { role: 'worker' })
  const profile = getOwnProfile(actor)
  if (!profile) throw new Response('Not Found', { status: 404 })
  const ip = actor.ip
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'phone': {
      const submission = parseWithZod(formData, { schema: PhoneSchema })
      if (submission.status !== 'success') {
        return data({ intent: 'phone' as const, result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 })
      }
      const result = await changeOwnPhone(actor, submission.value)
      if (!result.ok) {
        const reply = submission.reply({ ...failureErrors(result), hideFields: HIDDEN })
        return data({ intent: 'phone' as const, result: reply }, { status: result.status ?? 400 })
      }
      throw redirect('/me/profile?saved=phone')
    }
    case 'password': {
      const submission = parseWithZod(formData, { schema: PasswordSchema })
      if (submission.status !== 'success') {
        return data({ intent: 'password' as const, result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 })
      }
      const personal = checkPasswordPersonal(submission.value.password, { phone: profile.phone, idNumber: profile.idNumber })
      if (personal) {
        return data({ intent: 'password' as const, result: submission.reply({ fieldErrors: { password: [personal] }, hideFields: HIDDEN }) }, { status: 400 })
      }
      const result = await changeOwnPassword(actor, submission.value)
      if (!result.ok) {
        const reply = submission.reply({ ...failureErrors(result), hideFields: HIDDEN })
        return data({ intent: 'password' as const, result: reply }, { status: result.status ?? 400 })
      }
      // Every session of the account has just ended; this person keeps working in a fresh one.
      const setCookie = await createSession({ userId: profile.id, role: 'worker', ip, userAgent: request.headers.get('user-agent') })
      throw redirect('/me/profile?saved=password', { headers: { 'Set-Cookie': setCookie } })
    }
    default:
      throw new Response('Bad Request', { status: 400 })
  }
}

export default function ProfilePage() {
  const profile = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  // Each completed submission is a new location: the forms start afresh, so a saved password does not
  // stay typed in the fields (an error reply is carried over by conform's lastResult).
  const location = useLocation()
  const busy = navigation.state !== 'idle'
  return (
    <main className="container page">
      <h1>账号与联系方式</h1>
      {profile.saved ? (
        <p className="notice notice--ok" role="status">
          {profile.saved}
        </p>
      ) : null}
      {profile.mustChangePassword ? (
        <p className="notice">您的账号由工作人员代为开通。为了安全，请先在下面修改初始密码。</p>
      ) : null}
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
        <p className="muted small spaced-top">
          姓名和身份证号码不能自己修改，填错了请联系{profile.centreName}。
        </p>
      </section>
      <PhoneForm key={`phone-${location.key}`} lastResult={actionData?.intent === 'phone' ? actionData.result : undefined} busy={busy} />
      <PasswordForm key={`password-${location.key}`} lastResult={actionData?.intent === 'password' ? actionData.result : undefined} busy={busy} />
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
          <span className="badge badge--ok">已核验</span> {verifiedOn} 通过{centreName}核验。可以报名岗位、报名“点对点”包车、申领跨省交通补助。
        </p>
      )
    case 'waiting':
      return (
        <>
          <p>
            <span className="badge badge--warn">待核验</span> {centreName}正在把您的注册信息与本县务工人员台账核对。
          </p>
          <p className="muted small">
            核验通过前可以浏览岗位，但不能报名、乘车或申领补助。如需尽快办理，请带身份证到乡镇（街道）劳动保障所或{contact}。
          </p>
        </>
      )
    case 'rejected':
      return (
        <>
          <p>
            <span className="badge badge--warn">核验未通过</span> {rejectedOn} 退回。
          </p>
          <p>
            <strong>原因：</strong>
            {rejectionReason}
          </p>
          <p className="muted small">
            请带上身份证（和户口簿）到乡镇（街道）劳动保障所或{contact}核实。核实后工作人员会重新为您核验，不需要重新注册。
          </p>
        </>
      )
  }
}

function FormAlert({ errors, id }: { errors?: string[]; id: string }) {
  return (
    <div role="alert" aria-live="polite">
      {errors?.length ? (
        <div className="form-error">
          <ErrorList id={id} errors={errors} />
        </div>
      ) : null}
    </div>
  )
}

type FormProps = { lastResult: SubmissionResult<string[]> | undefined; busy: boolean }

function PhoneForm({ lastResult, busy }: FormProps) {
  const [form, fields] = useForm({
    id: 'change-phone',
    lastResult,
    constraint: getZodConstraint(PhoneSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PhoneSchema }),
  })
  return (
    <section className="card">
      <h2>修改手机号</h2>
      <p className="muted small">手机号就是登录账号，修改后请用新手机号登录。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="phone" />
        <Field label="新手机号" inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'tel', inputMode: 'numeric' }} errors={fields.phone.errors} />
        <Field
          label="当前密码"
          inputProps={{ ...getInputProps(fields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.currentPassword.errors}
        />
        <FormAlert id={form.errorId} errors={form.errors} />
        <button type="submit" className="button button--block" disabled={busy}>
          保存新手机号
        </button>
      </Form>
    </section>
  )
}

function PasswordForm({ lastResult, busy }: FormProps) {
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult,
    constraint: getZodConstraint(PasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  })
  return (
    <section className="card">
      <h2>修改密码</h2>
      <p className="muted small">修改后，其他手机或电脑上的登录会全部退出。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="password" />
        <Field
          label="当前密码"
          inputProps={{ ...getInputProps(fields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.currentPassword.errors}
        />
        <Field
          label="新密码"
          hint={`${PASSWORD_HINT}。`}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.password.errors}
        />
        <Field
          label="再次输入新密码"
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.confirmPassword.errors}
        />
        <FormAlert id={form.errorId} errors={form.errors} />
        <button type="submit" className="button button--block" disabled={busy}>
          修改密码
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: '账号与联系方式 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
