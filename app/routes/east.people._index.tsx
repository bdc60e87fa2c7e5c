import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { Column } from '~/components/data-table'
import { OfficePeopleList } from '~/components/office-people-list'
import { officePeoplePage } from '~/models/office-people.server'
import { shortAreaName } from '~/rules/areas'
import { formatDate, formatDateTime } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

// The people behind the bureau dashboard's figures that count each person once (issue 15 §1, §5): 录用 (人),
// 乘车 and 到岗确认, one row per person (app/models/office-people.server.ts), as many as the figure. The name and
// county as /east/hires shows them: no ID number, no phone, and no ledger row's id (rows are keyed by position).

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const { people, offset, ...page } = officePeoplePage(actor, new URL(args.request.url).searchParams)
  return {
    ...page,
    rows: people.map((r, i) => ({
      id: offset + i,
      name: r.name,
      county: shortAreaName(r.place),
      hiredOn: r.hiredAt == null ? null : formatDate(r.hiredAt),
      employerName: r.employerName,
      batchId: r.batchId,
      departure: r.departureDate ? `${r.departureDate} ${r.departureTime}` : null,
      route: r.route,
      at: r.at == null ? null : formatDateTime(r.at),
    })),
  }
}

type PersonRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const PERSON: Column<PersonRow>[] = [
  { header: '姓名', cell: (r) => r.name },
  { header: '来源区县', label: '来源', cell: (r) => r.county },
]

const HIRED: Column<PersonRow>[] = [
  ...PERSON,
  { header: '首次录用日期', label: '录用', cell: (r) => <span className="mono">{r.hiredOn ?? '—'}</span> },
  { header: '用人单位', cell: (r) => r.employerName ?? '—', className: 'wrap' },
]

const batchColumns = (moment: string): Column<PersonRow>[] => [
  ...PERSON,
  {
    header: '车次（发车时间）',
    label: '车次',
    cell: (r) => (r.batchId != null ? <Link to={`/east/arrivals/${r.batchId}`}>{r.departure}</Link> : '—'),
  },
  { header: '线路', cell: (r) => r.route ?? '—', className: 'wrap' },
  { header: moment, cell: (r) => <span className="mono">{r.at ?? '—'}</span> },
]

const COLUMNS = { hired: HIRED, boarded: batchColumns('上车登记时间'), arrived: batchColumns('到岗确认时间') }

export default function BureauPeoplePage() {
  const data = useLoaderData<typeof loader>()
  return (
    <OfficePeopleList
      base="/east/people"
      intro="工作台上按人统计的数字背后的人员，一人一行（同一人录用或乘车多次只算一次）；包车为开往本市的车次；月份按北京时间计算。"
      data={data}
      columns={COLUMNS}
    />
  )
}

export const meta = pageTitle('人员名单')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
