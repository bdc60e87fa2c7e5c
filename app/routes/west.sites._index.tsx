import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { SiteListPage } from '~/components/site-list'
import { siteListLoader } from '~/models/site-page.server'
import { pageTitle } from '~/utils/meta'

// A county's centre's service sites (issue 14 §1); the shared loader is app/models/site-page.server.ts.

export const loader = (args: LoaderFunctionArgs) => siteListLoader(args, 'west')

export default function SitesPage() {
  const data = useLoaderData<typeof loader>()
  return <SiteListPage {...data} />
}

export const meta = pageTitle('服务站点')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
