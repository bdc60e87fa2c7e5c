import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DataTable, type Column } from '~/components/data-table'
import { FactsCard } from '~/components/facts'
import { ListExportBar } from '~/components/list-filters'
import { Field, FormFooter, FormToken } from '~/components/forms'
import { PageHead } from '~/components/page-head'
import { createStaffAccount, listStaffOfOrganisation } from '~/models/account-admin.server'
import { OfficeContactForm } from '~/components/office-contact-form'
import { getOrganisationForAdmin, updateOrganisationContact } from '~/models/organisation.server'
import { describePairOf } from '~/models/pairing.server'
import { CreateStaffSchema, STAFF_ROLE_OF_KIND } from '~/rules/account-admin'
import { OfficeContactSchema } from '~/rules/office-phone'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { requireActor } from '~/utils/auth.server'
import { formOnce, issueFormToken } from '~/utils/form-token.server'
import { failureReply, parseForm, saveForm } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'
import { ORGANISATION_KIND_LABELS } from '~/rules/organisation-enums'

// One organisation for the platform operator (issue 11 §6): its facts, its staff accounts, and a new staff
// account. The one-time password of a new account is shown once, in the action's response only (not in a
// URL, a notice cookie or the database), and the response is never cached.

const NO_STORE = { 'Cache-Control': 'no-store' }
const ROLE_LABEL = { east: '东部工作人员', west: '西部工作人员', admin: '平台管理员' } as const

