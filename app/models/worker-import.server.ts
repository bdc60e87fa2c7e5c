import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { workers } from '../../db/schema'
import { createDivisionResolver, type Township } from '~/models/area.server'
import { duplicateIdMessage, findIdNumberHolders, toLedgerValues, type Actor, type LedgerValues, type listWorkersForExport } from '~/models/worker.server'
import { makeIdNumber, normalizeIdNumber } from '~/rules/id-number'
import {
  EMPLOYMENT_NEED_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  HOUSEHOLD_LABELS,
  REGISTRY_COLUMNS,
  RegistryRowSchema,
  SEX_LABELS,
  SKILL_LEVEL_LABELS,
  shortVillageName,
} from '~/rules/registry'
import { writeAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction } from '~/utils/db.server'
import { addTableSheet, newWorkbook, workbookBytes } from '~/utils/xlsx.server'

// Bulk import of a county's own ledger spreadsheet (product brief §1): every row is checked before
// anything is written, and a clean file goes in as one transaction — never half a file.

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_ROWS = 20_000

export type RegistryField = (typeof REGISTRY_COLUMNS)[number]['field']
export type SheetValues = Record<RegistryField, string>
/** One data row as a person sees it: `line` is the spreadsheet row number (the header is line 1). */
export type SheetRow = { line: number; values: SheetValues; idStoredAsNumber?: boolean }
export type SheetResult = { ok: true; rows: SheetRow[] } | { ok: false; message: string }
export type RowError = { line: number; column: string; message: string }

export const ID_STORED_AS_NUMBER_MESSAGE = '身份证号码被 Excel 存成了数字，请把该列设为“文本”后重新填写'
/** The 备注 of the template's example row; a file that still has it has not been cleaned up. */
export const TEMPLATE_EXAMPLE_NOTE = '示例行：导入前请删除此行'

const REQUIRED_FIELDS: ReadonlySet<RegistryField> = new Set([
  'name', 'idNumber', 'township', 'householdStatus', 'employmentStatus', 'employmentNeed', 'skillLevel',
])
const HEADER_OF = Object.fromEntries(REGISTRY_COLUMNS.map((c) => [c.field, c.header])) as Record<RegistryField, string>
const COLUMN_ORDER = new Map<string, number>(REGISTRY_COLUMNS.map((c, i) => [c.header, i]))

// What counties' own sheets commonly call these columns, besides the template's headers.
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

/** Header text as typed: full-width forms folded (NFKC), spaces and required-marks (*) dropped. */
function headerKey(raw: string) {
  return raw.normalize('NFKC').replace(/[\s*]/g, '')
}

const FIELD_BY_HEADER = new Map<string, RegistryField>([
  ...Object.entries(HEADER_ALIASES).map(([h, f]) => [headerKey(h), f] as const),
  ...REGISTRY_COLUMNS.map((c) => [headerKey(c.header), c.field] as const),
])

type Grid = { line: number; cells: string[]; numeric?: boolean[] }[]

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads an uploaded xlsx or CSV (UTF-8 or GBK) into rows keyed by field, with spreadsheet line numbers. */
export async function readRegistrySheet(bytes: Uint8Array, fileName: string): Promise<SheetResult> {
  if (bytes.byteLength === 0) return { ok: false, message: '上传的文件是空的' }
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, message: '文件超过 10 MB，请分成几个文件导入' }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, message: '不支持旧版 .xls 格式，请在 Excel 中“另存为” .xlsx 或 CSV 后再上传' }
  }
  const grid = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? await readXlsxGrid(bytes) : readCsvGrid(bytes, fileName)
  if (!Array.isArray(grid)) return grid
  return rowsFromGrid(grid)
}

function startsWith(bytes: Uint8Array, magic: number[]) {
  return magic.every((b, i) => bytes[i] === b)
}

