import { REGISTRY_COLUMNS } from '~/rules/registry'
import { HEADER_OF, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, REQUIRED_FIELDS, type RegistryField, type SheetValues } from '~/rules/registry-sheet'
import { DEFAULT_GRID_LIMITS, findHeaderIndex, headerKey, type Grid, type GridLimits } from '~/utils/spreadsheet/grid.server'
import { readSpreadsheetGrid, type SpreadsheetReadResult } from '~/utils/spreadsheet/read-spreadsheet.server'
import { sniffFileKind } from '~/utils/upload.server'

// Reading a county's own ledger spreadsheet (product brief §1) into rows keyed by field, with the line
// numbers people see in Excel. Checking the rows is ./worker-import-validate.server.ts, writing them
// ./worker-import.server.ts.

/** One data row as a person sees it: `line` is the spreadsheet row number (the header is line 1). */
export type SheetRow = { line: number; values: SheetValues; idStoredAsNumber?: boolean }
export type SheetResult = { ok: true; rows: SheetRow[] } | { ok: false; message: string; status?: 503 }

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
