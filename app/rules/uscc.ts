// 统一社会信用代码, GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
//
// 18 characters: registration authority (1), organisation type (1),
// administrative division (6), organisation code (9), check character (1).
// The alphabet is the 31 characters below: digits plus upper-case Latin
// letters without I, O, Z, S, V, which are too easily mistaken for 1, 0, 2, 5, U.
import { isProvinceCode, parseIdNumber } from './id-number'
import { normaliseTyped } from './normalise'

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
// Weight of position i is 3^i mod 31 (GB 32100-2015, 校验码计算).
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/
const FIRST17 = /^[0-9A-HJ-NPQRTUWXY]{17}$/

/**
 * Position 1 (登记管理部门代码) and, for each, the position-2 organisation types (机构类别代码) it
 * registers: the table of GB 32100-2015 (1 机构编制, 5 民政, 9 工商, Y 其他) with the codes the
 * national code centre has since assigned to the other registering departments (2 外交, 3 司法行政,
 * 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业农村 for rural collectives).
 */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, { name: string; types: Readonly<Record<string, string>> }>> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商（市场监管）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业农村', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
}

/** 100000: a code registered by a national department (e.g. 国家市场监督管理总局), not a province. */
const NATIONAL_DIVISION = '100000'

export type UsccResult = { ok: true; value: string } | { ok: false; message: string }

/**
 * Drops white space and invisible characters anywhere (app/rules/normalise.ts), converts full-width
 * ASCII (Ａ, ０ …) to half-width and upper-cases.
 */
export function normalizeUscc(raw: string): string {
  return normaliseTyped(raw, 'drop')
    .replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
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

/** 、 between all but the last, 或 before it: ['1', '2', '3'] → '1、2 或 3'. */
function orList(items: string[]) {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join('、')} 或 ${items[items.length - 1]}`
}

/** Why the structure of 18 valid characters is wrong (GB 32100-2015 positions 1–8), or null when it is right. */
function structureFault(v: string): string | null {
  const authority = REGISTRATION_AUTHORITIES[v[0]]
  if (!authority) return `统一社会信用代码第 1 位“${v[0]}”不是登记管理部门代码（应为 1–9、A、N 或 Y）`
  if (!(v[1] in authority.types)) {
    return `统一社会信用代码第 2 位“${v[1]}”不是${authority.name}部门登记的机构类别（应为 ${orList(Object.keys(authority.types))}）`
  }
  const division = v.slice(2, 8)
  if (!/^\d{6}$/.test(division)) return `统一社会信用代码第 3–8 位“${division}”应为登记机关所在地的 6 位行政区划代码`
  if (division !== NATIONAL_DIVISION && !isProvinceCode(division.slice(0, 2))) {
    return `统一社会信用代码第 3–8 位“${division}”不是有效的行政区划代码`
  }
  return null
}

/**
 * Parses a 统一社会信用代码 as typed or pasted. Checks, in order, one message each: filled in; 18
 * characters of the GB 32100 alphabet; position 1 a registration-authority code; position 2 an
 * organisation type of that authority; positions 3–8 a six-digit division whose first two digits are
 * a province of GB/T 2260 (or 100000, national); the check character. A value that fails and is a valid
 * resident ID number (people paste the legal representative's ID) is named as such instead.
 * Returns the normalised code (upper case, nothing but its 18 characters).
 */
export function parseUscc(raw: string): UsccResult {
  const v = normalizeUscc(raw)
  if (v === '') return { ok: false, message: '请填写统一社会信用代码' }
  const fault = !USCC.test(v)
    ? '统一社会信用代码应为 18 位数字或大写字母'
    : (structureFault(v) ?? (checkChar(v.slice(0, 17)) !== v[17] ? '统一社会信用代码校验位不正确，请核对' : null))
  if (fault == null) return { ok: true, value: v }
  if (parseIdNumber(v).ok) return { ok: false, message: '这是身份证号码，请填写单位的统一社会信用代码（营业执照上的 18 位代码）' }
  return { ok: false, message: fault }
}

/**
 * Appends the check character to 17 characters of the alphabet (demo data and tests). It does not check
 * the structure: demo data builds codes from a real authority, type and division ('91' + city code).
 */
export function makeUscc(first17: string): string {
  if (!FIRST17.test(first17)) {
    throw new RangeError('makeUscc expects 17 characters from the GB 32100 alphabet')
  }
  return first17 + checkChar(first17)
}
