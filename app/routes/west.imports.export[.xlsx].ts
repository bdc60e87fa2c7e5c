import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { LEDGER_IMPORTS_EXPORT, listImportsForExport } from '~/exports/ledger-imports.server'
import { openCountyList } from '~/models/county-list.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The county's ledger imports (/west/imports) as xlsx (issue 15 §3): county staff only, their own county's
 * imports, newest first. The list has no filters and no date filter: 全部日期, 筛选条件：无.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, countyName } = await openCountyList(args, () => null)
  const names = exportNames({ organisation: countyName, list: '台账导入记录', filters: [], range: ALL_DATES, ascii: 'ledger-imports' })
  return xlsxResponse(LEDGER_IMPORTS_EXPORT, listImportsForExport(actor), names)
}
