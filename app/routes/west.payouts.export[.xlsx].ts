import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { PAYOUTS_EXPORT, payoutListLines } from '~/exports/payouts.server'
import { openCountyList } from '~/models/county-list.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The county's payout batches (/west/payouts) as xlsx (issue 15 §3): county staff only, their own county's
 * payouts, newest first with a 合计 row exact to the fen. The list has no filters and no date filter, so the
 * title row says 全部日期; no personal numbers (each payout's people are on its own audited file).
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, countyName } = await openCountyList(args, () => null)
  const names = exportNames({ organisation: countyName, list: '补助发放批次', filters: [], range: ALL_DATES, ascii: 'payouts' })
  return xlsxResponse(PAYOUTS_EXPORT, payoutListLines(actor), names)
}
