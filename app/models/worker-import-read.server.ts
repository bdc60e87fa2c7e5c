import { REGISTRY_COLUMNS } from '~/rules/registry'
import {
  FIELD_BY_HEADER,
  HEADER_OF,
  IMPORT_MAX_BYTES,
  IMPORT_HEADER_KEYS,
  IMPORT_MAX_ROWS,
  isTotalsRow,
  REQUIRED_FIELDS,
  SERIAL_HEADER_KEYS,
  type RegistryField,
  type SheetValues,
} from '~/rules/registry-sheet'
import { HEADER_PROBE_ROWS, headerKey, MIN_HEADER_HITS } from '~/rules/sheet-header'
import { DEFAULT_GRID_LIMITS, type Grid, type GridLimits } from '~/utils/spreadsheet/grid.server'
import { readSpreadsheetGrid, type ReadRequest, type SpreadsheetReadResult } from '~/utils/spreadsheet/read-spreadsheet.server'
import { sniffFileKind } from '~/utils/upload.server'

// Reading a county's own ledger spreadsheet (product brief §1) into rows keyed by field, with the line
// numbers people see in Excel. Checking the rows is ./worker-import-validate.server.ts, writing them
// ./worker-import.server.ts.

/** One data row as a person sees it: `line` is the spreadsheet row number (the header is line 1). */
export type SheetRow = { line: number; values: SheetValues; idStoredAsNumber?: boolean }
/**
 * The rows read; `fields` the ledger fields the file has columns for (a missing optional column leaves
 * that field of an existing row as it is); `skipped` the 合计 / 小计 rows left out.
 */
export type SheetResult = { ok: true; rows: SheetRow[]; fields: RegistryField[]; skipped: number } | { ok: false; message: string; status?: 503 }

/** What one upload may hold; the reader enforces each limit while it reads (docs/decisions/009). */
export const IMPORT_READ_LIMITS: GridLimits = { ...DEFAULT_GRID_LIMITS, maxRows: IMPORT_MAX_ROWS + 20 }

/** The answer when the same account uploads again while its last file is still being read. */
export const READ_OWNER_BUSY = '系统繁忙，请稍后再试：您有一个文件正在检查，请等它完成后再上传'

/**
 * How the import reads a ledger file of `format`: the import's size and shape limits, the header found
 * by the ledger's column names, and only the ledger's columns handed back.
 */
export function ledgerReadOptions(format: 'xlsx' | 'csv') {
  return {
    format,
    limits: IMPORT_READ_LIMITS,
    headerKeys: [...IMPORT_HEADER_KEYS],
    minHeaderHits: MIN_HEADER_HITS,
    probeLines: HEADER_PROBE_ROWS,
    headerColumnsOnly: true,
  }
}

/**
 * Reads an uploaded xlsx or CSV (UTF-8 or GBK) into rows keyed by field, with spreadsheet line numbers.
 * The file is read in a worker thread within IMPORT_READ_LIMITS, which hands back only the header row's
 * known columns; a failure carries a Chinese message, and `status` 503 when the server is busy reading
 * other files or this account's previous one (try again later). `request.owner` (the user id) gets
 * one read at a time; `request.signal` (the Request's) drops the read when the client has gone.
 */
export async function readRegistrySheet(bytes: Uint8Array, fileName: string, request: Pick<ReadRequest, 'owner' | 'signal'> = {}): Promise<SheetResult> {
  if (bytes.byteLength === 0) return { ok: false, message: '上传的文件是空的' }
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, message: '文件超过 10 MB，请分成几个文件导入' }
  const kind = sniffFileKind(bytes)
  if (kind === 'ole')
    return { ok: false, message: isEncryptedOffice(bytes) ? ENCRYPTED_MESSAGE : '不支持旧版 .xls 格式，请在 Excel 中“另存为” .xlsx 或 CSV 后再上传' }
  const format = kind === 'zip' ? 'xlsx' : 'csv'
  const read = await readSpreadsheetGrid(bytes, ledgerReadOptions(format), request)
  if (!read.ok) return readFailure(read, fileName)
  return rowsFromGrid(read.grid)
}

/** A workbook saved with an open password (Excel: 文件 → 信息 → 保护工作簿 → 用密码进行加密). */
export const ENCRYPTED_MESSAGE =
  '这个表格设置了打开密码，系统无法读取。请在 Excel 中打开它，点“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码并保存后再上传'

const ENCRYPTED_STREAM = Buffer.from('EncryptedPackage', 'utf16le')