async function readXlsxGrid(bytes: Uint8Array): Promise<Grid | { ok: false; message: string }> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    return { ok: false, message: '无法读取这个 xlsx 文件，请确认文件没有损坏，或用 Excel 重新保存后再上传' }
  }
  // The first sheet that has the ledger headers (a county's file may open with a cover or notes sheet).
  const sheets = workbook.worksheets.filter((s) => s.state === 'visible')
  const sheet = sheets.find((s) => findHeaderIndex(firstRowsText(s)) !== -1) ?? sheets[0]
  if (!sheet) return { ok: false, message: '文件里没有工作表' }
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 20) return { ok: false, message: tooManyRowsMessage() }
  const grid: Grid = []
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = []
    const numeric: boolean[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell)
      numeric[col - 1] = cell.effectiveType === ExcelJS.ValueType.Number
    })
    grid.push({ line, cells: Array.from(cells, (c) => c ?? ''), numeric })
  })
  return grid
}

function firstRowsText(sheet: ExcelJS.Worksheet) {
  const rows: Grid = []
  for (let line = 1; line <= Math.min(sheet.rowCount, 10); line++) {
    const row = sheet.getRow(line)
    const cells: string[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => (cells[col - 1] = cellText(cell)))
    rows.push({ line, cells: Array.from(cells, (c) => c ?? '') })
  }
  return rows
}

/** The text a person sees in the cell (formula results, rich text and hyperlinks included). */
function cellText(cell: ExcelJS.Cell) {
  const value = cell.effectiveType === ExcelJS.ValueType.Formula ? null : cell.value
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return cell.text ?? ''
}

function readCsvGrid(bytes: Uint8Array, fileName: string): Grid | { ok: false; message: string } {
  const text = decodeText(bytes)
  if (text == null) {
    return { ok: false, message: `无法识别“${fileName.slice(0, 60)}”的格式，请上传 .xlsx 或 .csv 文件` }
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  // Excel's "Unicode text" export is tab-separated; everything else here is comma-separated.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  let records: string[][]
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, to_line: IMPORT_MAX_ROWS + 21 })
  } catch (error) {
    const line = (error as { lines?: number }).lines
    return { ok: false, message: `CSV 文件${line ? `第 ${line} 行附近` : ''}格式有误（多半是引号不成对），请用 Excel 另存为 .xlsx 后再上传` }
  }
  if (records.length > IMPORT_MAX_ROWS + 20) return { ok: false, message: tooManyRowsMessage() }
  // In a spreadsheet program each CSV record is one row, so the record number is the line people see.
  return records.map((cells, i) => ({ line: i + 1, cells }))
}

/**
 * UTF-8 (with or without BOM) first; bytes that are not valid UTF-8 are read as GB18030, the superset
 * of the GBK that Excel on Chinese Windows writes. Returns null for binary files.
 */
function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  if (bytes.subarray(0, 4096).includes(0)) return null
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return new TextDecoder('gb18030').decode(body)
  }
}

/** The header is the first of the top ten rows that names at least three known columns (title rows above it are fine). */
function findHeaderIndex(grid: Grid) {
  return grid.slice(0, 10).findIndex((row) => row.cells.filter((c) => FIELD_BY_HEADER.has(headerKey(c))).length >= 3)
}

function rowsFromGrid(grid: Grid): SheetResult {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c.trim() !== ''))
  if (nonEmpty.length === 0) return { ok: false, message: '文件里没有内容' }
  const headerIndex = Math.max(findHeaderIndex(nonEmpty), 0)
  const header = nonEmpty[headerIndex]
  const columnOf = new Map<RegistryField, number>()
  for (const [col, raw] of header.cells.entries()) {
    const field = FIELD_BY_HEADER.get(headerKey(raw))
    if (!field) continue
    if (columnOf.has(field)) return { ok: false, message: `表头“${HEADER_OF[field]}”出现了不止一次，请只保留一列` }
    columnOf.set(field, col)
  }
  const missing = REGISTRY_COLUMNS.filter((c) => REQUIRED_FIELDS.has(c.field) && !columnOf.has(c.field)).map((c) => `“${c.header}”`)
  if (missing.length > 0) {
    return { ok: false, message: `第 ${header.line} 行表头缺少必填列${missing.join('、')}，请使用模板中的列名` }
  }
  const data = nonEmpty.slice(headerIndex + 1)
  if (data.length === 0) return { ok: false, message: '文件里只有表头，没有数据行' }
  if (data.length > IMPORT_MAX_ROWS) return { ok: false, message: tooManyRowsMessage() }
  const idColumn = columnOf.get('idNumber')!
  const rows = data.map((r): SheetRow => {
    const values = {} as SheetValues
    for (const { field } of REGISTRY_COLUMNS) {
      const col = columnOf.get(field)
      values[field] = col == null ? '' : (r.cells[col] ?? '')
    }
    return r.numeric?.[idColumn] ? { line: r.line, values, idStoredAsNumber: true } : { line: r.line, values }
  })
  return { ok: true, rows }
}

