import ExcelJS from 'exceljs'
import { workers } from '../../db/schema'
import { createDivisionResolver, type Township } from '~/models/area.server'
import {
  FOREIGN_CHECKS_REFUSED,
  FOREIGN_LEDGER_HAS_ID,
  findIdNumberHolders,
  mayCheckForeignIds,
  OWN_LEDGER_HAS_ID,
  recordForeignIdHits,
  toLedgerValues,
  type Actor,
  type LedgerValues,
  type listWorkersForExport,
} from '~/models/worker.server'
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
import { DEFAULT_GRID_LIMITS, findHeaderIndex, headerKey, type Grid, type GridLimits } from '~/utils/spreadsheet/read-grid.server'
import { readSpreadsheetGrid, type SpreadsheetReadResult } from '~/utils/spreadsheet/read-spreadsheet.server'
import { sniffFileKind } from '~/utils/upload.server'
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
export type SheetResult = { ok: true; rows: SheetRow[] } | { ok: false; message: string; status?: 503 }
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

const FIELD_BY_HEADER = new Map<string, RegistryField>([
  ...Object.entries(HEADER_ALIASES).map(([h, f]) => [headerKey(h), f] as const),
  ...REGISTRY_COLUMNS.map((c) => [headerKey(c.header), c.field] as const),
])
const FIELD_BY_HEADER_KEYS: ReadonlySet<string> = new Set(FIELD_BY_HEADER.keys())

// ---------------------------------------------------------------------------------------------
// Reading

/** What one upload may hold; the reader enforces each limit while it reads (docs/decisions/009). */
export const IMPORT_READ_LIMITS: GridLimits = { ...DEFAULT_GRID_LIMITS, maxRows: IMPORT_MAX_ROWS + 20 }

/**
 * Reads an uploaded xlsx or CSV (UTF-8 or GBK) into rows keyed by field, with spreadsheet line numbers.
 * The file is read in a worker thread within IMPORT_READ_LIMITS; a failure carries a Chinese message,
 * and `status` 503 when the server is busy reading other files (try again later).
 */
export async function readRegistrySheet(bytes: Uint8Array, fileName: string): Promise<SheetResult> {
  if (bytes.byteLength === 0) return { ok: false, message: '上传的文件是空的' }
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, message: '文件超过 10 MB，请分成几个文件导入' }
  const kind = sniffFileKind(bytes)
  if (kind === 'ole') return { ok: false, message: '不支持旧版 .xls 格式，请在 Excel 中“另存为” .xlsx 或 CSV 后再上传' }
  const format = kind === 'zip' ? 'xlsx' : 'csv'
  const read = await readSpreadsheetGrid(bytes, { format, limits: IMPORT_READ_LIMITS, headerKeys: [...FIELD_BY_HEADER_KEYS], minHeaderHits: 3, probeLines: 10 })
  if (!read.ok) return readFailure(read, fileName)
  return rowsFromGrid(read.grid)
}

function readFailure(failure: Exclude<SpreadsheetReadResult, { ok: true }>, fileName: string): SheetResult {
  const resave = '请只保留台账所在的工作表，用 Excel 另存为新的 .xlsx 后再上传'
  switch (failure.reason) {
    case 'busy':
      return { ok: false, message: '系统繁忙，请稍后再试', status: 503 }
    case 'binary':
      return { ok: false, message: `无法识别“${fileName.slice(0, 60)}”的格式，请上传 .xlsx 或 .csv 文件` }
    case 'csv':
      return { ok: false, message: `CSV 文件${failure.line ? `第 ${failure.line} 行附近` : ''}格式有误（多半是引号不成对），请用 Excel 另存为 .xlsx 后再上传` }
    case 'corrupt':
      return { ok: false, message: '无法读取这个 xlsx 文件，请确认文件没有损坏，或用 Excel 重新保存后再上传' }
    case 'encrypted':
      return { ok: false, message: '这个 xlsx 文件已加密，请在 Excel 中取消密码后再上传' }
    case 'no-sheet':
      return { ok: false, message: '文件里没有工作表' }
    case 'rows':
      return { ok: false, message: tooManyRowsMessage() }
    case 'cells':
      return { ok: false, message: `表格内容太多（超过 ${IMPORT_READ_LIMITS.maxCells.toLocaleString('en-US')} 个单元格或 ${(IMPORT_READ_LIMITS.maxTextChars / 1e4).toLocaleString('en-US')} 万字），请删去与台账无关的列，或分成几个文件导入` }
    case 'bytes':
      return { ok: false, message: `xlsx 文件解压后超过 ${IMPORT_READ_LIMITS.maxInflatedBytes / 1024 / 1024} MB，${resave}` }
    case 'entries':
      return { ok: false, message: `xlsx 文件里的部件超过 ${IMPORT_READ_LIMITS.maxEntries.toLocaleString('en-US')} 个，${resave}` }
    case 'depth':
      return { ok: false, message: `xlsx 文件的结构层次异常（嵌套超过 ${IMPORT_READ_LIMITS.maxDepth} 层），${resave}` }
    case 'timeout':
    case 'memory':
      return { ok: false, message: `文件太复杂，无法在限定的时间和内存内读完，${resave}` }
  }
}

