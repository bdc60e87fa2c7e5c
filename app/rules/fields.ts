// Zod v4 field schemas for forms. Each wraps one of the pure parsers so the
// Chinese message from the parser becomes the field's issue, and a missing
// field (Conform turns an empty input into undefined) reads "请填写…" instead
// of zod's English "expected string, received undefined".
import { z } from './zod'
import { parseBankCard } from './bank-card'
import { parseIdNumber, parseLabourerIdNumber } from './id-number'
import { parseMobile } from './mobile'
import { parseYuanToFen } from './money'
import { parseUscc } from './uscc'
import { normaliseTyped } from './normalise'

type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string }

function parsedField<T>(requiredMessage: string, parse: (raw: string) => ParseResult<T>) {
  // Any non-string input (undefined, null, a File from a multipart form) is
  // treated as "not filled in": the user cannot produce anything else here.
  return z.string({ error: () => requiredMessage }).transform((raw, ctx) => {
    const result = parse(raw)
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message })
      return z.NEVER
    }
    return result.value
  })
}

/** Any valid resident ID number; output is the normalised 18-character number. */
export const idNumberField = parsedField('请填写身份证号码', (raw) => {
  const r = parseIdNumber(raw)
  return r.ok ? { ok: true, value: r.value.idNumber } : r
})

/** Resident ID of a labourer aged 16–65 today (Asia/Shanghai); evaluated at parse time. */
export const labourerIdNumberField = parsedField('请填写身份证号码', (raw) => {
  const r = parseLabourerIdNumber(raw)
  return r.ok ? { ok: true, value: r.value.idNumber } : r
})

/** Mainland mobile number; output is the bare 11 digits. */
export const mobileField = parsedField('请填写手机号码', parseMobile)

/** 统一社会信用代码; output is normalised upper-case. */
export const usccField = parsedField('请填写统一社会信用代码', parseUscc)

/** Bank card number; output is digits only. */
export const bankCardField = parsedField('请填写银行卡号', parseBankCard)

/** Yuan amount typed by a person; output is integer fen. */
export const yuanToFenField = parsedField('请填写金额', parseYuanToFen)

// Control characters (C0, DEL, C1: Unicode Cc) never belong in a form value; they come
// from pasted binary or attacks on log files and CSV exports.
const CONTROL_CHARS = /\p{Cc}/u

// The Unicode line and paragraph separators (U+2028, U+2029: Zl, Zp) break a line as \n does — in a page, a
// spreadsheet cell, a JSON export — but are neither Cc nor dropped by normaliseTyped. A one-line field refuses
// them like any other line break; a multi-line one keeps them as \n.
const LINE_SEPARATOR = /[\p{Zl}\p{Zp}]/u
const LINE_SEPARATORS = /[\p{Zl}\p{Zp}]/gu

/**
 * Free text of at most `max` characters, invisible characters dropped and trimmed (normaliseTyped), so a
 * value of only zero-width or direction marks is blank. Length counts code points,
 * so rare name characters outside the BMP (e.g. 𠮷, GB 18030 extension B)
 * count as one 字, the way a person counts them.
 */
export function requiredText(label: string, max: number) {
  return parsedField(`请填写${label}`, (raw): ParseResult<string> => {
    const v = normaliseTyped(raw)
    if (v === '') return { ok: false, message: `请填写${label}` }
    if (CONTROL_CHARS.test(v) || LINE_SEPARATOR.test(v)) return { ok: false, message: '包含无法识别的字符' }
    if ([...v].length > max) return { ok: false, message: `${label}不能超过 ${max} 个字` }
    return { ok: true, value: v }
  })
}

// Tabs and line breaks are allowed only in multi-line fields (notes); other C0 controls never.
const CONTROL_EXCEPT_LINES = /(?![\t\n\r])\p{Cc}/u

/**
 * Optional free text (null when blank — invisible characters and spaces only count as blank; normaliseTyped),
 * or required with `required`. Single-line unless `multiline`: a one-line field refuses every line break
 * (\n, \r, U+2028, U+2029) and tab; a multi-line one keeps U+2028 and U+2029 as \n. Control characters never.
 * Length counts characters as a reader does.
 */
export function optionalText(label: string, max: number, { required = false, multiline = false } = {}) {
  return z
    .string({ error: () => `请填写${label}` })
    .optional()
    .transform((raw, ctx) => {
      const v = normaliseTyped(raw ?? '').replace(LINE_SEPARATORS, '\n')
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `请填写${label}` })
        return null
      }
      if (CONTROL_EXCEPT_LINES.test(v) || (!multiline && /[\r\n\t]/.test(v))) {
        ctx.addIssue({ code: 'custom', message: `${label}包含无法识别的字符` })
        return z.NEVER
      }
      if ([...v].length > max) {
        ctx.addIssue({ code: 'custom', message: `${label}不能超过 ${max} 个字` })
        return z.NEVER
      }
      return v
    })
}

/**
 * A record id as it arrives in a URL segment or a hidden form field: a plain positive decimal integer
 * that fits a safe integer (no sign, no leading zero, no spaces, not 0). Returns the number, or null for
 * anything else — callers answer null with 404, exactly like a record that does not exist.
 */
export function parseRecordId(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,15}$/.test(raw)) return null
  const id = Number(raw)
  return Number.isSafeInteger(id) ? id : null
}

/** The record-id form field (the same rule as parseRecordId), for schemas that carry an id. */
export const recordIdField = z.string({ error: () => '缺少记录编号' }).transform((raw, ctx) => {
  const id = parseRecordId(raw)
  if (id == null) {
    ctx.addIssue({ code: 'custom', message: '记录编号无效' })
    return z.NEVER
  }
  return id
})

/**
 * A form that picks a reason from a fixed list, with a note that is required when the reason is "其他"
 * (`other`): turning a registration down, disabling an account. Takes the form's intent, the list
 * (code → label, including `other`) and the message when no reason is chosen; returns the zod schema,
 * whose value is `{ intent, reasonCode, note: string | null }`. The note is at most 200 characters.
 */
export function reasonWithNote<I extends string, C extends string>(intent: I, reasons: Readonly<Record<C, string>>, chooseMessage: string) {
  const codes = Object.keys(reasons) as [C, ...C[]]
  return z
    .object({
      intent: z.literal(intent),
      reasonCode: z.enum(codes, { error: () => chooseMessage }),
      note: optionalText('说明', 200),
    })
    .refine((v) => v.reasonCode !== 'other' || Boolean(v.note), { path: ['note'], message: '选择“其他”时请写明原因' })
}
