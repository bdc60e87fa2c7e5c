import type { LoaderFunctionArgs } from '@remix-run/node'
import { CLAIMS_EXPORT, CLAIMS_EXPORT_FOOTER } from '~/exports/claims.server'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { listClaimQueueForExport, readClaimQueueFilters, type ClaimQueueFilters, type ClaimQueueRow } from '~/models/claim-queue.server'
import { openCountyList } from '~/models/county-list.server'
import type { Township } from '~/models/area.server'
import { formatDate } from '~/rules/dates'
import { CLAIM_STATE_LABELS } from '~/rules/subsidy-labels'
import { monthInWords } from '~/utils/month-filters.server'
import { defineExport, xlsxResponse, type XlsxColumn } from '~/utils/xlsx.server'

/** The queue's filters in words, for the file name and title row: the months first (what offices report by). */
function filterLabels(f: ClaimQueueFilters, townships: readonly Township[]) {
  const view = f.view === 'waiting' ? '待处理' : f.view === 'all' ? '全部状态' : CLAIM_STATE_LABELS[f.view]
  const township = f.township ? (townships.find((t) => t.code === f.township)?.name ?? null) : null
  return [
    f.submitted ? `${monthInWords(f.submitted)}提交` : null,
    f.decided ? `${monthInWords(f.decided)}审核通过` : null,
    f.paid ? `${monthInWords(f.paid)}发放` : null,
    view,
    township,
    f.flagged ? '疑似重复' : null,
    f.olderThanDays != null ? `提交超过${f.olderThanDays}天` : null,
  ].filter((l): l is string => l != null)
}

const day = (at: Date | null) => (at ? formatDate(at) : null)

/** With a decision or payment month, that day's column follows 提交日期, as on the page. */
function columnsFor(f: ClaimQueueFilters): readonly XlsxColumn<ClaimQueueRow>[] {
  const extra: XlsxColumn<ClaimQueueRow>[] = []
  if (f.decided || f.paid) extra.push({ header: '审核日期', width: 12, value: (r) => day(r.decidedAt) })
  if (f.paid) extra.push({ header: '发放日期', width: 12, value: (r) => day(r.paidAt) })
  if (extra.length === 0) return CLAIMS_EXPORT.columns
  const at = CLAIMS_EXPORT.columns.findIndex((c) => c.header === '提交日期') + 1
  return [...CLAIMS_EXPORT.columns.slice(0, at), ...extra, ...CLAIMS_EXPORT.columns.slice(at)]
}

/**
 * The review queue's filtered claims as xlsx (issue 13 §6), ID numbers masked; county staff only. The month
 * filters (submitted, decided, paid) are the queue's, so the sheet holds the rows a dashboard figure counts.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, townships, filters, countyName } = await openCountyList(args, (s, t) => readClaimQueueFilters(s, t))
  // The range is the month filtered by (the first of them when several are).
  const month = filters.submitted ?? filters.decided ?? filters.paid ?? null
  const names = exportNames({
    organisation: countyName,
    list: '交通补助申领',
    filters: filterLabels(filters, townships),
    range: month ? monthRange(month) : ALL_DATES,
    ascii: 'claims',
  })
  const definition = defineExport<ClaimQueueRow>({ ...CLAIMS_EXPORT, columns: columnsFor(filters), footer: CLAIMS_EXPORT_FOOTER })
  return xlsxResponse(definition, listClaimQueueForExport(actor, filters), names)
}
