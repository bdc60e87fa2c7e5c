import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pager } from '~/components/pager'
import { countEmployersForBureau, listEmployersForBureau } from '~/models/employer.server'
import { INDUSTRY_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageParam, paginate, parseListParams } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

const PAGE_SIZE = 30

// Employer names and codes are not personal data, so the search may sit in the URL.
const searchParam = z.string().transform((raw) => raw.trim().slice(0, 40))

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const params = parseListParams(new URL(args.request.url).searchParams, { q: searchParam, page: pageParam })
  const q = params.q ?? ''
  const list = paginate({
    page: params.page ?? 1,
    pageSize: PAGE_SIZE,
    total: () => countEmployersForBureau(actor, { q }),
    rows: (limit, offset) => listEmployersForBureau(actor, { q }, { limit, offset }),
  })
  return {
    q,
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
    rows: list.rows.map((r) => ({
      id: r.employer.id,
      name: r.employer.name,
      uscc: r.employer.uscc,
      industry: INDUSTRY_LABELS[r.employer.industry] ?? r.employer.industry,
      address: r.employer.address,
      contact: `${r.employer.contactName} ${r.employer.contactPhone}`,
      posts: r.posts,
      openPosts: r.openPosts,
    })),
  }
}

export default function EmployersPage() {
  const data = useLoaderData<typeof loader>()
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
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('用人单位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
