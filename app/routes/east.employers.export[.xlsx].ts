import type { LoaderFunctionArgs } from '@remix-run/node'
import { EMPLOYERS_EXPORT, listEmployersForExport } from '~/exports/employers.server'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { requireActor } from '~/utils/auth.server'
import { readEmployerSearch } from '~/utils/employer-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The bureau's employers (/east/employers, its search `q` applied) as xlsx (issue 15 §3): east staff only,
 * their own bureau's employers. The file and its title row name the search (a name or code, never personal)
 * and 全部日期: the list has no date filter.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const q = readEmployerSearch(new URL(args.request.url).searchParams)
  const names = exportNames({ organisation: user.organisation.shortName, list: '用人单位', filters: q ? [`含${q}`] : [], range: ALL_DATES, ascii: 'employers' })
  return xlsxResponse(EMPLOYERS_EXPORT, listEmployersForExport(actor, q), names)
}
