import type { LoaderFunctionArgs } from '@remix-run/node'
import { officePeopleDownload } from '~/exports/office-people.server'
import { openCountyList } from '~/models/county-list.server'

/**
 * /west/people as xlsx (?kind=hired|boarded|arrived&month=period; without a period all months, titled
 * 全部日期): one row per person of the county's list, ID numbers masked. County staff only.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, search, countyName } = await openCountyList(args, () => null)
  return officePeopleDownload(actor, 'west', countyName, search)
}
