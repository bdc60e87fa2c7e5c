// Free text that crosses from one side to another (a worker's note on an application, a county's note on
// a recommendation, the ledger's skills, an anonymous report) may hold a full phone, ID or bank number
// that someone typed in — and people disguise numbers, on purpose or by habit: full-width or
// mathematical digits, Chinese numerals (一三九…, 幺 for 1), digits from other scripts, spaces, dashes,
// commas, invisible characters or combining marks between them. What the east side is shown of such
// text has every number that could be a phone, an ID or a card masked (security.md 2: east responses
// never contain full ID or bank numbers; phones only on request).

import { maskIdNumber } from './id-number'
import { maskMobile } from './mobile'

const CHINESE_NUMERALS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' }

/** A decimal digit in any script (Nd), or a character that stands for one after NFKC (①, ¹, 𝟏, ０). */
const DIGIT_LIKE = /[\p{Nd}\p{No}]/u
/** Between digits: white space, punctuation, symbols, format characters (Cf) and marks (Mn, Me). */
const SEPARATOR = /[\s\p{P}\p{S}\p{Cf}\p{Mn}\p{Me}]/u
/** At most this many separator characters in a row still join two digit groups into one number. */
const MAX_GAP = 3
/** A run is a number to mask at this many digits in all (phone 11, ID 15/18, card 16–19) … */
const MASKED_TOTAL_DIGITS = 11
/** … or with one unbroken group this long (a landline without area code, a number typed in one go). */
const MASKED_GROUP_DIGITS = 7
/** Every character digitOf may read as a digit; a text with fewer than MASKED_GROUP_DIGITS of them has nothing to mask. */
const DIGIT_CANDIDATES = /[\p{Nd}\p{No}〇零一幺二三四五六七八九]/gu
/** 2026-03-01, 2026/3/1, 20260301: eight digits that are a date, not somebody's number. */
const DATE = /^(?:19|20)\d{2}(?:[-/.]?)(?:0?[1-9]|1[0-2])(?:[-/.]?)(?:0?[1-9]|[12]\d|3[01])$/

/** The ASCII digit a character stands for, or null: ASCII, full-width, ①, ¹, 𝟏 (NFKC), 一三九, ٣, ३ … */
function digitOf(ch: string): string | null {
  if (ch in CHINESE_NUMERALS) return CHINESE_NUMERALS[ch]
  if (!DIGIT_LIKE.test(ch)) return null
  const folded = ch.normalize('NFKC')
  if (/^[0-9]$/.test(folded)) return folded
  if (!/\p{Nd}/u.test(ch)) return null
  // Decimal digits of every script come in blocks of ten consecutive code points: count down to the zero.
  let cp = ch.codePointAt(0)!
  let value = 0
  while (value < 9 && /\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp--
    value++
  }
  return String(value)
}

function maskDigits(digits: string) {
  if (/^1[3-9]\d{9}$/.test(digits)) return maskMobile(digits)
  if (/^\d{17}[\dX]$/.test(digits) || /^\d{15}$/.test(digits)) return maskIdNumber(digits)
  return '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2)
}

/**
 * Masks every number in `text` that could be a phone, an ID or a card: a run of digits (any script,
 * Chinese numerals included) whose groups are joined by at most three separator characters (spaces,
 * punctuation, symbols, invisible characters, marks) and that has 11 or more digits in all, or one
 * unbroken group of 7 or more. Shown as a mobile number ('138****5678'), an ID number
 * ('500***********123X', a final X kept) or with only the last two digits. Dates and shorter numbers
 * (a salary range '5000-8000', an age, a room number) stay as typed. Takes any string (null stays
 * null); returns the text with the rest unchanged. Never throws; linear in the text's length.
 */
export function maskNumbersInText<T extends string | null | undefined>(text: T): T {
  if (text == null) return text
  const source: string = text
  // Most free text holds no number at all: one regular-expression pass decides that, where reading it
  // character by character cost an export of 100,000 ledger rows about a second (issue 15 §3).
  if ((source.match(DIGIT_CANDIDATES)?.length ?? 0) < MASKED_GROUP_DIGITS) return text
  const chars = [...source]
  let out = ''
  let i = 0
  while (i < chars.length) {
    if (digitOf(chars[i]) == null) {
      out += chars[i++]
      continue
    }
    // A run: digit groups joined by short gaps of separators; stops at a letter or a long gap.
    const start = i
    let end = i
    let digits = ''
    let group = 0
    let longestGroup = 0
    let gap = 0
    for (let j = i; j < chars.length; j++) {
      const d = digitOf(chars[j])
      if (d != null) {
        digits += d
        group = gap === 0 ? group + 1 : 1
        longestGroup = Math.max(longestGroup, group)
        gap = 0
        end = j + 1
      } else if (SEPARATOR.test(chars[j]) && gap < MAX_GAP) {
        gap++
      } else {
        break
      }
    }
    // Marks attached to the last digit (a keycap ⃣, an underline ̲) belong to it.
    while (end < chars.length && /[\p{Mn}\p{Me}]/u.test(chars[end])) end++
    // An ID number's check character X right after the run belongs to it.
    let withX = false
    if (digits.length === 17 && /^[xXｘＸ]$/.test(chars[end] ?? '') && !/^[A-Za-z]$/.test(chars[end + 1] ?? '')) {
      withX = true
      end++
    }
    const raw = chars.slice(start, end).join('')
    const isNumber = digits.length + (withX ? 1 : 0) >= MASKED_TOTAL_DIGITS || longestGroup >= MASKED_GROUP_DIGITS
    out += isNumber && !DATE.test(raw.normalize('NFKC').trim()) ? maskDigits(withX ? `${digits}X` : digits) : raw
    i = end
  }
  return out as T
}
