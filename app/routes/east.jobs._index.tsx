import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterMonth, FilterSearch } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countVacanciesByStatus, countVacanciesForBureau, listVacanciesForBureau, type BureauStatusFilter } from '~/models/vacancy.server'
import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'
import { formatDate } from '~/rules/dates'
import { formatSalaryRange, VACANCY_STATUS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch, parseListParams } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { PERIOD, monthInWords } from '~/utils/month-filters.server'

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

// Post titles and employer names are not personal data, so the search may sit in the URL (as on the
// employer list): a searched list is a link, and the tabs keep the search. So does 发布月份
// (`published=YYYY-MM`, Asia/Shanghai): the posts published in that month, in every state today — the
// list the dashboard's 发布岗位 figure links to, as long as the figure (issue 15 §5).
const searchParam = z.string().transform((raw) => raw.normalize('NFKC').trim().slice(0, SEARCH_TEXT_MAX))

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const search = new URL(args.request.url).searchParams
  const params = parseListParams(search, { status: z.enum(STATUSES), q: searchParam, published: PERIOD })
  const status = params.status ?? null
  const q = params.q ?? ''
  const published = params.published ?? null
  // The tabs count the kept figures; while searching or by month, the posts found (one grouped count).
  const counts = q || published ? countVacanciesForBureau(actor, { q, published }) : countVacanciesByStatus(actor)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: status ? counts[status] : counts.all,
    rows: (limit, offset) => listVacanciesForBureau(actor, { status, q, published }, { limit, offset }),
  })
  const linkTo = (s: BureauStatusFilter | null, text = q, month = published) => {
    const p = new URLSearchParams()
    if (s) p.set('status', s)
    if (text) p.set('q', text)
    if (month) p.set('published', month)
    return p.size > 0 ? `/east/jobs?${p}` : '/east/jobs'
  }
  const exportParams = new URLSearchParams()
  if (status) exportParams.set('status', status)
  if (published) exportParams.set('published', published)
  const tabs = [null, ...STATUSES].map((s) => ({
    status: s,
    label: s ? VACANCY_STATUS[s].label : '全部',
    count: s ? counts[s] : counts.all,
    to: linkTo(s),
  }))
  return {
    status,
    q,
    published,
    publishedLabel: published ? monthInWords(published) : null,
    tabs,
    ...pageInfo(list),
    clearTo: linkTo(status, '', null),
    // The export keeps the state and the month; it lists every post in them (a search narrows the page, not the sheet).
    exportTo: `/east/jobs/export.xlsx${exportParams.size > 0 ? `?${exportParams}` : ''}`,
    rows: list.rows.map((r) => ({
      id: r.vacancy.id,
      title: r.vacancy.title,
      employerName: r.employerName,
      salary: formatSalaryRange(r.vacancy.salaryMinFen, r.vacancy.salaryMaxFen),
      headcount: r.vacancy.headcount,
      status: r.status,
      publishedOn: r.vacancy.publishedAt ? formatDate(r.vacancy.publishedAt) : null,
      validUntil: r.vacancy.validUntil,
      openReports: Number(r.openReports),
      applications: r.applications,
    })),
  }
}

type VacancyRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const VACANCY_COLUMNS: Column<VacancyRow>[] = [
  {
    header: '岗位名称',
    cell: (r) => (
      <>
        <Link to={`/east/jobs/${r.id}`}>{r.title}</Link>
        {r.openReports > 0 ? (
          <>
            {' '}
            <span className="badge badge--alert" title={`${r.openReports} 条未处理的举报`}>
              有举报
            </span>
          </>
        ) : null}
      </>
    ),
  },
  { header: '用人单位', cell: (r) => r.employerName },
  { header: '月薪', cell: (r) => r.salary },
  { header: '人数', cell: (r) => r.headcount, num: true },
  {
    header: '报名',
    cell: (r) => (r.applications > 0 ? <Link to={`/east/jobs/${r.id}/applicants`}>{r.applications}</Link> : 0),
    num: true,
  },
  { header: '状态', cell: (r) => <StatusBadge spec={VACANCY_STATUS} status={r.status} /> },
  { header: '有效期至', cell: (r) => <span className="mono">{r.validUntil}</span> },
]

/** With a month: when each post was published, beside its validity. */
const PUBLISHED_COLUMN: Column<VacancyRow> = { header: '发布日期', cell: (r) => <span className="mono">{r.publishedOn ?? '—'}</span> }

export default function JobsPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <PageHead title="岗位">
        <Link to="/east/jobs/new" className="button">
          发布新岗位
        </Link>
        <a href={data.exportTo} className="button button--secondary" download>
          导出 Excel
        </a>
      </PageHead>
      <FilterForm values={{ q: data.q, status: data.status, published: data.published }}>
        {data.status ? <input type="hidden" name="status" value={data.status} /> : null}
        <FilterSearch label="搜索岗位" value={data.q} placeholder="岗位名称、用人单位等" />
        <FilterMonth name="published" label="发布月份" value={data.published} />
        <FilterActions filtered={data.q !== '' || data.published != null} clearTo={data.clearTo} />
      </FilterForm>
      {data.publishedLabel ? (
        <p className="muted small" aria-live="polite">
          {data.publishedLabel}发布的岗位（按北京时间），含此后已过期、已关闭和已招满的，按发布时间从新到旧排列。
        </p>
      ) : null}
      <nav className="tabs" aria-label="岗位状态">
        {data.tabs.map((t) => (
          <Link key={t.label} to={t.to} className="tabs__tab" aria-current={t.status === data.status ? 'page' : undefined}>
            {t.label} <span className="tabs__count">{t.count}</span>
          </Link>
        ))}
      </nav>
      {/* stack-table: one card per post on a phone, so salary and state are not scrolled out of sight. */}
      <DataTable
        rows={data.rows}
        columns={data.published ? [...VACANCY_COLUMNS.slice(0, -1), PUBLISHED_COLUMN, ...VACANCY_COLUMNS.slice(-1)] : VACANCY_COLUMNS}
        stacked
        empty={
          data.published
            ? data.status || data.q
              ? `${data.publishedLabel}发布的岗位中没有符合条件的。`
              : `${data.publishedLabel}没有发布岗位。`
            : data.q
              ? '没有找到符合条件的岗位。'
              : EMPTY[data.status ?? 'all']
        }
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} />
    </main>
  )
}

export const meta = pageTitle('岗位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
