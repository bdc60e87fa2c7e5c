import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { StaffHome } from '~/components/staff-home'
import { StatisticsDashboard } from '~/components/statistics-dashboard'
import { getOwnStatistics } from '~/models/statistics.server'
import { dashboardView, statisticsMonthOfRequest } from '~/models/statistics-view.server'
import chartStyles from '~/styles/charts.css'
import statisticsStyles from '~/styles/statistics.css'
import { listRecentAudit } from '~/models/audit.server'
import { ACTION_LABELS } from '~/rules/audit-actions'
import { getBureauVacancyFigures } from '~/models/bureau-stats.server'
import { getOrganisationByArea } from '~/models/organisation.server'
import { getPairingsOfArea } from '~/models/pairing.server'
import { countOwnSites } from '~/models/site.server'
import { countStaffAccounts, countWorkerAccounts } from '~/models/user.server'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const org = user.organisation
  // The bureau sees its paired counties only in aggregate: counts, never names or numbers of people.
  const partners = getPairingsOfArea(org.areaCode).map((p) => {
    const centre = getOrganisationByArea(p.countyCode, 'centre')
    const workers = centre ? countWorkerAccounts(centre.id) : { total: 0, verified: 0, unverified: 0 }
    return { countyName: p.countyName, centreName: centre?.name ?? null, sinceYear: p.sinceYear, workers }
  })
  const asked = statisticsMonthOfRequest(args.request)
  return data(
    {
      organisationName: org.name,
      partners,
      staff: countStaffAccounts(org.id),
      vacancies: getBureauVacancyFigures(actor),
      // Issue 14 §1: the city's open service sites (sites_org_idx).
      activeSites: countOwnSites(actor, { status: 'active' }),
      // Issue 15 §1: the month's figures and charts (?month=YYYY-MM, this Shanghai month by default).
      // A month asked for and not shown is said beside the picker, with 400.
      statistics: { ...dashboardView('east', getOwnStatistics(actor, asked.month)), monthProblem: asked.monthProblem },
      activity: listRecentAudit(actor).map((row) => ({ ...row, actionLabel: ACTION_LABELS[row.action] ?? row.action })),
    },
    { status: asked.status },
  )
}

type Partner = Awaited<ReturnType<typeof loader>>['data']['partners'][number]

const PARTNER_COLUMNS: Column<Partner>[] = [
  { header: '区县', cell: (p) => p.countyName },
  { header: '对接单位', cell: (p) => p.centreName ?? '—' },
  { header: '结对年份', cell: (p) => p.sinceYear },
  { header: '注册务工人员', cell: (p) => p.workers.total, num: true },
  { header: '已核验', cell: (p) => p.workers.verified, num: true },
]

export default function EastHome() {
  const data = useLoaderData<typeof loader>()
  const totalWorkers = data.partners.reduce((sum, p) => sum + p.workers.total, 0)
  const verifiedWorkers = data.partners.reduce((sum, p) => sum + p.workers.verified, 0)
  return (
    <StaffHome
      title={`${data.organisationName} 工作台`}
      figures={{
        label: '对口协作概况',
        items: [
          { label: '招聘中岗位', value: data.vacancies.openPosts, hint: `共招 ${data.vacancies.openHeadcount} 人` },
          { label: '收到报名', value: data.vacancies.applications, hint: `待处理 ${data.vacancies.pendingApplications}` },
          { label: '报名已录用', value: data.vacancies.hires, hint: '全部月份，经平台报名录用' },
          { label: '对口区县注册务工人员', value: totalWorkers, hint: `其中已核验 ${verifiedWorkers}` },
        ],
      }}
      activity={{ title: '最近操作', rows: data.activity, caption: '本局最近的操作记录' }}
    >
      {data.vacancies.openReports > 0 ? (
        <p className="notice" role="status">
          有 {data.vacancies.openReports} 条岗位举报尚未处理。<Link to="/east/reports">去处理 →</Link>
        </p>
      ) : null}
      <p className="actions">
        <Link to="/east/jobs/new" className="button">
          发布岗位
        </Link>
        <Link to="/east/jobs" className="button button--secondary">
          管理岗位
        </Link>
      </p>
      <StatisticsDashboard view={data.statistics} base="/east" />
      <section className="card">
        <h2>服务站点</h2>
        <p>
          本市运营中的劳务工作站、帮扶车间、帮扶基地和零工市场 <strong>{data.activeSites}</strong> 个，显示在公开的地图上。{' '}
          <Link to="/east/sites">服务站点 →</Link>
        </p>
      </section>
      <section className="card">
        <h2>对口区县</h2>
        <DataTable rows={data.partners} columns={PARTNER_COLUMNS} rowKey={(p) => p.countyName} empty="本市尚未设置对口区县，请联系平台管理员。" />
      </section>
    </StaffHome>
  )
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: chartStyles },
  { rel: 'stylesheet', href: statisticsStyles },
]

export const meta = pageTitle('工作台')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
