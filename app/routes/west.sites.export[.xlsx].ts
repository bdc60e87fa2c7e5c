import type { LoaderFunctionArgs } from '@remix-run/node'
import { sitesExportResponse } from '~/exports/site-export.server'

/** Issue 14 §1: the west side's own sites as xlsx, with the list's filters of the query string applied. */
export function loader(args: LoaderFunctionArgs) {
  return sitesExportResponse(args, 'west')
}
