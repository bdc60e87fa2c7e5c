import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, dayRange, exportNames } from '~/exports/file-name.server'
import { DEMAND_EXPORT, listDemandForExport } from '~/exports/travel-demand.server'
import { openCountyList } from '~/models/county-list.server'
import { demandFilterChoices } from '~/models/travel-demand.server'
import { shortAreaName } from '~/rules/areas'
import { addDays } from '~/rules/dates'
import { demandFilterLabels, readDemandFilters } from '~/utils/demand-list.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The county's travel demand (/west/demand, its filters ?week=&city=&township=&state= applied) as xlsx (issue 15
 * §3): county staff only, their own county's demand. The range is the chosen week (earliest day Monday to Sunday),
 * else 全部日期; the filters are named by destination, township and state (待安排和已邀请 when none, as the page).
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, filters, countyName } = await openCountyList(args, (search) => readDemandFilters(search))
  const choices = demandFilterChoices(actor)
  const labels = demandFilterLabels(filters, {
    cities: choices.cities.map((c) => ({ code: c.code, name: shortAreaName(c.name) })),
    townships: choices.townships,
  })
  const names = exportNames({
    organisation: countyName,
    list: '出行需求',
    filters: labels,
    range: filters.week ? dayRange(filters.week, addDays(filters.week, 6)) : ALL_DATES,
    ascii: 'travel-demand',
  })
  return xlsxResponse(DEMAND_EXPORT, listDemandForExport(actor, filters), names)
}
