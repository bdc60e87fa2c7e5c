import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FilterActions, FilterForm, FilterSearch, FilterSelect } from '~/components/list-filters'
import { Pager } from '~/components/pager'
import { listTownships } from '~/models/area.server'
import { countWorkers, listWorkers } from '~/models/worker.server'
import { todayInShanghai } from '~/rules/dates'
import { ageOn } from '~/rules/id-number'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, SEX_LABELS } from '~/rules/registry'
import { requireActor } from '~/utils/auth.server'
import { pageParam, paginate, parseListParams } from '~/utils/list'
import { readRegistryFilters, registryFilterParams, registryFilterParamsFromForm } from '~/utils/registry-filters.server'
import { pageTitle } from '~/utils/meta'

const PAGE_SIZE = 20
const ACCOUNT_LABELS = { linked: '已关联', none: '未关联' }

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const { q, ...filters } = readRegistryFilters(search, actor)
  const { page } = parseListParams(search, { page: pageParam })
  const list = paginate({
    page: page ?? 1,
    pageSize: PAGE_SIZE,
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
    },
    townships: listTownships(actor.areaCode),
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
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

export default function RegistryPage() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  const filtered = Boolean(f.q || f.township || f.household || f.employmentStatus || f.employmentNeed || f.account)
  return (
    <main className="container page">
      <div className="page-head">
        <h1>务工人员台账</h1>
        <div className="actions">
          <Link to="/west/workers/new" className="button">
            新增
          </Link>
          <Link to="/west/workers/import" className="button button--secondary">
            批量导入
          </Link>
        </div>
      </div>

      <FilterForm method="post" values={f}>
        <FilterSearch label="查找" value={f.q} placeholder="姓名、身份证后几位或手机号" />
        <FilterSelect name="township" label="乡镇（街道）" labels={data.townships} value={f.township} />
        <FilterSelect name="household" label="户类型" labels={HOUSEHOLD_LABELS} value={f.household} />
        <FilterSelect name="employmentStatus" label="就业状态" labels={EMPLOYMENT_STATUS_LABELS} value={f.employmentStatus} />
        <FilterSelect name="employmentNeed" label="就业需求" labels={EMPLOYMENT_NEED_LABELS} value={f.employmentNeed} />
        <FilterSelect name="account" label="登录账号" labels={ACCOUNT_LABELS} value={f.account} />
        <FilterActions filtered={filtered} clearTo="/west/workers" />
      </FilterForm>

      <div className="pager">
        <p className="muted" aria-live="polite">
          {filtered ? '符合条件' : '共'} {data.total} 人
        </p>
        <form method="get" action="/west/workers/export.xlsx" className="export-form">
          {data.exportParams.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <label className="checkbox small">
            <input type="checkbox" name="full" value="1" /> 完整信息（将记录）
          </label>
          <button type="submit" className="button button--secondary button--small">
            导出 Excel
          </button>
        </form>
      </div>

      {data.rows.length === 0 ? (
        <p className="card muted">{filtered ? '没有符合条件的人员，请调整查询条件。' : '台账还是空的，可以新增或批量导入。'}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">性别年龄</th>
                <th scope="col">身份证号码</th>
                <th scope="col">手机号码</th>
                <th scope="col">户籍地</th>
                <th scope="col">户类型</th>
                <th scope="col">就业状态</th>
                <th scope="col">就业需求</th>
                <th scope="col">账号</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/west/workers/${r.id}`}>{r.name}</Link>
                  </td>
                  <td>{r.sexAge}</td>
                  <td className="mono">{r.idNumber}</td>
                  <td className="mono">{r.phone}</td>
                  <td>{r.place}</td>
                  <td>{r.household}</td>
                  <td>{r.employmentStatus}</td>
                  <td>{r.employmentNeed}</td>
                  <td>{r.linked ? <span className="badge badge--ok">已关联</span> : <span className="badge">无</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('务工人员台账')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
