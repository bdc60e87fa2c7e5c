// Bank card numbers (PAN). ISO/IEC 7812-1 allows up to 19 digits; UnionPay
// debit and credit cards issued in China are 16–19 digits and end with a
// Luhn (ISO/IEC 7812-1 Annex B, "mod 10") check digit.

import { normaliseTyped } from './normalise'

export type BankCardResult = { ok: true; value: string } | { ok: false; message: string }

/** Digits only: white space and invisible characters (app/rules/normalise.ts) and dashes dropped, full-width digits to ASCII. */
function normalizeBankCard(raw: string): string {
  return normaliseTyped(raw, 'drop')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[-－‐‑–—]/g, '')
}

/** Luhn sum over a digit string; a full number is valid when the sum is ≡ 0 (mod 10). */
function luhnSum(digits: string, doubleLast: boolean): number {
  let sum = 0
  let double = doubleLast
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i])
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum
}

export function parseBankCard(raw: string): BankCardResult {
  const v = normalizeBankCard(raw)
  if (v === '') return { ok: false, message: '请填写银行卡号' }
  if (!/^\d{16,19}$/.test(v)) return { ok: false, message: '银行卡号应为 16 至 19 位数字' }
  if (luhnSum(v, false) % 10 !== 0) return { ok: false, message: '银行卡号校验不通过，请核对' }
  return { ok: true, value: v }
}

/** '**** 0018': only the last 4 digits, as on bank statements. */
export function maskBankCard(card: string): string {
  const v = normalizeBankCard(card)
  // Too short to be a card: showing 4 of so few digits would reveal most of it.
  if (v.length < 8) return '****'
  return `**** ${v.slice(-4)}`
}

/** Appends the Luhn check digit to a 15- or 18-digit prefix (demo data and tests). */
export function makeBankCard(prefix15or18: string): string {
  if (!/^(\d{15}|\d{18})$/.test(prefix15or18)) {
    throw new RangeError('makeBankCard expects 15 or 18 digits')
  }
  // The check digit will be the new rightmost digit, so the prefix's last digit is doubled.
  const check = (10 - (luhnSum(prefix15or18, true) % 10)) % 10
  return prefix15or18 + String(check)
}
