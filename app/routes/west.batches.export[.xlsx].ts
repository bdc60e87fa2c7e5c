import type { LoaderFunctionArgs } from '@remix-run/node'
import { COUNTY_BATCH_EXPORT } from '~/exports/batches.server'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { getAreaName } from '~/models/area.server'
import { listBatchesForCountyExport } from '~/models/batch-read.server'
import { shortAreaName } from '~/rules/areas'
import { BATCH_STATE } from '~/rules/batch'
import { requireActor } from '~/utils/auth.server'
import { readBatchFilters } from '~/utils/batch-filters.server'
import { monthInWords } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The county's batches as xlsx (issue 15 §3) with the list's filters (?state=, ?month=YYYY-MM: the batches that
 * left in that month), latest departure first; county staff only. No worker's personal data.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const filters = readBatchFilters(new URL(args.request.url).searchParams)
  const countyName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const labels = [filters.month ? `${monthInWords(filters.month)}发车` : null, filters.state ? BATCH_STATE[filters.state].label : null].filter(
    (l): l is string => l != null,
  )
  const names = exportNames({
    organisation: countyName,
    list: '包车批次',
    filters: labels,
    range: filters.month ? monthRange(filters.month) : ALL_DATES,
    ascii: 'batches',
  })
  return xlsxResponse(COUNTY_BATCH_EXPORT, listBatchesForCountyExport(actor, filters), names)
}
