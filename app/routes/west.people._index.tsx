import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterMonth, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { openCountyList } from '~/models/county-list.server'
import { countOfficePeople, LIST_CAP, listOfficePeople } from '~/models/office-people.server'
import { formatDate, formatDateTime } from '~/rules/dates'
import { PEOPLE_KINDS, PEOPLE_LISTS, readPeopleKind, type PeopleKind } from '~/rules/office-people'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'

// The people behind the county dashboard's figures that count each person once (issue 15 §1, §5): 录用 (人),
// 乘车 and 到岗确认, one row per person (app/models/office-people.server.ts), as many as the figure. The county's
// own people only, named and with the masked ID number as /west/hires shows them, and their township.
// ?kind= hired|boarded|arrived (anything else: hired); ?month= a period, dropped when it does not parse.

const PAGE_SIZE = 20

function readPeopleFilters(search: URLSearchParams): { kind: PeopleKind; month: string | null } {
  return { kind: readPeopleKind(search.get('kind')), month: readPeriodParam(search) }
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor, search, filters } = await openCountyList(args, readPeopleFilters)
  const { kind, month } = filters
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
      idNumber: r.idNumberMasked,
      township: r.place,
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
  { header: '姓名', cell: (r) => <Link to={`/west/workers/${r.id}`}>{r.name}</Link> },
  { header: '身份证号码', cell: (r) => r.idNumber, className: 'mono' },
  { header: '乡镇（街道）', label: '乡镇', cell: (r) => r.township },
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
    cell: (r) => (r.batchId != null ? <Link to={`/west/batches/${r.batchId}`}>{r.departure}</Link> : '—'),
  },
  { header: '线路', cell: (r) => r.route ?? '—', className: 'wrap' },
  { header: moment, cell: (r) => <span className="mono">{r.at ?? '—'}</span> },
]

const COLUMNS = { hired: HIRED, boarded: batchColumns('上车登记时间'), arrived: batchColumns('到岗确认时间') }

export default function CountyPeoplePage() {
  const data = useLoaderData<typeof loader>()
  const words = PEOPLE_LISTS[data.kind]
  const monthParam = data.month ? `&month=${data.month}` : ''
  return (
    <main className="container page">
      <PageHead title={words.title} />
      <p className="muted small">工作台上按人统计的数字背后的本县人员，一人一行（同一人录用或乘车多次只算一次）；包车为本县的车次；月份按北京时间计算。</p>
      <nav className="tabs" aria-label="名单">
        {PEOPLE_KINDS.map((k) => (
          <Link key={k} className="tabs__tab" to={`/west/people?kind=${k}${monthParam}`} aria-current={k === data.kind ? 'page' : undefined}>
            {PEOPLE_LISTS[k].counted}
          </Link>
        ))}
      </nav>
      <FilterForm values={{ kind: data.kind, month: data.month }}>
        <input type="hidden" name="kind" value={data.kind} />
        <FilterMonth label={words.monthLabel} value={data.month} />
        <FilterActions filtered={data.month !== null} clearTo={`/west/people?kind=${data.kind}`} secondary />
      </FilterForm>
      <ListExportBar action="/west/people/export.xlsx" params={[['kind', data.kind], ...(data.month ? [['month', data.month] as [string, string]] : [])]}>
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
