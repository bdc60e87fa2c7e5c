import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { officePeopleExport } from '~/exports/office-people.server'
import { getAreaName } from '~/models/area.server'
import { listOfficePeopleForExport } from '~/models/office-people.server'
import { shortAreaName } from '~/rules/areas'
import { PEOPLE_LISTS, readPeopleKind } from '~/rules/office-people'
import { requireActor } from '~/utils/auth.server'
import { readPeriodParam } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * /east/people as xlsx (?kind=hired|boarded|arrived&month=period; without a period all months, titled
 * 全部日期): one row per person, name and county, no ID number or phone. East staff only.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const search = new URL(args.request.url).searchParams
  const kind = readPeopleKind(search.get('kind'))
  const month = readPeriodParam(search)
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const { list, ascii } = PEOPLE_LISTS[kind]
  const names = exportNames({ organisation: cityName, list, filters: [], range: month ? monthRange(month) : ALL_DATES, ascii })
  return xlsxResponse(officePeopleExport('east', kind), listOfficePeopleForExport(actor, kind, month), names)
}
