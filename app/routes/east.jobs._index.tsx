import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countVacanciesByStatus, listVacanciesForBureau, type BureauStatusFilter } from '~/models/vacancy.server'
import { formatSalaryRange, VACANCY_STATUS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageParam, paginate, parseListParams } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

const PAGE_SIZE = 20

const STATUSES = ['draft', 'published', 'expired', 'closed', 'filled'] as const satisfies readonly BureauStatusFilter[]

const EMPTY: Record<BureauStatusFilter | 'all', string> = {
  all: '还没有发布过岗位。',
  draft: '没有草稿。',
  published: '目前没有招聘中的岗位。',
  expired: '没有过期的岗位。',
  closed: '没有已关闭的岗位。',
  filled: '没有已招满的岗位。',
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const params = parseListParams(new URL(args.request.url).searchParams, { status: z.enum(STATUSES), page: pageParam })
  const status = params.status ?? null
  const counts = countVacanciesByStatus(actor)
  const list = paginate({
    page: params.page ?? 1,
    pageSize: PAGE_SIZE,
    total: status ? counts[status] : counts.all,
    rows: (limit, offset) => listVacanciesForBureau(actor, { status }, { limit, offset }),
  })
  const withStatus = (s: BureauStatusFilter | null) => (s ? `?${new URLSearchParams({ status: s })}` : '')
  const tabs = [null, ...STATUSES].map((s) => ({
    status: s,
    label: s ? VACANCY_STATUS[s].label : '全部',
    count: s ? counts[s] : counts.all,
    to: `/east/jobs${withStatus(s)}`,
  }))
  return {
    status,
    tabs,
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
    exportTo: `/east/jobs/export.xlsx${withStatus(status)}`,
    rows: list.rows.map((r) => ({
      id: r.vacancy.id,
      title: r.vacancy.title,
      employerName: r.employerName,
      salary: formatSalaryRange(r.vacancy.salaryMinFen, r.vacancy.salaryMaxFen),
      headcount: r.vacancy.headcount,
      status: r.status,
      validUntil: r.vacancy.validUntil,
      openReports: Number(r.openReports),
    })),
  }
}

export default function JobsPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <div className="page-head">
        <h1>岗位</h1>
        <div className="actions">
          <Link to="/east/jobs/new" className="button">
            发布新岗位
          </Link>
          <a href={data.exportTo} className="button button--secondary" download>
            导出 Excel
          </a>
        </div>
      </div>
      <nav className="tabs" aria-label="岗位状态">
        {data.tabs.map((t) => (
          <Link key={t.label} to={t.to} className="tabs__tab" aria-current={t.status === data.status ? 'page' : undefined}>
            {t.label} <span className="tabs__count">{t.count}</span>
          </Link>
        ))}
      </nav>
      {data.rows.length === 0 ? (
        <p className="card muted">{EMPTY[data.status ?? 'all']}</p>
      ) : (
        <div className="table-wrap">
          {/* stack-table: one card per post on a phone, so salary and state are not scrolled out of sight. */}
          <table className="stack-table">
            <thead>
              <tr>
                <th scope="col">岗位名称</th>
                <th scope="col">用人单位</th>
                <th scope="col">月薪</th>
                <th scope="col" className="num">
                  人数
                </th>
                <th scope="col">状态</th>
                <th scope="col">有效期至</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td data-label="岗位名称">
                    <Link to={`/east/jobs/${r.id}`}>{r.title}</Link>
                    {r.openReports > 0 ? (
                      <>
                        {' '}
                        <span className="badge badge--alert" title={`${r.openReports} 条未处理的举报`}>
                          有举报
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="用人单位">{r.employerName}</td>
                  <td data-label="月薪">{r.salary}</td>
                  <td data-label="人数" className="num">
                    {r.headcount}
                  </td>
                  <td data-label="状态">
                    <StatusBadge spec={VACANCY_STATUS} status={r.status} />
                  </td>
                  <td data-label="有效期至">
                    <span className="mono">{r.validUntil}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} />
    </main>
  )
}

export const meta = pageTitle('岗位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
