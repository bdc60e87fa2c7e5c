import type { ReactNode } from 'react'
import { Link } from '@remix-run/react'
import { BackLink } from './back-link'
import { DataTable, type Column } from './data-table'
import { FilterActions, FilterForm, FilterMonth, ListExportBar } from './list-filters'
import { PageHead } from './page-head'
import { Pager } from './pager'
import { PEOPLE_KINDS, PEOPLE_LISTS, type PeopleKind } from '~/rules/office-people'

/** What every people list row shows after the person: the hire, or the batch and the moment of the mark. */
type PersonEvent = {
  hiredOn: string | null
  employerName: string | null
  batchId: number | null
  departure: string | null
  route: string | null
  at: string | null
}

/**
 * Each kind's columns: the side's `person` columns (who), then the hire (first date, employer) or the batch
 * (linked by `batchHref`, its route, the moment of the 上车 or 到岗 mark).
 */
export function peopleColumns<Row extends PersonEvent>(person: Column<Row>[], batchHref: (batchId: number) => string): Record<PeopleKind, Column<Row>[]> {
  const batch = (moment: string): Column<Row>[] => [
    ...person,
    { header: '车次（发车时间）', label: '车次', cell: (r) => (r.batchId != null ? <Link to={batchHref(r.batchId)}>{r.departure}</Link> : '—') },
    { header: '线路', cell: (r) => r.route ?? '—', className: 'wrap' },
    { header: moment, cell: (r) => <span className="mono">{r.at ?? '—'}</span> },
  ]
  return {
    hired: [
      ...person,
      { header: '首次录用日期', label: '录用', cell: (r) => <span className="mono">{r.hiredOn ?? '—'}</span> },
      { header: '用人单位', cell: (r) => r.employerName ?? '—', className: 'wrap' },
    ],
    boarded: batch('上车登记时间'),
    arrived: batch('到岗确认时间'),
  }
}

/** What a people list page's loader hands the list (officePeoplePage's figures, the rows in the side's shape). */
export type OfficePeopleListData<Row> = {
  kind: PeopleKind
  month: string | null
  monthLabel: string
  total: number
  cut: boolean
  cap: number
  exportCut: boolean
  exportCap: string
  page: number
  pageCount: number
  rows: Row[]
}

/**
 * A people list behind a dashboard's figure (issue 15 §1, §5), either side: the three kinds as tabs, the period
 * filter, the count with the export, the table and the pager, under a link back to the home whose figures it
 * counts. Takes the list's base path (`/east/people`; the home is its first segment), a line saying whose people
 * these are, the loader's data and the side's columns for each kind.
 */
export function OfficePeopleList<Row extends { id: number }>({
  base,
  intro,
  data,
  columns,
}: {
  base: string
  intro: ReactNode
  data: OfficePeopleListData<Row>
  columns: Record<PeopleKind, Column<Row>[]>
}) {
  const words = PEOPLE_LISTS[data.kind]
  const monthParam = data.month ? `&month=${data.month}` : ''
  return (
    <main className="container page">
      <BackLink to={base.slice(0, base.indexOf('/', 1))}>返回工作台</BackLink>
      <PageHead title={words.title} />
      <p className="muted small">{intro}</p>
      <nav className="tabs" aria-label="名单">
        {PEOPLE_KINDS.map((k) => (
          <Link key={k} className="tabs__tab" to={`${base}?kind=${k}${monthParam}`} aria-current={k === data.kind ? 'page' : undefined}>
            {PEOPLE_LISTS[k].counted}
          </Link>
        ))}
      </nav>
      <FilterForm values={{ kind: data.kind, month: data.month }}>
        <input type="hidden" name="kind" value={data.kind} />
        <FilterMonth label={words.monthLabel} value={data.month} />
        <FilterActions filtered={data.month !== null} clearTo={`${base}?kind=${data.kind}`} secondary />
      </FilterForm>
      <ListExportBar action={`${base}/export.xlsx`} params={[['kind', data.kind], ...(data.month ? [['month', data.month] as [string, string]] : [])]}>
        {data.monthLabel}
        {words.counted} {data.total} 人{data.cut ? `，列出前 ${data.cap} 人，导出可得${data.exportCut ? `前 ${data.exportCap} 人` : '全部'}` : ''}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={columns[data.kind]}
        stacked
        caption={words.title}
        empty={`${data.month === null ? '' : data.monthLabel}没有${words.counted}人员。`}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}
