// 统一社会信用代码, GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
//
// 18 characters: registration authority (1), organisation type (1),
// administrative division (6), organisation code (9), check character (1).
// The alphabet is the 31 characters below: digits plus upper-case Latin
// letters without I, O, Z, S, V, which are too easily mistaken for 1, 0, 2, 5, U.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
// Weight of position i is 3^i mod 31 (GB 32100-2015, 校验码计算).
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/
const FIRST17 = /^[0-9A-HJ-NPQRTUWXY]{17}$/

export type UsccResult = { ok: true; value: string } | { ok: false; message: string }

/** Trims, removes inner spaces, converts full-width ASCII (Ａ, ０ …) to half-width and upper-cases. */
export function normalizeUscc(raw: string): string {
  return raw
    .replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase()
}

function checkChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i]
  }
  // C18 = 31 − (Σ mod 31); the value 31 is written as '0'.
  const value = 31 - (sum % 31)
  return CHARSET[value === 31 ? 0 : value]
}

export function parseUscc(raw: string): UsccResult {
  const v = normalizeUscc(raw)
  if (v === '') return { ok: false, message: '请填写统一社会信用代码' }
  if (!USCC.test(v)) return { ok: false, message: '统一社会信用代码应为 18 位数字或大写字母' }
  if (checkChar(v.slice(0, 17)) !== v[17]) {
    return { ok: false, message: '统一社会信用代码校验位不正确，请核对' }
  }
  return { ok: true, value: v }
}

/** Appends the check character to 17 valid characters (demo data and tests). */
export function makeUscc(first17: string): string {
  if (!FIRST17.test(first17)) {
    throw new RangeError('makeUscc expects 17 characters from the GB 32100 alphabet')
  }
  return first17 + checkChar(first17)
}
