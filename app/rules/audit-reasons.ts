// How the audit trail shows an entry's reason code, its address and its record (issue 11 §6): by the
// Chinese labels the forms already use, never as a raw code. Pure, so a page's component may read it.
import { DISABLE_REASONS, STAFF_DISABLE_REASONS } from './account-admin'
import { ARCHIVE_REASON_LABELS } from './ledger-archive'
import { REPORT_REASON_LABELS } from './vacancy-labels'
import { REJECTION_REASONS } from './verification'
import { MANIFEST_FULL_REASONS } from './manifest'
import { PAYOUT_FULL_REASONS } from './payout'
import { REJECT_REASON_LABELS } from './subsidy-labels'

/** The reason codes each action writes from a form's list: the form's own labels. */
const REASONS_BY_ACTION: Record<string, Record<string, string>> = {
  'registry.archive': ARCHIVE_REASON_LABELS,
  'account.disable': { ...DISABLE_REASONS, ...STAFF_DISABLE_REASONS },
  'account.reject': REJECTION_REASONS,
  'vacancy.report': REPORT_REASON_LABELS,
  'manifest.view_full': MANIFEST_FULL_REASONS,
  'manifest.export_full': MANIFEST_FULL_REASONS,
  'payout.export_full': PAYOUT_FULL_REASONS,
  'claim.reject': REJECT_REASON_LABELS,
  'claim.return': REJECT_REASON_LABELS,
  'claim.ticket_decide': REJECT_REASON_LABELS,
  'claim.partially_approve': REJECT_REASON_LABELS,
}

/** The reason codes the app writes itself (refusals, throttles, automatic changes). */
export const REASON_LABELS: Record<string, string> = {
  wrong_password: '密码不正确',
  unknown_user: '没有这个账号',
  disabled: '账号已停用',
  too_many_attempts: '尝试次数过多',
  account: '同一账号尝试过多',
  address: '同一 IP 地址尝试过多',
  id_tail: '身份证号码后四位不符',
  phone_tail: '手机号后四位不符',
  phone_taken: '手机号已被其他账号使用',
  id_number_taken: '身份证号码已有账号',
  headcount_reached: '招满人数，岗位自动关闭',
  hire_undone: '撤销录用后重新招聘',
  paper: '按纸质名单补录',
}

/**
 * The Chinese label of an audit entry's reason. Takes the action and the stored code; returns the label
 * of that action's form list, else of the app's own codes, else the code itself (an entry written before
 * its label existed still shows something); '' when there is no reason.
 */
export function reasonLabelOf(action: string, code: string | null): string {
  if (!code) return ''
  return REASONS_BY_ACTION[action]?.[code] ?? REASON_LABELS[code] ?? code
}

/** The record kinds of the trail by their glossary names (style.md), for the 对象 column. */
export const ENTITY_LABELS: Record<string, string> = {
  user: '账号',
  worker: '台账人员',
  vacancy: '岗位',
  application: '报名',
  employer: '用人单位',
  employment_record: '就业记录',
  ledger_import: '台账导入',
  organisation: '单位',
  pairing: '结对关系',
  registration_referral: '注册受理',
  database: '数据库',
  batch: '包车批次',
  batch_seat: '座位',
  travel_demand: '出行需求',
  subsidy_policy: '交通补助政策',
  claim: '补助申领',
  payout: '发放批次',
  site: '服务站点',
}

/**
 * An address as people read it: an IPv4 address that reached a dual-stack socket as an IPv4-mapped IPv6
 * address (`::ffff:1.2.3.4`) becomes `1.2.3.4`; anything else is returned trimmed; null stays null.
 * Used when an entry is written and again when one is shown, so old entries read the same.
 */
export function plainIp(ip: string | null | undefined): string | null {
  if (ip == null) return null
  const v = ip.trim()
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(v)
  return mapped ? mapped[1] : v || null
}
