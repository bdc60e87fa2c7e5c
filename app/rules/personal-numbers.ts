// Free text that crosses from one side to another (a worker's note on an application, a county's note on
// a recommendation, the ledger's skills, an anonymous report) may hold a full phone, ID or bank number
// that someone typed in. What the east side is shown of such text has every long number masked
// (security.md 2: east responses never contain full ID or bank numbers; phones only on request).

import { maskIdNumber } from './id-number'
import { maskMobile } from './mobile'

/** Digits as people type them: ASCII and full-width. */
const DIGIT = '[0-9０-９]'
/**
 * Between two digits: at most two separators people put inside numbers — spaces (also NBSP and the
 * ideographic space), dashes, dots, slashes, parentheses — or invisible format characters (Cf).
 */
const SEPARATOR = '[\\s\\u00a0\\u3000\\-－‐‑–—.。·/()（）\\p{Cf}]{0,2}'
/** A run of at least 7 digits (a landline and up), optionally ending with the ID check character X. */
const NUMBER_RUN = new RegExp(`${DIGIT}(?:${SEPARATOR}${DIGIT}){6,}(?:${SEPARATOR}[xXｘＸ](?![A-Za-z]))?`, 'gu')

/** A date such as 2026-03-01 or 2026/3/1 has eight digits but is nobody's number. */
const DATE = /^(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])$/

/**
 * Masks every run of seven or more digits in `text` (spaces, dashes and invisible characters inside a
 * run included): 11 digits as a mobile number ('138****5678'), 15 or 18 characters as an ID number
 * ('500***********123X'), anything else with only its last two digits shown. Takes any string,
 * returns the text with the rest unchanged; null stays null. Never throws.
 */
export function maskNumbersInText<T extends string | null | undefined>(text: T): T {
  if (text == null) return text
  return text.replace(NUMBER_RUN, (run) => {
    if (DATE.test(run)) return run
    const digits = run.replace(/[０-９ｘＸ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[^0-9xX]/g, '').toUpperCase()
    if (/^1[3-9]\d{9}$/.test(digits)) return maskMobile(digits)
    if (/^\d{17}[\dX]$/.test(digits) || /^\d{15}$/.test(digits)) return maskIdNumber(digits)
    return '*'.repeat(digits.length - 2) + digits.slice(-2)
  }) as T
}
