import type { LoaderFunctionArgs } from '@remix-run/node'
import { APPLICATIONS_EXPORT } from '~/exports/applications.server'
import { exportNames, monthRange } from '~/exports/file-name.server'
import { EXPORT_CAP, listCountyApplicationsForExport } from '~/models/county-applications.server'
import { openCountyList } from '~/models/county-list.server'
import { shanghaiMonth } from '~/models/county-outcomes.server'
import { applicationFilterLabels, readApplicationFilters } from '~/utils/hire-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The applications list's filtered rows as xlsx (issue 11 §3): the same month, township and status as
 * the page, every row of them up to EXPORT_CAP (the page lists the newest 2,000), numbers masked, streamed
 * a step at a time. The file and its title row name the filters and the month as the range; an export that may stop at the cap says so.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, townships, filters, countyName } = await openCountyList(args, (s, t) => readApplicationFilters(s, t, shanghaiMonth()))
  const { rows, mayBeCut } = listCountyApplicationsForExport(actor, filters)
  const names = exportNames({
    organisation: countyName,
    list: '报名记录',
    filters: applicationFilterLabels(filters, townships),
    range: monthRange(filters.month),
    ascii: 'applications',
  })
  const title = mayBeCut ? `${names.title}（最多导出最新的 ${EXPORT_CAP.toLocaleString('en-US')} 条）` : names.title
  return xlsxResponse(APPLICATIONS_EXPORT, rows, { ...names, title })
}
