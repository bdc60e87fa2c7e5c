// What county staff may do to a worker's account when the worker comes to the centre (issue 9 §1): reset a
// forgotten password after checking identity, change the phone (the login name), disable and re-enable.
// Identity is checked the way a counter clerk does it: the worker shows the ID card and says their phone
// number; staff type the last four characters of each. Pure: schemas, reason lists and the comparison.
import { formatDate } from './dates'
import { mobileField, reasonWithNote, requiredText } from './fields'
import { normalizeIdNumber } from './id-number'
import { normalizeMobile } from './mobile'
import { ownPasswordChangeFields, samePasswordTwice } from './password'
import { z } from './zod'

export const ID_TAIL_LENGTH = 4
export const PHONE_TAIL_LENGTH = 4

/**
 * A number as the account page shows it to staff who are about to check identity: its head kept, the tail the
 * worker must say (and everything between) hidden, so the page never gives away the answer to the check.
 * Takes the stored ID number or phone and how many leading characters to keep; returns e.g. `500234************`.
 */
export function withoutTail(value: string, keep: number): string {
  const chars = [...value]
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(0, chars.length - keep))
}

export const ID_TAIL_MISMATCH = '与账号登记的身份证号码后 4 位不一致，请核对本人身份证'
export const PHONE_TAIL_MISMATCH = '与账号登记的手机号后 4 位不一致，请让本人再说一遍手机号'

/** The last four characters of an ID number as typed: invisible characters and spaces dropped, full-width folded, x → X. */
function idTailField() {
  return z.string({ error: () => '请填写身份证号码后 4 位' }).transform((raw, ctx) => {
    const v = normalizeIdNumber(raw)
    if (!/^\d{3}[\dX]$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: '请填写身份证号码的最后 4 位（数字，最后一位可以是 X）' })
      return z.NEVER
    }
    return v
  })
}

/** The last four digits of a phone number as typed (full-width digits folded, spaces dropped). */
function phoneTailField() {
  return z.string({ error: () => '请填写手机号后 4 位' }).transform((raw, ctx) => {
    const v = normalizeMobile(raw)
    if (!/^\d{4}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: '请填写手机号的最后 4 位数字' })
      return z.NEVER
    }
    return v
  })
}

/**
 * Whether the typed tails match the account: `idTail` the last four characters of `idNumber`, `phoneTail`
 * the last four digits of `phone`. Takes normalised values (the schemas above); returns the field that
 * does not match first (ID before phone), or null when both match. An account without an ID number never
 * matches.
 */
export function identityMismatch(
  account: { idNumber: string | null; phone: string },
  typed: { idTail: string; phoneTail?: string | null },
): 'idTail' | 'phoneTail' | null {
  if (!account.idNumber || !account.idNumber.toUpperCase().endsWith(typed.idTail)) return 'idTail'
  if (typed.phoneTail != null && !account.phone.endsWith(typed.phoneTail)) return 'phoneTail'
  return null
}

export const ResetPasswordSchema = z.object({
  intent: z.literal('reset-password'),
  idTail: idTailField(),
  phoneTail: phoneTailField(),
})

// A phone change is what a worker asks for after losing the old number, so the old number's digits are
// not asked for: the ID card is the check.
export const ChangePhoneSchema = z.object({
  intent: z.literal('change-phone'),
  idTail: idTailField(),
  phone: mobileField,
})

/** Why staff disable an account; the worker's centre keeps the code in the audit trail, the note on the account. */
export const DISABLE_REASONS = {
  worker_request: '本人申请停用',
  phone_lost: '手机丢失或号码被他人使用',
  misuse: '账号被冒用或有异常操作',
  deceased: '本人已身故',
  other: '其他',
} as const

export const DisableSchema = reasonWithNote('disable', DISABLE_REASONS, '请选择停用原因')

export const EnableSchema = z.object({ intent: z.literal('enable') })

/**
 * The reason a disabled account shows on its page, kept on the account: the code's label from `reasons`
 * (DISABLE_REASONS for a worker, STAFF_DISABLE_REASONS for staff), with the note after it when there is one.
 */
export function describeDisableReason<C extends string>(reasons: Readonly<Record<C, string>>, code: C, note: string | null): string {
  return note ? `${reasons[code]}：${note}` : reasons[code]
}

/**
 * An account's state as its page shows it (staff's and the operator's pages alike): whether it must change
 * its password, the day it was disabled (Shanghai date; null while enabled) and why, and the day it last
 * signed in (null: never).
 */
export function accountStateOf(a: { mustChangePassword: boolean; disabledAt: Date | null; disabledReason: string | null; lastLoginAt: Date | null }) {
  return {
    mustChangePassword: a.mustChangePassword,
    disabledOn: a.disabledAt ? formatDate(a.disabledAt) : null,
    disabledReason: a.disabledReason,
    lastLoginOn: a.lastLoginAt ? formatDate(a.lastLoginAt) : null,
  }
}

/** What the account page says once the account is disabled or enabled again (staff's and the operator's pages alike). */
export const ACCOUNT_STATE_DONE = {
  disable: '账号已停用，本人在所有设备上的登录已退出，停用期间不能登录。',
  enable: '账号已启用，本人可以用原来的密码登录。',
} as const

// ——— Staff accounts, kept by the platform operator (issue 11 §6) ———

/** The role a staff account gets from its organisation's kind: a bureau's staff are east, a centre's west. */
export const STAFF_ROLE_OF_KIND = { bureau: 'east', centre: 'west', platform: 'admin' } as const

/** A staff login name: 3–32 lower-case letters, digits or _ starting with a letter, so it never reads as a worker's mobile number. */
export const staffLoginNameField = z.string({ error: () => '请填写登录用户名' }).transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim().toLowerCase()
  if (v === '') ctx.addIssue({ code: 'custom', message: '请填写登录用户名' })
  else if (!/^[a-z][a-z0-9_]{2,31}$/.test(v)) ctx.addIssue({ code: 'custom', message: '用户名为 3–32 位小写字母、数字或下划线，以字母开头' })
  else return v
  return z.NEVER
})

/** Creating a staff account: login name, the person's name and a mobile number to reach them. The role and organisation come from the page, never the form. */
export const CreateStaffSchema = z.object({
  intent: z.literal('create-staff'),
  username: staffLoginNameField,
  displayName: requiredText('姓名', 20),
  contactPhone: mobileField,
})

/** Why the operator disables a staff account (workers' reasons are DISABLE_REASONS, kept by their county). */
export const STAFF_DISABLE_REASONS = {
  left_post: '调离或离职',
  on_leave: '长期休假',
  misuse: '账号被冒用或有异常操作',
  other: '其他',
} as const

export const StaffDisableSchema = reasonWithNote('disable', STAFF_DISABLE_REASONS, '请选择停用原因')

/** The operator resets a staff member's forgotten password on request: a confirmation only, no identity tails. */
export const StaffResetSchema = z.object({ intent: z.literal('reset-password') })

export const LAST_ADMIN = '这是最后一个在用的平台管理员账号，不能停用。请先为平台新建一个管理员账号。'

/** A staff member replacing the password the operator set (or any staff password): the current one, the new one twice. */
export const StaffPasswordSchema = z.object(ownPasswordChangeFields).refine(...samePasswordTwice)