function rowsFromGrid(grid: Grid): SheetResult {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c.trim() !== ''))
  if (nonEmpty.length === 0) return { ok: false, message: '文件里没有内容' }
  const headerIndex = Math.max(findHeaderIndex(nonEmpty, FIELD_BY_HEADER_KEYS, 3), 0)
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
    return r.numeric?.includes(idColumn) ? { line: r.line, values, idStoredAsNumber: true } : { line: r.line, values }
  })
  return { ok: true, rows }
}

function tooManyRowsMessage() {
  return `一次最多导入 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，请把文件分成几个再导入`
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * `errors` holds at most KEPT_PROBLEMS problems (the first by line and column), `total` counts them
 * all. `refused` (with no errors) is the 429 answer when the account's checks against other counties'
 * ledgers are over today's limit.
 */
export type ValidationResult =
  | { ok: true; values: LedgerValues[]; lines: number[] }
  | { ok: false; errors: RowError[]; total: number; refused?: string }

/** Problems kept for the page: enough to fix a file by, whatever the file holds. */
export const KEPT_PROBLEMS = 500
/** Longest problem message kept, in characters. */
const MESSAGE_CHARS = 200
/** Other lines named in a duplicate message; the rest are counted. */
const NAMED_LINES = 3

/**
 * Collects problems in bounded memory and time: it keeps the first `limit` by line and column (sorting
 * only when twice that many have piled up) and counts the rest; long messages are cut.
 */
function createProblemList(limit = KEPT_PROBLEMS) {
  let kept: RowError[] = []
  let total = 0
  const order = (a: RowError, b: RowError) => a.line - b.line || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99)
  const trim = () => {
    kept.sort(order)
    kept = kept.slice(0, limit)
  }
  return {
    add(problem: RowError) {
      total += 1
      const message = problem.message.length > MESSAGE_CHARS ? `${problem.message.slice(0, MESSAGE_CHARS)}…` : problem.message
      kept.push({ ...problem, message })
      if (kept.length >= 2 * limit) trim()
    },
    get total() {
      return total
    },
    list() {
      trim()
      return kept
    },
  }
}

/** "与第 2 行…" naming at most NAMED_LINES other lines of the group, so a message stays short however many repeat. */
function duplicateLinesMessage(lines: number[], line: number) {
  const others: number[] = []
  for (const l of lines) {
    if (l === line) continue
    others.push(l)
    if (others.length === NAMED_LINES) break
  }
  const count = lines.length - 1
  const more = count > others.length ? ` 等 ${count.toLocaleString('en-US')} 行` : ' 行'
  return `与第 ${others.join('、')}${more}的身份证号码重复`
}

/** Excel's rendering of a long number in a CSV: 5.00154E+17 — the digits are already gone. */
const EXCEL_NUMBER = /^\d(\.\d+)?e\+?\d+$/i

/**
 * Checks every row with the form's schema, resolves township and village within the county, and finds
 * duplicate ID numbers within the file and in every county's ledger. Either all rows are good, or the
 * result lists the first KEPT_PROBLEMS problems by line and column, with the total. Another county's
 * holder is never named here (a file must not map residents to counties); the number of such hits is
 * audited (`registry.duplicate_check`), and past FOREIGN_ID_HITS_PER_DAY a day the check is refused.
 * Time and memory are linear in the rows, whatever they contain.
 */
export function validateRegistryRows(rows: SheetRow[], actor: Actor): ValidationResult {
  const steps = validationSteps(rows, actor)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * validateRegistryRows, giving the event loop back every VALIDATION_SLICE rows, so that checking a
 * 20,000-row file does not hold up other users' requests for a second.
 */
export async function validateRegistryRowsInSlices(rows: SheetRow[], actor: Actor): Promise<ValidationResult> {
  const steps = validationSteps(rows, actor)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await new Promise((resolve) => setImmediate(resolve))
  }
}

