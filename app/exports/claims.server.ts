import type { ClaimQueueRow } from '~/models/claim-queue.server'
import { formatDate } from '~/rules/dates'
import { CLAIM_STATE_LABELS } from '~/rules/subsidy-labels'
import { defineExport } from '~/utils/xlsx.server'

// The county's subsidy review queue as xlsx (issue 13 §6), as filtered on /west/claims: who (ID number masked —
// the full export with card numbers is the payout's, app/exports/payout*.server.ts), township, dates, state and
// amounts in yuan with the fen exact (a number cell formatted 0.00, so a sum in the sheet adds up).

const yuan = (fen: number | null) => (fen == null ? null : fen / 100)

/** The queue export's columns, oldest submission first as the queue lists them. */
export const CLAIMS_EXPORT = defineExport<ClaimQueueRow>({
  sheet: '补助申领',
  columns: [
    { header: '申领编号', width: 10, value: (r) => r.id },
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '身份证号码', width: 22, value: (r) => r.idNumberMasked, numFmt: '@' },
    { header: '乡镇（街道）', width: 14, value: (r) => r.townshipName },
    { header: '年度', width: 8, value: (r) => r.year },
    { header: '提交日期', width: 12, value: (r) => (r.submittedAt ? formatDate(r.submittedAt) : null) },
    { header: '状态', width: 10, value: (r) => CLAIM_STATE_LABELS[r.state] },
    { header: '方式', width: 8, value: (r) => (r.flat ? '定额' : '按票') },
    { header: '预计金额（元）', width: 14, value: (r) => yuan(r.expectedFen), numFmt: '0.00' },
    { header: '核定金额（元）', width: 14, value: (r) => yuan(r.approvedFen), numFmt: '0.00' },
    { header: '疑似重复', width: 10, value: (r) => (r.flags > 0 ? `${r.flags} 处` : '') },
    { header: '代为申报', width: 10, value: (r) => (r.assisted ? '是' : '') },
  ],
})

/** Printed copies say the numbers are masked. */
export const CLAIMS_EXPORT_FOOTER = '身份证号码已打码'