function tooManyRowsMessage() {
  return `一次最多导入 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，请把文件分成几个再导入`
}

// ---------------------------------------------------------------------------------------------
// Validation

export type ValidationResult = { ok: true; values: LedgerValues[]; lines: number[] } | { ok: false; errors: RowError[] }

/** Excel's rendering of a long number in a CSV: 5.00154E+17 — the digits are already gone. */
const EXCEL_NUMBER = /^\d(\.\d+)?e\+?\d+$/i

/**
 * Checks every row with the form's schema, resolves township and village within the county, and finds
 * duplicate ID numbers within the file and in every county's ledger. Either all rows are good, or the
 * result lists each problem by line and column.
 */
export function validateRegistryRows(rows: SheetRow[], { countyCode, organisationId }: { countyCode: string; organisationId: number }): ValidationResult {
  const resolve = createDivisionResolver(countyCode)
  const errors: RowError[] = []
  const good: { line: number; values: LedgerValues }[] = []
  const linesById = new Map<string, number[]>()

  for (const { line, values, idStoredAsNumber } of rows) {
    const rowErrors: RowError[] = []
    const add = (field: RegistryField, message: string) => rowErrors.push({ line, column: HEADER_OF[field], message })
    const idAsNumber = idStoredAsNumber === true || EXCEL_NUMBER.test(values.idNumber.trim())
    if (idAsNumber) add('idNumber', ID_STORED_AS_NUMBER_MESSAGE)
    if (values.notes.trim() === TEMPLATE_EXAMPLE_NOTE) add('notes', '这是模板里的示例行，请删除后再导入')

    const parsed = RegistryRowSchema.safeParse(values)
    const badFields = new Set<string>()
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '') as RegistryField
        badFields.add(field)
        if (field === 'idNumber' && idAsNumber) continue
        rowErrors.push({ line, column: HEADER_OF[field] ?? '', message: issue.message })
      }
    }
    // Township and village are checked even when another column failed, so one pass shows every problem.
    let place: ReturnType<ReturnType<typeof createDivisionResolver>> | null = null
    if (!badFields.has('township') && !badFields.has('village')) {
      place = resolve(values.township.trim(), values.village.trim() || null)
      if (!place.ok) add(place.field, place.message)
    }
    if (!badFields.has('idNumber') && !idAsNumber) {
      const id = normalizeIdNumber(values.idNumber)
      linesById.set(id, [...(linesById.get(id) ?? []), line])
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors)
      continue
    }
    if (parsed.success && place?.ok) {
      good.push({ line, values: toLedgerValues(parsed.data, place) })
    }
  }

  for (const lines of linesById.values()) {
    if (lines.length < 2) continue
    for (const line of lines) {
      const others = lines.filter((l) => l !== line)
      errors.push({ line, column: HEADER_OF.idNumber, message: `与第 ${others.join('、')} 行的身份证号码重复` })
    }
  }
  const holders = findIdNumberHolders(db, [...linesById.keys()])
  for (const [id, holder] of holders) {
    for (const line of linesById.get(id) ?? []) {
      errors.push({ line, column: HEADER_OF.idNumber, message: duplicateIdMessage(holder, organisationId) })
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99))
    return { ok: false, errors }
  }
  return { ok: true, values: good.map((g) => g.values), lines: good.map((g) => g.line) }
}

