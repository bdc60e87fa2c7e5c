// A person's name as Chinese documents write it: Han characters, and for names of several parts
// (common among Uyghur, Kazakh, Tibetan and other minorities) the middle dot U+00B7 between the parts,
// as GB 18030 and the 公安 population register use it. One rule for every place a name is typed or
// imported: the county ledger (form and spreadsheet), worker registration, and what is built from them.
import { normaliseTyped } from './normalise'

/** The middle dot names are stored with (U+00B7). */
export const MIDDLE_DOT = '·'

/**
 * Characters people type for the middle dot, each folded to U+00B7: the katakana middle dot ・ (U+30FB,
 * what Japanese-derived input methods and many fonts give; its half-width form ･ U+FF65 folds to it by
 * NFKC), bullet • (U+2022), hyphenation point ‧ (U+2027), bullet operator ∙ (U+2219), dot operator ⋅
 * (U+22C5), Greek ano teleia · (U+0387), runic ᛫ (U+16EB), word-separator ⸱ (U+2E31), raised dot ⸳
 * (U+2E33), the sinological dot ꞏ (U+A78F), the syllabics middle dot ᐧ (U+1427), one-dot leader ․
 * (U+2024), and the full stops people reach for on a keyboard: . (and full-width ．, NFKC) and the
 * ideographic 。 (what a Chinese input method gives for the "." key; ｡ U+FF61 folds to it). U+00B7 itself
 * is listed too. Not folded: hyphens and commas, which are not dots.
 */
export const MIDDLE_DOT_LOOKALIKES: readonly string[] = [
  '\u00b7',
  '\u30fb',
  '\u2022',
  '\u2027',
  '\u2219',
  '\u22c5',
  '\u0387',
  '\u16eb',
  '\u2e31',
  '\u2e33',
  '\ua78f',
  '\u1427',
  '\u2024',
  '.',
  '\u3002',
]
const DOTS = new RegExp(`[${MIDDLE_DOT_LOOKALIKES.join('')}]`, 'gu')

const NAME_MIN = 2
const NAME_MAX = 20
/** Characters of a refused value shown back in its message; longer values are cut with "…". */
const SHOWN_MAX = 24

export type PersonNameResult = { ok: true; value: string } | { ok: false; message: string }

/**
 * The name as stored: full-width forms folded (NFKC), every white-space character (ASCII, U+00A0,
 * U+3000, every Zs — county sheets align two-character names as 张<U+3000>三) and invisible character
 * (app/rules/normalise.ts) dropped, each middle-dot look-alike written as U+00B7. Never throws.
 */
export function normalisePersonName(raw: string): string {
  return normaliseTyped(raw.normalize('NFKC'), 'drop').replace(DOTS, MIDDLE_DOT)
}

/** A character as a message can show it: itself when visible, else its code point (U+0007). */
function shownChar(ch: string) {
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? ch : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

/** The refused value as its message shows it: visible characters only, cut to SHOWN_MAX. */
function shownValue(v: string) {
  const chars = [...v].filter((ch) => /[\p{L}\p{N}\p{P}\p{S}\p{M}]/u.test(ch))
  return chars.length > SHOWN_MAX ? `${chars.slice(0, SHOWN_MAX).join('')}…` : chars.join('')
}

/**
 * Parses a person's name (normalisePersonName first). Accepted: 2–20 characters (code points, so a rare
 * character such as 𠮷 counts as one), each a Han character or the middle dot, a dot only between two
 * characters. Each refusal names the refused value, e.g. `姓名“张三A”含有不能识别的字符“A”…`.
 */
export function parsePersonName(raw: string): PersonNameResult {
  const v = normalisePersonName(raw)
  if (v === '') return { ok: false, message: '请填写姓名' }
  const shown = shownValue(v)
  const stranger = [...v].find((ch) => ch !== MIDDLE_DOT && !/\p{Script=Han}/u.test(ch))
  if (stranger) {
    return { ok: false, message: `姓名“${shown}”含有不能识别的字符“${shownChar(stranger)}”，姓名应为汉字，少数民族姓名可用“·”分隔` }
  }
  const length = [...v].length
  if (length < NAME_MIN) return { ok: false, message: `姓名“${shown}”太短，应为 ${NAME_MIN}–${NAME_MAX} 个字` }
  if (length > NAME_MAX) return { ok: false, message: `姓名“${shown}”太长，应为 ${NAME_MIN}–${NAME_MAX} 个字` }
  if (v.startsWith(MIDDLE_DOT) || v.endsWith(MIDDLE_DOT) || v.includes(MIDDLE_DOT + MIDDLE_DOT)) {
    return { ok: false, message: `姓名“${shown}”中的“·”只能写在两个字之间` }
  }
  return { ok: true, value: v }
}

/**
 * A name shown to someone who may not know it yet (a companion named on a travel demand before they confirm,
 * issue 12 §1): the first character, then one * for each character after it, so 王小明 → 王**, 欧阳娜娜 → 欧***;
 * by code points, so a rare character (𠮷) counts once. '' stays ''.
 */
export function maskPersonName(name: string): string {
  const chars = [...name]
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(chars.length - 1)
}