/**
 * Whether an OLE compound file is an encrypted Office document rather than an old .xls: Excel keeps a
 * password-protected xlsx as an OLE file holding the streams EncryptionInfo and EncryptedPackage, whose
 * names (UTF-16LE) sit in its directory. A plain .xls has a Workbook stream instead.
 */
export function isEncryptedOffice(bytes: Uint8Array) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(ENCRYPTED_STREAM) !== -1
}

function readFailure(failure: Exclude<SpreadsheetReadResult, { ok: true }>, fileName: string): SheetResult {
  const resave = '请只保留台账所在的工作表，用 Excel 另存为新的 .xlsx 后再上传'
  switch (failure.reason) {
    case 'busy':
      return { ok: false, message: '系统繁忙，请稍后再试', status: 503 }
    case 'owner-busy':
      return { ok: false, message: READ_OWNER_BUSY, status: 503 }
    case 'aborted':
      return { ok: false, message: '上传已取消' }
    case 'binary':
      return { ok: false, message: `无法识别“${fileName.slice(0, 60)}”的格式，请上传 .xlsx 或 .csv 文件` }
    case 'csv':
      return { ok: false, message: `CSV 文件${failure.line ? `第 ${failure.line} 行附近` : ''}格式有误（多半是引号不成对），请用 Excel 另存为 .xlsx 后再上传` }
    case 'corrupt':
      return { ok: false, message: '无法读取这个 xlsx 文件，请确认文件没有损坏，或用 Excel 重新保存后再上传' }
    case 'encrypted':
      return { ok: false, message: ENCRYPTED_MESSAGE }
    case 'no-sheet':
      return { ok: false, message: '文件里没有工作表' }
    case 'rows':
      return { ok: false, message: tooManyRowsMessage() }
    case 'cells':
      return {
        ok: false,
        message: `表格内容太多（超过 ${IMPORT_READ_LIMITS.maxCells.toLocaleString('en-US')} 个单元格或 ${(IMPORT_READ_LIMITS.maxTextChars / 1e4).toLocaleString('en-US')} 万字），请删去与台账无关的列，或分成几个文件导入`,
      }
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

/**
 * The grid as the worker hands it back (headerColumnsOnly): the header row, then every non-blank row
 * below it. 合计 / 小计 rows are counted and left out (their word is often in the 序号 column, read for that).
 */
function rowsFromGrid(grid: Grid): SheetResult {
  if (grid.length === 0) return { ok: false, message: '文件里没有内容' }
  const header = grid[0]
  const columnOf = new Map<RegistryField, number>()
  for (const [col, raw] of header.cells.entries()) {
    const field = FIELD_BY_HEADER.get(headerKey(raw))
    if (!field) continue
    if (columnOf.has(field)) return { ok: false, message: `表头“${HEADER_OF[field]}”出现了不止一次，请只保留一列` }
    columnOf.set(field, col)
  }
  const missing = REGISTRY_COLUMNS.filter((c) => REQUIRED_FIELDS.has(c.field) && !columnOf.has(c.field)).map((c) => `“${c.header}”`)
  if (missing.length > 0) {
    return { ok: false, message: `第 ${header.line} 行表头缺少必填列${missing.join('、')}，请使用模板中的列名（表头可以在标题行下面，也可以分上下两行）` }
  }
  const serials = header.cells.flatMap((raw, col) => (SERIAL_HEADER_KEYS.has(headerKey(raw)) ? [col] : []))
  const idColumn = columnOf.get('idNumber')!
  const places = REGISTRY_COLUMNS.map(({ field }) => [field, columnOf.get(field)] as const)
  const rows: SheetRow[] = []
  let skipped = 0
  for (let i = 1; i < grid.length; i++) {
    const r = grid[i]
    if (isTotalsRow([...serials.map((c) => r.cells[c]), ...places.map(([, c]) => (c == null ? undefined : r.cells[c]))], r.cells[idColumn] ?? '')) {
      skipped += 1
      continue
    }
    const values = {} as SheetValues
    for (const [field, col] of places) values[field] = col == null ? '' : (r.cells[col] ?? '')
    rows.push(r.numeric?.includes(idColumn) ? { line: r.line, values, idStoredAsNumber: true } : { line: r.line, values })
  }
  if (rows.length === 0) return { ok: false, message: '文件里只有表头，没有数据行' }
  if (rows.length > IMPORT_MAX_ROWS) return { ok: false, message: tooManyRowsMessage() }
  return { ok: true, rows, fields: [...columnOf.keys()], skipped }
}

function tooManyRowsMessage() {
  return `一次最多导入 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，请把文件分成几个再导入`
}
