import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { ORGANISATIONS_EXPORT } from '~/exports/organisations.server'
import { listOrganisationsWithCounts } from '~/models/organisation.server'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * Every organisation of the platform (the list on /admin) as xlsx (issue 15 §3): the operator only. The list has
 * no filters and no date filter: 全部日期, 筛选条件：无. A few dozen rows, read at once as the page does.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user } = await requireActor(args, { role: 'admin' })
  const names = exportNames({ organisation: user.organisation.shortName, list: '单位', filters: [], range: ALL_DATES, ascii: 'organisations' })
  return xlsxResponse(ORGANISATIONS_EXPORT, listOrganisationsWithCounts(), names)
}
