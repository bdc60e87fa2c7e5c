import type { LoaderFunctionArgs } from '@remix-run/node'
import { BUREAU_HIRES_EXPORT } from '~/exports/bureau-outcomes.server'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { getAreaName } from '~/models/area.server'
import { countBureauMonth, EXPORT_CAP, listBureauHiresForExport } from '~/models/bureau-outcomes.server'
import { shortAreaName } from '~/rules/areas'
import { requireActor } from '~/utils/auth.server'
import { readPeriodParam } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The hires with the bureau's employers in a period (?month=YYYY-MM or YYYY-MM/YYYY-MM, Shanghai; without
 * one all months, titled 全部日期) as xlsx, as /east/hires lists them: newest first, names as the applicants
 * page shows them, no ID number or phone. East staff only.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const month = readPeriodParam(new URL(args.request.url).searchParams)
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const names = exportNames({ organisation: cityName, list: '录用人员', filters: [], range: month ? monthRange(month) : ALL_DATES, ascii: 'hires' })
  // Past EXPORT_CAP the file holds the newest rows only, and its title says so.
  const cut = countBureauMonth(actor, month).hires > EXPORT_CAP
  const title = cut ? `${names.title}（最多导出最新的 ${EXPORT_CAP.toLocaleString('en-US')} 条）` : names.title
  return xlsxResponse(BUREAU_HIRES_EXPORT, listBureauHiresForExport(actor, month), { ...names, title })
}
