import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countImports, listImports } from '~/models/ledger-import.server'
import { formatDateTime } from '~/rules/dates'
import { LEDGER_IMPORT_STATUS } from '~/rules/ledger-import'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

// Every ledger import of the county (issue 11 §1): who, when, which file, new / changed / unchanged /
// problems, and whether it was written, undone or never confirmed; the last one is undone from its page.

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const list = paginateSearch(new URL(args.request.url).searchParams, PAGE_SIZE, {
    total: () => countImports(actor),
    rows: (limit, offset) => listImports(actor, { limit, offset }),
  })
  return {
    ...pageInfo(list),
    rows: list.rows.map(({ createdAt, appliedAt, undoneAt, ...r }) => ({
      ...r,
      uploadedAt: formatDateTime(createdAt),
      appliedAt: appliedAt ? formatDateTime(appliedAt) : null,
      undoneAt: undoneAt ? formatDateTime(undoneAt) : null,
    })),
  }
}

type Row = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<Row>[] = [
  { header: '上传时间', cell: (r) => r.uploadedAt },
  { header: '上传人', cell: (r) => r.uploadedBy },
  {
    header: '文件',
    className: 'wrap',
    cell: (r) => (
      <Link to={`/west/imports/${r.id}`} aria-label={`查看导入 ${r.fileName}`}>
        {r.fileName}
      </Link>
    ),
  },
  { header: '新增', num: true, cell: (r) => r.newRows },
  { header: '有变动', num: true, cell: (r) => r.changedRows },
  { header: '无变动', num: true, cell: (r) => r.unchangedRows },
  { header: '问题', num: true, cell: (r) => r.problems },
  {
    header: '状态',
    cell: (r) => (
      <>
        <StatusBadge spec={LEDGER_IMPORT_STATUS} status={r.status} />
        {r.undoneAt ? <span className="muted small"> {r.undoneAt}</span> : null}
      </>
    ),
  },
]

export default function LedgerImports() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <PageHead title="台账导入记录">
        <Link to="/west/workers/import" className="button">
          导入台账
        </Link>
      </PageHead>
      <ListExportBar action="/west/imports/export.xlsx" params={[]}>
        共 {data.total} 次。最近一次已写入的导入可以在它的详情页撤销。
      </ListExportBar>
      <section className="card">
        <DataTable rows={data.rows} columns={COLUMNS} stacked caption="台账导入记录" empty="还没有导入过台账。" />
        <Pager page={data.page} pageCount={data.pageCount} />
      </section>
    </main>
  )
}

export const meta = pageTitle('台账导入记录')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