function ownOrganisation(actor: Actor, id: number) {
  const org = getOrganisationForAdmin(actor, id)
  if (!org) throw new Response('Not Found', { status: 404 })
  return org
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const org = ownOrganisation(actor, requireRecordId(args.params.orgId))
  const staff = (listStaffOfOrganisation(actor, org.id) ?? []).map((s) => ({
    id: s.id,
    username: s.username,
    name: s.name,
    contactPhone: s.contactPhone,
    state: s.disabledAt ? '已停用' : s.mustChangePassword ? '待本人改密码' : '在用',
    lastLoginOn: s.lastLoginAt ? formatDate(s.lastLoginAt) : '从未登录',
  }))
  return { org, pairLabel: describePairOf(org.areaCode), role: ROLE_LABEL[STAFF_ROLE_OF_KIND[org.kind]], staff, formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const org = ownOrganisation(actor, requireRecordId(args.params.orgId))
  const formData = await args.request.formData()
  if (formData.get('intent') === 'contact') {
    // The organisation's phone and address (printed on the county's notices and slips).
    const contact = await saveForm(parseForm(formData, OfficeContactSchema), (values) => updateOrganisationContact(actor, org.id, values), {
      to: `/admin/organisations/${org.id}`,
      notice: `已保存${org.shortName}的联系方式。`,
    })
    return data({ created: null, result: null, contact: contact.data }, { status: contact.init?.status ?? 400, headers: NO_STORE })
  }
  const submission = parseWithZod(formData, { schema: CreateStaffSchema })
  if (submission.status !== 'success') return data({ created: null, result: submission.reply() }, { status: 400, headers: NO_STORE })
  // Sent twice: the first sending made the account, and its password was in that response only.
  const once = formOnce(formData, actor.userId, 'account')
  const sentBefore = { created: null, result: null, sentBefore: true }
  const created = await createStaffAccount(actor, org.id, submission.value, once)
  if (!created) throw new Response('Not Found', { status: 404 })
  if (!created.ok) return failureReply(submission, created, { beside: { created: null } })
  if (created.oneTimePassword == null) return data(sentBefore, { headers: NO_STORE })
  const { username, displayName } = submission.value
  return data({ created: { id: created.userId, username, name: displayName, oneTimePassword: created.oneTimePassword }, result: null }, { headers: NO_STORE })
}

type Staff = Awaited<ReturnType<typeof loader>>['staff'][number]

const STAFF_COLUMNS: Column<Staff>[] = [
  { header: '姓名', cell: (s) => <Link to={`/admin/accounts/${s.id}`}>{s.name}</Link> },
  { header: '用户名', cell: (s) => s.username, className: 'mono' },
  { header: '手机号', cell: (s) => s.contactPhone ?? '—' },
  { header: '状态', cell: (s) => s.state },
  { header: '最近登录', cell: (s) => s.lastLoginOn },
]

export default function OrganisationPage() {
  const { org, pairLabel, role, staff, formToken } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  if (reply?.created) {
    const c = reply.created
    return (
      <main className="container page auth">
        <h1>账号已新建</h1>
        <p className="notice notice--ok" role="status">
          已为 <strong>{c.name}</strong> 新建{org.shortName}的{role}账号。
        </p>
        <section className="card">
          <dl className="facts">
            <dt>用户名</dt>
            <dd className="figure__value">{c.username}</dd>
            <dt>临时密码</dt>
            <dd className="figure__value secret">{c.oneTimePassword}</dd>
          </dl>
        </section>
        <div className="notice">
          临时密码<strong>只显示这一次</strong>，系统不保存明文。请当面或电话告知本人，不要截图转发。本人第一次登录后必须先设置新密码。
        </div>
        <p className="spaced-top">
          <Link to={`/admin/organisations/${org.id}`} className="button">
            返回{org.shortName}
          </Link>
        </p>
      </main>
    )
  }
  return (
    <main className="container page">
      <BackLink to="/admin">返回平台总览</BackLink>
      <PageHead title={org.name}>
        <Link to={`/admin/audit?org=${org.id}`} className="button button--secondary">
          操作记录
        </Link>
      </PageHead>
      {reply && 'sentBefore' in reply ? (
        <p className="notice" role="status">
          这张表单已经提交过，账号在第一次提交时已经新建，没有再建一个。临时密码只在第一次提交后的页面上显示过；如果没有记下，请在账号页面重设密码。
        </p>
      ) : null}
      <FactsCard
        title="单位信息"
        items={[
          { term: '类型', value: ORGANISATION_KIND_LABELS[org.kind] },
          { term: '行政区划', value: `${org.areaName}（${org.areaCode}）` },
          { term: '结对', value: pairLabel ?? '尚未结对' },
          { term: '简称', value: org.shortName },
        ]}
      />
      <section className="card">
        <h2>联系方式</h2>
        <p className="muted small">{org.kind === 'centre' ? '印在本县的岗位公告和账号告知单上（本县咨询）。' : '单位的办公电话和地址。'}</p>
        <OfficeContactForm
          contactPhone={org.contactPhone}
          address={org.address}
          kind={org.kind}
          areaCode={org.areaCode}
          intent="contact"
          lastResult={reply && 'contact' in reply ? (reply.contact ?? undefined) : undefined}
        />
      </section>
      <section className="card">
        <h2>工作人员账号（{staff.length}）</h2>
        <ListExportBar action="/admin/accounts.xlsx" params={[['org', String(org.id)]]}>
          手机号在导出文件中打码
        </ListExportBar>
        <DataTable rows={staff} columns={STAFF_COLUMNS} stacked caption="本单位的工作人员账号" empty="还没有工作人员账号。" />
      </section>
      <StaffForm role={role} formToken={formToken} lastResult={reply?.result ?? undefined} />
    </main>
  )
}

function StaffForm({ role, formToken, lastResult }: { role: string; formToken: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useZodForm(CreateStaffSchema, { id: 'create-staff', lastResult })
  return (
    <section className="card">
      <h2>新建工作人员账号</h2>
      <p className="muted small">账号角色为“{role}”。系统生成临时密码，只显示一次；本人第一次登录后须设置新密码。</p>
      <Form method="post" className="form" autoComplete="off" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create-staff" />
        <FormToken value={formToken} />
        <Field
          label="登录用户名"
          hint="3–32 位小写字母、数字或下划线，以字母开头，如 zhangsan"
          meta={fields.username}
          maxLength={32}
          autoCapitalize="none"
          spellCheck={false}
        />
        <Field label="姓名" meta={fields.displayName} maxLength={20} />
        <Field label="手机号" hint="用于联系本人，不是登录名" meta={fields.contactPhone} type="tel" inputMode="numeric" maxLength={20} />
        <FormFooter form={form} submitLabel="新建账号" pendingLabel="正在新建…" />
      </Form>
    </section>
  )
}

export const meta = pageTitle('单位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
