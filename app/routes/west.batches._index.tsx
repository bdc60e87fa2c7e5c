import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterMonth, FilterSelect, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countBatchesForCounty, listBatchesForCounty } from '~/models/batch-read.server'
import { BATCH_STATE } from '~/rules/batch'
import { shortAreaName } from '~/rules/areas'
import { statusLabels } from '~/rules/status'
import { requireActor } from '~/utils/auth.server'
import { readBatchFilters } from '~/utils/batch-filters.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords } from '~/utils/month-filters.server'

// The county's batches (包车批次, issue 12 §2): latest departure first, by state, with seats taken of the
// buses' seats and the waitlist. A state is not personal data, so the filter sits in the URL. So does 发车月份
// (`month=YYYY-MM`): the batches that left in that month — departed or arrived, departure day in the month —
// the list the county dashboard's 包车批次 figure links to, as long as the figure (issue 15 §5).

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const filters = readBatchFilters(search)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countBatchesForCounty(actor, filters),
    rows: (limit, offset) => listBatchesForCounty(actor, filters, { limit, offset }),
  })
  return {
    ...filters,
    monthLabel: filters.month ? monthInWords(filters.month) : null,
    exportParams: Object.entries(filters).filter((e): e is [string, string] => e[1] != null),
    ...pageInfo(list),
    rows: list.rows.map((r) => ({ ...r, cityName: shortAreaName(r.cityName) })),
  }
}

type BatchRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<BatchRow>[] = [
  {
    header: '发车时间',
    cell: (r) => (
      <Link to={`/west/batches/${r.id}`} className="mono">
        {r.departureDate} {r.departureTime}
      </Link>
    ),
  },
  { header: '目的地', cell: (r) => r.cityName },
  { header: '集合地点', cell: (r) => r.pickupName, className: 'wrap' },
  { header: '占座 / 座位', label: '占座', cell: (r) => `${r.seated} / ${r.capacity}`, num: true },
  { header: '候补', cell: (r) => r.waitlisted, num: true },
  { header: '状态', cell: (r) => <StatusBadge spec={BATCH_STATE} status={r.state} /> },
]

export default function BatchesPage() {
  const data = useLoaderData<typeof loader>()
  const filtered = data.state != null || data.month != null
  return (
    <main className="container page">
      <PageHead title="包车批次">
        <Link to="/west/batches/new" className="button">
          新建批次
        </Link>
      </PageHead>
      <FilterForm values={{ state: data.state, month: data.month }}>
        <FilterSelect name="state" label="状态" labels={statusLabels(BATCH_STATE)} value={data.state} />
        <FilterMonth label="发车月份（已发车的）" value={data.month} />
        <FilterActions filtered={filtered} clearTo="/west/batches" secondary />
      </FilterForm>
      {data.monthLabel ? <p className="muted small">按发车月份只列出已发车和已抵达的批次（发车日期在{data.monthLabel}），与首页的包车批次统计一致。</p> : null}
      <ListExportBar action="/west/batches/export.xlsx" params={data.exportParams}>
        {data.monthLabel ? `${data.monthLabel}发车的批次` : '共'} {data.total} 个{data.monthLabel ? '' : '批次'}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={COLUMNS}
        stacked
        empty={
          data.monthLabel
            ? `${data.monthLabel}没有${data.state ? '这个状态的' : ''}已发车批次。`
            : data.state
              ? '没有这个状态的批次。'
              : '还没有包车批次。点“新建批次”，填写集合地点、发车时间和车辆。'
        }
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('包车批次')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
