// Citizen identification numbers, GB 11643-1999 《公民身份号码》.
//
// Layout (18 characters):
//   1–6   address code (GB/T 2260 administrative division of registration)
//   7–14  birth date YYYYMMDD
//   15–17 sequence code; the 17th digit is odd for men, even for women
//   18    check character, ISO 7064:1983 MOD 11-2
import { todayInShanghai } from './dates'
import { normaliseTyped } from './normalise'

export type IdNumberInfo = {
  idNumber: string
  areaCode: string
  /** YYYY-MM-DD */
  birthDate: string
  sex: 'male' | 'female'
}

export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; message: string }

// ISO 7064 MOD 11-2 weights are 2^(17-i) mod 11 for positions i = 0..16.
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
// Index = (Σ digit × weight) mod 11; GB 11643 writes the value 10 as 'X'.
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const

// Province-level prefixes of GB/T 2260 that can appear on a resident ID:
// 11–15 North, 21–23 North-east, 31–37 East, 41–46 Central-south,
// 50–54 South-west, 61–65 North-west, 71 Taiwan, 81 Hong Kong, 82 Macao,
// and 83 used on residence permits for Hong Kong/Macao/Taiwan residents
// (港澳台居民居住证, 2018). Only the first two digits are checked: county-level
// codes change every year and old cards keep their original codes forever.
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
])

// Nobody holding a card today was born before 1900; such a year is a typing
// error, not a real person.
const MIN_BIRTH_YEAR = 1900

// Working-age bounds used by the cooperation programme (inclusive, 周岁).
const LABOURER_MIN_AGE = 16
const LABOURER_MAX_AGE = 65

/** Whether two digits are a province-level prefix of GB/T 2260 (the table above), e.g. '50' for Chongqing. */
export function isProvinceCode(twoDigits: string): boolean {
  return PROVINCE_PREFIXES.has(twoDigits)
}

/**
 * Drops every white-space and invisible character (people paste "5001 0119 ..." or use the ideographic
 * space U+3000; copied text brings zero-width spaces and direction marks — app/rules/normalise.ts),
 * turns full-width digits and Ｘ/ｘ into ASCII, and writes the check letter as upper-case X as GB 11643
 * requires.
 */
export function normalizeIdNumber(raw: string): string {
  return normaliseTyped(raw, 'drop')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[xＸｘ]/g, 'X')
}

/** Check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('idCheckChar expects exactly 17 digits')
  }
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * CHECK_WEIGHTS[i]
  }
  return CHECK_CHARS[sum % 11]
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    // Gregorian leap-year rule (1900 is not a leap year, 2000 is).
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return leap ? 29 : 28
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/**
 * Parses and fully validates a resident ID number. `today` defaults to now and
 * is interpreted as an Asia/Shanghai calendar day.
 */
export function parseIdNumber(raw: string, today: Date = new Date()): IdNumberResult {
  const id = normalizeIdNumber(raw)
  if (id === '') return { ok: false, message: '请填写身份证号码' }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, message: '身份证号码应为 18 位，最后一位可以是 X' }
  }
  if (!isProvinceCode(id.slice(0, 2))) {
    return { ok: false, message: '身份证号码的地区码不正确' }
  }

  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (year < MIN_BIRTH_YEAR || !isRealDate(year, month, day)) {
    return { ok: false, message: '身份证号码中的出生日期不存在' }
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  // Zero-padded ISO dates compare correctly as strings.
  if (birthDate > todayInShanghai(today)) {
    return { ok: false, message: '身份证号码中的出生日期不能晚于今天' }
  }

  if (idCheckChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, message: '身份证号码校验位不正确，请核对' }
  }

  return {
    ok: true,
    value: {
      idNumber: id,
      areaCode: id.slice(0, 6),
      birthDate,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whole years (周岁) from `birthDate` to `on`, both 'YYYY-MM-DD'.
 * The age goes up on the birthday itself; someone born on 29 February
 * turns a year older on 1 March in common years.
 */
export function ageOn(birthDate: string, on: string): number {
  const b = ISO_DATE.exec(birthDate)
  const o = ISO_DATE.exec(on)
  if (!b || !o) throw new RangeError('ageOn expects YYYY-MM-DD dates')
  const years = Number(o[1]) - Number(b[1])
  // MM-DD strings compare correctly because they are zero-padded.
  const birthdayPassed = `${o[2]}-${o[3]}` >= `${b[2]}-${b[3]}`
  return birthdayPassed ? years : years - 1
}

/** parseIdNumber plus the programme's working-age rule (16–65 周岁 inclusive, today in Asia/Shanghai). */
export function parseLabourerIdNumber(raw: string, today: Date = new Date()): IdNumberResult {
  const result = parseIdNumber(raw, today)
  if (!result.ok) return result
  const age = ageOn(result.value.birthDate, todayInShanghai(today))
  if (age < LABOURER_MIN_AGE || age > LABOURER_MAX_AGE) {
    return { ok: false, message: '劳动力年龄应在 16 至 65 周岁之间' }
  }
  return result
}

/**
 * Builds a valid number from its parts, for demo data and tests. The caller
 * picks an odd `sequence` for a man and an even one for a woman (GB 11643
 * sequence code rule).
 */
export function makeIdNumber(input: { areaCode: string; birthDate: string; sequence: number }): string {
  if (!/^\d{6}$/.test(input.areaCode)) throw new RangeError('areaCode must be 6 digits')
  if (!ISO_DATE.test(input.birthDate)) throw new RangeError('birthDate must be YYYY-MM-DD')
  if (!Number.isInteger(input.sequence) || input.sequence < 0 || input.sequence > 999) {
    throw new RangeError('sequence must be an integer 0..999')
  }
  const first17 = input.areaCode + input.birthDate.replaceAll('-', '') + String(input.sequence).padStart(3, '0')
  return first17 + idCheckChar(first17)
}

/**
 * Display mask per the usual 个人信息 practice: keep the first 3 and last 4
 * characters ('500***********123X'). Anything that is not a well-formed
 * 18-character value shows only its last 2 characters.
 */
export function maskIdNumber(id: string): string {
  // Count code points, not UTF-16 units, so a pasted emoji is never split.
  const chars = [...normalizeIdNumber(id)]
  if (chars.length === 18) return chars.slice(0, 3).join('') + '*'.repeat(11) + chars.slice(14).join('')
  return maskAllButLast2(chars)
}

function maskAllButLast2(chars: string[]): string {
  if (chars.length <= 2) return '*'.repeat(chars.length)
  return '*'.repeat(chars.length - 2) + chars.slice(-2).join('')
}
