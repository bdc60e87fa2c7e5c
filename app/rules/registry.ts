import { z } from './zod'
import type { RegistryField } from './registry-columns'
import type { EmploymentNeed, EmploymentStatus, HouseholdStatus, Sex, SkillLevel } from './registry-enums'
import { parseLabourerIdNumber, type IdNumberInfo } from './id-number'
import { optionalText } from './fields'
import { normaliseTyped } from './normalise'
import { parseMobile } from './mobile'
import { parsePersonName } from './person-name'
import { codeFromSynonym, type SynonymField } from './registry-synonyms'

// The county ledger (五清台账) of seed 003: who the labourer is, and the five "clears" — employment
// status, employment need, skill level, difficulties, assistance measures. Codes are stored; these
// labels are what staff see, type in spreadsheets and export.

export const HOUSEHOLD_LABELS: Record<HouseholdStatus, string> = {
  alleviated: '脱贫人口',
  monitored: '监测对象',
  other: '其他',
}
export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, string> = {
  out_of_province: '省外务工',
  in_city: '市内县外务工',
  in_county: '县内务工',
  self_employed: '自主创业',
  public_post: '公益性岗位',
  unemployed: '未就业',
}
export const EMPLOYMENT_NEED_LABELS: Record<EmploymentNeed, string> = {
  to_shandong: '赴山东务工',
  other_province: '到其他省市务工',
  local: '就近就地就业',
  training: '参加技能培训',
  startup: '自主创业',
  none: '暂无需求',
}
export const SKILL_LEVEL_LABELS: Record<SkillLevel, string> = {
  none: '无技能',
  uncertified: '有技能无证书',
  junior: '初级工',
  intermediate: '中级工',
  senior: '高级工及以上',
}
export const SEX_LABELS = { male: '男', female: '女' } as const satisfies Record<Sex, string>

/** Accepts a stored code or its Chinese label (as typed in a county's spreadsheet); returns the code. */
export function codeFromLabel<T extends string>(labels: Record<T, string>, raw: string): T | null {
  const v = normaliseTyped(raw.normalize('NFKC'))
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (v === code || v === label) return code
  }
  return null
}

/**
 * A choice column: its code, its label, or another word counties use for it (app/rules/registry-synonyms.ts,
 * 脱贫户 → 脱贫人口). The form sends codes; a spreadsheet sends any of these words.
 */
function choice<T extends string>(label: string, labels: Record<T, string>, field: SynonymField) {
  return z.string({ error: () => `请选择${label}` }).transform((raw, ctx) => {
    if (raw.trim() === '') {
      ctx.addIssue({ code: 'custom', message: `请选择${label}` })
      return z.NEVER
    }
    const code = codeFromLabel(labels, raw) ?? (codeFromSynonym(field, raw) as T | null)
    if (!code) {
      ctx.addIssue({ code: 'custom', message: `${label}应为：${Object.values(labels).join('、')}` })
      return z.NEVER
    }
    return code
  })
}

/** A person's name: the one name rule of app/rules/person-name.ts (registration reads it from here too). */
const nameField = z.string({ error: () => '请填写姓名' }).transform((raw, ctx) => {
  const result = parsePersonName(raw)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message })
    return z.NEVER
  }
  return result.value
})

const idNumberField = z.string({ error: () => '请填写身份证号码' }).transform((raw, ctx): IdNumberInfo => {
  const result = parseLabourerIdNumber(raw)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message })
    return z.NEVER
  }
  return result.value
})

const optionalMobile = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw || raw.trim() === '') return null
    const result = parseMobile(raw)
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message })
      return z.NEVER
    }
    return result.value
  })

/** Township and village arrive as codes from the form, or as names from a spreadsheet. */
const divisionField = (label: string, required: boolean) => optionalText(label, 60, { required })

/**
 * One ledger row as staff type it (form) or a county keeps it (spreadsheet). The model resolves the
 * township and village against the county's real divisions; everything else is checked here.
 */
export const RegistryRowSchema = z.object({
  name: nameField,
  idNumber: idNumberField,
  phone: optionalMobile,
  township: divisionField('乡镇（街道）', true),
  village: divisionField('村（社区）', false),
  householdStatus: choice('户类型', HOUSEHOLD_LABELS, 'householdStatus'),
  employmentStatus: choice('就业状态', EMPLOYMENT_STATUS_LABELS, 'employmentStatus'),
  employmentNeed: choice('就业需求', EMPLOYMENT_NEED_LABELS, 'employmentNeed'),
  skillLevel: choice('技能水平', SKILL_LEVEL_LABELS, 'skillLevel'),
  skills: optionalText('技能特长', 200),
  difficulties: optionalText('困难问题', 500, { multiline: true }),
  assistanceMeasures: optionalText('帮扶措施', 500, { multiline: true }),
  notes: optionalText('备注', 1000, { multiline: true }),
})

export type RegistryRowInput = z.input<typeof RegistryRowSchema>
export type RegistryRow = z.output<typeof RegistryRowSchema>

/** A ledger row as the table stores it: the checked row with sex and birth date read from the ID, and its place as codes. */
export type LedgerValues = Omit<RegistryRow, 'idNumber' | 'township' | 'village'> & {
  idNumber: string
  sex: 'male' | 'female'
  birthDate: string
  townshipCode: string
  villageCode: string | null
}

/** Where a township and village name or code resolved to in the county, or the field message when they did not. */
export type ResolvedPlace = { ok: true; townshipCode: string; villageCode: string | null } | { ok: false; field: 'township' | 'village'; message: string }

/** Resolves a township and village (name or code) within one county (app/models/area.server.ts createDivisionResolver). */
export type DivisionResolver = (township: string, village: string | null) => ResolvedPlace

/** A parsed ledger row (form or spreadsheet) plus its resolved place, as the values the table stores. */
export function toLedgerValues(row: RegistryRow, place: { townshipCode: string; villageCode: string | null }): LedgerValues {
  const { idNumber: info, township: _township, village: _village, ...rest } = row
  return { ...rest, idNumber: info.idNumber, sex: info.sex, birthDate: info.birthDate, townshipCode: place.townshipCode, villageCode: place.villageCode }
}

// The template's columns live in registry-columns.ts, a module with no imports, so the synonyms table can name
// the same fields without a cycle (registry → registry-synonyms → registry). Every column fills a row input:
/** True at compile time only when every template column's field is a RegistryRowInput key (tsc fails otherwise). */
export const REGISTRY_COLUMNS_FILL_ROW_INPUTS: RegistryField extends keyof RegistryRowInput ? true : never = true

/** Village names in the division package end in 村民委员会 / 居民委员会; people say 村 and 社区. */
export function shortVillageName(official: string) {
  return official
    .replace(/村民委员会$|村委会$/, '村')
    .replace(/居民委员会$|居委会$/, '')
    .replace(/村村$/, '村')
}

export { REGISTRY_COLUMNS } from './registry-columns'
