import type { AuditSearchRow } from '~/models/audit.server'
import { formatDateTime } from '~/rules/dates'
import { defineExport, type XlsxColumn } from '~/utils/xlsx.server'

// Cells are text ('@'), so Excel never turns a time, an id or an address into something else.
const text = (header: string, width: number, value: XlsxColumn<AuditSearchRow>['value']): XlsxColumn<AuditSearchRow> => ({ header, width, value, numFmt: '@' })

const ROLE_LABELS: Record<string, string> = { east: '东部', west: '西部', worker: '务工人员', admin: '平台' }

/**
 * The audit trail as the operator searched it (issue 11 §6; MLPS 2.0 security audit), in the page's words —
 * the same labels from the same rows (models/audit.server.ts searchAuditForAdmin: rules/audit-actions.ts for
 * 事项, rules/audit-reasons.ts for 对象 and 原因): when (Shanghai time), on whose behalf (and the organisation
 * acted on), who, what, which record (by its name), why and from where (plain IPv4); then the action's and the
 * reason's codes. A worker's login (phone) is masked.
 */
export const AUDIT_EXPORT = defineExport<AuditSearchRow>({
  sheet: '操作记录',
  columns: [
    text('时间', 17, (r) => formatDateTime(r.at)),
    text('单位', 16, (r) => r.organisationName ?? '—'),
    text('对象单位', 16, (r) => r.targetOrganisationName ?? ''),
    text('操作人', 10, (r) => r.actorName ?? '—'),
    text('账号', 14, (r) => r.actorLogin ?? '—'),
    text('角色', 8, (r) => (r.actorRole ? (ROLE_LABELS[r.actorRole] ?? r.actorRole) : '—')),
    text('事项', 24, (r) => r.actionLabel),
    text('对象', 22, (r) => r.targetLabel),
    text('原因', 18, (r) => r.reasonLabel),
    text('IP 地址', 16, (r) => r.ip ?? ''),
    // The codes the page does not show, last, for an auditor who filters or matches on them.
    text('操作代码', 26, (r) => r.action),
    text('原因代码', 16, (r) => r.reason ?? ''),
  ],
  footer: '手机号码已打码',
})
