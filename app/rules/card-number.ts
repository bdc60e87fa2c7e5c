import { maskBankCard } from './bank-card'
import { parseIdNumber } from './id-number'
import { normaliseTyped } from './normalise'
import type { PaymentCardKind } from './subsidy-enums'

// Card numbers the subsidy is paid to (issue 13 §3: typed twice, checked, masked everywhere after).
//
// Which check per kind, and why:
// - A bank card (本人银行卡): UnionPay debit cards are 16–19 digits ending in a Luhn check digit (ISO/IEC
//   7812-1 Annex B). A Luhn failure is almost always a typing slip, so it is refused.
// - A social-security card (社会保障卡): county finance pays to the card's financial account, whose number is
//   a UnionPay PAN (16–19 digits, Luhn) printed on the back (third-generation cards). The numbers printed on
//   the front are not: the 社会保障号码 is the holder's 18-character ID number (ISO 7064 check, not Luhn) and an
//   older card's 卡号 is 9 characters. Those cannot be paid to, so this kind is checked like a bank card and the
//   message names the number to type (the 16–19-digit account on the back, not the ID number) — a Luhn
//   failure here usually means the wrong number was copied, not a new kind of card.
// Typing the number twice still catches slips Luhn misses (a 09↔90 swap keeps the sum).

/** Digits only: invisible characters, spaces and dashes dropped, full-width digits made ASCII. */
export function cardDigits(raw: string): string {
  return normaliseTyped(raw, 'drop')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[-－‐‑–—]/g, '')
}

/** Whether `digits` (a string of digits) passes the Luhn mod-10 check. Takes digits only; false for anything else or empty. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

const NOT_THE_ID_NUMBER = '请填写社保卡背面的 16 至 19 位银行账号（不是身份证号或社会保障号码）'

export type CardResult = { ok: true; value: string } | { ok: false; message: string }

/**
 * Parses a card number typed twice (issue 13 §3): both copies normalised with cardDigits and compared, then
 * checked as `kind` needs (see the file comment). Returns the digits, or a Chinese message for the field.
 */
export function parseCardNumber(kind: PaymentCardKind, raw: string, repeated: string): CardResult {
  const value = cardDigits(raw)
  const noun = kind === 'bank' ? '银行卡号' : '社保卡银行账号'
  if (value === '') return { ok: false, message: `请填写${noun}` }
  if (!/^\d{16,19}$/.test(value)) {
    return {
      ok: false,
      message: kind === 'bank' ? '银行卡号应为 16 至 19 位数字' : NOT_THE_ID_NUMBER,
    }
  }
  // An 18-digit ID number (the card's 社会保障号码) is the likeliest wrong number to copy from a social-security card.
  if (kind === 'social_security' && value.length === 18 && parseIdNumber(value).ok) {
    return { ok: false, message: NOT_THE_ID_NUMBER }
  }
  if (!luhnValid(value)) return { ok: false, message: `${noun}校验不通过，请核对是否输错` }
  if (cardDigits(repeated) !== value) return { ok: false, message: `两次输入的${noun}不一致` }
  return { ok: true, value }
}

/** `**** 0018`: the last four digits only, as bank statements show; `****` for anything shorter than 8 digits. */
export function maskCard(digits: string): string {
  return maskBankCard(digits)
}
