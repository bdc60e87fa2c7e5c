import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterMonth, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { countOfficePeople, LIST_CAP, listOfficePeople } from '~/models/office-people.server'
import { shortAreaName } from '~/rules/areas'
import { formatDate, formatDateTime } from '~/rules/dates'
import { PEOPLE_KINDS, PEOPLE_LISTS, readPeopleKind } from '~/rules/office-people'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'

// The people behind the bureau dashboard's figures that count each person once (issue 15 §1, §5): 录用 (人),
// 乘车 and 到岗确认, one row per person (app/models/office-people.server.ts), as many as the figure. The name and
// county as /east/hires shows them: no ID number, no phone. ?kind= hired|boarded|arrived (anything else: hired);
// ?month= a period, dropped when it does not parse (all months).

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const search = new URL(args.request.url).searchParams
  const kind = readPeopleKind(search.get('kind'))
  const month = readPeriodParam(search)
  const total = countOfficePeople(actor, kind, month)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: Math.min(total, LIST_CAP),
    rows: (limit, offset) => listOfficePeople(actor, kind, month, { limit, offset }),
  })
  return {
    kind,
    month,
    monthLabel: month === null ? '全部月份' : month === shanghaiMonth() ? '本月' : monthInWords(month),
    ...pageInfo(list),
    total,
    cut: total > LIST_CAP,
    cap: LIST_CAP,
    rows: list.rows.map((r) => ({
      id: r.workerId,
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
  const words = PEOPLE_LISTS[data.kind]
  const monthParam = data.month ? `&month=${data.month}` : ''
  return (
    <main className="container page">
      <PageHead title={words.title} />
      <p className="muted small">工作台上按人统计的数字背后的人员，一人一行（同一人录用或乘车多次只算一次）；包车为开往本市的车次；月份按北京时间计算。</p>
      <nav className="tabs" aria-label="名单">
        {PEOPLE_KINDS.map((k) => (
          <Link key={k} className="tabs__tab" to={`/east/people?kind=${k}${monthParam}`} aria-current={k === data.kind ? 'page' : undefined}>
            {PEOPLE_LISTS[k].counted}
          </Link>
        ))}
      </nav>
      <FilterForm values={{ kind: data.kind, month: data.month }}>
        <input type="hidden" name="kind" value={data.kind} />
        <FilterMonth label={words.monthLabel} value={data.month} />
        <FilterActions filtered={data.month !== null} clearTo={`/east/people?kind=${data.kind}`} secondary />
      </FilterForm>
      <ListExportBar action="/east/people/export.xlsx" params={[['kind', data.kind], ...(data.month ? [['month', data.month] as [string, string]] : [])]}>
        {data.monthLabel}
        {words.counted} {data.total} 人{data.cut ? `，列出前 ${data.cap} 人，导出可得全部` : ''}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={COLUMNS[data.kind]}
        stacked
        caption={words.title}
        empty={`${data.month === null ? '' : data.monthLabel}没有${words.counted}人员。`}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('人员名单')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
