import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAreaName } from '~/models/area.server'
import { buildRegistryWorkbook } from '~/models/worker-import.server'
import { downloadHeaders } from '~/utils/xlsx.server'
import { listWorkersForExport } from '~/models/worker.server'
import { shortAreaName } from '~/rules/areas'
import { todayInShanghai } from '~/rules/dates'
import { requireUser } from '~/utils/auth.server'
import { writeAudit } from '~/utils/audit.server'
import { db } from '~/utils/db.server'
import { readRegistryFilters } from '~/utils/registry-filters.server'

const FILTER_NAMES = ['township', 'household', 'employmentStatus', 'employmentNeed', 'account'] as const

/** The list page's filtered rows as xlsx; numbers masked unless 完整信息 was ticked (full=1), which is audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const org = user.organisation
  const url = new URL(request.url)
  const filters = readRegistryFilters(url, user.organisation.id)
  const full = url.searchParams.get('full') === '1'
  const rows = listWorkersForExport(org.id, filters, { full })
  if (full) {
    // Which filters were used, never their values: the search term may itself be a phone or ID number.
    const used = [...FILTER_NAMES.filter((name) => filters[name] != null), ...(filters.search.kind === 'none' ? [] : ['search'])]
    writeAudit(db, {
      actorUserId: user.id,
      organisationId: org.id,
      action: 'registry.export_full',
      entity: 'worker',
      detail: { rows: rows.length, filters: used },
      ip: context.clientIp ?? null,
    })
  }
  const bytes = await buildRegistryWorkbook(rows, { full })
  const countyName = shortAreaName(getAreaName(org.areaCode) ?? org.shortName)
  const fileName = `${countyName}务工人员台账${full ? '（完整信息）' : ''}-${todayInShanghai()}.xlsx`
  return new Response(bytes, { headers: downloadHeaders(fileName, `registry-${todayInShanghai()}.xlsx`) })
}
