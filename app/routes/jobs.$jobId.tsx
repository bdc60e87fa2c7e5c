import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FormFooter, SelectField, TextareaField } from '~/components/forms'
import { JobDetails } from '~/components/job-details'
import { findOwnApplication } from '~/models/application.server'
import { applyWithContactConsent, getBureauName } from '~/models/apply-consent.server'
import { reportVacancy } from '~/models/vacancy-report.server'
import { postDetails } from '~/models/post-details.server'
import { getPublicVacancy } from '~/models/vacancy.server'
import { optionalText } from '~/rules/fields'
import { APPLICATION_STATUS_LABELS, REPORT_REASON_LABELS, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { actorOf, getViewer, requireActor } from '~/utils/auth.server'
import { failure, failureReply, readIntent, type Failure } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'
import { useZodForm } from '~/utils/zod-form'

const noteField = optionalText('备注', 200, { multiline: true })

// Only these fields are read: a posted workerId, status or vacancyId is dropped, the server derives them.
const ApplySchema = z.object({ intent: z.literal('apply'), note: noteField })
const REASONS = Object.keys(REPORT_REASON_LABELS) as [keyof typeof REPORT_REASON_LABELS, ...(keyof typeof REPORT_REASON_LABELS)[]]
const ReportSchema = z.object({ intent: z.literal('report'), reason: z.enum(REASONS, { error: () => '请选择举报原因' }), note: noteField })
const ActionSchema = z.discriminatedUnion('intent', [ApplySchema, ReportSchema])

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = requireRecordId(params.jobId)
  const post = getPublicVacancy(id)
  if (!post) throw new Response('Not Found', { status: 404 })
  const user = await getViewer(request)
  const v = post.vacancy
  const viewer = !user ? 'anonymous' : user.role !== 'worker' ? 'staff' : user.verified ? 'worker' : 'unverified'
  const application = user?.role === 'worker' && viewer === 'worker' ? findOwnApplication(actorOf(user, context), id) : null
  // The anonymous page is the same for everyone and may be stored for a minute (server/public-cache.ts).
  const headers = { 'Cache-Control': user ? 'private, no-store' : 'public, max-age=60', Vary: 'Cookie' }
  return data(
    {
      job: postDetails(post),
      status: post.status,
      viewer,
      openToMe: user?.role === 'worker' ? post.targets.some((t) => t.code === user.organisation.areaCode) : null,
      application: application ? APPLICATION_STATUS_LABELS[application.status] : null,
      // The recruitment contact is for people who can apply; it stays out of the public page and feed.
      contact: viewer === 'worker' ? { name: v.contactName, phone: v.contactPhone } : null,
      // Applying shares the worker's name and phone with this bureau: the form names it (issue 9 §2).
      bureauName: getBureauName(v.organisationId) ?? `${post.cityName}人社局`,
    },
    { headers },
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function action(args: ActionFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'worker' })
  const id = requireRecordId(args.params.jobId)
  // A draft or a missing post answers 404 whatever the intent.
  const post = getPublicVacancy(id)
  if (!post) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, ActionSchema)
  const submission = parseWithZod(formData, { schema: ActionSchema })
  // Two forms on the page: each reply names the one it answers.
  const refuse = (f: Failure) => failureReply(submission, f, { beside: { intent } })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const value = submission.value
  if (value.intent === 'apply') {
    // Only a verified worker may apply (decision 013: user.verified is the one definition).
    if (!user.verified) return refuse(failure('账号核验通过后才能报名', { status: 403 }))
    const result = applyWithContactConsent(actor, id, value.note, post.vacancy.organisationId)
    if (!result) throw new Response('Not Found', { status: 404 })
    if (!result.ok) return refuse(result)
    throw await redirectWithNotice('/me/applications', {
      text: `报名成功：${post.vacancy.title}（${post.employerName}）。招聘单位或${post.cityName}人社局会打电话联系您，进度随时可以在这里查看。`,
    })
  }
  const report = reportVacancy(actor, id, value.reason, value.note)
  if (!report) throw new Response('Not Found', { status: 404 })
  throw await redirectWithNotice(`/jobs/${id}`, { text: `举报已收到，谢谢您。${post.cityName}人社局会核实这个岗位，不会把您的姓名告诉招聘单位。` })
}

