import type { LoaderFunctionArgs } from '@remix-run/node'
import { HIRES_EXPORT, HIRES_EXPORT_FOOTER } from '~/exports/hires.server'
import { getAreaName } from '~/models/area.server'
import { listCountyHiresForExport } from '~/models/county-outcomes.server'
import { shortAreaName } from '~/rules/areas'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { readHireFilters } from '~/utils/hire-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/** The hires list's filtered rows as xlsx; numbers masked unless 完整信息 was ticked (full=1), which is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const full = search.get('full') === '1'
  const rows = listCountyHiresForExport(actor, readHireFilters(search), { full })
  const countyName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const today = todayInShanghai()
  return xlsxResponse({ ...HIRES_EXPORT, footer: full ? HIRES_EXPORT_FOOTER.full : HIRES_EXPORT_FOOTER.masked }, rows, {
    fileName: `${countyName}录用人员${full ? '（完整信息）' : ''}-${today}.xlsx`,
    asciiFallback: `hires-${today}.xlsx`,
  })
}
