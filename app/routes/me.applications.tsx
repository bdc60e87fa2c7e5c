import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ApplicationStatus } from '../../db/schema'
import { listApplicationsOfWorker } from '~/models/application.server'
import { formatDate } from '~/rules/dates'
import { APPLICATION_STATUS_LABELS, formatSalaryRange, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

/** What happens next, in the words a worker would use, for each state of an application. */
const NEXT_STEP: Record<ApplicationStatus, string> = {
  submitted: '报名已转给招聘单位，请保持手机畅通，一般几天内会有人打电话联系您。',
  contacted: '招聘单位已经联系过您，正在安排面试或确认到岗。',
  hired: '恭喜，您已被录用。',
  declined: '这次没有被录用，可以看看其他岗位。',
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'worker' })
  const rows = listApplicationsOfWorker(actor)
  return {
    verified: user.verified,
    applications: rows.map((r) => ({
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
    })),
  }
}

export default function MyApplications() {
  const { verified, applications } = useLoaderData<typeof loader>()
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
            </li>
          ))}
        </ol>
      )}
      <p className="small after-list">
        <Link to="/jobs">← 继续找岗位</Link>
      </p>
    </main>
  )
}

/** 已报名 → 已联系 → 已录用, or 已报名 → 未录用; done steps ticked, the current one stressed. */
function Timeline({ status, appliedOn, changedOn }: { status: ApplicationStatus; appliedOn: string; changedOn: string | null }) {
  const steps: ApplicationStatus[] = status === 'declined' ? ['submitted', 'declined'] : ['submitted', 'contacted', 'hired']
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
