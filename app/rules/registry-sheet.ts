import { REGISTRY_COLUMNS } from './registry'
import { headerKey } from './sheet-header'

// The ledger as a spreadsheet (product brief §1): what the import reads, the template offers and the
// export writes share these columns, limits and messages.

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_ROWS = 20_000

export type RegistryField = (typeof REGISTRY_COLUMNS)[number]['field']
export type SheetValues = Record<RegistryField, string>

/** Columns a file must have (red in the template). */
export const REQUIRED_FIELDS: ReadonlySet<RegistryField> = new Set([
  'name',
  'idNumber',
  'township',
  'householdStatus',
  'employmentStatus',
  'employmentNeed',
  'skillLevel',
])
/** The template's header of each field. */
export const HEADER_OF = Object.fromEntries(REGISTRY_COLUMNS.map((c) => [c.field, c.header])) as Record<RegistryField, string>
/** Each header's place in the template, for ordering problems by column. */
export const COLUMN_ORDER = new Map<string, number>(REGISTRY_COLUMNS.map((c, i) => [c.header, i]))

/** What counties' own sheets commonly call these columns, besides the template's headers. */
const HEADER_ALIASES: Record<string, RegistryField> = {
  身份证号: 'idNumber',
  公民身份号码: 'idNumber',
  手机号: 'phone',
  联系电话: 'phone',
  乡镇: 'township',
  '乡镇(街道)': 'township',
  村: 'village',
  '村(居)': 'village',
}

/** The field each known header names, by its headerKey form (template headers and the aliases above). */
export const FIELD_BY_HEADER: ReadonlyMap<string, RegistryField> = new Map<string, RegistryField>([
  ...Object.entries(HEADER_ALIASES).map(([h, f]) => [headerKey(h), f] as const),
  ...REGISTRY_COLUMNS.map((c) => [headerKey(c.header), c.field] as const),
])
/** The headerKey forms an import knows (plain strings: they are handed to the reading worker thread). */
export const LEDGER_HEADER_KEYS: readonly string[] = [...FIELD_BY_HEADER.keys()]

export const ID_STORED_AS_NUMBER_MESSAGE = '身份证号码被 Excel 存成了数字，请把该列设为“文本”后重新填写'
/** The 备注 of the template's example row; a file that still has it has not been cleaned up. */
export const TEMPLATE_EXAMPLE_NOTE = '示例行：导入前请删除此行'
