import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuditSection } from '~/components/audit-table'
import { FactsCard } from '~/components/facts'
import { FormAlert } from '~/components/form-alert'
import { PageHead } from '~/components/page-head'
import { StatusBadge } from '~/components/status-badge'
import { DeleteDraftForm, VacancyStateForm } from '~/components/vacancy-state-form'
import { FormToken } from '~/components/forms'
import { ACTION_LABELS } from '~/rules/audit-actions'
import { getAreaName } from '~/models/area.server'
import { postBasics } from '~/models/post-details.server'
import { copyVacancy, deleteDraftVacancy, getVacancyActivity, getVacancyForBureau, listVacancyHistory, moveVacancy } from '~/models/vacancy.server'
import { shortAreaName } from '~/rules/areas'
import { addDays, formatDateTime, todayInShanghai } from '~/rules/dates'
import { optionalText } from '~/rules/fields'
import { canEditVacancy, checkValidUntil, mayDeleteVacancy, VACANCY_STATUS, VacancySchema } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'

// A copy gets a new valid-until day, under the same rule as a new post.
const copyValidUntil = VacancySchema.shape.validUntil.superRefine((v, ctx) => {
  const problem = checkValidUntil(v)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

const StateSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('publish') }),
  z.object({ intent: z.literal('fill') }),
  z.object({ intent: z.literal('close'), reason: optionalText('关闭原因', 200) }),
  z.object({ intent: z.literal('copy'), validUntil: copyValidUntil }),
  z.object({ intent: z.literal('delete') }),
])

const MOVE_TO = { publish: 'published', close: 'closed', fill: 'filled' } as const

