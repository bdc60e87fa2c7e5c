// What the platform operator types to add an organisation or a pairing (issue 11 §6): a new pair such as
// 巫溪县 ⇄ 泰安市 is data only. Pure: the form schemas and which area fits which side of the programme.
import { optionalText, requiredText } from './fields'
import { optionalOfficePhone } from './office-phone'
import { z } from './zod'

/** The kinds the operator may create; the platform organisation exists once, made by the seed. */
export const NEW_ORGANISATION_KINDS = { bureau: '山东人社局（东部）', centre: '重庆区县就业和人才中心（西部）' } as const
export type NewOrganisationKind = keyof typeof NEW_ORGANISATION_KINDS

/** A Shandong prefecture-level city (GB/T 2260 37xx00): the receiving side of a pairing. */
export function isShandongCityCode(code: string): boolean {
  return /^37\d{2}00$/.test(code) && code !== '370000'
}

/** A Chongqing district or county (GB/T 2260 5001xx / 5002xx): the sending side of a pairing. */
export function isChongqingCountyCode(code: string): boolean {
  return /^500[12]\d{2}$/.test(code) && !code.endsWith('00')
}

/**
 * Whether an area fits an organisation kind: a bureau is for a Shandong city, a centre for a Chongqing
 * county. Takes the kind and the six-digit code; returns the message to show beside the area, or null.
 */
export function areaKindMismatch(kind: NewOrganisationKind, code: string): string | null {
  if (kind === 'bureau') return isShandongCityCode(code) ? null : '人社局应选择山东省的地级市'
  return isChongqingCountyCode(code) ? null : '就业和人才中心应选择重庆市的区县'
}

const areaCodeField = (message: string) =>
  z.string({ error: () => message }).transform((raw, ctx) => {
    const v = raw.normalize('NFKC').trim()
    if (!/^\d{6}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return v
  })

/** A new bureau or centre: its kind, area (six-digit code), full and short name, an optional office phone and address. */
export const OrganisationSchema = z
  .object({
    kind: z.enum(Object.keys(NEW_ORGANISATION_KINDS) as [NewOrganisationKind, ...NewOrganisationKind[]], { error: () => '请选择单位类型' }),
    areaCode: areaCodeField('请选择行政区划'),
    name: requiredText('单位全称', 40),
    shortName: requiredText('简称', 12),
    contactPhone: optionalOfficePhone,
    address: optionalText('地址', 80),
  })
  .superRefine((v, ctx) => {
    const mismatch = areaKindMismatch(v.kind, v.areaCode)
    if (mismatch) ctx.addIssue({ code: 'custom', path: ['areaCode'], message: mismatch })
  })

/** The first year of the programme's pairings (鲁渝协作 began in 2016–2017) and how far ahead one may be recorded. */
export const FIRST_PAIRING_YEAR = 2016

/**
 * A new pairing: a Chongqing county, the Shandong city that receives its workers, and the year it began
 * (FIRST_PAIRING_YEAR … `currentYear` + 1). Takes the current Shanghai year; returns the schema.
 */
export function pairingSchema(currentYear: number) {
  return z.object({
    countyCode: areaCodeField('请选择重庆的区县').refine(isChongqingCountyCode, '请选择重庆的区县'),
    cityCode: areaCodeField('请选择山东的城市').refine(isShandongCityCode, '请选择山东的城市'),
    sinceYear: z
      .string({ error: () => '请填写开始年份' })
      .transform((raw) => Number(raw.normalize('NFKC').trim()))
      .refine((n) => Number.isInteger(n) && n >= FIRST_PAIRING_YEAR && n <= currentYear + 1, `开始年份应在 ${FIRST_PAIRING_YEAR}–${currentYear + 1} 之间`),
  })
}

export const PAIRING_TAKEN = '这个区县已经有对口城市，一个区县只能有一个结对关系'
export const ORGANISATION_TAKEN = '这个行政区划已经有同类型的单位'
