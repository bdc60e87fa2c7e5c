import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ErrorPage } from '~/components/error-page'
import { SiteHeader, type HeaderUser } from '~/components/site-header'
import { describePairOf } from '~/models/pairing.server'
import styles from '~/styles/app.css'
import { getViewer, isPasswordChangePath } from '~/utils/auth.server'
import { takeNotice } from '~/utils/notice.server'
import { useNonce } from '~/utils/nonce-provider'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  // A worker holding a password staff set sees no page but the password form, public pages included (issue 9 §1).
  const user = await getViewer(request, { passwordChange: isPasswordChangePath(new URL(request.url).pathname) })
  const headerUser: HeaderUser | null = user
    ? {
        role: user.role,
        displayName: user.displayName,
        organisationName: user.organisation.shortName,
        pairLabel: describePairOf(user.organisation.areaCode),
        verified: user.verified,
      }
    : null
  // A one-time notice left by the last action's redirect (utils/notice.server.ts): shown once, then cleared.
  const { notice, headers } = await takeNotice(request)
  return data({ user: headerUser, notice }, { headers })
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          跳到正文
        </a>
        <SiteHeader user={data?.user ?? null} />
        <div id="main">
          {data?.notice ? (
            <div className="container notice-bar">
              <p className={`notice notice--${data.notice.tone}`} role="status">
                {data.notice.text}
              </p>
            </div>
          ) : null}
          {children}
        </div>
        <footer className="site-footer">
          <div className="container">
            <p>鲁渝劳务协作平台 · 重庆市与山东省东西部协作 · 服务热线请咨询当地人社部门</p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export const meta: MetaFunction = () => [{ title: '鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
