import type { LoaderFunctionArgs } from '@remix-run/node'
import { CLAIMS_EXPORT, CLAIMS_EXPORT_FOOTER } from '~/exports/claims.server'
import { exportNames } from '~/exports/file-name.server'
import { listClaimQueueForExport, readClaimQueueFilters, type ClaimQueueFilters } from '~/models/claim-queue.server'
import { openCountyList } from '~/models/county-list.server'
import type { Township } from '~/models/area.server'
import { CLAIM_STATE_LABELS } from '~/rules/subsidy-labels'
import { xlsxResponse } from '~/utils/xlsx.server'

/** The queue's filters in words, for the file name and title row. */
function filterLabels(f: ClaimQueueFilters, townships: readonly Township[]) {
  const view = f.view === 'waiting' ? '待处理' : f.view === 'all' ? '全部状态' : CLAIM_STATE_LABELS[f.view]
  const township = f.township ? (townships.find((t) => t.code === f.township)?.name ?? null) : null
  return [view, township, f.flagged ? '疑似重复' : null, f.olderThanDays != null ? `提交超过${f.olderThanDays}天` : null].filter((l): l is string => l != null)
}

/** The review queue's filtered claims as xlsx (issue 13 §6), ID numbers masked; county staff only. */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, townships, filters, countyName } = await openCountyList(args, (s, t) => readClaimQueueFilters(s, t))
  const names = exportNames({ organisation: countyName, list: '交通补助申领', filters: filterLabels(filters, townships), ascii: 'claims' })
  return xlsxResponse({ ...CLAIMS_EXPORT, footer: CLAIMS_EXPORT_FOOTER }, listClaimQueueForExport(actor, filters), names)
}
