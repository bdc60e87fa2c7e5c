import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { Figures } from '~/components/figures'
import { ErrorList, LabelOptions } from '~/components/forms'
import { listApplicantsOfVacancy, moveApplication } from '~/models/application.server'
import { getVacancyActivity, getVacancyForBureau } from '~/models/vacancy.server'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { optionalText } from '~/rules/fields'
import { SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { APPLICATION_SOURCE_LABELS, APPLICATION_STATUS_LABELS, hireStartDateField, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireUser } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

const INTENTS = ['contacted', 'hired', 'declined'] as const
type Intent = (typeof INTENTS)[number]

const MoveSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('contacted') }),
  z.object({ intent: z.literal('hired'), startDate: hireStartDateField }),
  z.object({ intent: z.literal('declined'), reason: optionalText('原因', 200) }),
])

const NOTICES: Record<string, string> = {
  contacted: '已标记为“已联系”。',
  hired: '已录用，并生成了就业记录。',
  filled: '已录用，并生成了就业记录。岗位已招满，已自动关闭。',
  declined: '已标记为“未录用”。',
}

function ownApplicants(organisationId: number, jobId: number) {
  const job = getVacancyForBureau(organisationId, jobId)
  const applicants = job ? listApplicantsOfVacancy(organisationId, jobId) : null
  if (!job || !applicants) throw new Response('Not Found', { status: 404 })
  return { job, applicants }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const { job, applicants } = ownApplicants(user.organisation.id, requireRecordId(params.jobId))
  const v = job.vacancy
  return {
    job: {
      id: v.id,
      title: v.title,
      employerName: job.employerName,
      status: job.status,
      statusLabel: VACANCY_STATUS_LABELS[job.status],
      headcount: v.headcount,
      hired: applicants.filter((a) => a.status === 'hired').length,
      validUntil: v.validUntil,
      openReports: getVacancyActivity(user.organisation.id, v.id).openReports,
    },
    today: todayInShanghai(),
    statusLabels: APPLICATION_STATUS_LABELS,
    applicants: applicants.map((a) => ({
      id: a.id,
      name: a.name,
      sexAge: `${SEX_LABELS[a.sex]} · ${a.age}岁`,
      township: a.townshipName,
      skills: [SKILL_LEVEL_LABELS[a.skillLevel], a.skills].filter(Boolean).join('：'),
      phone: a.phoneMasked ?? '未登记',
      idNumber: a.idNumberMasked,
      source: APPLICATION_SOURCE_LABELS[a.source],
      note: a.note,
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABELS[a.status],
      appliedOn: formatDate(a.createdAt),
      startDate: a.employmentStartDate,
    })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const jobId = requireRecordId(params.jobId)
  const { applicants } = ownApplicants(user.organisation.id, jobId)
  const formData = await request.formData()
  // The application must be on this post: another bureau's (or another post's) answers like a missing one.
  const applicationId = requireRecordId(formData.get('applicationId'))
  if (!applicants.some((a) => a.id === applicationId)) throw new Response('Not Found', { status: 404 })
  const intent = formData.get('intent')
  if (typeof intent !== 'string' || !(INTENTS as readonly string[]).includes(intent)) throw new Response('Bad Request', { status: 400 })

  const submission = parseWithZod(formData, { schema: MoveSchema })
  if (submission.status !== 'success') return data({ applicationId, result: submission.reply() }, { status: 400 })
  const value = submission.value
  const result = moveApplication(
    { userId: user.id, organisationId: user.organisation.id, cityCode: user.organisation.areaCode, ip: context.clientIp ?? null },
    applicationId,
    value.intent,
    { startDate: value.intent === 'hired' ? value.startDate : null, reason: value.intent === 'declined' ? value.reason || null : null },
  )
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) {
    const reply = result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] })
    return data({ applicationId, result: reply }, { status: 400 })
  }
  const done: keyof typeof NOTICES = value.intent === 'hired' && result.filled ? 'filled' : value.intent
  throw redirect(`/east/jobs/${jobId}/applicants?done=${done}`)
}

