import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { REGISTRY_EXPORT, REGISTRY_EXPORT_FOOTER } from '~/exports/registry.server'
import { openCountyList } from '~/models/county-list.server'
import { listWorkersForExport } from '~/models/worker.server'
import { readRegistryFilters, registryFilterLabels } from '~/utils/registry-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The list page's filtered rows as xlsx; numbers masked unless 完整信息 was ticked (full=1), which is
 * audited. The file and its title row name the filters applied (a search only as 查找结果), and 全部日期: the ledger has no date filter.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, search, townships, filters: f, countyName } = await openCountyList(args, (s, _, a) => readRegistryFilters(s, a))
  const full = search.get('full') === '1'
  const rows = listWorkersForExport(actor, f, { full })
  const names = exportNames({
    organisation: countyName,
    list: '务工人员台账',
    filters: registryFilterLabels(f, townships),
    range: ALL_DATES,
    full,
    ascii: 'registry',
  })
  return xlsxResponse({ ...REGISTRY_EXPORT, footer: full ? REGISTRY_EXPORT_FOOTER.full : REGISTRY_EXPORT_FOOTER.masked }, rows, names)
}
