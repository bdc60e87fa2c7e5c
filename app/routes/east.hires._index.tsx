import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterMonth, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { countBureauMonth, EXPORT_CAP, LIST_CAP, listBureauHires } from '~/models/bureau-outcomes.server'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { shortAreaName } from '~/rules/areas'
import { formatDate } from '~/rules/dates'
import { INDUSTRY_LABELS } from '~/rules/vacancy'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'

// The hires with the bureau's employers (issue 15 §5): the employment records written in a period (?month=YYYY-MM
// or YYYY-MM/YYYY-MM, Asia/Shanghai) or, without one, in all months as the county's /west/hires, newest first —
// the list the bureau dashboard's 录用 figures (人次) link to, as many as they count (the kept bureau_month_counts). A person hired
// twice is two rows. The name as the post's applicants page shows it and the county; no ID number, no phone.

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const search = new URL(args.request.url).searchParams
  // Without a period (清除条件, 改选月份 then none): all months, as the county's /west/hires.
  const month = readPeriodParam(search)
  const thisMonth = shanghaiMonth()
  const { hires: total } = countBureauMonth(actor, month)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: Math.min(total, LIST_CAP),
    // Never more than are left: a short last page must not walk the province's index to its oldest entry.
    rows: (limit, offset) => listBureauHires(actor, month, { limit: Math.min(limit, total - offset), offset }),
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
      employerName: r.employerName,
      vacancyId: r.vacancyId,
      title: r.title,
      industry: INDUSTRY_LABELS[r.industry],
      startDate: r.startDate,
    })),
  }
}

type HireRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<HireRow>[] = [
  { header: '录用日期', label: '录用', cell: (r) => <span className="mono">{r.on}</span> },
  { header: '姓名', cell: (r) => r.name },
  { header: '来源区县', label: '来源', cell: (r) => r.county },
  { header: '用人单位', cell: (r) => r.employerName, className: 'wrap' },
  {
    header: '岗位',
    cell: (r) => (r.vacancyId != null ? <Link to={`/east/jobs/${r.vacancyId}/applicants`}>{r.title}</Link> : '—'),
    className: 'wrap',
  },
  { header: '行业', cell: (r) => r.industry },
  { header: '到岗日期', label: '到岗', cell: (r) => <span className="mono">{r.startDate}</span> },
]

export default function BureauHiresPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <PageHead title="录用人员" />
      <p className="muted small">本局用人单位录用的务工人员（录用时生成的就业记录），按录用时间从新到旧排列；同一人录用两次算两条；月份按北京时间计算。</p>
      <FilterForm values={{ month: data.month }}>
        <FilterMonth label="录用月份" value={data.month} />
        <FilterActions filtered={data.month !== null} clearTo="/east/hires" secondary />
      </FilterForm>
      <ListExportBar action="/east/hires/export.xlsx" params={data.month ? [['month', data.month]] : []}>
        {data.monthLabel}录用 {data.total} 人次{data.cut ? `，列出最新的 ${data.cap} 条，导出可得最新的 ${data.exportCap} 条` : ''}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={COLUMNS}
        stacked
        caption="录用人员"
        empty={`${data.month === null ? '' : data.monthLabel}本局用人单位还没有录用记录。`}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('录用人员')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
