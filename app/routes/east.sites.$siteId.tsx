import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { SitePage } from '~/components/site-form'
import { siteAction, siteLoader } from '~/models/site-page.server'

export const loader = (args: LoaderFunctionArgs) => siteLoader(args, 'east')

export const action = (args: ActionFunctionArgs) => siteAction(args, 'east')

export default function SiteRoute() {
  const { site, centre, tiles, example } = useLoaderData<typeof loader>()
  return <SitePage side="east" site={site} lastResult={useActionData<typeof action>()} centre={centre} tiles={tiles} example={example} />
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.site.name ?? '服务站点'} · 鲁渝劳务协作` }]

export { siteFormLinks as links } from '~/components/site-form'

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
