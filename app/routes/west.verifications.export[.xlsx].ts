import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { VERIFICATIONS_EXPORT, verificationLines } from '~/exports/verifications.server'
import { openCountyList } from '~/models/county-list.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The county's verification queue (/west/verifications) as xlsx (issue 15 §3): county staff only, their own
 * county's registrations, waiting then turned down, phone and ID numbers masked. The queue has no filters and no
 * date filter, so the title row says 全部日期 and 筛选条件：无.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, countyName } = await openCountyList(args, () => null)
  const names = exportNames({ organisation: countyName, list: '账号核验', filters: [], range: ALL_DATES, ascii: 'verifications' })
  return xlsxResponse(VERIFICATIONS_EXPORT, verificationLines(actor), names)
}
