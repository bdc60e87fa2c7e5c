import type { LoaderFunctionArgs } from '@remix-run/node'
import { ARRIVAL_EXPORT } from '~/exports/batches.server'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { getAreaName } from '~/models/area.server'
import { listArrivalsForExport } from '~/models/arrival.server'
import { shortAreaName } from '~/rules/areas'
import { requireActor } from '~/utils/auth.server'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The batches heading to the bureau's city as xlsx (issue 15 §3), as /east/arrivals lists them: every one past
 * draft, or with ?month=YYYY-MM those that left in that month (departed or arrived). East staff only; no
 * worker's personal data (the people are on each batch's masked manifest).
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const month = readPeriodParam(new URL(args.request.url).searchParams)
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const names = exportNames({
    organisation: cityName,
    list: '到岗接收批次',
    filters: month ? [`${monthInWords(month)}发车`] : [],
    range: month ? monthRange(month) : ALL_DATES,
    ascii: 'arrivals',
  })
  return xlsxResponse(ARRIVAL_EXPORT, listArrivalsForExport(actor, { month }), names)
}
