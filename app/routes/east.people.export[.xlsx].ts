import type { LoaderFunctionArgs } from '@remix-run/node'
import { officePeopleDownload } from '~/exports/office-people.server'
import { getAreaName } from '~/models/area.server'
import { shortAreaName } from '~/rules/areas'
import { requireActor } from '~/utils/auth.server'

/**
 * /east/people as xlsx (?kind=hired|boarded|arrived&month=period; without a period all months, titled
 * 全部日期): one row per person, name and county, no ID number or phone. East staff only.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  return officePeopleDownload(actor, 'east', cityName, new URL(args.request.url).searchParams)
}
