// Money is stored and passed around as integer fen (分, 1/100 yuan), the
// smallest unit of the renminbi. Floating-point yuan cannot represent most
// fen amounts exactly (0.1 + 0.2 !== 0.3), so parsing and formatting work on
// the decimal digits as strings and only ever multiply exact integers.
import { normaliseTyped } from './normalise'

export type YuanResult = { ok: true; value: number } | { ok: false; message: string }

// Upper bound for a single amount entered in the portal: 1 亿元. Far above any
// wage or subsidy, and keeps every fen value well inside Number.MAX_SAFE_INTEGER.
const MAX_YUAN = 100_000_000
const MAX_FEN = MAX_YUAN * 100

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** '¥1,234.50'; negative amounts as '-¥1,234.50'. Throws on non-integer fen (a bug upstream). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`formatFen expects an integer number of fen, got ${fen}`)
  }
  const sign = fen < 0 ? '-' : ''
  // String() of a safe integer is plain digits; split off the last two as fen.
  const digits = String(Math.abs(fen)).padStart(3, '0')
  return `${sign}¥${groupThousands(digits.slice(0, -2))}.${digits.slice(-2)}`
}

/**
 * '¥6,000' for whole-yuan amounts such as advertised monthly wages.
 * A fractional amount falls back to formatFen so nothing is silently hidden.
 */
export function formatYuan(yuan: number): string {
  if (Number.isSafeInteger(yuan)) {
    const sign = yuan < 0 ? '-' : ''
    return `${sign}¥${groupThousands(String(Math.abs(yuan)))}`
  }
  if (!Number.isFinite(yuan)) throw new RangeError(`formatYuan expects a finite number, got ${yuan}`)
  return formatFen(Math.round(yuan * 100))
}

/**
 * Parses what a person types as a yuan amount into integer fen.
 * Accepts '1234', '1,234.5', '1234.50', '¥1,234.50' (so formatFen output
 * round-trips), full-width digits and punctuation, and spaces and invisible characters anywhere.
 * Thousands separators must be in the right places, so '1,23' is not read as 123.
 */
export function parseYuanToFen(raw: string): YuanResult {
  const v = normaliseTyped(raw, 'drop')
    .replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
  if (v === '') return { ok: false, message: '请填写金额' }
  if (/^[-−]/.test(v)) return { ok: false, message: '金额不能为负数' }

  const m = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(v)
  if (!m) return { ok: false, message: '请输入正确的金额，例如 1234.50' }
  const fraction = m[2] ?? ''
  if (fraction.length > 2) return { ok: false, message: '金额最多精确到分（小数点后两位）' }

  const integer = m[1].replaceAll(',', '').replace(/^0+(?=\d)/, '')
  // Compare digit counts before converting so a 30-digit string never becomes a float.
  if (integer.length > String(MAX_YUAN).length) return { ok: false, message: '金额不能超过 1 亿元' }
  const fen = Number(integer) * 100 + Number(fraction.padEnd(2, '0'))
  if (fen > MAX_FEN) return { ok: false, message: '金额不能超过 1 亿元' }
  return { ok: true, value: fen }
}