const VALIDATION_SLICE = 500

/** The validation itself, as a generator that pauses every VALIDATION_SLICE rows; the last step is the result. */
function* validationSteps(rows: SheetRow[], actor: Actor): Generator<void, ValidationResult> {
  const resolve = createDivisionResolver(actor.countyCode)
  const problems = createProblemList()
  const good: { line: number; values: LedgerValues }[] = []
  const linesById = new Map<string, number[]>()

  let checkedRows = 0
  for (const { line, values, idStoredAsNumber } of rows) {
    if (++checkedRows % VALIDATION_SLICE === 0) yield
    let rowFailed = false
    const add = (column: string, message: string) => {
      rowFailed = true
      problems.add({ line, column, message })
    }
    const idAsNumber = idStoredAsNumber === true || EXCEL_NUMBER.test(values.idNumber.trim())
    if (idAsNumber) add(HEADER_OF.idNumber, ID_STORED_AS_NUMBER_MESSAGE)
    if (values.notes.trim() === TEMPLATE_EXAMPLE_NOTE) add(HEADER_OF.notes, '这是模板里的示例行，请删除后再导入')

    const parsed = RegistryRowSchema.safeParse(values)
    const badFields = new Set<string>()
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '') as RegistryField
        badFields.add(field)
        if (field === 'idNumber' && idAsNumber) continue
        add(HEADER_OF[field] ?? '', issue.message)
      }
    }
    // Township and village are checked even when another column failed, so one pass shows every problem.
    let place: ReturnType<ReturnType<typeof createDivisionResolver>> | null = null
    if (!badFields.has('township') && !badFields.has('village')) {
      place = resolve(values.township.trim(), values.village.trim() || null)
      if (!place.ok) add(HEADER_OF[place.field], place.message)
    }
    if (!badFields.has('idNumber') && !idAsNumber) {
      const id = normalizeIdNumber(values.idNumber)
      const lines = linesById.get(id)
      if (lines) lines.push(line)
      else linesById.set(id, [line])
    }
    if (rowFailed) continue
    if (parsed.success && place?.ok) {
      good.push({ line, values: toLedgerValues(parsed.data, place) })
    }
  }

  for (const lines of linesById.values()) {
    if (lines.length < 2) continue
    for (const line of lines) problems.add({ line, column: HEADER_OF.idNumber, message: duplicateLinesMessage(lines, line) })
  }

  // One check per file against every ledger, audited and limited, in one write transaction so that
  // parallel uploads cannot all read the count before any of them has added to it.
  const ledger = writeTransaction((tx) => {
    if (!mayCheckForeignIds(tx, actor, 'import')) return null
    const holders = findIdNumberHolders(tx, [...linesById.keys()])
    let foreign = 0
    for (const holder of holders.values()) if (holder.organisationId !== actor.organisationId) foreign += 1
    return recordForeignIdHits(tx, actor, foreign, 'import') ? holders : null
  })
  if (!ledger) return { ok: false, errors: [], total: 0, refused: FOREIGN_CHECKS_REFUSED }
  for (const [id, holder] of ledger) {
    const message = holder.organisationId === actor.organisationId ? OWN_LEDGER_HAS_ID : FOREIGN_LEDGER_HAS_ID
    for (const line of linesById.get(id) ?? []) problems.add({ line, column: HEADER_OF.idNumber, message })
  }

  if (problems.total > 0) return { ok: false, errors: problems.list(), total: problems.total }
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
      // At most one short message per row: bounded by IMPORT_MAX_ROWS whatever the rows hold.
      const conflicts: { index: number; message: string }[] = []
      let foreign = 0
      values.forEach((v, index) => {
        const holder = holders.get(v.idNumber)
        if (holder && holder.organisationId !== actor.organisationId) foreign += 1
        if (holder) conflicts.push({ index, message: holder.organisationId === actor.organisationId ? OWN_LEDGER_HAS_ID : FOREIGN_LEDGER_HAS_ID })
        else if (seen.has(v.idNumber)) conflicts.push({ index, message: '文件中有重复的身份证号码' })
        seen.add(v.idNumber)
      })
      // Hits registered elsewhere since validation count towards the daily limit like any other.
      recordForeignIdHits(tx, actor, foreign, 'import')
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

