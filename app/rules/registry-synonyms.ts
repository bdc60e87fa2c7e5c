import type { EmploymentNeed, EmploymentStatus, HouseholdStatus, SkillLevel } from './registry-enums'
import type { RegistryField } from './registry-columns'

// The words counties use for the ledger's columns and choices (issue 11 §1), in ONE table: a county's own
// sheet, the national monitoring system's export or an older template says 人员类别 for 户类型, 脱贫户 for
// 脱贫人口, 公益岗 for 公益性岗位. The import reads these besides the template's own headers and labels
// (app/rules/registry.ts); the export and the template keep writing the template's words. A word is
// matched after NFKC folding (full-width brackets and digits) with spaces dropped, so "身份证号码（18位）"
// and "身份证号码(18位)" are one entry. The fields are the template's own (RegistryField, from REGISTRY_COLUMNS):
// every column a county's header may name has its list here. Tests: ./registry-synonyms.test.ts walks every entry.

export const REGISTRY_SYNONYMS = {
  /** Other headers for each field. */
  headers: {
    name: ['姓名', '人员姓名', '劳动力姓名', '务工人员姓名'],
    idNumber: ['身份证号', '身份证号码（18位）', '身份证号（18位）', '公民身份号码', '公民身份证号码', '证件号码', '身份证件号码'],
    phone: ['手机号', '联系电话', '联系方式', '电话号码', '手机', '本人联系电话'],
    township: ['乡镇', '乡镇(街道)', '乡镇街道', '所在乡镇', '乡镇（街道）名称', '镇乡街道', '镇（乡、街道）'],
    village: ['村', '村(居)', '村（居）委会', '村居', '所在村', '村（社区）名称', '行政村'],
    householdStatus: ['人员类别', '户类型', '户类别', '人员属性', '脱贫属性', '户属性'],
    employmentStatus: ['就业情况', '就业状态', '务工状态', '务工情况', '就业现状'],
    employmentNeed: ['就业意愿', '就业需求', '务工意愿', '就业创业需求'],
    skillLevel: ['技能等级', '技能水平', '职业技能等级'],
    skills: ['技能特长', '专业技能', '技能', '特长', '掌握技能'],
    difficulties: ['困难问题', '存在困难', '主要困难', '存在问题'],
    assistanceMeasures: ['帮扶措施', '帮扶情况', '拟采取帮扶措施'],
    notes: ['备注', '说明'],
  } satisfies Record<string, readonly string[]>,
  /** Other words for each choice, by field, to the stored code (app/rules/registry-enums.ts). */
  values: {
    householdStatus: {
      脱贫户: 'alleviated',
      脱贫人口: 'alleviated',
      建档立卡户: 'alleviated',
      建档立卡脱贫户: 'alleviated',
      脱贫劳动力: 'alleviated',
      已脱贫户: 'alleviated',
      // 监测对象 are the three monitored kinds of the 防返贫 monitoring system.
      监测户: 'monitored',
      监测对象户: 'monitored',
      防返贫监测对象: 'monitored',
      脱贫不稳定户: 'monitored',
      边缘易致贫户: 'monitored',
      突发严重困难户: 'monitored',
      一般农户: 'other',
      一般户: 'other',
      普通农户: 'other',
      非贫困户: 'other',
      农村低收入人口: 'other',
    } satisfies Record<string, HouseholdStatus>,
    employmentStatus: {
      省外就业: 'out_of_province',
      市外省外务工: 'out_of_province',
      外省务工: 'out_of_province',
      市内县外: 'in_city',
      市内县外就业: 'in_city',
      县外市内务工: 'in_city',
      县内就业: 'in_county',
      本县务工: 'in_county',
      县内: 'in_county',
      创业: 'self_employed',
      自主创业就业: 'self_employed',
      公益岗: 'public_post',
      公益性岗位安置: 'public_post',
      公益岗位: 'public_post',
      无业: 'unemployed',
      待业: 'unemployed',
      失业: 'unemployed',
      未务工: 'unemployed',
    } satisfies Record<string, EmploymentStatus>,
    employmentNeed: {
      到山东务工: 'to_shandong',
      去山东务工: 'to_shandong',
      山东: 'to_shandong',
      外省务工: 'other_province',
      省外其他地区: 'other_province',
      就近就业: 'local',
      就地就业: 'local',
      就近就地: 'local',
      技能培训: 'training',
      培训: 'training',
      创业: 'startup',
      无: 'none',
      无需求: 'none',
      暂无: 'none',
    } satisfies Record<string, EmploymentNeed>,
    skillLevel: {
      无: 'none',
      有技能无证: 'uncertified',
      初级: 'junior',
      五级: 'junior',
      中级: 'intermediate',
      四级: 'intermediate',
      高级: 'senior',
      高级工: 'senior',
      三级: 'senior',
      技师: 'senior',
      高级技师: 'senior',
    } satisfies Record<string, SkillLevel>,
  },
} as const

/**
 * The header lists name exactly the template's fields (RegistryField, from REGISTRY_COLUMNS): a field added
 * to the template without a list here, or a list for a field the template does not have, does not compile.
 * Checked beside the table rather than with `satisfies` on it, whose type would then depend on
 * REGISTRY_COLUMNS and, through the row schema that reads these words, on itself.
 */
export type SynonymHeaderFields = SameKeys<keyof typeof REGISTRY_SYNONYMS.headers, RegistryField>
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? A : never) : never
export const SYNONYM_HEADER_FIELDS_MATCH: [SynonymHeaderFields] extends [never] ? never : true = true

export type SynonymField = keyof typeof REGISTRY_SYNONYMS.values

/** How a word is compared with the table: NFKC, invisible characters and every space dropped. */
export function synonymKey(raw: string) {
  return raw.normalize('NFKC').replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}\s]/gu, '')
}

const VALUE_CODES = new Map<SynonymField, Map<string, string>>(
  (Object.entries(REGISTRY_SYNONYMS.values) as [SynonymField, Record<string, string>][]).map(([field, words]) => [
    field,
    new Map(Object.entries(words).map(([word, code]) => [synonymKey(word), code])),
  ]),
)

/** The stored code another word for a choice of `field` stands for (脱贫户 → alleviated), or null when the table has no such word. */
export function codeFromSynonym(field: SynonymField, raw: string): string | null {
  return VALUE_CODES.get(field)?.get(synonymKey(raw)) ?? null
}