export default function JobPage() {
  const { job, status, viewer } = useLoaderData<typeof loader>()
  return (
    <main className="container page job-page">
      <BackLink to="/jobs">全部岗位</BackLink>
      {status !== 'published' ? (
        <p className="notice job-page__closed" role="status">
          此岗位{VACANCY_STATUS_LABELS[status]}，不再接受报名。<Link to="/jobs">看看其他岗位</Link>
        </p>
      ) : null}
      <JobDetails job={job} />
      {status === 'published' ? <ApplyPanel /> : null}
      {viewer === 'worker' || viewer === 'unverified' ? <ReportPanel /> : null}
      {viewer === 'anonymous' ? (
        <p className="muted small">
          发现岗位收取押金、中介费，或信息不实？<Link to={`/login?redirectTo=/jobs/${job.id}`}>登录</Link>后可以举报。
        </p>
      ) : null}
    </main>
  )
}

function ApplyPanel() {
  const { job, viewer, openToMe, application, contact, bureauName } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pending = useIsPending({ intent: 'apply' })
  const lastResult = actionData?.intent === 'apply' ? actionData.result : undefined
  // No HTML maxLength on the note: a long one is told so rather than cut short as it is typed.
  const [form, fields] = useZodForm(ApplySchema, { id: 'apply', lastResult, htmlConstraints: false, shouldRevalidate: 'onBlur' })
  if (viewer === 'staff') return null
  return (
    <section className="card job-apply" aria-labelledby="apply-heading">
      <h2 id="apply-heading">报名</h2>
      {contact ? (
        <p className="job-apply__contact small">
          有疑问可以打电话：{contact.name} <a href={`tel:${contact.phone}`}>{contact.phone}</a>
        </p>
      ) : null}
      {viewer === 'anonymous' ? (
        <>
          <p>报名需要先登录。报名时您的姓名和手机号会提供给{bureauName}，由其打电话联系您。</p>
          <p className="actions">
            <Link to={`/login?redirectTo=/jobs/${job.id}`} className="button">
              登录后报名
            </Link>
            <Link to="/register" className="button button--secondary">
              没有账号？注册
            </Link>
          </p>
        </>
      ) : viewer === 'unverified' ? (
        <p className="notice">
          您的账号还没有通过户籍所在区县就业和人才中心的核验，核验通过后才能报名。<Link to="/me">查看核验进度</Link>
        </p>
      ) : application ? (
        <p className="notice notice--ok">
          您已报名此岗位，进度：{application}。<Link to="/me/applications">查看我的报名</Link>
        </p>
      ) : !openToMe ? (
        <p className="notice">该岗位不面向您所在的区县招聘，不能报名。可以联系区县就业和人才中心了解对口岗位。</p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="apply" />
          <TextareaField label="给招聘单位留言（可不填）" hint="如工作经验、证书、能否长期干，不超过 200 字。" meta={fields.note} />
          <p className="small job-apply__consent">
            点“我要报名”即表示您同意把<strong>姓名和手机号</strong>提供给<strong>{bureauName}</strong>（发布此岗位的人社局），由其打电话联系您。
          </p>
          <FormFooter form={form} submitLabel="我要报名" pending={pending} buttonClassName="button button--block" />
        </Form>
      )}
    </section>
  )
}

function ReportPanel() {
  const actionData = useActionData<typeof action>()
  const pending = useIsPending({ intent: 'report' })
  const lastResult = actionData?.intent === 'report' ? actionData.result : undefined
  const [form, fields] = useZodForm(ReportSchema, { id: 'report', lastResult, htmlConstraints: false, shouldRevalidate: 'onBlur' })
  return (
    <details className="card job-report" open={lastResult != null}>
      <summary>举报此岗位（收费、虚假、工资不符）</summary>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="report" />
        <SelectField label="举报原因" meta={fields.reason} labels={REPORT_REASON_LABELS} placeholder="请选择" />
        <TextareaField label="补充说明（可不填）" meta={fields.note} />
        <FormFooter form={form} submitLabel="提交举报" pending={pending} buttonClassName="button button--secondary" />
      </Form>
    </details>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.job.title} · ${data.job.employerName} · 鲁渝劳务协作` : '岗位 · 鲁渝劳务协作' },
]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
