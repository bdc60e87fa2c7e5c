import type { LoaderFunctionArgs } from '@remix-run/node'
import { sitesTemplateResponse } from '~/exports/site-export.server'

/** Issue 14 §1: the east side's site import template (the export's columns, an example row, the 填写说明 sheet). */
export function loader(args: LoaderFunctionArgs) {
  return sitesTemplateResponse(args, 'east')
}
