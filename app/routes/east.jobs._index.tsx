import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { VacancyStatusBadge } from '~/components/vacancy-form'
import { countVacanciesByStatus, isBureauStatusFilter, listVacanciesForBureau, type BureauStatusFilter } from '~/models/vacancy.server'
import { formatSalaryRange } from '~/rules/vacancy'
import { requireUser } from '~/utils/auth.server'
import { LegacyPager } from '~/components/pager'

const PAGE_SIZE = 20

const TABS: { status: BureauStatusFilter | null; label: string }[] = [
  { status: null, label: '全部' },
  { status: 'draft', label: '草稿' },
  { status: 'published', label: '招聘中' },
  { status: 'expired', label: '已过期' },
  { status: 'closed', label: '已关闭' },
  { status: 'filled', label: '已招满' },
]

const EMPTY: Record<BureauStatusFilter | 'all', string> = {
  all: '还没有发布过岗位。',
  draft: '没有草稿。',
  published: '目前没有招聘中的岗位。',
  expired: '没有过期的岗位。',
  closed: '没有已关闭的岗位。',
  filled: '没有已招满的岗位。',
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const url = new URL(request.url)
  const raw = url.searchParams.get('status')
  const status = isBureauStatusFilter(raw) ? raw : null
  const requested = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
  const counts = countVacanciesByStatus(user.organisation.id)
  const total = status ? counts[status] : counts.all
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Number.isSafeInteger(requested) && requested > 0 ? Math.min(requested, pages) : 1
  const { rows } = listVacanciesForBureau(user.organisation.id, { status, page, pageSize: PAGE_SIZE })
  const query = (s: BureauStatusFilter | null, p = 1) => {
    const params = new URLSearchParams()
    if (s) params.set('status', s)
    if (p > 1) params.set('page', String(p))
    return params.size > 0 ? `?${params}` : ''
  }
  return {
    status,
    tabs: TABS.map((t) => ({ ...t, count: t.status ? counts[t.status] : counts.all, to: `/east/jobs${query(t.status)}` })),
    total,
    page,
    pages,
    prev: page > 1 ? `/east/jobs${query(status, page - 1)}` : null,
    next: page < pages ? `/east/jobs${query(status, page + 1)}` : null,
    exportTo: `/east/jobs/export.xlsx${query(status)}`,
    rows: rows.map((r) => ({
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
                    <VacancyStatusBadge status={r.status} />
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
      <LegacyPager page={data.page} pages={data.pages} prev={data.prev} next={data.next} total={data.total} />
    </main>
  )
}

export const meta: MetaFunction = () => [{ title: '岗位 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
