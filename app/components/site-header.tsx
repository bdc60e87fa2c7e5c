import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import type { FormEvent } from 'react'
import type { Role } from '../../db/schema'
import { forgetOfflineBoarding, waitingBoardingTicks } from '~/utils/offline-boarding'

export type HeaderUser = {
  role: Role
  displayName: string
  organisationName: string
  pairLabel: string | null
  verified: boolean
}

type NavItem = { to: string; label: string }

const NAV: Record<Role, NavItem[]> = {
  east: [
    { to: '/east', label: '工作台' },
    { to: '/east/jobs', label: '岗位管理' },
    { to: '/east/applications', label: '报名记录' },
    { to: '/east/hires', label: '录用人员' },
    { to: '/east/employers', label: '用人单位' },
    { to: '/east/reports', label: '举报处理' },
    { to: '/east/arrivals', label: '到岗接收' },
    { to: '/east/sites', label: '服务站点' },
  ],
  west: [
    { to: '/west', label: '工作台' },
    { to: '/west/workers', label: '务工人员台账' },
    { to: '/west/verifications', label: '账号核验' },
    { to: '/west/jobs', label: '对口岗位' },
    { to: '/west/applications', label: '报名记录' },
    { to: '/west/hires', label: '录用人员' },
    { to: '/west/demand', label: '出行需求' },
    { to: '/west/batches', label: '包车批次' },
    { to: '/west/claims', label: '补助审核' },
    { to: '/west/payouts', label: '发放批次' },
    { to: '/west/subsidy-policy', label: '补助政策' },
    { to: '/west/sites', label: '服务站点' },
  ],
  worker: [
    { to: '/me', label: '我的' },
    { to: '/me/applications', label: '我的报名' },
    { to: '/me/trips', label: '我的行程' },
    { to: '/me/claims', label: '交通补助' },
    { to: '/me/profile', label: '联系方式' },
  ],
  admin: [
    { to: '/admin', label: '平台总览' },
    { to: '/admin/pairings', label: '结对关系' },
    { to: '/admin/subsidy-policies', label: '补助政策' },
    { to: '/admin/audit', label: '操作记录' },
  ],
}

/** Navs longer than this fold into a 菜单 disclosure on a phone (the west staff's eleven wrapped to four rows at 360 px; the east's eight fold too; a worker's five fit in two rows). */
const FOLD_AFTER = 6

const SIDE_LABEL: Record<Role, string> = {
  east: '东部 · 输入地',
  west: '西部 · 输出地',
  worker: '务工人员',
  admin: '平台管理',
}

/**
 * Before signing out (with JavaScript): warns when boarding ticks are still waiting for a signal (signing out
 * drops them), then forgets the offline boarding copies so the next person on a shared phone sees none of
 * them (decision 022). Cancelling the warning keeps the session.
 */
function signOutOfflineCopies(event: FormEvent<HTMLFormElement>) {
  const waiting = waitingBoardingTicks()
  if (waiting > 0 && !window.confirm(`还有 ${waiting} 条上车登记没有发送（无信号）。退出登录后这些登记会丢失。确定退出吗？`)) {
    event.preventDefault()
    return
  }
  void forgetOfflineBoarding()
}

/** The nav item the path `pathname` is under (the longest prefix; the first item, the side's home, only exactly), or null. */
export function currentNavItem(items: readonly NavItem[], pathname: string): NavItem | null {
  const path = pathname.replace(/\/+$/, '') || '/'
  let best: NavItem | null = null
  for (const [i, item] of items.entries()) {
    const hit = i === 0 ? path === item.to : path === item.to || path.startsWith(`${item.to}/`)
    if (hit && (!best || item.to.length > best.to.length)) best = item
  }
  return best
}

function NavLinks({ items, className }: { items: readonly NavItem[]; className: string }) {
  return (
    <>
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.to === items[0].to} className={className}>
          {item.label}
        </NavLink>
      ))}
    </>
  )
}

/**
 * The side's main navigation. On a wide screen one row of links; a long nav (more than FOLD_AFTER items) on
 * a phone (≤ 640 px, app.css) is instead a 菜单 disclosure naming the current page, opening to a two-column
 * list — a <details>, so it works without JavaScript. Only one of the two is displayed at a width, so a
 * screen reader meets one 主导航. With JavaScript the disclosure is keyed by the path: it closes after a
 * client-side navigation.
 */
function SideNav({ items }: { items: readonly NavItem[] }) {
  const { pathname } = useLocation()
  if (items.length <= FOLD_AFTER)
    return (
      <nav aria-label="主导航" className="side-nav">
        <NavLinks items={items} className="side-nav__link" />
      </nav>
    )
  const current = currentNavItem(items, pathname)
  return (
    <>
      <nav aria-label="主导航" className="side-nav side-nav--wide">
        <NavLinks items={items} className="side-nav__link" />
      </nav>
      <details className="side-menu" key={pathname}>
        <summary className="side-menu__toggle">
          <span className="side-menu__word">菜单</span>
          {current ? <span className="side-menu__current">{current.label}</span> : null}
        </summary>
        <nav aria-label="主导航" className="side-menu__list">
          <NavLinks items={items} className="side-menu__link" />
        </nav>
      </details>
    </>
  )
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  return (
    <header className="site-header">
      <div className="container site-header__bar">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            鲁渝
          </span>
          <span className="brand__name">鲁渝劳务协作</span>
        </Link>
        {/* The board and the map are public: the links everyone sees, signed in or not. */}
        <NavLink to="/jobs" className="site-header__jobs">
          岗位
        </NavLink>
        <NavLink to="/map" className="site-header__jobs site-header__map">
          地图
        </NavLink>
        {user ? (
          <Form method="post" action="/logout" className="site-header__logout" onSubmit={signOutOfflineCopies}>
            <span className="site-header__who">{user.displayName}</span>
            <button type="submit" className="button button--ghost button--small">
              退出登录
            </button>
          </Form>
        ) : (
          <Link to="/login" className="button button--small">
            登录
          </Link>
        )}
      </div>
      {user ? (
        <div className="site-header__org">
          <div className="container site-header__org-inner">
            <p className="org-line">
              <span className="side-tag">{SIDE_LABEL[user.role]}</span>
              <strong>{user.organisationName}</strong>
              {user.pairLabel ? <span className="org-line__pair">{user.pairLabel}</span> : null}
            </p>
            <SideNav items={NAV[user.role]} />
          </div>
        </div>
      ) : null}
    </header>
  )
}
