import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ApplicantActions } from '~/components/applicant-actions'
import { applicantColumns } from '~/components/applicant-table'
import { DataTable } from '~/components/data-table'
import { Figures } from '~/components/figures'
import { LabelOptions } from '~/components/forms'
import { Pager } from '~/components/pager'
import { revealApplicantPhone } from '~/models/applicant-phone.server'
import { countApplicantsOfVacancy, isApplicationOfVacancy, listApplicantsOfVacancy, moveApplication, undoDecision } from '~/models/application.server'
import { getVacancyForBureau, getVacancyActivity } from '~/models/vacancy.server'
import { APPLICATION_STATUS_LABELS, UNDO_REASON_MAX } from '~/rules/application'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { optionalText } from '~/rules/fields'
import { SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { APPLICATION_SOURCE_LABELS, hireStartDateField, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { failureErrors, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'

// A bureau's applicants of one post (product brief §2; issue 9 §2, §4): mark contacted, hire, decline,
// undo a hire or decline (each confirmed first), and show one applicant's phone on request (audited).

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('contacted') }),
  z.object({ intent: z.literal('hired'), startDate: hireStartDateField }),
  z.object({ intent: z.literal('declined'), reason: optionalText('原因', 200) }),
  z.object({ intent: z.literal('undo'), reason: optionalText('撤销原因', UNDO_REASON_MAX, { required: true }) }),
  z.object({ intent: z.literal('reveal-phone') }),
])

const NOTICES = {
  contacted: '已标记为“已联系”。',
  hired: '已录用，并生成了就业记录。',
  filled: '已录用，并生成了就业记录。岗位已招满，已自动关闭。',
  declined: '已标记为“未录用”。',
} as const

/** A post with thousands of applicants is read a page at a time (issue 10). */
const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const jobId = requireRecordId(args.params.jobId)
  const job = getVacancyForBureau(actor, jobId)
  if (!job) throw new Response('Not Found', { status: 404 })
  const counts = countApplicantsOfVacancy(actor, jobId)
  const list = paginateSearch(new URL(args.request.url).searchParams, PAGE_SIZE, {
    total: counts.total,
    rows: (limit, offset) => listApplicantsOfVacancy(actor, jobId, { limit, offset }) ?? [],
  })
  const applicants = list.rows
  const v = job.vacancy
  return {
    ...pageInfo(list),
    job: {
      id: v.id,
      title: v.title,
      employerName: job.employerName,
      status: job.status,
      statusLabel: VACANCY_STATUS_LABELS[job.status],
      headcount: v.headcount,
      hired: counts.hired,
      validUntil: v.validUntil,
      openReports: getVacancyActivity(actor, v.id).openReports,
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
      hasPhone: a.phoneMasked != null,
      idNumber: a.idNumberMasked,
      source: APPLICATION_SOURCE_LABELS[a.source],
      note: a.note,
      status: a.status,
      undo: a.undo,
      appliedOn: formatDate(a.createdAt),
      startDate: a.employmentStartDate,
    })),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const jobId = requireRecordId(args.params.jobId)
  if (!getVacancyForBureau(actor, jobId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  // The application must be on this post: another bureau's (or another post's) answers like a missing one.
  const applicationId = requireRecordId(formData.get('applicationId'))
  if (!isApplicationOfVacancy(actor, jobId, applicationId)) throw new Response('Not Found', { status: 404 })
  readIntent(formData, ActionSchema)
  const submission = parseWithZod(formData, { schema: ActionSchema })
  if (submission.status !== 'success') return data({ applicationId, result: submission.reply(), revealed: null }, { status: 400 })
  const value = submission.value
  if (value.intent === 'reveal-phone') {
    const phone = revealApplicantPhone(actor, applicationId)
    if (!phone) throw new Response('Not Found', { status: 404 })
    return data({ applicationId, result: null, revealed: phone }, { headers: { 'Cache-Control': 'no-store' } })
  }
  const result =
    value.intent === 'undo'
      ? undoDecision(actor, applicationId, value.reason!)
      : moveApplication(actor, applicationId, value.intent, {
          startDate: value.intent === 'hired' ? value.startDate : null,
          reason: value.intent === 'declined' ? value.reason || null : null,
        })
  if (!result) throw new Response('Not Found', { status: 404 })
  // One form per applicant: the reply names the row it belongs to.
  if (!result.ok) return data({ applicationId, result: submission.reply(failureErrors(result)), revealed: null }, { status: result.status ?? 400 })
  const text =
    'to' in result
      ? `已撤销，恢复为“${APPLICATION_STATUS_LABELS[result.to]}”${result.reopened ? '，岗位重新开始招聘' : ''}。`
      : NOTICES[value.intent === 'hired' && result.filled ? 'filled' : (value.intent as keyof typeof NOTICES)]
  throw await redirectWithNotice(`/east/jobs/${jobId}/applicants`, { text })
}

export default function ApplicantsPage() {
  const { job, applicants, today, statusLabels, total, page, pageCount } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const revealed = actionData?.revealed ? { applicationId: actionData.applicationId, phone: actionData.revealed } : null
  return (
    <main className="container page">
      <p className="small">
        <Link to={`/east/jobs/${job.id}`}>← 返回岗位</Link>
      </p>
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
        <h2 id="applicants-head">报名人员（{total}）</h2>
        <p className="muted small">
          务工人员报名时已同意把姓名和手机号提供给本局，用于联系本岗位的招聘事宜。需要打电话时点“显示电话”，每次查看都记入操作记录；身份证号不显示完整号码。
          {revealed ? ' 已记入操作记录。' : ''}
        </p>
        <DataTable
          rows={applicants}
          columns={applicantColumns<(typeof applicants)[number]>(revealed, (a) => (
            <ApplicantActions applicant={a} today={today} reply={actionData?.applicationId === a.id ? actionData.result : null} />
          ))}
          className="applicants-table"
          stacked
          caption="报名人员，手机号和身份证号已打码；点“显示电话”可查看手机号"
          empty="还没有人报名这个岗位。对口区县可以在“对口岗位”里推荐人员。"
          emptyClassName="card muted"
        />
        <Pager page={page} pageCount={pageCount} total={total} />
      </section>

      <form method="get" action="/east/applicants.xlsx" className="card export-form">
        <label htmlFor="export-status">导出本局全部岗位的报名人员</label>
        <select id="export-status" name="status" defaultValue="">
          <LabelOptions labels={statusLabels} placeholder="全部状态" />
        </select>
        <button type="submit" className="button button--secondary button--small">
          导出 Excel
        </button>
        <span className="muted small">导出的表格里手机号和身份证号均已打码。</span>
      </form>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `报名人员${data ? `：${data.job.title}` : ''} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
