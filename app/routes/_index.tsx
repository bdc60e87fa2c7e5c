import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { listPairings } from '~/models/pairing.server'
import { getViewer, HOME_OF } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getViewer(request)
  // The same for everyone not signed in, so it may be stored for a minute (server/public-cache.ts);
  // Vary: Cookie keeps a shared cache from handing that copy to someone signed in.
  const headers = { 'Cache-Control': user ? 'private, no-store' : 'public, max-age=60', Vary: 'Cookie' }
  return data({ pairings: listPairings(), home: user ? HOME_OF[user.role] : null }, { headers })
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

// What each side does on the platform today, as the landing page lists it. Only what is built is listed
// (issue 9 §3): chartered buses, the transport subsidy and the map add their own lines when they exist.
const ROLES = [
  {
    title: '务工人员',
    can: ['查看山东对口城市发布的岗位，写明工资、是否包吃住', '用手机号注册，经所在区县核验后在线报名，不收取任何费用', '在“我的报名”随时查看报名进度'],
  },
  {
    title: '重庆区县就业和人才中心',
    can: ['维护本县务工人员“五清”台账，核验线上注册的账号', '为务工人员推荐对口城市的岗位'],
  },
  {
    title: '山东城市人社局',
    can: ['代用人单位发布岗位，处理报名，记录录用', '导出岗位和报名情况'],
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
          山东省与重庆市开展东西部协作，山东的城市与重庆的区县结成对子：山东人社部门发布适合的岗位，重庆区县就业和人才中心核验务工人员、推荐岗位，务工人员在线报名。
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
  { name: 'description', content: '山东与重庆东西部劳务协作：对口城市的岗位信息，区县核验后在线报名。' },
]
