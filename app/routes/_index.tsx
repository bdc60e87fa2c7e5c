import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { listPairings } from '~/models/pairing.server'
import { getUser, HOME_OF } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  return { pairings: listPairings(), home: user ? HOME_OF[user.role] : null }
}

// What each side does on the platform, as the landing page lists it.
const ROLES = [
  {
    title: '务工人员',
    can: [
      '查看山东对口城市发布的岗位，写明工资、是否包吃住',
      '报名区县组织的“点对点”包车，按座位上车',
      '跨省务工后上传车票，申领一年一次的往返交通补助，随时查看审核进度',
    ],
  },
  {
    title: '重庆区县就业和人才中心',
    can: ['维护本县务工人员“五清”台账，核验线上注册的账号', '组织包车批次、生成实名乘车名单', '审核交通补助申请、生成发放批次和公示名单'],
  },
  {
    title: '山东城市人社局',
    can: ['代用人单位发布岗位，处理报名，记录录用', '提前查看开往本市的包车，确认到岗', '维护劳务工作站和就业基地，导出统计报表'],
  },
]

export default function LandingPage() {
  const { pairings, home } = useLoaderData<typeof loader>()
  return (
    <main>
      <Hero home={home} />

      <LandingSection title="结对关系">
        <ul className="pairs">
          {pairings.map((p) => (
            <li key={p.id} className="pair">
              <div className="pair__sides">
                <span>
                  {p.countyName}
                  <small className="pair__side">重庆 · 输出地</small>
                </span>
                <span className="pair__arrow" aria-label="对口">
                  ⇄
                </span>
                <span>
                  {p.cityName}
                  <small className="pair__side">山东 · 输入地</small>
                </span>
              </div>
              <p className="muted small">{p.sinceYear} 年起结对</p>
            </li>
          ))}
        </ul>
      </LandingSection>

      <LandingSection title="各方能做什么">
        <div className="roles">
          {ROLES.map((role) => (
            <div key={role.title} className="card">
              <h3>{role.title}</h3>
              <ul>
                {role.can.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        <p className="muted small">个人信息只在需要时显示：身份证号、手机号在列表和导出中默认隐去中间位，查看完整信息会被记录。</p>
      </LandingSection>
    </main>
  )
}

/** The landing page's opening band: what the platform is, the board, and sign-in or one's own home. */
function Hero({ home }: { home: string | null }) {
  return (
    <section className="hero">
      <div className="container">
        <h1>鲁渝劳务协作平台</h1>
        <p>
          山东省与重庆市开展东西部协作，山东的城市与重庆的区县结成对子：山东人社部门发布适合的岗位，重庆区县就业和人才中心组织务工人员“点对点、一站式”乘车到岗，脱贫人口跨省务工还可以申领一次性交通补助。
        </p>
        <div className="hero__actions">
          <Link to="/jobs" className="button hero__jobs">
            查看岗位
          </Link>
          {home ? (
            <Link to={home} className="button">
              进入我的工作台
            </Link>
          ) : (
            <Link to="/login" className="button">
              登录
            </Link>
          )}
        </div>
      </div>
    </section>
  )
}

/** A full-width band of the landing page with its heading. */
function LandingSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="section">
      <div className="container">
        <h2>{title}</h2>
        {children}
      </div>
    </section>
  )
}

export const meta: MetaFunction = () => [
  { title: '鲁渝劳务协作平台' },
  { name: 'description', content: '山东与重庆东西部劳务协作：岗位信息、点对点输送、跨省交通补助。' },
]
