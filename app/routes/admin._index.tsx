import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { StaffHome } from '~/components/staff-home'
import { PairComparison } from '~/components/pair-comparison'
import { getPairStatistics } from '~/models/statistics.server'
import { pairComparisonView, statisticsMonthOfRequest } from '~/models/statistics-view.server'
import chartStyles from '~/styles/charts.css'
import statisticsStyles from '~/styles/statistics.css'
import { listRecentAudit } from '~/models/audit.server'
import { ACTION_LABELS } from '~/rules/audit-actions'
import { listOrganisationsWithCounts } from '~/models/organisation.server'
import { listPairings } from '~/models/pairing.server'
import { summariseAccounts } from '~/models/user.server'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { ORGANISATION_KIND_LABELS } from '~/rules/organisation-enums'

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const accounts = summariseAccounts()
  const byRole = (role: string) => accounts.find((a) => a.role === role)
  const asked = statisticsMonthOfRequest(args.request)
  return data(
    {
      pairings: listPairings(),
      organisations: listOrganisationsWithCounts(),
      workers: { total: byRole('worker')?.total ?? 0, verified: Number(byRole('worker')?.verified ?? 0) },
      staff: (byRole('east')?.total ?? 0) + (byRole('west')?.total ?? 0) + (byRole('admin')?.total ?? 0),
      // Issue 15 §1: the pairs side by side for the month (?month=YYYY-MM) and the year to date.
      comparison: { ...pairComparisonView(getPairStatistics(actor, asked.month), asked.month), monthProblem: asked.monthProblem },
      activity: listRecentAudit(actor, 12).map((row) => ({ ...row, actionLabel: ACTION_LABELS[row.action] ?? row.action })),
    },
    { status: asked.status },
  )
}

type Organisation = Awaited<ReturnType<typeof loader>>['data']['organisations'][number]

const ORGANISATION_COLUMNS: Column<Organisation>[] = [
  { header: '单位', cell: (o) => <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link> },
  { header: '类型', cell: (o) => ORGANISATION_KIND_LABELS[o.kind] ?? o.kind },
  { header: '行政区划', cell: (o) => `${o.areaName}（${o.areaCode}）` },
  { header: '工作人员', cell: (o) => o.staff, num: true },
  { header: '务工人员', cell: (o) => o.workers, num: true },
]

export default function AdminHome() {
  const data = useLoaderData<typeof loader>()
  return (
    <StaffHome
      title={'平台总览'}
      figures={{
        label: '平台概况',
        items: [
          { label: '结对关系', value: data.pairings.length },
          { label: '单位', value: data.organisations.length },
          { label: '务工人员账号', value: data.workers.total, hint: `已核验 ${data.workers.verified}` },
          { label: '工作人员账号', value: data.staff },
        ],
      }}
      activity={{ title: '最近操作（全平台）', rows: data.activity, caption: '全平台最近的操作记录' }}
    >
      <section className="card">
        <h2>管理</h2>
        <div className="actions">
          <Link to="/admin/organisations/new" className="button">
            新建单位
          </Link>
          <Link to="/admin/pairings" className="button button--secondary">
            结对关系
          </Link>
          <Link to="/admin/audit" className="button button--secondary">
            操作记录
          </Link>
        </div>
      </section>
      <PairComparison view={data.comparison} />
      <section className="card">
        <h2>单位与账号</h2>
        <p className="muted small">
          点单位名称查看和新建工作人员账号。导出 Excel：<a href="/admin/organisations.xlsx">单位列表</a> · <a href="/admin/accounts.xlsx">全部工作人员账号</a>
        </p>
        <DataTable rows={data.organisations} columns={ORGANISATION_COLUMNS} stacked />
      </section>
    </StaffHome>
  )
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: chartStyles },
  { rel: 'stylesheet', href: statisticsStyles },
]

export const meta = pageTitle('平台总览')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
