import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { HIRES_EXPORT, HIRES_EXPORT_FOOTER } from '~/exports/hires.server'
import { listCountyHiresForExport } from '~/models/county-outcomes.server'
import { openCountyList } from '~/models/county-list.server'
import { getPairingsOfArea } from '~/models/pairing.server'
import { hireFilterLabels, readHireFilters } from '~/utils/hire-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The hires list's filtered rows as xlsx; numbers masked unless 完整信息 was ticked (full=1), which is
 * audited. The file and its title row name the filters applied and the
 * month (or 全部日期) as the range.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, search, townships, filters, countyName } = await openCountyList(args, readHireFilters)
  const full = search.get('full') === '1'
  const rows = listCountyHiresForExport(actor, filters, { full })
  const cities = getPairingsOfArea(actor.areaCode).map((p) => ({ code: p.cityCode, name: p.cityName }))
  const names = exportNames({
    organisation: countyName,
    list: '录用人员',
    filters: hireFilterLabels(filters, { townships, cities }),
    range: filters.month ? monthRange(filters.month) : ALL_DATES,
    full,
    ascii: 'hires',
  })
  return xlsxResponse({ ...HIRES_EXPORT, footer: full ? HIRES_EXPORT_FOOTER.full : HIRES_EXPORT_FOOTER.masked }, rows, names)
}