export default function ApplicantsPage() {
  const { job, applicants, today, statusLabels } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const notice = NOTICES[searchParams.get('done') ?? '']
  return (
    <main className="container page">
      <p className="small">
        <Link to={`/east/jobs/${job.id}`}>← 返回岗位</Link>
      </p>
      {notice && !actionData ? (
        <p className="notice notice--ok" role="status">
          {notice}
        </p>
      ) : null}
      <div className="page-head">
        <h1>报名人员：{job.title}</h1>
        <a href={`/east/jobs/${job.id}/applicants.xlsx`} className="button button--secondary button--small" download>
          导出本岗位 Excel
        </a>
      </div>
      <p className="muted">{job.employerName}</p>
      {job.openReports > 0 ? (
        <p className="notice" role="note">
          此岗位有 {job.openReports} 条未处理的举报，请先核实岗位信息。<Link to="/east/reports">去处理举报</Link>
        </p>
      ) : null}
      <Figures
        label="岗位概况"
        items={[
          { label: '岗位状态', value: job.statusLabel },
          { label: '招聘人数', value: job.headcount },
          { label: '已录用', value: job.hired, hint: job.hired >= job.headcount ? '已招满' : `还差 ${job.headcount - job.hired} 人` },
          { label: '有效期至', value: <span className="figure__date">{job.validUntil}</span> },
        ]}
      />

      <section className="block" aria-labelledby="applicants-head">
      <h2 id="applicants-head">报名人员（{applicants.length}）</h2>
      {applicants.length === 0 ? (
        <p className="card muted">还没有人报名这个岗位。对口区县可以在“对口岗位”里推荐人员。</p>
      ) : (
        <div className="table-wrap">
          <table className="stack-table applicants-table">
            <caption className="sr-only">报名人员，手机号和身份证号已打码</caption>
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">乡镇</th>
                <th scope="col">技能</th>
                <th scope="col">手机号 / 身份证号</th>
                <th scope="col">来源</th>
                <th scope="col">备注</th>
                <th scope="col">报名日期</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {applicants.map((a) => (
                <tr key={a.id}>
                  <td data-label="姓名">
                    <strong>{a.name}</strong>
                    <span className="muted small cell-line">{a.sexAge}</span>
                  </td>
                  <td data-label="乡镇">{a.township}</td>
                  <td data-label="技能" className="wrap">
                    {a.skills}
                  </td>
                  <td data-label="号码">
                    <span className="mono">{a.phone}</span>
                    <span className="mono cell-line">{a.idNumber}</span>
                  </td>
                  <td data-label="来源">{a.source}</td>
                  <td data-label="备注" className="wrap">
                    {a.note ?? '—'}
                  </td>
                  <td data-label="报名日期">{a.appliedOn}</td>
                  <td data-label="状态">
                    <StatusBadge status={a.status} label={a.statusLabel} />
                    {a.startDate ? <span className="muted small cell-line">到岗 {a.startDate}</span> : null}
                  </td>
                  <td data-label="操作">
                    <RowActions
                      applicant={a}
                      today={today}
                      reply={actionData?.applicationId === a.id ? actionData.result : null}
                      statusLabels={statusLabels}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      </section>

      <form method="get" action="/east/applicants.xlsx" className="card export-form">
        <label htmlFor="export-status">导出本局全部岗位的报名人员</label>
        <select id="export-status" name="status" defaultValue="">
          <LabelOptions labels={statusLabels} placeholder="全部状态" />
        </select>
        <button type="submit" className="button button--secondary button--small">
          导出 Excel
        </button>
        <span className="muted small">手机号和身份证号均已打码。</span>
      </form>
    </main>
  )
}

function StatusBadge({ status, label }: { status: string; label: string }) {
  const tone = status === 'hired' ? 'badge--ok' : status === 'contacted' ? 'badge--info' : status === 'declined' ? 'badge--off' : 'badge--warn'
  return <span className={`badge ${tone}`}>{label}</span>
}

type Reply = { error?: Record<string, string[] | null> | null } | null

function RowActions({
  applicant,
  today,
  reply,
  statusLabels,
}: {
  applicant: { id: number; name: string; status: string }
  today: string
  reply: Reply
  statusLabels: Record<string, string>
}) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('applicationId') === String(applicant.id)
  const errors = reply?.error ?? {}
  const formErrors = errors[''] ?? null
  if (applicant.status === 'hired' || applicant.status === 'declined') return <span className="muted small">已办结</span>
  const dateErrorId = `start-${applicant.id}-error`
  return (
    <div className="row-actions">
      {applicant.status === 'submitted' ? (
        <Form method="post" className="row-actions__form">
          <input type="hidden" name="applicationId" value={applicant.id} />
          <button type="submit" name="intent" value="contacted" className="button button--small" disabled={busy}>
            标记{statusLabels.contacted}
          </button>
        </Form>
      ) : (
        <Form method="post" className="row-actions__form">
          <input type="hidden" name="applicationId" value={applicant.id} />
          <label className="row-actions__date">
            <span>到岗日期</span>
            <input
              type="date"
              name="startDate"
              defaultValue={today}
              required
              aria-invalid={errors.startDate ? true : undefined}
              aria-describedby={errors.startDate ? dateErrorId : undefined}
            />
          </label>
          <button type="submit" name="intent" value="hired" className="button button--small" disabled={busy} aria-label={`录用 ${applicant.name}`}>
            录用
          </button>
          <ErrorList id={dateErrorId} errors={errors.startDate} />
        </Form>
      )}
      <details className="row-actions__decline" open={Boolean(errors.reason)}>
        <summary>不录用…</summary>
        <Form method="post" className="row-actions__form">
          <input type="hidden" name="applicationId" value={applicant.id} />
          <label className="row-actions__reason">
            <span>原因（选填）</span>
            <input type="text" name="reason" maxLength={200} placeholder="如：年龄不符、本人放弃" aria-invalid={errors.reason ? true : undefined} />
          </label>
          <button type="submit" name="intent" value="declined" className="button button--secondary button--small" disabled={busy}>
            确认不录用
          </button>
          <ErrorList errors={errors.reason} />
        </Form>
      </details>
      {formErrors ? (
        <p className="form-error" role="alert">
          {formErrors.join('')}
        </p>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `报名人员${data ? `：${data.job.title}` : ''} · 鲁渝劳务协作` }]

export function ErrorBoundary() {
  return <ErrorPage />
}
