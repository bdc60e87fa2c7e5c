import { listReportsForBureau } from '~/models/vacancy-report.server'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { REPORT_REASON_LABELS } from '~/rules/vacancy'
import { defineExport } from '~/utils/xlsx.server'

// The bureau's reports on its posts (举报处理, /east/reports) as xlsx (issue 15 §3), in the list's order (open first,
// newest first): the post, its employer, the reason, the reporter's note, when, and what the bureau found. The
// reporter is never named (the page does not show them either); a number typed into the note (masked by the
// model, as on the page) or into the resolution is masked, as in every file that leaves the office.

type Report = ReturnType<typeof listReportsForBureau>[number]

/** The columns of the reports export. */
export const REPORTS_EXPORT = defineExport<Report>({
  sheet: '举报处理',
  columns: [
    { header: '状态', width: 8, value: (r) => (r.resolvedAt ? '已处理' : '待处理') },
    { header: '岗位', width: 26, value: (r) => r.title },
    { header: '用人单位', width: 26, value: (r) => r.employerName },
    { header: '举报原因', width: 14, value: (r) => REPORT_REASON_LABELS[r.reason] },
    { header: '举报说明', width: 36, value: (r) => maskNumbersInText(r.note) },
    { header: '举报日期', width: 12, value: (r) => formatDate(r.createdAt) },
    { header: '处理日期', width: 12, value: (r) => (r.resolvedAt ? formatDate(r.resolvedAt) : null) },
    { header: '处理结果', width: 40, value: (r) => maskNumbersInText(r.resolution) },
  ],
})

/** How many reports one read takes (the list's query, a page at a time). */
const PAGE = 200

/** The bureau's reports in the list's order, read a page at a time through the list's own query. */
export function* listReportsForExport(actor: Actor) {
  for (let offset = 0; ; offset += PAGE) {
    const page = listReportsForBureau(actor, { limit: PAGE, offset })
    yield* page
    if (page.length < PAGE) return
  }
}