// ---------------------------------------------------------------------------------------------
// Writing

export type ImportResult = { ok: true; count: number } | { ok: false; conflicts: { index: number; message: string }[] }

const INSERT_CHUNK = 500

/**
 * Inserts the validated rows in one BEGIN IMMEDIATE transaction with one audit row. ID numbers are
 * checked again under the write lock: another import may have landed since validation.
 */
export function importRegistryRows(actor: Actor, values: LedgerValues[]): ImportResult {
  try {
    return writeTransaction((tx): ImportResult => {
      const holders = findIdNumberHolders(tx, values.map((v) => v.idNumber))
      const seen = new Set<string>()
      const conflicts: { index: number; message: string }[] = []
      values.forEach((v, index) => {
        const holder = holders.get(v.idNumber)
        if (holder) conflicts.push({ index, message: duplicateIdMessage(holder, actor.organisationId) })
        else if (seen.has(v.idNumber)) conflicts.push({ index, message: '文件中有重复的身份证号码' })
        seen.add(v.idNumber)
      })
      if (conflicts.length > 0) return { ok: false, conflicts }
      const stamp = { organisationId: actor.organisationId, createdByUserId: actor.userId, updatedByUserId: actor.userId }
      for (let i = 0; i < values.length; i += INSERT_CHUNK) {
        tx.insert(workers)
          .values(values.slice(i, i + INSERT_CHUNK).map((v) => ({ ...v, ...stamp })))
          .run()
      }
      // The count only: the rows themselves are personal data and stay out of the trail.
      writeAudit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.organisationId,
        action: 'registry.import',
        entity: 'worker',
        detail: { rows: values.length },
        ip: actor.ip,
      })
      return { ok: true, count: values.length }
    })
  } catch (error) {
    // The unique index is the last word; the transaction has rolled back by the time we get here.
    if (isUniqueViolation(error)) {
      return { ok: false, conflicts: [{ index: -1, message: '导入时发现身份证号码已被登记，未导入任何数据，请重新上传' }] }
    }
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Workbooks

const TEXT_FIELDS: ReadonlySet<RegistryField> = new Set(['idNumber', 'phone'])
const CHOICE_LISTS = [
  { field: 'householdStatus', labels: HOUSEHOLD_LABELS },
  { field: 'employmentStatus', labels: EMPLOYMENT_STATUS_LABELS },
  { field: 'employmentNeed', labels: EMPLOYMENT_NEED_LABELS },
  { field: 'skillLevel', labels: SKILL_LEVEL_LABELS },
] as const

type ExportRow = ReturnType<typeof listWorkersForExport>[number]

function addLedgerSheet(workbook: ExcelJS.Workbook, name: string, extra: { header: string; width: number }[] = []) {
  const sheet = addTableSheet(workbook, name, [
    ...REGISTRY_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width + 2, style: TEXT_FIELDS.has(c.field) ? { numFmt: '@' } : {} })),
    ...extra.map((c) => ({ header: c.header, key: c.header, width: c.width })),
  ])
  const header = sheet.getRow(1)
  REGISTRY_COLUMNS.forEach((c, i) => {
    if (REQUIRED_FIELDS.has(c.field)) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC62828' } }
  })
  return sheet
}


/** The county's ledger rows as xlsx, with the template's headers so an export can be edited and compared. */
export async function buildRegistryWorkbook(rows: ExportRow[], { full }: { full: boolean }) {
  const workbook = newWorkbook()
  const sheet = addLedgerSheet(workbook, '务工人员台账', [
    { header: '性别', width: 6 },
    { header: '出生日期', width: 12 },
    { header: '登录账号', width: 10 },
  ])
  for (const r of rows) {
    sheet.addRow({
      name: r.name,
      idNumber: r.idNumber,
      phone: r.phone ?? '',
      township: r.townshipName,
      village: r.villageName ? shortVillageName(r.villageName) : '',
      householdStatus: HOUSEHOLD_LABELS[r.householdStatus],
      employmentStatus: EMPLOYMENT_STATUS_LABELS[r.employmentStatus],
      employmentNeed: EMPLOYMENT_NEED_LABELS[r.employmentNeed],
      skillLevel: SKILL_LEVEL_LABELS[r.skillLevel],
      skills: r.skills ?? '',
      difficulties: r.difficulties ?? '',
      assistanceMeasures: r.assistanceMeasures ?? '',
      notes: r.notes ?? '',
      性别: SEX_LABELS[r.sex],
      出生日期: r.birthDate,
      登录账号: r.userId == null ? '未关联' : '已关联',
    })
  }
  // Printed copies say what they carry: full numbers are personal information under PIPL.
  sheet.headerFooter.oddFooter = full ? '含完整身份证号码和手机号码，请妥善保管，用后销毁' : '身份证号码和手机号码已打码'
  return workbookBytes(workbook)
}

