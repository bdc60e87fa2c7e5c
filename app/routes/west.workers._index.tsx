import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterSearch, FilterSelect, FoldedFilterForm, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { openCountyList } from '~/models/county-list.server'
import { countWorkers, listWorkers } from '~/models/worker.server'
import { todayInShanghai } from '~/rules/dates'
import { ageOn } from '~/rules/id-number'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, SEX_LABELS } from '~/rules/registry'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { readRegistryFilters, registryFilterParams, registryFilterParamsFromForm } from '~/utils/registry-filters.server'
import { pageTitle } from '~/utils/meta'

const PAGE_SIZE = 20
const ACCOUNT_LABELS = { linked: '已关联', none: '未关联' }
/** The ledger's rows in the list by default; archived ones (issue 11 §2) only when asked for. */
const STATE_LABELS = { archived: '已归档' }

export async function loader(args: LoaderFunctionArgs) {
  const {
    actor,
    search,
    townships,
    filters: { q, ...filters },
  } = await openCountyList(args, (s, _, a) => readRegistryFilters(s, a))
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countWorkers(actor, filters),
    rows: (limit, offset) => listWorkers(actor, filters, { limit, offset }),
  })
  const today = todayInShanghai()
  return {
    filters: {
      q,
      township: filters.township,
      household: filters.household,
      employmentStatus: filters.employmentStatus,
      employmentNeed: filters.employmentNeed,
      account: filters.account,
      state: filters.state,
    },
    townships,
    ...pageInfo(list),
    exportParams: [...registryFilterParams({ ...filters, q }, actor).entries()],
    rows: list.rows.map((r) => ({
      id: r.id,
      name: r.name,
      sexAge: `${SEX_LABELS[r.sex]} · ${ageOn(r.birthDate, today)}岁`,
      idNumber: r.idNumberMasked,
      phone: r.phoneMasked ?? '—',
      place: [r.townshipName, r.villageName].filter(Boolean).join(' '),
      household: HOUSEHOLD_LABELS[r.householdStatus],
      employmentStatus: EMPLOYMENT_STATUS_LABELS[r.employmentStatus],
      employmentNeed: EMPLOYMENT_NEED_LABELS[r.employmentNeed],
      linked: r.userId != null,
    })),
  }
}

/**
 * The search form posts here so that what was typed (perhaps a phone number or ID tail) never lands in
 * the URL; the filters come back as a URL with the search sealed (Post/Redirect/Get).
 */
export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const clean = registryFilterParamsFromForm(await args.request.formData(), actor)
  throw redirect(`/west/workers${clean.size > 0 ? `?${clean}` : ''}`)
}

type WorkerRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const WORKER_COLUMNS: Column<WorkerRow>[] = [
  { header: '姓名', cell: (r) => <Link to={`/west/workers/${r.id}`}>{r.name}</Link> },
  { header: '性别年龄', cell: (r) => r.sexAge },
  { header: '身份证号码', cell: (r) => r.idNumber, className: 'mono' },
  { header: '手机号码', cell: (r) => r.phone, className: 'mono' },
  { header: '户籍地', cell: (r) => r.place },
  { header: '户类型', cell: (r) => r.household },
  { header: '就业状态', cell: (r) => r.employmentStatus },
  { header: '就业需求', cell: (r) => r.employmentNeed },
  { header: '账号', cell: (r) => (r.linked ? <span className="badge badge--ok">已关联</span> : <span className="badge">无</span>) },
]

export default function RegistryPage() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  const applied = [f.township, f.household, f.employmentStatus, f.employmentNeed, f.account, f.state].filter(Boolean).length
  const filtered = Boolean(f.q) || applied > 0
  return (
    <main className="container page">
      <PageHead title={f.state === 'archived' ? '务工人员台账 · 已归档' : '务工人员台账'}>
        <Link to="/west/workers/new" className="button">
          新增
        </Link>
        <Link to="/west/workers/import" className="button button--secondary">
          批量导入
        </Link>
        <Link to="/west/imports" className="button button--secondary">
          导入记录
        </Link>
      </PageHead>

      <FoldedFilterForm
        method="post"
        values={f}
        search={<FilterSearch label="查找" value={f.q} placeholder="姓名、身份证后几位或手机号" />}
        summary="筛选：乡镇、户类型、就业状态等"
        applied={applied}
        filtered={filtered}
        clearTo="/west/workers"
      >
        <FilterSelect name="township" label="乡镇（街道）" labels={data.townships} value={f.township} />
        <FilterSelect name="household" label="户类型" labels={HOUSEHOLD_LABELS} value={f.household} />
        <FilterSelect name="employmentStatus" label="就业状态" labels={EMPLOYMENT_STATUS_LABELS} value={f.employmentStatus} />
        <FilterSelect name="employmentNeed" label="就业需求" labels={EMPLOYMENT_NEED_LABELS} value={f.employmentNeed} />
        <FilterSelect name="account" label="登录账号" labels={ACCOUNT_LABELS} value={f.account} />
        <FilterSelect name="state" label="台账状态" labels={STATE_LABELS} value={f.state} placeholder="在册" />
      </FoldedFilterForm>

      <ListExportBar action="/west/workers/export.xlsx" params={data.exportParams} full>
        {filtered ? '符合条件' : '共'} {data.total} 人
      </ListExportBar>

      <DataTable
        rows={data.rows}
        columns={WORKER_COLUMNS}
        stacked
        empty={filtered ? '没有符合条件的人员，请调整查询条件。' : '台账还是空的，可以新增或批量导入。'}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('务工人员台账')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
