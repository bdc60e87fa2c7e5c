import type { LoaderFunctionArgs } from '@remix-run/node'
import { BUREAU_APPLICATIONS_EXPORT } from '~/exports/bureau-outcomes.server'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { getAreaName } from '~/models/area.server'
import { countBureauMonth, EXPORT_CAP, listBureauApplicationsForExport } from '~/models/bureau-outcomes.server'
import { shortAreaName } from '~/rules/areas'
import { requireActor } from '~/utils/auth.server'
import { readPeriodParam } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The applications to the bureau's posts in a period (?month=YYYY-MM or YYYY-MM/YYYY-MM, Shanghai; without
 * one all months, titled 全部日期) as xlsx, as /east/applications lists them: newest first, names as the
 * applicants page shows them, no ID number or phone. East staff only.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const month = readPeriodParam(new URL(args.request.url).searchParams)
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const names = exportNames({ organisation: cityName, list: '报名记录', filters: [], range: month ? monthRange(month) : ALL_DATES, ascii: 'applications' })
  // Past EXPORT_CAP the file holds the newest rows only, and its title says so.
  const cut = countBureauMonth(actor, month).applications > EXPORT_CAP
  const title = cut ? `${names.title}（最多导出最新的 ${EXPORT_CAP.toLocaleString('en-US')} 条）` : names.title
  return xlsxResponse(BUREAU_APPLICATIONS_EXPORT, listBureauApplicationsForExport(actor, month), { ...names, title })
}