/** The import template: headers, one grey example row, drop-downs, and a sheet of allowed values. */
export async function buildTemplateWorkbook(countyName: string, townships: Township[]) {
  const workbook = newWorkbook()
  const sheet = addLedgerSheet(workbook, '务工人员台账')
  const countyCode = townships[0]?.code.slice(0, 6) ?? '500000'
  const example = sheet.addRow({
    name: '张晓梅',
    idNumber: makeIdNumber({ areaCode: countyCode, birthDate: '1990-01-01', sequence: 2 }),
    phone: '13800000000',
    township: townships[0]?.name ?? '',
    village: '',
    householdStatus: HOUSEHOLD_LABELS.alleviated,
    employmentStatus: EMPLOYMENT_STATUS_LABELS.unemployed,
    employmentNeed: EMPLOYMENT_NEED_LABELS.to_shandong,
    skillLevel: SKILL_LEVEL_LABELS.uncertified,
    skills: '电焊',
    difficulties: '',
    assistanceMeasures: '',
    notes: TEMPLATE_EXAMPLE_NOTE,
  })
  example.font = { italic: true, color: { argb: 'FF808080' } }

  const help = workbook.addWorksheet('填写说明', { views: [{ state: 'frozen', ySplit: 1 }] })
  const lists = [
    { header: '乡镇（街道）', values: townships.map((t) => t.name) },
    ...CHOICE_LISTS.map((c) => ({ header: HEADER_OF[c.field], values: Object.values(c.labels) as string[] })),
  ]
  help.columns = [...lists.map((l) => ({ header: l.header, width: 16 })), { header: '', width: 4 }, { header: '填写要求', width: 70 }]
  help.getRow(1).font = { bold: true }
  const notes = [
    `本模板用于${countyName}务工人员台账导入，红色列名为必填项。`,
    '第 2 行是示例（灰色斜体），导入前请删除。',
    '身份证号码、手机号码两列已设为“文本”格式，请不要改成数字，否则 Excel 会丢掉后几位。',
    '乡镇（街道）、户类型、就业状态、就业需求、技能水平请从下拉列表或左侧列表中选择。',
    '村（社区）填写村名或社区名即可，例如“驷马社区”。',
    '同一身份证号码只能登记一次；已在任何区县台账中的人员不能重复导入。',
    `一次最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行、10 MB；有任何一行不合格时不会导入任何数据。`,
    '也可以上传 CSV 文件（UTF-8 或 Excel 默认的 GBK 编码均可）。',
  ]
  const longest = Math.max(notes.length, ...lists.map((l) => l.values.length))
  for (let i = 0; i < longest; i++) {
    help.addRow([...lists.map((l) => l.values[i] ?? ''), '', notes[i] ?? ''])
  }
  // exceljs writes range validations but does not declare `dataValidations` in its typings.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations
  lists.forEach((list, i) => {
    if (list.values.length === 0) return
    const column = sheet.getColumn(REGISTRY_COLUMNS.findIndex((c) => c.header === list.header) + 1).letter
    const source = help.getColumn(i + 1).letter
    validations.add(`${column}2:${column}${IMPORT_MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'填写说明'!$${source}$2:$${source}$${list.values.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: list.header,
      error: `请从下拉列表中选择${list.header}`,
    })
  })
  return workbookBytes(workbook)
}

