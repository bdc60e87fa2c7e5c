// Password rule for worker accounts (OWASP ASVS 5.0 V6.2; GB/T 22239-2019 8.1.4.1 身份鉴别 asks for
// "复杂度要求"). Workers type on cheap phones, so the rule stays short and explainable in one line:
// 8–64 characters, letters and digits, not the phone or ID number, not a well-known password.
import { z } from './zod'

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 64

export const PASSWORD_HINT = `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 位，须同时包含字母和数字，不能用手机号或身份证号码`

// The handful that top every leaked-password list in China and abroad and still pass "letters and
// digits" — or would, with the digits-only ones, if the rule were ever loosened. Compared in lower case.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'admin123',
  'admin888',
  'root1234',
  'abc12345',
  'abcd1234',
  'abc123456',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'aa12345678',
  'qq123456',
  'qwe12345',
  'qwer1234',
  'qwerty123',
  'qwerty12',
  '1qaz2wsx',
  '1q2w3e4r',
  'q1w2e3r4',
  'zxcvbnm1',
  'asd12345',
  'asdf1234',
  'iloveyou1',
  'woaini1314',
  'woaini520',
  '5201314a',
  'a5201314',
  '12345678',
  '123456789',
  '11111111',
  '88888888',
  '66666666',
  '1234567890',
  '87654321',
  '00000000',
  'luyu2026',
  'luyu@2026',
])

const CONTROL_CHARS = /\p{Cc}/u

/** The rules a password must meet on its own; a Chinese message, or null when it is acceptable. */
export function checkPasswordStrength(password: string): string | null {
  const length = [...password].length
  if (length === 0) return '请设置密码'
  if (CONTROL_CHARS.test(password)) return '密码包含无法识别的字符'
  if (length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`
  if (length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字'
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return '这个密码太常见，容易被猜到，请换一个'
  return null
}

/** A password must not carry the account's own phone or ID number: both are printed on too many forms. */
export function checkPasswordPersonal(password: string, personal: { phone?: string | null; idNumber?: string | null }): string | null {
  const lower = password.toLowerCase()
  for (const value of [personal.phone, personal.idNumber]) {
    if (value && lower.includes(value.toLowerCase())) return '密码不能包含手机号或身份证号码'
  }
  return null
}

export function checkNewPassword(password: string, personal: { phone?: string | null; idNumber?: string | null }) {
  return checkPasswordStrength(password) ?? checkPasswordPersonal(password, personal)
}

/** The new-password input of a form; the personal check needs the other fields and is added by the form. */
export const newPasswordField = z.string({ error: () => '请设置密码' }).superRefine((value, ctx) => {
  const message = checkPasswordStrength(value)
  if (message) ctx.addIssue({ code: 'custom', message })
})

export const confirmPasswordField = z.string({ error: () => '请再次输入密码' })

export const PASSWORD_MISMATCH = '两次输入的密码不一致'

/** The current-password input of a form that changes something of the signed-in account's own. */
export const currentPasswordField = z.string({ error: () => '请输入当前密码' }).max(256, '密码不能超过 256 个字符')

/** The three inputs of a form that replaces the signed-in account's own password (a worker's profile, a staff member's password page). */
export const ownPasswordChangeFields = { currentPassword: currentPasswordField, password: newPasswordField, confirmPassword: confirmPasswordField }

/**
 * The check such a form adds with `.refine(...samePasswordTwice)`: the new password typed twice must match,
 * said beside the second input (PASSWORD_MISMATCH), and only when both are otherwise valid.
 */
export const samePasswordTwice: [
  (v: { password: string; confirmPassword: string }) => boolean,
  { path: PropertyKey[]; message: string; when: (payload: z.core.ParsePayload) => boolean },
] = [
  (v) => v.password === v.confirmPassword,
  {
    path: ['confirmPassword'],
    message: PASSWORD_MISMATCH,
    when: ({ issues }) => !issues.some((i) => i.path?.[0] === 'password' || i.path?.[0] === 'confirmPassword'),
  },
]

// Initial passwords that staff read out or write on paper for a worker: no letters or digits that look
// alike (0/o, 1/l/i), lower case only so nobody hunts for the shift key.
const INITIAL_LETTERS = 'abcdefghjkmnpqrstuvwxyz'
const INITIAL_DIGITS = '23456789'

/**
 * Four letters then four digits, e.g. "kmtp4827". `randomInt(n)` must return a uniform integer in
 * [0, n) from a cryptographic source (node:crypto randomInt on the server).
 */
export function generateInitialPassword(randomInt: (n: number) => number) {
  let out = ''
  for (let i = 0; i < 4; i++) out += INITIAL_LETTERS[randomInt(INITIAL_LETTERS.length)]
  for (let i = 0; i < 4; i++) out += INITIAL_DIGITS[randomInt(INITIAL_DIGITS.length)]
  return out
}
