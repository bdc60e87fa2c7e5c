import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterMonth, FilterSearch, FilterSelect, FoldedFilterForm, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { countCountyHires, listCountyHires, needsEmploymentAnswer } from '~/models/county-outcomes.server'
import { openCountyList } from '~/models/county-list.server'
import { getPairingsOfArea } from '~/models/pairing.server'
import { formatDate } from '~/rules/dates'
import { EMPLOYMENT_STATUS_LABELS } from '~/rules/registry'
import { hireFilterParams, monthInWords, readHireFilters } from '~/utils/hire-filters.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

// The hires of the county's people (issue 11 §3): whom the paired bureaus hired, by township, destination
// city, employer and month, newest first, with the export beside it.

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor, search, townships, filters } = await openCountyList(args, readHireFilters)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countCountyHires(actor, filters),
    rows: (limit, offset) => listCountyHires(actor, filters, { limit, offset }),
  })
  return {
    filters,
    monthLabel: filters.month ? monthInWords(filters.month) : null,
    townships,
    cities: getPairingsOfArea(actor.areaCode).map((p) => ({ code: p.cityCode, name: p.cityName })),
    ...pageInfo(list),
    exportParams: [...hireFilterParams(filters).entries()],
    rows: list.rows.map((r) => ({
      id: r.id,
      on: formatDate(r.createdAt),
      workerId: r.workerId,
      name: r.name,
      idNumber: r.idNumber,
      township: r.townshipName,
      employer: r.employerName,
      city: r.cityName,
      post: r.vacancyTitle ?? '—',
      startDate: r.startDate,
      status: EMPLOYMENT_STATUS_LABELS[r.employmentStatus],
      toConfirm: needsEmploymentAnswer(r),
      archived: r.archived,
    })),
  }
}

type HireRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const HIRE_COLUMNS: Column<HireRow>[] = [
  { header: '录用日期', cell: (r) => r.on },
  { header: '姓名', cell: (r) => <Link to={`/west/workers/${r.workerId}`}>{r.name}</Link> },
  { header: '身份证号码', cell: (r) => r.idNumber, className: 'mono' },
  { header: '乡镇（街道）', label: '乡镇', cell: (r) => r.township },
  { header: '用人单位', cell: (r) => r.employer, className: 'wrap' },
  { header: '务工城市', label: '城市', cell: (r) => r.city },
  { header: '岗位', cell: (r) => r.post, className: 'wrap' },
  { header: '到岗日期', cell: (r) => r.startDate },
  {
    header: '台账就业状态',
    label: '就业状态',
    cell: (r) => (
      <>
        {r.status} {r.archived ? <span className="badge">已归档</span> : null}
      </>
    ),
  },
  { header: '状态核对', label: '核对', cell: (r) => (r.toConfirm ? <span className="badge badge--warn">待确认</span> : '—') },
]

export default function HiresPage() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  const applied = [f.township, f.city, f.employer, f.month].filter(Boolean).length
  return (
    <main className="container page">
      <PageHead title="录用人员" />
      <p className="muted small">对口城市人社局在平台上录用的本县台账人员。“待确认”表示录用后台账中的就业状态还没有核对，点姓名进入台账处理。</p>
      <FoldedFilterForm values={f} summary="筛选：乡镇、城市、单位、月份" applied={applied} filtered={applied > 0} clearTo="/west/hires">
        <FilterSelect name="township" label="乡镇（街道）" labels={data.townships} value={f.township} />
        <FilterSelect name="city" label="务工城市" labels={data.cities} value={f.city} />
        <FilterSearch name="employer" label="用人单位" value={f.employer ?? ''} placeholder="单位名称中的字" />
        <FilterMonth label="录用月份" value={f.month} />
      </FoldedFilterForm>
      <ListExportBar action="/west/hires/export.xlsx" params={data.exportParams} full>
        {data.monthLabel ? `${data.monthLabel}录用，` : ''}
        {applied > (data.monthLabel ? 1 : 0) ? '符合条件' : '共'} {data.total} 人次
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={HIRE_COLUMNS}
        stacked
        caption="录用人员"
        empty={applied > 0 ? '没有符合条件的录用记录。' : '还没有本县人员被录用的记录。'}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('录用人员')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
