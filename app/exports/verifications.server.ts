import { listPendingVerifications, listRejectedRegistrations, type ProposalStatus } from '~/models/verification.server'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { defineExport } from '~/utils/xlsx.server'

// The county's account verification queue (账号核验, /west/verifications) as xlsx (issue 15 §3): the registrations
// waiting for a decision, oldest first with the ledger row the portal proposes, then the registrations turned
// down, newest first with why — the two tables of the page, every row rather than a page of them. Phone and ID
// number are masked (the queue reads them masked), and a number typed into a reason is masked too; the full
// numbers stay on each registration's own page.

/** A line of the file: a waiting registration or a turned-down one. */
export type VerificationLine =
  | { kind: 'pending'; row: ReturnType<typeof listPendingVerifications>[number] }
  | { kind: 'rejected'; row: ReturnType<typeof listRejectedRegistrations>[number] }

const PROPOSAL_TEXT: Record<ProposalStatus, (ledgerName: string | null) => string> = {
  match: (name) => `${name ?? ''}（姓名一致）`,
  name_mismatch: (name) => `${name ?? ''}（姓名与台账不一致）`,
  linked_elsewhere: () => '台账记录已关联其他账号',
  missing: () => '台账中无此人',
}

const pending = <T>(l: VerificationLine, read: (r: Extract<VerificationLine, { kind: 'pending' }>['row']) => T) => (l.kind === 'pending' ? read(l.row) : null)
const rejected = <T>(l: VerificationLine, read: (r: Extract<VerificationLine, { kind: 'rejected' }>['row']) => T) =>
  l.kind === 'rejected' ? read(l.row) : null

/** The columns of the verification queue export. */
export const VERIFICATIONS_EXPORT = defineExport<VerificationLine>({
  sheet: '账号核验',
  columns: [
    { header: '状态', width: 8, value: (l) => (l.kind === 'pending' ? '待核验' : '已退回') },
    { header: '姓名', width: 10, value: (l) => l.row.name },
    { header: '手机号（打码）', width: 14, value: (l) => l.row.phoneMasked, numFmt: '@' },
    { header: '身份证号（打码）', width: 20, value: (l) => pending(l, (r) => r.idNumberMasked), numFmt: '@' },
    { header: '注册日期', width: 12, value: (l) => pending(l, (r) => formatDate(r.createdAt)) },
    { header: '本县台账', width: 26, value: (l) => pending(l, (r) => PROPOSAL_TEXT[r.status](r.ledgerName)) },
    { header: '退回日期', width: 12, value: (l) => rejected(l, (r) => (r.rejectedAt ? formatDate(r.rejectedAt) : null)) },
    { header: '退回原因', width: 36, value: (l) => rejected(l, (r) => maskNumbersInText(r.reason)) },
  ],
  footer: '手机号、身份证号已打码',
})

/** How many waiting registrations one read takes (the queue's query, a page at a time). */
const PAGE = 200
/** The most turned-down registrations the file lists (newest first): the page shows 20. */
export const REJECTED_EXPORT_MAX = 10_000

/** Every waiting registration of the county, oldest first, a page at a time; then the turned-down ones, newest first. */
export function* verificationLines(actor: Actor): Generator<VerificationLine> {
  for (let offset = 0; ; offset += PAGE) {
    const page = listPendingVerifications(actor, { limit: PAGE, offset })
    for (const row of page) yield { kind: 'pending', row }
    if (page.length < PAGE) break
  }
  for (const row of listRejectedRegistrations(actor, REJECTED_EXPORT_MAX)) yield { kind: 'rejected', row }
}
