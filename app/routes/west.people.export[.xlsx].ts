import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { officePeopleExport } from '~/exports/office-people.server'
import { openCountyList } from '~/models/county-list.server'
import { listOfficePeopleForExport } from '~/models/office-people.server'
import { PEOPLE_LISTS, readPeopleKind } from '~/rules/office-people'
import { readPeriodParam } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * /west/people as xlsx (?kind=hired|boarded|arrived&month=period; without a period all months, titled
 * 全部日期): one row per person of the county, ID numbers masked. County staff only.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, filters, countyName } = await openCountyList(args, (search) => ({ kind: readPeopleKind(search.get('kind')), month: readPeriodParam(search) }))
  const { list, ascii } = PEOPLE_LISTS[filters.kind]
  const names = exportNames({ organisation: countyName, list, filters: [], range: filters.month ? monthRange(filters.month) : ALL_DATES, ascii })
  return xlsxResponse(officePeopleExport('west', filters.kind), listOfficePeopleForExport(actor, filters.kind, filters.month), names)
}
