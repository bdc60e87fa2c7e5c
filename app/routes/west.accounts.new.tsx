import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { AccountSlip } from '~/components/account-slip'
import { BackLink } from '~/components/back-link'
import { ChoiceGroup, Field, FormErrors, FormToken, SubmitButton } from '~/components/forms'
import { PrintButton } from '~/components/print-button'
import { createAssistedAccount, listLedgerRowsWithoutAccount } from '~/models/account.server'
import { getCountyContact } from '~/models/county-post.server'
import { mobileField, parseRecordId } from '~/rules/fields'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { formOnce, issueFormToken } from '~/utils/form-token.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { useIsPending } from '~/utils/pending'
import { publicUrl, qrSvg } from '~/utils/qr-code.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// The name searched for travels in the POST body, never in the URL: a URL with a person's name ends up
// in browser history, proxies and logs.
const nameQuery = z.string({ error: () => '请输入要查找的姓名' }).transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim()
  if (v === '') ctx.addIssue({ code: 'custom', message: '请输入要查找的姓名' })
  else if ([...v].length > 20) ctx.addIssue({ code: 'custom', message: '姓名不能超过 20 个字' })
  else return v
  return z.NEVER
})

const SearchSchema = z.object({ intent: z.literal('search'), q: nameQuery })

const PICK_SOMEONE = '请在查找结果中选择一位人员'

const CreateSchema = z.object({
  intent: z.literal('create'),
  // The one record-id rule (rules/fields.ts); a missing or malformed choice is said beside the list.
  workerId: z.string({ error: () => PICK_SOMEONE }).transform((raw, ctx) => {
    const id = parseRecordId(raw)
    if (id == null) {
      ctx.addIssue({ code: 'custom', message: PICK_SOMEONE })
      return z.NEVER
    }
    return id
  }),
  phone: mobileField,
})

const IntentSchema = z.discriminatedUnion('intent', [SearchSchema, CreateSchema])

// Nothing of this response may be cached: it carries a one-time password.
const NO_STORE = { 'Cache-Control': 'no-store' }

