import { REGISTRY_COLUMNS, type RegistryField } from './registry-columns'
import { REGISTRY_SYNONYMS } from './registry-synonyms'
import { headerKey } from './sheet-header'

// The ledger as a spreadsheet (product brief §1): what the import reads, the template offers and the
// export writes share these columns, limits and messages.

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_ROWS = 20_000

export type { RegistryField }
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

/** The field each known header names, by its headerKey form (template headers and the synonyms of app/rules/registry-synonyms.ts). */
export const FIELD_BY_HEADER: ReadonlyMap<string, RegistryField> = new Map<string, RegistryField>([
  ...Object.entries(REGISTRY_SYNONYMS.headers).flatMap(([f, words]) => words.map((h) => [headerKey(h), f as RegistryField] as const)),
  ...REGISTRY_COLUMNS.map((c) => [headerKey(c.header), c.field] as const),
])
/** The headerKey forms an import knows (plain strings: they are handed to the reading worker thread). */
export const LEDGER_HEADER_KEYS: readonly string[] = [...FIELD_BY_HEADER.keys()]

export const ID_STORED_AS_NUMBER_MESSAGE = '身份证号码被 Excel 存成了数字，请把该列设为“文本”后重新填写'
/**
 * A ledger export without 完整信息 hides the middle of each ID number and phone with *; such a file cannot be
 * matched back to its rows. Said once per row (grouped), instead of a length error on both numbers.
 */
export const MASKED_EXPORT_MESSAGE = '这是隐去中间位的导出文件（号码中有 *），无法对应到台账。请在台账页勾选“完整信息”重新导出，在那份文件上修改后再导入'
/** True for a number cell of such an export (a * anywhere in it). */
export function isMaskedNumber(value: string) {
  return value.includes('*')
}
/** The 备注 of the template's example row; a file that still has it has not been cleaned up. */
export const TEMPLATE_EXAMPLE_NOTE = '示例行：导入前请删除此行'

/**
 * Columns a county's sheet often has that the ledger does not keep, read only to recognise 合计 / 小计
 * rows (the word is usually in the 序号 column, which would otherwise be cut away while reading).
 */
export const SERIAL_HEADERS = ['序号', '编号', '序', 'No.', '户序号'] as const
/** SERIAL_HEADERS by their headerKey form. */
export const SERIAL_HEADER_KEYS: ReadonlySet<string> = new Set(SERIAL_HEADERS.map((h) => headerKey(h)))
/** Every header word the reader keeps a column for: the ledger's fields and the serial columns. */
export const IMPORT_HEADER_KEYS: readonly string[] = [...LEDGER_HEADER_KEYS, ...SERIAL_HEADER_KEYS]

const TOTAL_WORD = /^(合计|小计|总计|共计|汇总|累计)/

/**
 * Whether a row is a 合计 / 小计 line rather than a person: one of its cells starts with such a word
 * (spaces ignored: "合 计") and its ID cell holds no ID-like run of 15 or more characters. Takes the
 * row's cells (any columns) and its ID cell; returns true to skip it.
 */
export function isTotalsRow(cells: readonly (string | undefined)[], idCell: string) {
  if (/[0-9xX]{15,}/.test(idCell.replace(/\s/g, ''))) return false
  for (const c of cells) if (c != null && TOTAL_WORD.test(c.normalize('NFKC').replace(/\s/g, ''))) return true
  return false
}

/** A cell's text in a problem: at most 30 characters, then "…". */
export function clipValue(value: string) {
  const chars = [...value.trim()]
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('')
}

/**
 * A problem as a person reads it, with the offending value: `户类型“贫困户”：户类型应为：…`, or
 * `户类型（空）：请选择户类型` for an empty cell.
 */
export function problemText(column: string, value: string | null, message: string) {
  // null: a message that is the same whatever the cell holds (a masked export), grouped over every row.
  if (value === null) return `${column}：${message}`
  const v = clipValue(value)
  return v === '' ? `${column}（空）：${message}` : `${column}“${v}”：${message}`
}

/** Lines as ranges: [2, 3, 4, 9] → "2–4、9"; at most `maxRanges` ranges, then "等". */
export function lineRanges(lines: readonly number[], maxRanges = 20) {
  const sorted = [...lines].sort((a, b) => a - b)
  const ranges: string[] = []
  let more = false
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) j += 1
    if (ranges.length === maxRanges) {
      more = true
      break
    }
    ranges.push(sorted[i] === sorted[j] ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`)
    i = j + 1
  }
  return `${ranges.join('、')}${more ? ' 等' : ''}`
}

/** Problems that read the same on many lines, as one: the lines, the text, and how many. */
export type ProblemGroup = { lines: string; text: string; count: number; firstLine: number }

/**
 * Groups problems that read the same (same column, value and message) into "第 2–2001 行：…" lines,
 * in order of their first line; at most `maxGroups` groups (the rest are counted by the caller's total).
 */
export function groupProblems(problems: Iterable<{ line: number; column: string; value: string | null; message: string }>, maxGroups = 200): ProblemGroup[] {
  const byText = new Map<string, number[]>()
  for (const p of problems) {
    const text = problemText(p.column, p.value, p.message)
    const lines = byText.get(text)
    if (lines) lines.push(p.line)
    else byText.set(text, [p.line])
  }
  return [...byText.entries()]
    .map(([text, lines]) => ({ text, lines: lineRanges(lines), count: lines.length, firstLine: Math.min(...lines) }))
    .sort((a, b) => a.firstLine - b.firstLine)
    .slice(0, maxGroups)
}
