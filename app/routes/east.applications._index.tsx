import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterMonth, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countBureauMonth, EXPORT_CAP, LIST_CAP, listBureauApplications } from '~/models/bureau-outcomes.server'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { APPLICATION_STATUS } from '~/rules/application'
import { shortAreaName } from '~/rules/areas'
import { formatDate } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'

// The applications to the bureau's posts (issue 15 §5): the list the bureau dashboard's 报名 figures link to
// (?month=YYYY-MM or YYYY-MM/YYYY-MM, Asia/Shanghai; without a period all months, as the county's /west/hires),
// newest first, as many as the figure counts (the kept bureau_month_counts). The applicant's name as the post's applicants page shows
// it and their county; no ID number, no phone. The month is not personal data, so it sits in the URL.

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const search = new URL(args.request.url).searchParams
  // Without a period (清除条件, 改选月份 then none): all months, as the county's /west/hires.
  const month = readPeriodParam(search)
  const thisMonth = shanghaiMonth()
  const { applications: total } = countBureauMonth(actor, month)
  // The newest LIST_CAP are listed; the figure above the list stays the period's (the dashboard's).
  const list = paginateSearch(search, PAGE_SIZE, {
    total: Math.min(total, LIST_CAP),
    // Never more than are left: a short last page must not walk the province's index to its oldest entry.
    rows: (limit, offset) => listBureauApplications(actor, month, { limit: Math.min(limit, total - offset), offset }),
  })
  return {
    month,
    monthLabel: month === null ? '全部月份' : month === thisMonth ? '本月' : monthInWords(month),
    ...pageInfo(list),
    total,
    cut: total > LIST_CAP,
    cap: LIST_CAP,
    exportCap: EXPORT_CAP.toLocaleString('en-US'),
    rows: list.rows.map((r) => ({
      id: r.id,
      on: formatDate(r.createdAt),
      name: r.name,
      county: shortAreaName(r.countyName),
      vacancyId: r.vacancyId,
      title: r.title,
      employerName: r.employerName,
      status: r.status,
      recommended: r.source === 'recommended',
    })),
  }
}

type ApplicationRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<ApplicationRow>[] = [
  { header: '报名日期', label: '日期', cell: (r) => <span className="mono">{r.on}</span> },
  { header: '姓名', cell: (r) => r.name },
  { header: '来源区县', label: '来源', cell: (r) => r.county },
  {
    header: '岗位',
    cell: (r) => (
      <>
        <Link to={`/east/jobs/${r.vacancyId}/applicants`}>{r.title}</Link> {r.recommended ? <span className="badge">推荐</span> : null}
      </>
    ),
    className: 'wrap',
  },
  { header: '用人单位', cell: (r) => r.employerName, className: 'wrap' },
  { header: '状态', cell: (r) => <StatusBadge spec={APPLICATION_STATUS} status={r.status} /> },
]

export default function BureauApplicationsPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <PageHead title="报名记录" />
      <p className="muted small">本局岗位收到的报名，含务工人员自己报名和区县推荐的，按报名时间从新到旧排列；月份按北京时间计算。</p>
      <FilterForm values={{ month: data.month }}>
        <FilterMonth label="报名月份" value={data.month} />
        <FilterActions filtered={data.month !== null} clearTo="/east/applications" secondary />
      </FilterForm>
      <ListExportBar action="/east/applications/export.xlsx" params={data.month ? [['month', data.month]] : []}>
        {data.monthLabel}报名 {data.total} 条{data.cut ? `，列出最新的 ${data.cap} 条，导出可得最新的 ${data.exportCap} 条` : ''}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={COLUMNS}
        stacked
        caption="报名记录"
        empty={`${data.month === null ? '' : data.monthLabel}本局岗位还没有收到报名。`}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('报名记录')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
