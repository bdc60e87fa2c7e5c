import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { listEmployersForBureau } from '~/models/employer.server'
import { INDUSTRY_LABELS, type Industry } from '~/rules/vacancy'
import { requireUser } from '~/utils/auth.server'
import { LegacyPager } from '~/components/pager'

const PAGE_SIZE = 30

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const url = new URL(request.url)
  // Employer names and codes are not personal data, so the search may sit in the URL.
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 40)
  const requested = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
  const page = Number.isSafeInteger(requested) && requested > 0 ? requested : 1
  const { total, rows } = listEmployersForBureau(user.organisation.id, { q, page, pageSize: PAGE_SIZE })
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const linkTo = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`
  return {
    q,
    total,
    page: Math.min(page, pages),
    pages,
    prev: page > 1 ? linkTo(Math.min(page, pages) - 1) : null,
    next: page < pages ? linkTo(page + 1) : null,
    rows: rows.map((r) => ({
      id: r.employer.id,
      name: r.employer.name,
      uscc: r.employer.uscc,
      industry: INDUSTRY_LABELS[r.employer.industry as Industry] ?? r.employer.industry,
      address: r.employer.address,
      contact: `${r.employer.contactName} ${r.employer.contactPhone}`,
      posts: r.posts,
      openPosts: r.openPosts,
    })),
  }
}

export default function EmployersPage() {
  const data = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const saved = searchParams.get('saved')
  return (
    <main className="container page">
      <div className="page-head">
        <h1>用人单位</h1>
        <div className="actions">
          <Link to="/east/employers/new" className="button">
            登记用人单位
          </Link>
        </div>
      </div>
      {saved ? (
        <p className="notice notice--ok" role="status">
          {saved === 'created' ? '用人单位已登记。' : '修改已保存。'}
        </p>
      ) : null}
      <Form method="get" className="card search-bar" role="search">
        <div className="field">
          <label htmlFor="q">查找单位</label>
          <input id="q" name="q" type="search" defaultValue={data.q} placeholder="单位名称或统一社会信用代码" maxLength={40} />
        </div>
        <button type="submit" className="button button--secondary">
          查找
        </button>
      </Form>
      <p className="muted" aria-live="polite">
        {data.q ? `符合“${data.q}”的单位 ${data.total} 家` : `本局共登记 ${data.total} 家用人单位`}
      </p>
      {data.rows.length === 0 ? (
        <p className="card muted">{data.q ? '没有符合条件的单位。' : '还没有登记用人单位。发布岗位前，请先登记用人单位。'}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack-table">
            <thead>
              <tr>
                <th scope="col">单位名称</th>
                <th scope="col">统一社会信用代码</th>
                <th scope="col">行业</th>
                <th scope="col">联系人</th>
                <th scope="col" className="num">
                  岗位
                </th>
                <th scope="col" className="num">
                  招聘中
                </th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td data-label="单位名称">
                    <Link to={`/east/employers/${r.id}/edit`}>{r.name}</Link>
                    <div className="muted small">{r.address}</div>
                  </td>
                  <td data-label="信用代码">
                    <span className="mono">{r.uscc}</span>
                  </td>
                  <td data-label="行业">{r.industry}</td>
                  <td data-label="联系人">{r.contact}</td>
                  <td data-label="岗位" className="num">
                    {r.posts}
                  </td>
                  <td data-label="招聘中" className="num">
                    {r.openPosts}
                  </td>
                  <td data-label="操作">
                    <span className="actions">
                      <Link to={`/east/employers/${r.id}/edit`} className="button button--secondary button--small">
                        编辑
                      </Link>
                      <Link to={`/east/jobs/new?employerId=${r.id}`} className="button button--secondary button--small">
                        发布岗位
                      </Link>
                    </span>
                  </td>
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

export const meta: MetaFunction = () => [{ title: '用人单位 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
