import { REGISTRY_COLUMNS } from './registry'

// The ledger as a spreadsheet (product brief §1): what the import reads, the template offers and the
// export writes share these columns, limits and messages.

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_ROWS = 20_000

export type RegistryField = (typeof REGISTRY_COLUMNS)[number]['field']
export type SheetValues = Record<RegistryField, string>

/** Columns a file must have (red in the template). */
export const REQUIRED_FIELDS: ReadonlySet<RegistryField> = new Set([
  'name', 'idNumber', 'township', 'householdStatus', 'employmentStatus', 'employmentNeed', 'skillLevel',
])
/** The template's header of each field. */
export const HEADER_OF = Object.fromEntries(REGISTRY_COLUMNS.map((c) => [c.field, c.header])) as Record<RegistryField, string>
/** Each header's place in the template, for ordering problems by column. */
export const COLUMN_ORDER = new Map<string, number>(REGISTRY_COLUMNS.map((c, i) => [c.header, i]))

export const ID_STORED_AS_NUMBER_MESSAGE = '身份证号码被 Excel 存成了数字，请把该列设为“文本”后重新填写'
/** The 备注 of the template's example row; a file that still has it has not been cleaned up. */
export const TEMPLATE_EXAMPLE_NOTE = '示例行：导入前请删除此行'
