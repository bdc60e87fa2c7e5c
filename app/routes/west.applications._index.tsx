import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterSelect } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { listTownships } from '~/models/area.server'
import { COUNT_CAP, countCountyApplications, listCountyApplications, type CountyApplicationFilters } from '~/models/county-applications.server'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { APPLICATION_STATUS, APPLICATION_STATUS_LABELS } from '~/rules/application'
import { APPLICATION_STATUSES } from '~/rules/application-enums'
import { formatDate } from '~/rules/dates'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch, parseListParams } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

// The applications of the county's people (issue 11 §3): the list the home's 本月报名 figure counts, by
// month (Asia/Shanghai, this month unless another is asked for), township and status, newest first. None
// of the filters is personal data, so they sit in the URL; ID numbers are masked.

const PAGE_SIZE = 20

const PARAMS = {
  month: z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/),
  township: z.string().regex(/^\d{9}$/),
  status: z.enum(APPLICATION_STATUSES),
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const p = parseListParams(search, PARAMS)
  const townships = listTownships(actor.areaCode)
  // A township of another county finds nobody, so it is dropped like any value that does not parse.
  const township = p.township && townships.some((t) => t.code === p.township) ? p.township : null
  const filters: CountyApplicationFilters = { month: p.month ?? shanghaiMonth(), township, status: p.status ?? null }
  const counted = countCountyApplications(actor, filters)
  // The newest COUNT_CAP are listed; the figure above the list stays the full count (the home's).
  const list = paginateSearch(search, PAGE_SIZE, {
    total: Math.min(counted.total, COUNT_CAP),
    rows: (limit, offset) => listCountyApplications(actor, filters, { limit, offset }),
  })
  return {
    filters,
    thisMonth: shanghaiMonth(),
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
  const filtered = Boolean(f.township || f.status || f.month !== data.thisMonth)
  const monthLabel = f.month === data.thisMonth ? '本月' : `${f.month.replace('-', ' 年 ')} 月`
  return (
    <main className="container page">
      <PageHead title="报名记录" />
      <p className="muted small">本县台账人员的报名，含自己报名和中心推荐的，按报名时间从新到旧排列；月份按北京时间计算。</p>
      <FilterForm values={f}>
        <div className="field">
          <label htmlFor="month">报名月份</label>
          <input id="month" name="month" type="month" defaultValue={f.month} required />
        </div>
        <FilterSelect name="township" label="乡镇（街道）" labels={data.townships} value={f.township} />
        <FilterSelect name="status" label="状态" labels={APPLICATION_STATUS_LABELS} value={f.status} />
        <FilterActions filtered={filtered} clearTo="/west/applications" />
      </FilterForm>
      <p className="muted" aria-live="polite">
        {monthLabel}
        {f.township || f.status ? '符合条件的报名' : '报名'} {data.total}
        {data.capped ? '+' : ''} 条{data.cut ? `，列出最新的 ${data.cap} 条，可按乡镇或状态缩小范围` : ''}
      </p>
      <DataTable
        rows={data.rows}
        columns={COLUMNS}
        stacked
        caption="报名记录"
        empty={f.township || f.status ? '没有符合条件的报名。' : `${monthLabel}还没有本县人员报名。`}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('报名记录')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
