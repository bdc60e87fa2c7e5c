import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterSearch, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { countEmployersByState, countEmployersForBureau, listEmployersForBureau } from '~/models/employer.server'
import { INDUSTRY_LABELS } from '~/rules/vacancy'
import { requireActor } from '~/utils/auth.server'
import { readEmployerSearch } from '~/utils/employer-filters.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

const PAGE_SIZE = 30

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const search = new URL(args.request.url).searchParams
  // Employer names and codes are not personal data, so the search may sit in the URL (and the export's link).
  const q = readEmployerSearch(search)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countEmployersForBureau(actor, { q }),
    rows: (limit, offset) => listEmployersForBureau(actor, { q }, { limit, offset }),
  })
  return {
    q,
    // The sentence above an unfiltered list counts only active employers; archived ones are named apart.
    registered: q ? null : countEmployersByState(actor),
    ...pageInfo(list),
    rows: list.rows.map((r) => ({
      id: r.employer.id,
      name: r.employer.name,
      uscc: r.employer.uscc,
      industry: INDUSTRY_LABELS[r.employer.industry] ?? r.employer.industry,
      address: r.employer.address,
      contact: `${r.employer.contactName} ${r.employer.contactPhone}`,
      posts: r.posts,
      openPosts: r.openPosts,
      archived: r.employer.archivedAt != null,
    })),
  }
}

type EmployerRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const EMPLOYER_COLUMNS: Column<EmployerRow>[] = [
  {
    header: '单位名称',
    cell: (r) => (
      <>
        <Link to={`/east/employers/${r.id}/edit`}>{r.name}</Link> {r.archived ? <span className="badge">已归档</span> : null}
        <div className="muted small">{r.address}</div>
      </>
    ),
  },
  { header: '统一社会信用代码', label: '信用代码', cell: (r) => <span className="mono">{r.uscc}</span> },
  { header: '行业', cell: (r) => r.industry },
  { header: '联系人', cell: (r) => r.contact },
  { header: '岗位', cell: (r) => r.posts, num: true },
  { header: '招聘中', cell: (r) => r.openPosts, num: true },
  {
    header: '操作',
    cell: (r) => (
      <span className="actions">
        <Link to={`/east/employers/${r.id}/edit`} className="button button--secondary button--small">
          编辑
        </Link>
        {r.archived ? null : (
          <Link to={`/east/jobs/new?employerId=${r.id}`} className="button button--secondary button--small">
            发布岗位
          </Link>
        )}
        <Link to={`/east/employers/${r.id}/archive`} className="button button--secondary button--small">
          {r.archived ? '恢复' : '归档'}
        </Link>
      </span>
    ),
  },
]

export default function EmployersPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <PageHead title="用人单位">
        <Link to="/east/employers/new" className="button">
          登记用人单位
        </Link>
      </PageHead>
      <Form method="get" className="card search-bar" role="search">
        <FilterSearch label="查找单位" value={data.q} placeholder="单位名称或统一社会信用代码" />
        <button type="submit" className="button button--secondary">
          查找
        </button>
      </Form>
      <ListExportBar action="/east/employers/export.xlsx" params={data.q ? [['q', data.q]] : []}>
        {data.registered
          ? `本局共登记 ${data.registered.active} 家用人单位${data.registered.archived > 0 ? `，另有 ${data.registered.archived} 家已归档` : ''}`
          : `符合“${data.q}”的单位 ${data.total} 家`}
      </ListExportBar>
      <DataTable
        rows={data.rows}
        columns={EMPLOYER_COLUMNS}
        stacked
        empty={data.q ? '没有符合条件的单位。' : '还没有登记用人单位。发布岗位前，请先登记用人单位。'}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('用人单位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
