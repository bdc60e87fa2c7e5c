import { getFormProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { ErrorList, LabelOptions, SelectField, TextareaField } from '~/components/forms'
import { JobTags } from '~/components/job-card'
import { applyToVacancy, findOwnApplication, reportVacancy } from '~/models/application.server'
import { getPublicVacancy } from '~/models/vacancy.server'
import { formatDate } from '~/rules/dates'
import { APPLICATION_STATUS_LABELS, formatSalaryRange, INDUSTRY_LABELS, REPORT_REASON_LABELS, VACANCY_STATUS_LABELS, type Industry } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { getUser, requireUser } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { optionalText } from '~/rules/fields'

const noteField = optionalText('备注', 200, { multiline: true })

// Only these fields are read: a posted workerId, status or vacancyId is dropped, the server derives them.
const ApplySchema = z.object({ note: noteField })
const REASONS = Object.keys(REPORT_REASON_LABELS) as [keyof typeof REPORT_REASON_LABELS, ...(keyof typeof REPORT_REASON_LABELS)[]]
const ReportSchema = z.object({ reason: z.enum(REASONS, { error: () => '请选择举报原因' }), note: noteField })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireRecordId(params.jobId)
  const post = getPublicVacancy(id)
  if (!post) throw new Response('Not Found', { status: 404 })
  const user = await getUser(request)
  const v = post.vacancy
  const viewer = !user ? 'anonymous' : user.role !== 'worker' ? 'staff' : user.verified ? 'worker' : 'unverified'
  const application = user && viewer === 'worker' ? findOwnApplication(user.id, id) : null
  return {
    job: {
      id,
      title: v.title,
      employerName: post.employerName,
      cityName: post.cityName,
      industry: INDUSTRY_LABELS[v.industry as Industry] ?? v.industry,
      salary: formatSalaryRange(v.salaryMinFen, v.salaryMaxFen),
      meals: v.providesMeals,
      housing: v.providesHousing,
      headcount: v.headcount,
      address: v.address,
      contractMonths: v.contractMonths,
      workingHours: v.workingHours,
      ages: v.ageMin || v.ageMax ? `${v.ageMin ?? 16}–${v.ageMax ?? 65} 岁` : null,
      requirements: v.requirements,
      benefits: v.benefits,
      validUntil: v.validUntil,
      publishedOn: v.publishedAt ? formatDate(v.publishedAt) : null,
      targets: post.targets.map((t) => t.name).join('、'),
    },
    status: post.status,
    viewer,
    openToMe: user?.role === 'worker' ? post.targets.some((t) => t.code === user.organisation.areaCode) : null,
    application: application ? APPLICATION_STATUS_LABELS[application.status] : null,
    // The recruitment contact is for people who can apply; it stays out of the public page and feed.
    contact: viewer === 'worker' ? `${v.contactName} ${v.contactPhone}` : null,
    reported: new URL(request.url).searchParams.get('reported') === '1',
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = requireRecordId(params.jobId)
  const user = await requireUser(request, { role: 'worker' })
  const formData = await request.formData()
  const ip = context.clientIp ?? null
  const intent = formData.get('intent')
  switch (intent) {
    case 'apply': {
      const submission = parseWithZod(formData, { schema: ApplySchema })
      if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
      const result = applyToVacancy({ userId: user.id, ip }, id, submission.value.note)
      if (result.ok) throw redirect(`/me/applications?applied=${result.id}`)
      if (result.code === 'not_found') throw new Response('Not Found', { status: 404 })
      return data({ intent, result: submission.reply({ formErrors: [result.message] }) }, { status: result.code === 'not_verified' ? 403 : 409 })
    }
    case 'report': {
      const submission = parseWithZod(formData, { schema: ReportSchema })
      if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
      const report = reportVacancy({ userId: user.id, organisationId: user.organisation.id, ip }, id, submission.value.reason, submission.value.note)
      if (!report) throw new Response('Not Found', { status: 404 })
      throw redirect(`/jobs/${id}?reported=1`)
    }
    default:
      throw new Response('Bad Request', { status: 400 })
  }
}

export default function JobPage() {
  const { job, status, viewer, reported } = useLoaderData<typeof loader>()
  return (
    <main className="container page job-page">
      <p className="small">
        <Link to="/jobs">← 全部岗位</Link>
      </p>
      {reported ? (
        <p className="notice notice--ok" role="status">
          举报已收到，谢谢您。{job.cityName}人社局会核实这个岗位，不会把您的姓名告诉招聘单位。
        </p>
      ) : null}
      {status !== 'published' ? (
        <p className="notice job-page__closed" role="status">
          此岗位{VACANCY_STATUS_LABELS[status]}，不再接受报名。<Link to="/jobs">看看其他岗位</Link>
        </p>
      ) : null}
      <article className="card">
        <h1 className="job-page__title">{job.title}</h1>
        <p className="job-card__salary">{job.salary}</p>
        <p className="job-page__employer">{job.employerName}</p>
        <JobTags meals={job.meals} housing={job.housing} headcount={job.headcount} />
        <dl className="facts job-page__facts">
          <dt>工作城市</dt>
          <dd>{job.cityName}</dd>
          <dt>工作地点</dt>
          <dd>{job.address}</dd>
          <dt>行业</dt>
          <dd>{job.industry}</dd>
          {job.workingHours ? (
            <>
              <dt>工作时间</dt>
              <dd>{job.workingHours}</dd>
            </>
          ) : null}
          {job.contractMonths ? (
            <>
              <dt>合同期限</dt>
              <dd>{job.contractMonths} 个月</dd>
            </>
          ) : null}
          {job.ages ? (
            <>
              <dt>年龄要求</dt>
              <dd>{job.ages}</dd>
            </>
          ) : null}
          <dt>面向区县</dt>
          <dd>{job.targets || '—'}</dd>
          <dt>报名截止</dt>
          <dd>{job.validUntil}</dd>
          {job.publishedOn ? (
            <>
              <dt>发布日期</dt>
              <dd>{job.publishedOn}</dd>
            </>
          ) : null}
        </dl>
        {job.requirements ? (
          <section>
            <h2>岗位要求</h2>
            <p className="prewrap">{job.requirements}</p>
          </section>
        ) : null}
        {job.benefits ? (
          <section>
            <h2>福利待遇</h2>
            <p className="prewrap">{job.benefits}</p>
          </section>
        ) : null}
      </article>
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
  const { job, viewer, openToMe, application, contact } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'apply',
    lastResult: actionData?.intent === 'apply' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplySchema }),
    shouldValidate: 'onBlur',
  })
  if (viewer === 'staff') return null
  return (
    <section className="card job-apply" aria-labelledby="apply-heading">
      <h2 id="apply-heading">报名</h2>
      {contact ? <p className="job-apply__contact small">有疑问可以打电话：{contact}</p> : null}
      {viewer === 'anonymous' ? (
        <>
          <p>报名需要先登录。报名后，招聘单位或当地人社局会打电话联系您。</p>
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
          <TextareaField
            label="给招聘单位留言（可不填）"
            hint="如工作经验、证书、能否长期干，不超过 200 字。"
            textareaProps={{ ...getTextareaProps(fields.note), rows: 3 }}
            errors={fields.note.errors}
          />
          <ErrorList id={form.errorId} errors={form.errors} />
          <button type="submit" className="button button--block" disabled={navigation.state === 'submitting'}>
            我要报名
          </button>
        </Form>
      )}
    </section>
  )
}

function ReportPanel() {
  const actionData = useActionData<typeof action>()
  const lastResult = actionData?.intent === 'report' ? actionData.result : undefined
  const [form, fields] = useForm({
    id: 'report',
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReportSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <details className="card job-report" open={lastResult != null}>
      <summary>举报此岗位（收费、虚假、工资不符）</summary>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="report" />
        <SelectField label="举报原因" selectProps={getSelectProps(fields.reason)} errors={fields.reason.errors}>
          <LabelOptions labels={REPORT_REASON_LABELS} placeholder="请选择" />
        </SelectField>
        <TextareaField label="补充说明（可不填）" textareaProps={{ ...getTextareaProps(fields.note), rows: 3 }} errors={fields.note.errors} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="button button--secondary">
          提交举报
        </button>
      </Form>
    </details>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.job.title} · ${data.job.employerName} · 鲁渝劳务协作` : '岗位 · 鲁渝劳务协作' },
]

export function ErrorBoundary() {
  return <ErrorPage />
}
