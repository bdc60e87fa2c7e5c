import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { SiteImportPage } from '~/components/site-import-page'
import { siteImportAction, siteImportLoader } from '~/models/site-import.server'
import { pageTitle } from '~/utils/meta'

// Issue 14 §1: the west side's xlsx import of its own service sites (all rows or none).

export function loader(args: LoaderFunctionArgs) {
  return siteImportLoader(args, 'west')
}

export function action(args: ActionFunctionArgs) {
  return siteImportAction(args, 'west')
}

export default SiteImportPage

export const meta = pageTitle('批量导入服务站点')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