const DONE = {
  published: '岗位已发布，对口区县的务工人员现在可以看到并报名。',
  closed: '岗位已关闭，不再接受报名。',
  filled: '岗位已标记为招满，不再接受报名。',
} as const

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const found = getVacancyForBureau(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const v = found.vacancy
  const range = (min: number | null, max: number | null, unit: string) =>
    min == null && max == null ? '不限' : min != null && max != null ? `${min}–${max} ${unit}` : min != null ? `${min} ${unit}以上` : `${max} ${unit}以下`
  return {
    ...postBasics(v, found.employerName),
    status: found.status,
    board: [v.providesMeals ? '包吃' : '不包吃', v.providesHousing ? '包住' : '不包住'].join('、'),
    contract: v.contractMonths ? `${v.contractMonths} 个月` : '未注明',
    workingHours: v.workingHours ?? '未注明',
    age: range(v.ageMin, v.ageMax, '岁'),
    point: `北纬 ${v.lat.toFixed(5)}，东经 ${v.lng.toFixed(5)}`,
    contactName: v.contactName,
    contactPhone: v.contactPhone,
    targets: found.targets.map((code) => shortAreaName(getAreaName(code) ?? code)),
    publishedAt: v.publishedAt ? formatDateTime(v.publishedAt) : null,
    copiedFromId: v.copiedFromId,
    ...getVacancyActivity(actor, v.id),
    history: listVacancyHistory(actor, v.id).map((h) => {
      const label = ACTION_LABELS[h.action] ?? h.action
      const reason = h.action === 'vacancy.close' ? v.closeReason : h.reason
      return { ...h, actionLabel: reason ? `${label}：${reason}` : label }
    }),
    copyUntil: addDays(todayInShanghai(), 30),
    // The copy form makes a new draft: its token keeps a double click to one copy.
    formToken: issueFormToken(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const id = requireRecordId(args.params.jobId)
  // Tenancy before anything else: another bureau's post is a 404 whatever the intent.
  const found = getVacancyForBureau(actor, id)
  if (!found) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  readIntent(formData, StateSchema)
  const submission = parseWithZod(formData, { schema: StateSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const value = submission.value
  if (value.intent === 'copy') {
    const copied = createOnce(formOnce(formData, actor.userId, 'vacancy'), () => copyVacancy(actor, id, value.validUntil))
    if (!copied) throw new Response('Not Found', { status: 404 })
    // The edit page says what a copied draft is and what to do next.
    if (!copied.ok) return failureReply(submission, copied)
    throw redirect(`/east/jobs/${copied.id}/edit`)
  }
  if (value.intent === 'delete') {
    const deleted = deleteDraftVacancy(actor, id)
    if (!deleted) throw new Response('Not Found', { status: 404 })
    if (!deleted.ok) return failureReply(submission, deleted)
    throw await redirectWithNotice('/east/jobs', { text: `草稿“${found.vacancy.title}”已删除。` })
  }
  const to = MOVE_TO[value.intent]
  const moved = moveVacancy(actor, id, to, value.intent === 'close' ? value.reason || null : null)
  if (!moved) throw new Response('Not Found', { status: 404 })
  if (!moved.ok) return failureReply(submission, moved)
  throw await redirectWithNotice(`/east/jobs/${id}`, { text: DONE[to] })
}

export default function JobPage() {
  const job = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  // The state forms are small: whatever was refused (a field or the move itself) is said above them.
  const failed = Object.values(reply?.error ?? {}).flatMap((messages) => messages ?? [])
  const editable = canEditVacancy(job.status)
  const open = job.status === 'published' || job.status === 'expired'
  return (
    <main className="container page">
      <p className="small">
        <Link to="/east/jobs">← 岗位</Link>
      </p>
      <FormAlert messages={failed} />
      {job.openReports > 0 ? (
        <p className="notice notice--amber" role="note">
          该岗位有 {job.openReports} 条未处理的举报，<Link to="/east/reports">去处理</Link>。
        </p>
      ) : null}
      <PageHead
        title={
          <>
            {job.title} <StatusBadge spec={VACANCY_STATUS} status={job.status} />
          </>
        }
      >
        {editable ? (
          <Link to={`/east/jobs/${job.id}/edit`} className="button">
            编辑
          </Link>
        ) : null}
        <Link to={`/east/jobs/${job.id}/applicants`} className="button button--secondary">
          报名人员（{job.applications}）
        </Link>
      </PageHead>
      {job.status === 'expired' ? <p className="notice">有效期已过（{job.validUntil}），岗位已停止接受报名。修改有效期即可恢复招聘。</p> : null}
      {job.copiedFromId ? (
        <p className="muted small">
          复制自 <Link to={`/east/jobs/${job.copiedFromId}`}>原岗位</Link>
        </p>
      ) : null}

      <FactsCard
        title="岗位信息"
        items={[
          { term: '用人单位', value: job.employerName },
          { term: '行业', value: job.industry },
          { term: '招聘人数', value: `${job.headcount} 人` },
          { term: '月薪', value: job.salary },
          { term: '食宿', value: job.board },
          { term: '合同期限', value: job.contract },
          { term: '工作时间', value: job.workingHours },
          { term: '年龄要求', value: job.age },
          {
            term: '工作地点',
            value: (
              <>
                {job.address}
                <div className="muted small">{job.point}</div>
              </>
            ),
          },
          { term: '岗位要求', value: job.requirements ?? '—', prewrap: true },
          { term: '福利待遇', value: job.benefits ?? '—', prewrap: true },
          {
            term: '联系方式',
            value: (
              <>
                {job.contactName} <a href={`tel:${job.contactPhone}`}>{job.contactPhone}</a>
              </>
            ),
          },
          { term: '面向区县', value: job.targets.join('、') || '—' },
          { term: '有效期至', value: job.validUntil },
          { term: '发布时间', value: job.publishedAt ?? '未发布' },
        ]}
      />

      <section className="card">
        <h2>岗位状态</h2>
        <div className="state-actions">
          {job.status === 'draft' ? <VacancyStateForm intent="publish" label="发布" hint="发布后对口区县的务工人员即可看到并报名。" primary /> : null}
          {open ? (
            <VacancyStateForm
              intent="fill"
              label="标记为已招满"
              hint="人已招够：停止报名，岗位显示“已招满”。"
              confirm="标记为已招满后不能再修改或重新打开，确定吗？"
            />
          ) : null}
          {open ? (
            <VacancyStateForm
              intent="close"
              label="关闭岗位"
              hint="停止招聘。关闭后不能再修改，需要时可复制后重新发布。"
              confirm="关闭后不能重新打开，确定关闭吗？"
            >
              <div className="field">
                <label htmlFor="reason">关闭原因（选填）</label>
                <input id="reason" name="reason" type="text" maxLength={200} />
              </div>
            </VacancyStateForm>
          ) : null}
          {mayDeleteVacancy(job.status) ? <DeleteDraftForm /> : null}
          {!editable ? <p className="muted">该岗位{VACANCY_STATUS[job.status].label}，不能再修改。需要重新招聘时，复制为新草稿后修改发布。</p> : null}
          <VacancyStateForm intent="copy" label="复制为新草稿" hint="内容相同的新草稿，设置新的有效期后编辑、发布。">
            <FormToken value={job.formToken} />
            <div className="field">
              <label htmlFor="copy-valid-until">新的有效期至</label>
              <input id="copy-valid-until" name="validUntil" type="date" defaultValue={job.copyUntil} required />
            </div>
          </VacancyStateForm>
        </div>
      </section>

      <AuditSection title="操作记录" rows={job.history} caption="该岗位的操作记录" />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? '岗位'} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
