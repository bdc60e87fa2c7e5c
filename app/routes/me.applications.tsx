import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/form-alert'
import { SubmitButton } from '~/components/forms'
import { Pager } from '~/components/pager'
import { listApplicationsOfWorker, withdrawApplication } from '~/models/application.server'
import { APPLICATION_STATUS_LABELS, mayApplyAgain, mayWithdraw, type ApplicationStatus } from '~/rules/application'
import { formatDate } from '~/rules/dates'
import { formatSalaryRange, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { failureErrors, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'

// A worker's own applications (product brief §2): where each stands and what happens next; while one is
// still 已报名 the worker can withdraw it (issue 9 §12), confirmed first, with or without JavaScript.

/** A worker with many applications reads them a page at a time. */
const PAGE_SIZE = 20

const WithdrawSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('withdraw') })])

/** What happens next, in the words a worker would use, for each state of an application. */
const NEXT_STEP: Record<ApplicationStatus, string> = {
  submitted: '报名已转给发布岗位的人社局，请保持手机畅通，一般几天内人社局或招聘单位会打电话联系您。',
  contacted: '招聘单位已经联系过您，正在安排面试或确认到岗。',
  hired: '恭喜，您已被录用。',
  declined: '这次没有被录用，可以看看其他岗位。',
  withdrawn: '您已撤回这条报名，招聘单位不会再联系您。岗位还在招聘的话，可以重新报名。',
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'worker' })
  const list = paginateSearch(new URL(args.request.url).searchParams, PAGE_SIZE, listApplicationsOfWorker(actor))
  return {
    verified: user.verified,
    ...pageInfo(list),
    applications: list.rows.map((r) => ({
      id: r.id,
      vacancyId: r.vacancyId,
      title: r.title,
      employerName: r.employerName,
      cityName: r.cityName,
      salary: formatSalaryRange(r.salaryMinFen, r.salaryMaxFen),
      status: r.status,
      recommended: r.source === 'recommended',
      appliedOn: formatDate(r.createdAt),
      changedOn: r.statusChangedAt ? formatDate(r.statusChangedAt) : null,
      startDate: r.startDate,
      postState: r.vacancyStatus === 'published' ? null : VACANCY_STATUS_LABELS[r.vacancyStatus],
      mayWithdraw: mayWithdraw(r.status),
      mayApplyAgain: mayApplyAgain(r.status, r.vacancyStatus),
    })),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const formData = await args.request.formData()
  const applicationId = requireRecordId(formData.get('applicationId'))
  readIntent(formData, WithdrawSchema)
  const submission = parseWithZod(formData, { schema: WithdrawSchema })
  if (submission.status !== 'success') return data({ applicationId, result: submission.reply() }, { status: 400 })
  const result = withdrawApplication(actor, applicationId)
  // Another person's application answers like a missing one.
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return data({ applicationId, result: submission.reply(failureErrors(result)) }, { status: result.status ?? 400 })
  throw await redirectWithNotice('/me/applications', { text: '已撤回报名。岗位还在招聘的话，以后可以重新报名。' })
}

export default function MyApplications() {
  const { verified, applications, page, pageCount, total } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="container page">
      <h1>我的报名</h1>
      {!verified ? (
        <p className="notice">
          您的账号还在等待区县就业和人才中心核验，核验通过后才能报名。<Link to="/me">查看核验进度</Link>
        </p>
      ) : null}
      {applications.length === 0 ? (
        <div className="card board-empty">
          <p>您还没有报名任何岗位。</p>
          <Link to="/jobs" className="button">
            去找岗位
          </Link>
        </div>
      ) : (
        <ol className="board-list" aria-label="报名记录">
          {applications.map((a) => (
            <li key={a.id} className="job-card">
              <h2 className="job-card__title">
                <Link to={`/jobs/${a.vacancyId}`}>{a.title}</Link>
              </h2>
              <p className="job-card__employer">
                {a.employerName} · {a.cityName}
              </p>
              <p className="job-card__salary job-card__salary--small">{a.salary}</p>
              <Timeline status={a.status} appliedOn={a.appliedOn} changedOn={a.changedOn} />
              <p className="small">
                {NEXT_STEP[a.status]}
                {a.status === 'hired' && a.startDate ? (
                  <>
                    到岗日期：<span className="nowrap">{a.startDate}</span>。
                  </>
                ) : null}
              </p>
              <p className="muted small">
                {a.recommended ? <span className="badge">区县推荐</span> : null}
                {a.postState ? <span className="badge badge--off">岗位{a.postState}</span> : null}
              </p>
              {a.mayWithdraw ? (
                <WithdrawForm id={a.id} title={a.title} errors={actionData?.applicationId === a.id ? actionData.result.error?.[''] : null} />
              ) : null}
              {a.mayApplyAgain ? (
                <p className="small">
                  <Link to={`/jobs/${a.vacancyId}`}>重新报名这个岗位</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {total > 0 ? <Pager page={page} pageCount={pageCount} total={total} /> : null}
      <p className="small after-list">
        <Link to="/jobs">← 继续找岗位</Link>
      </p>
    </main>
  )
}

/**
 * 撤回报名 for an application still 已报名: the button opens a confirmation under it (a native <details>,
 * so it asks with and without JavaScript), and only 确认撤回 sends. Takes the application id, the post's
 * title (for the question) and the action's form errors for this row.
 */
function WithdrawForm({ id, title, errors }: { id: number; title: string; errors: readonly string[] | null | undefined }) {
  const pending = useIsPending({ intent: 'withdraw', match: { applicationId: id } })
  return (
    <details className="withdraw" open={Boolean(errors?.length)}>
      <summary className="button button--secondary button--small">撤回报名</summary>
      <Form method="post" className="spaced-top">
        <input type="hidden" name="applicationId" value={id} />
        <p className="notice" role="note">
          确定撤回对“{title}”的报名吗？撤回后招聘单位不会再联系您；岗位还在招聘的话，以后可以重新报名。
        </p>
        <SubmitButton name="intent" value="withdraw" className="button button--small" pending={pending} pendingLabel="正在撤回…">
          确认撤回
        </SubmitButton>
        <FormAlert messages={errors} />
      </Form>
    </details>
  )
}

/** 已报名 → 已联系 → 已录用, or 已报名 → 未录用 / 已撤回; done steps ticked, the current one stressed. */
function Timeline({ status, appliedOn, changedOn }: { status: ApplicationStatus; appliedOn: string; changedOn: string | null }) {
  const steps: ApplicationStatus[] = status === 'declined' || status === 'withdrawn' ? ['submitted', status] : ['submitted', 'contacted', 'hired']
  const current = steps.indexOf(status)
  return (
    <ol className="timeline" aria-label={`报名进度：${APPLICATION_STATUS_LABELS[status]}`}>
      {steps.map((step, i) => (
        <li
          key={step}
          className={i < current ? 'timeline__step timeline__step--done' : i === current ? 'timeline__step timeline__step--current' : 'timeline__step'}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className="timeline__label">{APPLICATION_STATUS_LABELS[step]}</span>
          <span className="timeline__date">{i === 0 ? appliedOn : i === current ? (changedOn ?? '') : ''}</span>
        </li>
      ))}
    </ol>
  )
}

export const meta = pageTitle('我的报名')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
