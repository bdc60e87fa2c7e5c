import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterSelect } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countBatchesForCounty, listBatchesForCounty } from '~/models/batch-read.server'
import { BATCH_STATE, BATCH_STATES } from '~/rules/batch'
import { shortAreaName } from '~/rules/areas'
import { statusLabels } from '~/rules/status'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch, parseListParams } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

// The county's batches (包车批次, issue 12 §2): latest departure first, by state, with seats taken of the
// buses' seats and the waitlist. A state is not personal data, so the filter sits in the URL.

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const state = parseListParams(search, { state: z.enum(BATCH_STATES) }).state ?? null
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countBatchesForCounty(actor, { state }),
    rows: (limit, offset) => listBatchesForCounty(actor, { state }, { limit, offset }),
  })
  return { state, ...pageInfo(list), rows: list.rows.map((r) => ({ ...r, cityName: shortAreaName(r.cityName) })) }
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
  return (
    <main className="container page">
      <PageHead title="包车批次">
        <Link to="/west/batches/new" className="button">
          新建批次
        </Link>
      </PageHead>
      <FilterForm values={data.state}>
        <FilterSelect name="state" label="状态" labels={statusLabels(BATCH_STATE)} value={data.state} />
        <FilterActions filtered={data.state != null} clearTo="/west/batches" secondary />
      </FilterForm>
      <p className="muted" aria-live="polite">
        共 {data.total} 个批次
      </p>
      <DataTable
        rows={data.rows}
        columns={COLUMNS}
        stacked
        empty={data.state ? '没有这个状态的批次。' : '还没有包车批次。点“新建批次”，填写集合地点、发车时间和车辆。'}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('包车批次')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
