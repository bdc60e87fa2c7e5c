import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { listReportsForExport, REPORTS_EXPORT } from '~/exports/vacancy-reports.server'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The bureau's reports on its posts (/east/reports) as xlsx (issue 15 §3): east staff only, reports on their own
 * bureau's posts, open first. The list has no filters and no date filter: 全部日期, 筛选条件：无.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const names = exportNames({ organisation: user.organisation.shortName, list: '岗位举报', filters: [], range: ALL_DATES, ascii: 'reports' })
  return xlsxResponse(REPORTS_EXPORT, listReportsForExport(actor), names)
}
