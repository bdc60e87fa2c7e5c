import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { nearestWorkstationsForWorker } from '~/models/map-data.server'
import { describePairOf } from '~/models/pairing.server'
import { takeTripNotices } from '~/models/trip-notices.server'
import { nextTripForWorker } from '~/models/trip.server'
import { TripNotices } from '~/components/trip-notices'
import { NextTrip } from '~/components/trip-cards'
import { PhoneLink } from '~/components/map-site-table'
import { shortAreaName } from '~/rules/areas'
import { getOwnProfile } from '~/models/account.server'
import { claimStart, claimsOfWorker, takeAssistedClaimNotices } from '~/models/claim.server'
import { claimAmountLine } from '~/components/claim-form-status'
import { formatFen } from '~/rules/money'
import { CLAIM_STATUS } from '~/rules/subsidy-states'
import { formatDate } from '~/rules/dates'
import { distanceText } from '~/rules/map'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { StatusBadge } from '~/components/status-badge'
import { VERIFICATION_STATUSES } from '~/rules/verification'

/** The worker's next trip as the 下一趟行程 card shows it (the city's short name), or null. */
function nextTripOf(actor: Actor) {
  const trip = nextTripForWorker(actor)
  return trip ? { ...trip, cityName: shortAreaName(trip.cityName) } : null
}

/**
 * The 交通补助 card (issue 13 §8): the worker's latest claim (its year, state, amount and link), else whether a
 * verified worker may claim this year (no person problems under the county's policy). Null when there is
 * nothing to say: not verified, no claim, and not eligible or no policy yet.
 */
function subsidyCardOf(actor: Actor, verified: boolean) {
  const latest = claimsOfWorker(actor)[0]
  if (latest) {
    return {
      kind: 'claim' as const,
      id: latest.id,
      year: latest.year,
      state: latest.state,
      // 已发放 / 核定 / 预计 as the claim stands (claimAmountHeadline), the same words as /me/claims.
      amount: latest.state === 'draft' ? null : claimAmountLine(latest),
    }
  }
  if (!verified) return null
  const start = claimStart(actor)
  return start.thisYear ? { kind: 'eligible' as const, year: start.year } : null
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'worker' })
  const account = getOwnProfile(actor)
  if (!account) throw new Response('Not Found', { status: 404 })
  return {
    name: account.name,
    phone: maskMobile(account.phone),
    idNumber: account.idNumber ? maskIdNumber(account.idNumber) : null,
    verified: account.state === 'verified',
    rejected: account.state === 'rejected',
    state: account.state,
    rejectionReason: account.rejectionReason,
    verifiedOn: account.verifiedAt ? formatDate(account.verifiedAt) : null,
    registeredOn: formatDate(account.createdAt),
    centreName: account.centreName,
    countyName: account.countyName,
    pairLabel: describePairOf(user.organisation.areaCode),
    subsidy: subsidyCardOf(actor, account.state === 'verified'),
    // Kept until it leaves (issue 12 §9): the notices below go after one view, the seat does not.
    nextTrip: nextTripOf(actor),
    // Nearest help (issue 14 §5): the workstations nearest the workplace of the latest employment record.
    nearHelp: nearestWorkstationsForWorker(user.id),
    // Shown once: reading them marks them read (issue 12 §9).
    // Shown once (issue 13 §6, assisted filing "with the worker told"): reading them marks them told.
    assistedClaims: takeAssistedClaimNotices(actor).map((c) => ({
      id: c.id,
      text: `工作人员已为您代办 ${c.year} 年交通补助申请${c.flat ? `（定额 ${formatFen(c.expectedFen)}）` : ''}，现在${CLAIM_STATUS[c.state].label}。`,
    })),
    tripNotices: takeTripNotices(actor).map((n) => ({
      id: n.id,
      kind: n.kind,
      batch: `${n.departureDate} ${n.departureTime} 开往${shortAreaName(n.cityName)}`,
    })),
  }
}

