import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterMonth, FilterSelect, FoldedFilterForm, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { COUNT_CAP, countCountyApplications, listCountyApplications } from '~/models/county-applications.server'
import { openCountyList } from '~/models/county-list.server'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { APPLICATION_STATUS, APPLICATION_STATUS_LABELS } from '~/rules/application'
import { formatDate } from '~/rules/dates'
import { hireFilterParams, monthInWords, readApplicationFilters } from '~/utils/hire-filters.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

// The applications of the county's people (issue 11 §3): the list the home's 本月报名 figure counts, by
// month (Asia/Shanghai, this month unless another is asked for), township and status, newest first. None
// of the filters is personal data, so they sit in the URL; ID numbers are masked.

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const thisMonth = shanghaiMonth()
  const { actor, search, townships, filters } = await openCountyList(args, (s, t) => readApplicationFilters(s, t, thisMonth))
  const counted = countCountyApplications(actor, filters)
  // The newest COUNT_CAP are listed; the figure above the list stays the full count (the home's).
  const list = paginateSearch(search, PAGE_SIZE, {
    total: Math.min(counted.total, COUNT_CAP),
    rows: (limit, offset) => listCountyApplications(actor, filters, { limit, offset }),
  })
  return {
    filters,
    thisMonth,
    monthLabel: filters.month === thisMonth ? '本月' : monthInWords(filters.month),
    exportParams: [...hireFilterParams(filters).entries()],
    townships,
    capped: counted.capped,
    cap: COUNT_CAP,
    ...pageInfo(list),
    total: counted.total,
    cut: counted.capped || counted.total > COUNT_CAP,
    rows: list.rows.map((r) => ({
      id: r.id,
      on: formatDate(r.createdAt),
      workerId: r.workerId,
      name: r.name,
      idNumber: r.idNumber,
      township: r.townshipName,
      vacancyId: r.vacancyId,
      title: r.title,
      bureau: r.bureauName,
      status: r.status,
      recommended: r.source === 'recommended',
    })),
  }
}

type ApplicationRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<ApplicationRow>[] = [
  { header: '报名日期', label: '日期', cell: (r) => <span className="mono">{r.on}</span> },
  { header: '姓名', cell: (r) => <Link to={`/west/workers/${r.workerId}`}>{r.name}</Link> },
  { header: '身份证号码', cell: (r) => r.idNumber, className: 'mono' },
  { header: '乡镇（街道）', label: '乡镇', cell: (r) => r.township },
  {
    header: '岗位',
    cell: (r) => (
      <>
        <Link to={`/west/jobs/${r.vacancyId}`}>{r.title}</Link> {r.recommended ? <span className="badge">推荐</span> : null}
      </>
    ),
    className: 'wrap',
  },
  { header: '人社局', cell: (r) => r.bureau },
  { header: '状态', cell: (r) => <StatusBadge spec={APPLICATION_STATUS} status={r.status} /> },
]

export default function CountyApplicationsPage() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  const applied = [f.township, f.status].filter(Boolean).length
  const filtered = applied > 0 || f.month !== data.thisMonth
  const monthLabel = data.monthLabel
  return (
    <main className="container page">
      <PageHead title="报名记录" />
      <p className="muted small">本县台账人员的报名，含自己报名和中心推荐的，按报名时间从新到旧排列；月份按北京时间计算。</p>
      <FoldedFilterForm
        values={f}
        search={<FilterMonth label="报名月份" value={f.month} required />}
        summary="筛选：乡镇、状态"
        applied={applied}
        filtered={filtered}
        clearTo="/west/applications"
      >
        <FilterSelect name="township" label="乡镇（街道）" labels={data.townships} value={f.township} />
        <FilterSelect name="status" label="状态" labels={APPLICATION_STATUS_LABELS} value={f.status} />
      </FoldedFilterForm>
      <ListExportBar action="/west/applications/export.xlsx" params={data.exportParams}>
        {monthLabel}
        {applied > 0 ? '符合条件的报名' : '报名'} {data.total}
        {data.capped ? '+' : ''} 条{data.cut ? `，列出最新的 ${data.cap} 条，可按乡镇或状态缩小范围，或导出全部` : ''}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={COLUMNS}
        stacked
        caption="报名记录"
        empty={applied > 0 ? '没有符合条件的报名。' : `${monthLabel}还没有本县人员报名。`}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('报名记录')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
