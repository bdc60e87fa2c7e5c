import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { NewSitePage } from '~/components/site-form'
import { newSiteAction, newSiteLoader } from '~/models/site-page.server'
import { pageTitle } from '~/utils/meta'

export const loader = (args: LoaderFunctionArgs) => newSiteLoader(args, 'west')

export const action = (args: ActionFunctionArgs) => newSiteAction(args, 'west')

export default function NewSiteRoute() {
  const { centre, tiles, example, formToken } = useLoaderData<typeof loader>()
  return <NewSitePage side="west" lastResult={useActionData<typeof action>()} centre={centre} tiles={tiles} example={example} formToken={formToken} />
}

export const meta = pageTitle('新增服务站点')

export { siteFormLinks as links } from '~/components/site-form'

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