export async function loader(args: LoaderFunctionArgs) {
  await requireActor(args, { role: 'west' })
  return { formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  if (readIntent(formData, IntentSchema) === 'search') {
    const submission = parseWithZod(formData, { schema: SearchSchema })
    if (submission.status !== 'success') {
      return data({ kind: 'search' as const, q: '', matches: null, result: submission.reply() }, { status: 400 })
    }
    const { q } = submission.value
    return { kind: 'search' as const, q, matches: listLedgerRowsWithoutAccount(actor, q), result: submission.reply() }
  }
  const submission = parseWithZod(formData, { schema: CreateSchema })
  const q = nameQuery.safeParse(formData.get('q') ?? undefined).data ?? ''
  const matches = q ? listLedgerRowsWithoutAccount(actor, q) : []
  if (submission.status !== 'success') {
    return data({ kind: 'create' as const, q, matches, result: submission.reply() }, { status: 400 })
  }
  // Sent twice (a double click without JavaScript, or a re-sent request racing the first): the first sending
  // made the account and its password was in that response only. The form's token is recorded in the
  // account's own transaction (createOnce), so the second is told so instead of "already has an account".
  const created = await createAssistedAccount(actor, submission.value, formOnce(formData, actor.userId, 'account'))
  if (!created.ok) return failureReply(submission, created, { beside: { kind: 'create' as const, q, matches } })
  if ('sentBefore' in created) return data({ kind: 'sent-before' as const }, { headers: NO_STORE })
  // Shown once, from this response only: not in a URL, not in a session, not in the database.
  const { name, phone, initialPassword } = created
  // The slip to print for the person (issue 11 §7): where to sign in, as a QR code made here.
  const loginUrl = publicUrl(args.request, '/login')
  const slip = { loginUrl, qr: await qrSvg(loginUrl), county: getCountyContact(actor) }
  return data({ kind: 'created' as const, account: { name, phone, initialPassword }, slip }, { headers: NO_STORE })
}

export default function AssistedAccountPage() {
  const { formToken } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useIsPending()

  if (actionData?.kind === 'sent-before') {
    return (
      <AccountOpened>
        <p className="notice" role="status">
          这张表单已经提交过，账号在第一次提交时已经开通，没有再开一个。初始密码只在第一次提交后的页面上显示过；如果没有记下，请为本人重置密码。
        </p>
      </AccountOpened>
    )
  }

  if (actionData?.kind === 'created') {
    const { account, slip } = actionData
    return (
      <AccountOpened>
        <p className="notice notice--ok no-print" role="status">
          已为 <strong>{account.name}</strong> 开通账号，账号已核验并关联本县台账。
        </p>
        <div className="notice no-print">
          初始密码<strong>只显示这一次</strong>，系统不保存明文。请打印下面的告知单当面交给本人，或抄写交给本人，不要拍照转发。本人第一次登录后须修改密码。
        </div>
        <p className="no-print">
          <PrintButton>打印账号告知单</PrintButton>
        </p>
        <AccountSlip name={account.name} login={account.phone} password={account.initialPassword} {...slip} />
      </AccountOpened>
    )
  }

  const matches = actionData?.matches ?? null
  const q = actionData?.q ?? ''
  const searchErrors = actionData?.kind === 'search' ? actionData.result.error?.q : undefined
  return (
    <main className="container page">
      <BackLink to="/west/verifications">返回账号核验</BackLink>
      <h1>代为开通账号</h1>
      <p className="muted">
        为已在本县台账中、还没有账号的人员开通账号。开通后账号直接是“已核验”，系统生成一个初始密码，本人首次登录后须修改。已经自己注册的，请到“账号核验”中核验。
      </p>
      <section className="card">
        <h2>1. 查找台账中的人员</h2>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="search" />
          <Field
            label="姓名"
            hint="输入姓名中的一个或几个字，只查本县台账中还没有账号的人员。"
            name="q"
            defaultValue={q}
            maxLength={20}
            autoComplete="off"
            required
            errors={searchErrors}
          />
          <div>
            <SubmitButton pending={busy} pendingLabel="查找中…" className="button button--secondary">
              查找
            </SubmitButton>
          </div>
        </Form>
      </section>
      {matches ? (
        <CreateForm
          key={q}
          q={q}
          matches={matches}
          formToken={formToken}
          lastResult={actionData?.kind === 'create' ? actionData.result : undefined}
          busy={busy}
        />
      ) : null}
    </main>
  )
}

/** The page after an account was opened: its heading, `children` (what happened), and the way on to the next person. */
function AccountOpened({ children }: { children: ReactNode }) {
  return (
    <main className="container page auth">
      <h1 className="no-print">账号已开通</h1>
      {children}
      <p className="spaced-top no-print">
        <Link to="/west/accounts/new" className="button">
          继续为下一位开通
        </Link>
      </p>
    </main>
  )
}

type Match = { id: number; name: string; idNumberMasked: string; birthDate: string; townshipName: string }

function CreateForm({
  q,
  matches,
  formToken,
  lastResult,
  busy,
}: {
  q: string
  matches: Match[]
  formToken: string
  lastResult: SubmissionResult<string[]> | undefined
  busy: boolean
}) {
  // One person found: already chosen (rendered checked, so 开通账号 works at once with or without JavaScript).
  const defaultValue = matches.length === 1 ? { workerId: String(matches[0].id) } : undefined
  const [form, fields] = useZodForm(CreateSchema, { id: 'assisted-create', lastResult, defaultValue, shouldRevalidate: 'onBlur' })
  return (
    <section className="card">
      <h2>2. 选择人员并填写手机号</h2>
      {matches.length === 0 ? (
        <p className="muted">没有找到姓名含“{q}”、且还没有账号的人员。请核对姓名，或先把此人加入本县台账。</p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="q" value={q} />
          <FormToken value={formToken} />
          <ChoiceGroup legend={`台账中的人员（${matches.length}）`} meta={fields.workerId} type="radio" options={matches.map(matchOption)} />
          <Field label="本人手机号（登录账号）" hint="本人以后用这个手机号登录。" meta={fields.phone} type="tel" autoComplete="off" inputMode="numeric" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <div>
            <SubmitButton pending={busy}>开通账号</SubmitButton>
          </div>
        </Form>
      )}
    </section>
  )
}

/** A ledger row as a choice: the name, then the masked ID number and township to tell namesakes apart. */
function matchOption(m: Match) {
  return {
    value: String(m.id),
    label: (
      <span>
        <strong>{m.name}</strong>{' '}
        <span className="muted small">
          {m.idNumberMasked} · {m.townshipName}
        </span>
      </span>
    ),
  }
}

export const meta = pageTitle('代为开通账号')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
