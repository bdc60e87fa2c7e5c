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
import { getPairingsOfArea } from '~/models/pairing.server'
import { countWorkerAccounts, listUnverifiedWorkers } from '~/models/user.server'
import { countOpenReferrals } from '~/models/registration-referral.server'
import { countWorkersInLedger } from '~/models/worker.server'
import { countOwnSites } from '~/models/site.server'
import { countCountyMonth } from '~/models/county-outcomes.server'
import { formatDate } from '~/rules/dates'
import { maskMobile } from '~/rules/mobile'
import { getOwnOrganisation } from '~/models/organisation.server'
import { countClaimQueue } from '~/models/claim-queue.server'
import type { Actor } from '~/rules/permissions'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

/** The 交通补助 card's counts (issue 13 §6–7): claims waiting for review, and approved ones waiting for a payout. */
function subsidyCounts(actor: Actor) {
  const count = (view: 'waiting' | 'approved' | 'partially_approved') => countClaimQueue(actor, { view, township: null, flagged: false, olderThanDays: null })
  return { waiting: count('waiting'), toPay: count('approved') + count('partially_approved') }
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const pair = getPairingsOfArea(actor.areaCode)[0] ?? null
  const asked = statisticsMonthOfRequest(args.request)
  return data(
    {
      organisationName: user.organisation.name,
      contactPhone: getOwnOrganisation(actor)?.contactPhone ?? null,
      pairCityName: pair?.cityName ?? null,
      pairSinceYear: pair?.sinceYear ?? null,
      workers: countWorkerAccounts(actor.organisationId),
      ledger: countWorkersInLedger(actor),
      month: countCountyMonth(actor),
      openReferrals: countOpenReferrals(actor),
      subsidy: subsidyCounts(actor),
      // Issue 14 §1: the county's open service sites (sites_org_idx).
      activeSites: countOwnSites(actor, { status: 'active' }),
      // Issue 15 §1: the month's figures and charts (?month=YYYY-MM, this Shanghai month by default).
      // A month asked for and not shown is said beside the picker, with 400.
      statistics: { ...dashboardView('west', getOwnStatistics(actor, asked.month)), monthProblem: asked.monthProblem },
      pending: listUnverifiedWorkers(actor.organisationId).map((w) => ({
        id: w.id,
        name: w.displayName,
        phone: maskMobile(w.phone),
        registeredOn: formatDate(w.createdAt),
      })),
      activity: listRecentAudit(actor).map((row) => ({ ...row, actionLabel: ACTION_LABELS[row.action] ?? row.action })),
    },
    { status: asked.status },
  )
}

type PendingAccount = Awaited<ReturnType<typeof loader>>['data']['pending'][number]

const PENDING_COLUMNS: Column<PendingAccount>[] = [
  { header: '姓名', cell: (w) => <Link to={`/west/verifications/${w.id}`}>{w.name}</Link> },
  { header: '手机号', cell: (w) => w.phone },
  { header: '注册日期', cell: (w) => w.registeredOn },
]

export default function WestHome() {
  const data = useLoaderData<typeof loader>()
  return (
    <StaffHome
      title={`${data.organisationName} 工作台`}
      figures={{
        label: '本县概况',
        items: [
          { label: '台账人数', value: data.ledger, hint: '五清台账在册' },
          { label: '注册务工人员', value: data.workers.total, hint: '本县线上注册的账号' },
          { label: '已核验', value: data.workers.verified, hint: '已与台账核对一致' },
          { label: '待核验', value: data.workers.unverified, hint: '核验后方可报名岗位' },
          {
            label: '本月报名',
            value: <Link to={`/west/applications?month=${data.month.month}`}>{data.month.applications}</Link>,
            hint: '本县台账人员本月报名（含推荐）',
          },
          {
            label: '本月录用',
            value: <Link to={`/west/hires?month=${data.month.month}`}>{data.month.hires}</Link>,
            hint: '对口城市本月录用本县人员',
          },
        ],
      }}
      activity={{ title: '最近操作', rows: data.activity, caption: '本单位最近的操作记录' }}
    >
      <section className="card">
        <h2>对口协作</h2>
        {data.pairCityName ? (
          <p>
            本县与<strong>山东省{data.pairCityName}</strong>结对（{data.pairSinceYear} 年起）。对方发布的、面向本县的岗位在<Link to="/west/jobs">对口岗位</Link>
            中查看，可以为台账人员推荐报名。
          </p>
        ) : (
          <p className="muted">本县尚未设置对口城市，请联系平台管理员。</p>
        )}
        <p className="small">
          本单位咨询电话：{data.contactPhone ? <span className="mono">{data.contactPhone}</span> : <strong>未填写（岗位公告、账号告知单上会缺少电话）</strong>}{' '}
          <Link to="/west/settings">{data.contactPhone ? '修改联系方式' : '去填写'}</Link>
        </p>
      </section>
      <StatisticsDashboard view={data.statistics} base="/west" />
      <section className="card">
        <h2>交通补助</h2>
        <p>
          待审核的申领 <strong>{data.subsidy.waiting}</strong> 份（已提交、审核中和发放失败的）。 <Link to="/west/claims">去审核 →</Link>
        </p>
        <p>
          已通过、等待发放的 <strong>{data.subsidy.toPay}</strong> 份，编入发放批次后交财务发放。 <Link to="/west/payouts">发放批次 →</Link>
        </p>
      </section>
      <section className="card">
        <h2>服务站点</h2>
        <p>
          本县运营中的劳务工作站、帮扶车间、帮扶基地和零工市场 <strong>{data.activeSites}</strong> 个，显示在公开的地图上。{' '}
          <Link to="/west/sites">服务站点 →</Link>
        </p>
      </section>
      <section className="card">
        <h2>待核验的注册账号</h2>
        {data.workers.unverified > 0 ? (
          <p className="muted small">
            共 {data.workers.unverified} 个账号待核验{data.workers.unverified > data.pending.length ? `，这里显示最新的 ${data.pending.length} 个` : ''}。{' '}
            <Link to="/west/verifications">去核验 →</Link>
          </p>
        ) : null}
        {data.openReferrals > 0 ? (
          <p className="notice small">
            另有 <strong>{data.openReferrals}</strong> 条注册受理待联系（身份证号码已有账号，需按留下的手机号回电）。{' '}
            <Link to="/west/verifications#referrals-head">去处理 →</Link>
          </p>
        ) : null}
        <DataTable rows={data.pending} columns={PENDING_COLUMNS} empty="目前没有等待核验的账号。" stacked />
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