export default function WorkerHome() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <h1>{data.name}，您好</h1>
      {data.verified ? (
        <p className="notice notice--ok">
          您的账号已于 {data.verifiedOn} 通过{data.centreName}核验，可以报名岗位。
        </p>
      ) : data.rejected ? (
        <div className="notice" role="status">
          <p>
            <strong>注册未通过核验。</strong>原因：{data.rejectionReason ?? '未说明'}
          </p>
          <p>请带身份证到户籍所在乡镇（街道）劳动保障所或{data.centreName}办理，核实后工作人员会为您重新核验。</p>
          <Link to="/me/profile">查看详情</Link>
        </div>
      ) : (
        <p className="notice">
          您的账号还在等待{data.centreName}
          核验。核验通过前可以浏览岗位，但不能报名。如需尽快办理，请带身份证到乡镇（街道）劳动保障所或区县就业和人才中心。
        </p>
      )}
      {data.assistedClaims.length ? (
        <section className="notice notice--ok" aria-labelledby="assisted-claims">
          <h2 id="assisted-claims">交通补助消息</h2>
          <ul>
            {data.assistedClaims.map((c) => (
              <li key={c.id}>
                {c.text} <Link to={`/me/claims/${c.id}`}>查看申请</Link>
              </li>
            ))}
          </ul>
          <p className="small">以后可以在“交通补助”里查看进度。如有疑问，请联系{data.centreName}。</p>
        </section>
      ) : null}
      <TripNotices notices={data.tripNotices} />
      <NextTrip trip={data.nextTrip} />
      <SubsidyCard card={data.subsidy} />
      <NearHelpCard help={data.nearHelp} />
      <nav className="quick-links" aria-label="常用功能">
        <Link to="/jobs" className="quick-link">
          <strong>找岗位</strong>
          <span>山东对口城市的招聘岗位</span>
        </Link>
        <Link to="/me/applications" className="quick-link">
          <strong>我的报名</strong>
          <span>报名进度和录用结果</span>
        </Link>
        <Link to="/me/trips" className="quick-link">
          <strong>我的行程</strong>
          <span>报名包车、登记出行需求</span>
        </Link>
        <Link to="/me/profile" className="quick-link">
          <strong>联系方式</strong>
          <span>修改手机号和密码</span>
        </Link>
      </nav>
      <section className="card">
        <h2>我的信息</h2>
        <dl className="facts">
          <dt>姓名</dt>
          <dd>{data.name}</dd>
          <dt>手机号</dt>
          <dd>{data.phone}</dd>
          <dt>身份证号</dt>
          <dd>{data.idNumber ?? '—'}</dd>
          <dt>户籍区县</dt>
          <dd>{data.countyName}</dd>
          <dt>经办机构</dt>
          <dd>{data.centreName}</dd>
          <dt>对口城市</dt>
          <dd>{data.pairLabel ? data.pairLabel.replace('对口 ', '山东省') : '—'}</dd>
          <dt>注册日期</dt>
          <dd>{data.registeredOn}</dd>
          <dt>账号状态</dt>
          <dd>
            <StatusBadge spec={VERIFICATION_STATUSES} status={data.state} />
          </dd>
        </dl>
      </section>
    </main>
  )
}

/** The 交通补助 card: the latest claim and what it waits for, or an invitation to claim. */
function SubsidyCard({ card }: { card: ReturnType<typeof subsidyCardOf> }) {
  if (!card) return null
  if (card.kind === 'eligible') {
    return (
      <section className="card">
        <h2>交通补助</h2>
        <p>您可以申请 {card.year} 年跨省一次性交通补助（外出务工的往返车票）。</p>
        <p>
          <Link to="/me/claims">去申请 →</Link>
        </p>
      </section>
    )
  }
  const next: Partial<Record<typeof card.state, string>> = {
    draft: '还没有提交，填完后请提交。',
    returned: '区县退回了申请，请按说明修改后重新提交。',
    payment_failed: '发放没有成功，区县会核对后重新发放。',
  }
  return (
    <section className="card">
      <h2>交通补助</h2>
      <p>
        {card.year} 年的申请：
        <StatusBadge spec={CLAIM_STATUS} status={card.state} />
        {card.amount ? (
          <>
            {' '}
            <strong>{card.amount}</strong>
          </>
        ) : null}
      </p>
      {next[card.state] ? <p className="small">{next[card.state]}</p> : null}
      <p>
        <Link to={`/me/claims/${card.id}`}>{card.state === 'draft' || card.state === 'returned' ? '去修改 →' : '查看进度 →'}</Link>
      </p>
    </section>
  )
}

/** 离你最近的劳务工作站 (issue 14 §5): the nearest three to the workplace, each to call or see on the map. */
function NearHelpCard({ help }: { help: ReturnType<typeof nearestWorkstationsForWorker> }) {
  if (!help || help.sites.length === 0) {
    // Without a workplace on record (or no workstation yet): where to look instead.
    return (
      <section className="card" aria-labelledby="near-help">
        <h2 id="near-help">找劳务工作站、帮扶车间</h2>
        <p className="small">
          在<Link to="/map">服务站点地图</Link>上输入您所在的区县、乡镇或城市，可以查到离您最近的站点和电话。
        </p>
      </section>
    )
  }
  return (
    <section className="card" aria-labelledby="near-help">
      <h2 id="near-help">离你最近的劳务工作站</h2>
      <p className="small muted">工作地点：{help.workplace.label}；距离为直线距离。遇到工资、劳动合同等问题可以找他们。</p>
      <ul>
        {help.sites.map((s) => (
          <li key={s.id}>
            <strong>{s.name}</strong> 约 {distanceText(s.distance)}
            <br />
            <span className="small">
              {s.address} · <PhoneLink phone={s.contactPhone} /> · <Link to={`/map?c=${s.lat.toFixed(5)},${s.lng.toFixed(5)}&z=14#map`}>在地图上看</Link>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

export const meta = pageTitle('我的')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
