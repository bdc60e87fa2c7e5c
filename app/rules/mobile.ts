// Mainland China mobile numbers (E.164 country code +86, 11-digit national
// significant number). The MIIT numbering plan allocates mobile numbers in
// the 13x–19x blocks only, so the second digit is 3–9.
import { normaliseTyped } from './normalise'

const MOBILE = /^1[3-9]\d{9}$/

export type MobileResult = { ok: true; value: string } | { ok: false; message: string }

/**
 * Drops white space and invisible characters (app/rules/normalise.ts); full-width digits to ASCII; drops dashes and (full-width)
 * parentheses that people copy from business cards; and removes a country
 * prefix '+86', '0086' or '86' — but only when exactly 11 digits remain, so a
 * mistyped number is never silently shortened into a "valid" one.
 */
export function normalizeMobile(raw: string): string {
  const v = normaliseTyped(raw, 'drop')
    .replace(/[０-９＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[-－‐‑–—()（）]/g, '')
  for (const prefix of ['+86', '0086', '86']) {
    if (v.startsWith(prefix) && /^\d{11}$/.test(v.slice(prefix.length))) {
      return v.slice(prefix.length)
    }
  }
  return v
}

export function parseMobile(raw: string): MobileResult {
  const v = normalizeMobile(raw)
  if (v === '') return { ok: false, message: '请填写手机号码' }
  if (!MOBILE.test(v)) return { ok: false, message: '手机号码应为 11 位，以 13–19 开头' }
  return { ok: true, value: v }
}

/**
 * '138****5678': the 3-digit network prefix and last 4 digits stay visible,
 * the usual on-screen masking of personal information.
 * Anything that is not an 11-character number shows only its last 2 characters.
 */
export function maskMobile(phone: string): string {
  const chars = [...normalizeMobile(phone)]
  if (chars.length === 11) return chars.slice(0, 3).join('') + '****' + chars.slice(7).join('')
  if (chars.length <= 2) return '*'.repeat(chars.length)
  return '*'.repeat(chars.length - 2) + chars.slice(-2).join('')
}
