import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterMonth, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countArrivalsForBureau, listArrivalsForBureau } from '~/models/arrival.server'
import { shortAreaName } from '~/rules/areas'
import { BATCH_STATE } from '~/rules/batch'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'

// 到岗接收 (issue 12 §7): the batches heading to the bureau's city from the moment they open — date, sending
// county, headcount seated, employers, escort and phone, arrival marks so far — each linking to its masked
// manifest, where the bureau confirms arrivals after departure. 发车月份 (`month=YYYY-MM`) lists the batches
// that left for the city in that month (departed or arrived, departure day in the month): the list the
// bureau dashboard's 包车批次 figure links to, as long as the figure (issue 15 §5).

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const search = new URL(args.request.url).searchParams
  const month = readPeriodParam(search)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countArrivalsForBureau(actor, { month }),
    rows: (limit, offset) => listArrivalsForBureau(actor, { month }, { limit, offset }),
  })
  return {
    month,
    monthLabel: month ? monthInWords(month) : null,
    exportParams: month ? [['month', month] as [string, string]] : [],
    ...pageInfo(list),
    rows: list.rows.map((r) => ({ ...r, countyName: shortAreaName(r.countyName) })),
  }
}

type ArrivalRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<ArrivalRow>[] = [
  {
    header: '发车时间',
    cell: (r) => (
      <Link to={`/east/arrivals/${r.id}`} className="mono">
        {r.departureDate} {r.departureTime}
      </Link>
    ),
  },
  { header: '输出地', cell: (r) => r.countyName },
  { header: '人数', cell: (r) => r.seated, num: true },
  { header: '用人单位', cell: (r) => r.employers ?? '—', className: 'wrap' },
  {
    header: '带队干部',
    cell: (r) => (
      <>
        {r.escortName}{' '}
        <a className="mono" href={`tel:${r.escortPhone}`}>
          {r.escortPhone}
        </a>
      </>
    ),
  },
  { header: '到岗 / 未到岗', label: '到岗', cell: (r) => (r.arrived + r.missing > 0 ? `${r.arrived} / ${r.missing}` : '—'), num: true },
  { header: '状态', cell: (r) => <StatusBadge spec={BATCH_STATE} status={r.state} /> },
]

export default function ArrivalsPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <PageHead title="到岗接收" />
      <p className="muted small">开往本市的包车批次，开放报名起即可看到。发车后在乘车名单上逐人确认到岗或标记未到岗。</p>
      <FilterForm values={{ month: data.month }}>
        <FilterMonth label="发车月份（已发车的）" value={data.month} />
        <FilterActions filtered={data.month != null} clearTo="/east/arrivals" secondary />
      </FilterForm>
      {data.monthLabel ? <p className="muted small">按发车月份只列出已发车和已抵达的批次（发车日期在{data.monthLabel}），与首页的包车批次统计一致。</p> : null}
      <ListExportBar action="/east/arrivals/export.xlsx" params={data.exportParams}>
        {data.monthLabel ? `${data.monthLabel}发车的批次` : '共'} {data.total} 个{data.monthLabel ? '' : '批次'}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={COLUMNS}
        stacked
        empty={data.monthLabel ? `${data.monthLabel}没有开往本市的已发车批次。` : '还没有开往本市的批次。'}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('到岗接收')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
