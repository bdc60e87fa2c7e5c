import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { LabelOptions } from '~/components/forms'
import { listTownships } from '~/models/area.server'
import { listWorkers } from '~/models/worker.server'
import { ageOn } from '~/rules/id-number'
import { todayInShanghai } from '~/rules/dates'
import {
  EMPLOYMENT_NEED_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  HOUSEHOLD_LABELS,
  SEX_LABELS,
} from '~/rules/registry'
import { requireUser } from '~/utils/auth.server'
import { readRegistryFilters, registryFilterParams, registryFilterParamsFromForm } from '~/utils/registry-filters.server'
import { LegacyPager } from '~/components/pager'

const PAGE_SIZE = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const url = new URL(request.url)
  const filters = readRegistryFilters(url, user.organisation.id)
  const { rows, total, page, pages } = listWorkers(user.organisation.id, filters, { page: filters.page, pageSize: PAGE_SIZE })
  const today = todayInShanghai()
  const base = { ...filters, page: null }
  const linkTo = (page: number) => `?${registryFilterParams({ ...base, page }, user.organisation.id)}`
  const imported = Number.parseInt(url.searchParams.get('imported') ?? '', 10)
  return {
    filters: { q: filters.q, township: filters.township, household: filters.household, employmentStatus: filters.employmentStatus, employmentNeed: filters.employmentNeed, account: filters.account },
    townships: listTownships(user.organisation.areaCode),
    total,
    page,
    pages,
    prev: page > 1 ? linkTo(page - 1) : null,
    next: page < pages ? linkTo(page + 1) : null,
    exportParams: [...registryFilterParams(base, user.organisation.id).entries()],
    imported: Number.isFinite(imported) && imported > 0 ? imported : null,
    rows: rows.map((r) => ({
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
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const clean = registryFilterParamsFromForm(await request.formData(), user.organisation.id)
  throw redirect(`/west/workers${clean.size > 0 ? `?${clean}` : ''}`)
}

export default function RegistryPage() {
  const data = useLoaderData<typeof loader>()
  const navigation = useNavigation()
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
      {data.imported ? (
        <p className="notice notice--ok" role="status">
          已导入 {data.imported} 条记录。
        </p>
      ) : null}

      <Form method="post" className="card filters" key={JSON.stringify(f)}>
        <div className="field">
          <label htmlFor="q">查找</label>
          <input id="q" name="q" type="search" defaultValue={f.q} placeholder="姓名、身份证后几位或手机号" maxLength={40} />
        </div>
        <div className="field">
          <label htmlFor="township">乡镇（街道）</label>
          <select id="township" name="township" defaultValue={f.township ?? ''}>
            <option value="">全部</option>
            {data.townships.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="household">户类型</label>
          <select id="household" name="household" defaultValue={f.household ?? ''}>
            <LabelOptions labels={HOUSEHOLD_LABELS} placeholder="全部" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="employmentStatus">就业状态</label>
          <select id="employmentStatus" name="employmentStatus" defaultValue={f.employmentStatus ?? ''}>
            <LabelOptions labels={EMPLOYMENT_STATUS_LABELS} placeholder="全部" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="employmentNeed">就业需求</label>
          <select id="employmentNeed" name="employmentNeed" defaultValue={f.employmentNeed ?? ''}>
            <LabelOptions labels={EMPLOYMENT_NEED_LABELS} placeholder="全部" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="account">登录账号</label>
          <select id="account" name="account" defaultValue={f.account ?? ''}>
            <LabelOptions labels={{ linked: '已关联', none: '未关联' }} placeholder="全部" />
          </select>
        </div>
        <div className="actions filters__actions">
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            查询
          </button>
          {filtered ? (
            <Link to="/west/workers" className="button button--secondary">
              清除条件
            </Link>
          ) : null}
        </div>
      </Form>

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
      <LegacyPager page={data.page} pages={data.pages} prev={data.prev} next={data.next} />
    </main>
  )
}

export const meta: MetaFunction = () => [{ title: '务工人员台账 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
