import { listStaffOfOrganisation } from '~/models/account-admin.server'
import { listOrganisationsWithCounts } from '~/models/organisation.server'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { defineExport } from '~/utils/xlsx.server'
import { ORGANISATION_KIND_LABELS } from '~/rules/organisation-enums'

// The platform operator's lists as xlsx (issue 15 §3): the organisations (平台总览 · 单位与账号) with their area and
// account counts, and the staff accounts of every organisation or of one (each organisation's page). A staff
// member's contact phone is masked: the file leaves the operator's desk, the page shows it in full.

const ROLE_LABEL: Record<string, string> = { east: '东部工作人员', west: '西部工作人员', admin: '平台管理员' }

type Organisation = ReturnType<typeof listOrganisationsWithCounts>[number]

/** The columns of the organisations export, in the list's order (by id). */
export const ORGANISATIONS_EXPORT = defineExport<Organisation>({
  sheet: '单位',
  columns: [
    { header: '单位', width: 34, value: (o) => o.name },
    { header: '类型', width: 24, value: (o) => ORGANISATION_KIND_LABELS[o.kind] ?? o.kind },
    { header: '行政区划', width: 16, value: (o) => o.areaName },
    { header: '区划代码', width: 10, value: (o) => o.areaCode, numFmt: '@' },
    { header: '工作人员账号', width: 12, value: (o) => o.staff, numFmt: '0' },
    { header: '务工人员账号', width: 12, value: (o) => o.workers, numFmt: '0' },
  ],
})

type Staff = NonNullable<ReturnType<typeof listStaffOfOrganisation>>[number]

/** A line of the accounts file: a staff account with its organisation. */
export type AccountLine = { organisation: Pick<Organisation, 'name' | 'kind'>; staff: Staff }

/** The columns of the staff accounts export: by organisation, newest account first as on its page. */
export const ACCOUNTS_EXPORT = defineExport<AccountLine>({
  sheet: '工作人员账号',
  columns: [
    { header: '单位', width: 34, value: (l) => l.organisation.name },
    { header: '类型', width: 24, value: (l) => ORGANISATION_KIND_LABELS[l.organisation.kind] ?? l.organisation.kind },
    { header: '姓名', width: 10, value: (l) => l.staff.name },
    { header: '用户名', width: 16, value: (l) => l.staff.username, numFmt: '@' },
    { header: '角色', width: 14, value: (l) => ROLE_LABEL[l.staff.role] ?? l.staff.role },
    { header: '手机号（打码）', width: 14, value: (l) => maskNumbersInText(l.staff.contactPhone), numFmt: '@' },
    { header: '状态', width: 12, value: (l) => (l.staff.disabledAt ? '已停用' : l.staff.mustChangePassword ? '待本人改密码' : '在用') },
    { header: '最近登录', width: 12, value: (l) => (l.staff.lastLoginAt ? formatDate(l.staff.lastLoginAt) : '从未登录') },
  ],
  footer: '手机号已打码',
})

/** The staff accounts of `organisations` (each as its page lists them, at most 200), organisation by organisation. */
export function* accountLines(actor: Actor, organisations: readonly Pick<Organisation, 'id' | 'name' | 'kind'>[]): Generator<AccountLine> {
  for (const organisation of organisations) {
    for (const staff of listStaffOfOrganisation(actor, organisation.id) ?? []) yield { organisation, staff }
  }
}
