import type { LoaderFunctionArgs } from '@remix-run/node'
import { REGISTRY_EXPORT, REGISTRY_EXPORT_FOOTER } from '~/exports/registry.server'
import { getAreaName } from '~/models/area.server'
import { listWorkersForExport } from '~/models/worker.server'
import { shortAreaName } from '~/rules/areas'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { readRegistryFilters } from '~/utils/registry-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/** The list page's filtered rows as xlsx; numbers masked unless 完整信息 was ticked (full=1), which is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const full = search.get('full') === '1'
  const rows = listWorkersForExport(actor, readRegistryFilters(search, actor), { full })
  const countyName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const today = todayInShanghai()
  return xlsxResponse({ ...REGISTRY_EXPORT, footer: full ? REGISTRY_EXPORT_FOOTER.full : REGISTRY_EXPORT_FOOTER.masked }, rows, {
    fileName: `${countyName}务工人员台账${full ? '（完整信息）' : ''}-${today}.xlsx`,
    asciiFallback: `registry-${today}.xlsx`,
  })
}
