import path from 'node:path/posix'
import { StringDecoder } from 'node:string_decoder'
import { parse as parseCsv } from 'csv-parse/sync'
import { SaxesParser } from 'saxes'
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl'

// Reads an uploaded spreadsheet (xlsx or CSV) into a grid of displayed cell text, with hard limits that
// hold WHILE reading (issue 7): the ZIP's central directory is read first, and only the entries a grid
// needs — workbook, its relationships, styles, shared strings, sheets — are ever inflated, each through
// a byte counter; media and everything else stay compressed. XML is parsed as a stream (saxes) with a
// nesting limit, and rows, cells and text are counted as they arrive. This module runs inside a worker
// thread (worker.mjs), so it imports nothing from the app: only node and npm packages.

/** One spreadsheet row: `line` is the row number a person sees; `numeric` lists 0-based columns holding numbers. */
export type GridRow = { line: number; cells: string[]; numeric?: number[] }
export type Grid = GridRow[]

export type GridLimits = {
  /** Rows with any content, per sheet (and CSV records). */
  maxRows: number
  /** Cell slots kept: each row costs as many as its last used column. */
  maxCells: number
  /** Characters of cell text kept in all (shared strings counted once). */
  maxTextChars: number
  /** Columns beyond this are ignored. */
  maxColumns: number
  /** Entries in the ZIP's central directory. */
  maxEntries: number
  /** Bytes inflated from the ZIP in all, counted as they come out of inflate. */
  maxInflatedBytes: number
  /** XML element nesting. */
  maxDepth: number
}

export const DEFAULT_GRID_LIMITS: GridLimits = {
  maxRows: 20_020,
  maxCells: 2_000_000,
  maxTextChars: 16_000_000,
  maxColumns: 256,
  maxEntries: 1_000,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxDepth: 32,
}

/** Excel's own limit on the text of one cell. */
const MAX_CELL_CHARS = 32_767

export type GridOptions = {
  format: 'xlsx' | 'csv'
  limits: GridLimits
  /**
   * Header words (already passed through `headerKey`): the first visible sheet whose top `probeLines`
   * rows hold a row with `minHeaderHits` of them is the one read; otherwise the first visible sheet.
   */
  headerKeys: string[]
  minHeaderHits: number
  probeLines: number
}

export type GridFailureReason =
  | 'binary'
  | 'csv'
  | 'corrupt'
  | 'encrypted'
  | 'no-sheet'
  | 'rows'
  | 'cells'
  | 'entries'
  | 'bytes'
  | 'depth'
export type GridResult = { ok: true; grid: Grid } | { ok: false; reason: GridFailureReason; line?: number }

/** A limit crossed while reading; thrown from deep inside a parse and turned into a GridResult. */
export class GridLimitError extends Error {
  constructor(readonly reason: GridFailureReason, readonly line?: number) {
    super(reason)
  }
}

/** Header text as typed: full-width forms folded (NFKC), spaces and required-marks (*) dropped. */
export function headerKey(raw: string) {
  return raw.normalize('NFKC').replace(/[\s*]/g, '')
}

/** Index of the first of the top ten rows that names at least `minHits` known headers, or -1. */
export function findHeaderIndex(grid: Grid, known: ReadonlySet<string>, minHits: number) {
  return grid.slice(0, 10).findIndex((row) => row.cells.filter((c) => known.has(headerKey(c))).length >= minHits)
}

/** Reads the bytes as the given format; every failure is a reason, never a throw (except bugs). */
export async function readGrid(bytes: Uint8Array, options: GridOptions): Promise<GridResult> {
  try {
    const grid = options.format === 'xlsx' ? await readXlsx(bytes, options) : readCsv(bytes, options.limits)
    return { ok: true, grid }
  } catch (error) {
    if (error instanceof GridLimitError) return error.line == null ? { ok: false, reason: error.reason } : { ok: false, reason: error.reason, line: error.line }
    return { ok: false, reason: options.format === 'xlsx' ? 'corrupt' : 'csv' }
  }
}

// ---------------------------------------------------------------------------------------------
// Cell budget shared by CSV and xlsx

function createBudget(limits: GridLimits) {
  let cells = 0
  let chars = 0
  let rows = 0
  return {
    /** One more row with content, `width` cell slots wide. */
    row(width: number) {
      rows += 1
      if (rows > limits.maxRows) throw new GridLimitError('rows')
      this.cells(width)
    },
    cells(n: number) {
      cells += n
      if (cells > limits.maxCells) throw new GridLimitError('cells')
    },
    text(length: number) {
      chars += length
      if (chars > limits.maxTextChars) throw new GridLimitError('cells')
    },
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

function readCsv(bytes: Uint8Array, limits: GridLimits): Grid {
  const text = decodeText(bytes)
  if (text == null) throw new GridLimitError('binary')
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  // Excel's "Unicode text" export is tab-separated; everything else here is comma-separated.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  // Every delimiter starts a cell: a file of nothing but commas is refused before the parser builds its arrays.
  let delimiters = 0
  for (let i = text.indexOf(delimiter); i !== -1; i = text.indexOf(delimiter, i + 1)) {
    if (++delimiters > limits.maxCells) throw new GridLimitError('cells')
  }
  const budget = createBudget(limits)
  let records: string[][]
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      // Every record counts here, blank ones too: in a spreadsheet program each is a row.
      on_record: (record: string[]) => {
        const kept = record.length > limits.maxColumns ? record.slice(0, limits.maxColumns) : record
        budget.row(kept.length)
        budget.text(kept.reduce((n, c) => n + c.length, 0))
        return kept
      },
    })
  } catch (error) {
    if (error instanceof GridLimitError) throw error
    throw new GridLimitError('csv', (error as { lines?: number }).lines)
  }
  // In a spreadsheet program each CSV record is one row, so the record number is the line people see.
  return records.map((cells, i) => ({ line: i + 1, cells }))
}

function startsWith(bytes: Uint8Array, magic: number[]) {
  return magic.every((b, i) => bytes[i] === b)
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

// ---------------------------------------------------------------------------------------------
// xlsx: the ZIP

type Entries = Map<string, Entry>
type Inflation = { left: number }

async function readXlsx(bytes: Uint8Array, options: GridOptions): Promise<Grid> {
  const { limits } = options
  const zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    lazyEntries: true,
    validateEntrySizes: true,
  })
  try {
    // The entry count comes from the end-of-central-directory record: refused before any entry is read.
    if (zip.entryCount > limits.maxEntries) throw new GridLimitError('entries')
    const entries: Entries = new Map()
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, ''), entry)
    const inflation: Inflation = { left: limits.maxInflatedBytes }
    const book = await readWorkbook(zip, entries, inflation, limits)
    const styles = book.stylesPath ? await readStyles(zip, entries, book.stylesPath, inflation, limits) : { dateStyles: new Set<number>() }
    const shared = book.sharedStringsPath ? await readSharedStrings(zip, entries, book.sharedStringsPath, inflation, limits) : []
    const context: SheetContext = { shared, dateStyles: styles.dateStyles, date1904: book.date1904 }
    const sheets = book.sheets.filter((s) => s.visible && entries.has(s.path))
    if (sheets.length === 0) throw new GridLimitError('no-sheet')
    const known = new Set(options.headerKeys)
    // The first visible sheet with the ledger headers near its top; a county's file may open with a cover sheet.
    for (const sheet of sheets) {
      const grid = await readSheet(zip, entries.get(sheet.path)!, inflation, limits, context, { known, minHits: options.minHeaderHits, probeLines: options.probeLines })
      if (grid) return grid
    }
    return (await readSheet(zip, entries.get(sheets[0].path)!, inflation, limits, context, null))!
  } finally {
    zip.close()
  }
}

/** Thrown by a handler to stop reading an entry early (the probe of a sheet without the headers). */
class StopReading extends Error {}

type XmlHandlers = {
  open(name: string, attributes: Record<string, string>): void
  close?(name: string): void
  text?(text: string): void
}

/**
 * Inflates one entry through the byte counter and feeds it to a streaming XML parser. Element names
 * arrive without their namespace prefix. Returns false when a handler stopped the reading early.
 */
async function parseEntry(zip: ZipFile, entry: Entry, inflation: Inflation, limits: GridLimits, handlers: XmlHandlers) {
  if (entry.isEncrypted()) throw new GridLimitError('encrypted')
  // The declared size is checked before inflating; the counter below holds even when the header lies.
  if (entry.uncompressedSize > inflation.left) throw new GridLimitError('bytes')
  const stream = await zip.openReadStreamPromise(entry)
  const parser = new SaxesParser({ position: false })
  let depth = 0
  parser.on('opentag', (tag) => {
    depth += 1
    if (depth > limits.maxDepth) throw new GridLimitError('depth')
    handlers.open(localName(tag.name), tag.attributes as Record<string, string>)
  })
  parser.on('closetag', (tag) => {
    depth -= 1
    handlers.close?.(localName(tag.name))
  })
  if (handlers.text) {
    parser.on('text', handlers.text)
    parser.on('cdata', handlers.text)
  }
  parser.on('error', (error: Error) => {
    throw error
  })
  const decoder = new StringDecoder('utf8')
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflation.left -= chunk.byteLength
      if (inflation.left < 0) throw new GridLimitError('bytes')
      parser.write(decoder.write(chunk))
    }
    parser.write(decoder.end())
    parser.close()
    return true
  } catch (error) {
    if (error instanceof StopReading) return false
    throw error
  } finally {
    stream.destroy()
  }
}

function localName(name: string) {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

/** Relationship targets of a part: id → path inside the ZIP, and the type of each. */
async function readRelationships(zip: ZipFile, entries: Entries, partPath: string, inflation: Inflation, limits: GridLimits) {
  const relsPath = path.join(path.dirname(partPath), '_rels', `${path.basename(partPath)}.rels`)
  const rels: { id: string; type: string; path: string }[] = []
  const entry = entries.get(relsPath)
  if (!entry) return rels
  await parseEntry(zip, entry, inflation, limits, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : path.join(path.dirname(partPath), a.Target)
      rels.push({ id: a.Id ?? '', type: a.Type ?? '', path: path.normalize(target) })
    },
  })
  return rels
}

type Workbook = {
  sheets: { name: string; visible: boolean; path: string }[]
  date1904: boolean
  sharedStringsPath: string | null
  stylesPath: string | null
}

async function readWorkbook(zip: ZipFile, entries: Entries, inflation: Inflation, limits: GridLimits): Promise<Workbook> {
  const rootRels = await readRelationships(zip, entries, '', inflation, limits)
  const bookPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.path ?? 'xl/workbook.xml'
  const bookEntry = entries.get(bookPath)
  if (!bookEntry) throw new GridLimitError('corrupt')
  const rels = await readRelationships(zip, entries, bookPath, inflation, limits)
  const relPath = new Map(rels.map((r) => [r.id, r.path]))
  const book: Workbook = {
    sheets: [],
    date1904: false,
    sharedStringsPath: rels.find((r) => r.type.endsWith('/sharedStrings'))?.path ?? (entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null),
    stylesPath: rels.find((r) => r.type.endsWith('/styles'))?.path ?? (entries.has('xl/styles.xml') ? 'xl/styles.xml' : null),
  }
  await parseEntry(zip, bookEntry, inflation, limits, {
    open(name, a) {
      if (name === 'workbookPr') book.date1904 = a.date1904 === '1' || a.date1904 === 'true'
      if (name !== 'sheet') return
      const id = Object.entries(a).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1]
      const target = id ? relPath.get(id) : undefined
      if (target) book.sheets.push({ name: a.name ?? '', visible: !a.state || a.state === 'visible', path: target })
    },
  })
  return book
}

// Built-in number formats that show a date or time (14–22 everywhere; 27–36 and 50–58 are the date
// formats of Chinese, Japanese and Korean Excel, e.g. 31 = yyyy"年"m"月"d"日"; 45–47 are times).
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])

/** Whether a format code shows a date: y, m, d, h, s outside quotes and [..] (the rule exceljs uses). */
function isDateFormat(code: string) {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))
}

async function readStyles(zip: ZipFile, entries: Entries, stylesPath: string, inflation: Inflation, limits: GridLimits) {
  const entry = entries.get(stylesPath)
  const dateStyles = new Set<number>()
  if (!entry) return { dateStyles }
  const customDate = new Map<number, boolean>()
  const xfFormats: number[] = []
  let inCellXfs = false
  await parseEntry(zip, entry, inflation, limits, {
    open(name, a) {
      if (name === 'numFmt') customDate.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''))
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0))
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  })
  xfFormats.forEach((id, index) => {
    if (customDate.get(id) ?? BUILT_IN_DATE_FORMATS.has(id)) dateStyles.add(index)
  })
  return { dateStyles }
}

/** The shared string table; rich text is the concatenation of its runs, phonetic guides (rPh) left out. */
async function readSharedStrings(zip: ZipFile, entries: Entries, sharedPath: string, inflation: Inflation, limits: GridLimits) {
  const entry = entries.get(sharedPath)
  const strings: string[] = []
  if (!entry) return strings
  const budget = createBudget(limits)
  let text: CellText | null = null
  let inT = false
  let phonetic = 0
  await parseEntry(zip, entry, inflation, limits, {
    open(name) {
      if (name === 'si') text = createCellText()
      else if (name === 't') inT = true
      else if (name === 'rPh') phonetic += 1
    },
    close(name) {
      if (name === 't') inT = false
      else if (name === 'rPh') phonetic -= 1
      else if (name === 'si' && text) {
        const value = text.value()
        budget.cells(1)
        budget.text(value.length)
        strings.push(value)
        text = null
      }
    },
    text(t) {
      if (inT && phonetic === 0 && text) text.add(t)
    },
  })
  return strings
}

/** Collects the text of one cell, capped at Excel's 32,767 characters. */
function createCellText() {
  const parts: string[] = []
  let length = 0
  return {
    add(t: string) {
      if (length >= MAX_CELL_CHARS) return
      const piece = t.length > MAX_CELL_CHARS - length ? t.slice(0, MAX_CELL_CHARS - length) : t
      parts.push(piece)
      length += piece.length
    },
    value: () => parts.join(''),
  }
}
type CellText = ReturnType<typeof createCellText>

// ---------------------------------------------------------------------------------------------
// xlsx: a sheet

type SheetContext = { shared: string[]; dateStyles: ReadonlySet<number>; date1904: boolean }
type Probe = { known: ReadonlySet<string>; minHits: number; probeLines: number }

/** Column number (1-based) of a cell reference like "AB12"; 0 when there is none. */
function columnOf(ref: string | undefined) {
  if (!ref) return 0
  let n = 0
  for (const ch of ref) {
    const code = ch.charCodeAt(0)
    if (code >= 65 && code <= 90) n = n * 26 + (code - 64)
    else if (code >= 97 && code <= 122) n = n * 26 + (code - 96)
    else break
    if (n > 16_384) return 16_385
  }
  return n
}

function rowOf(ref: string) {
  const digits = /\d+$/.exec(ref)
  return digits ? Number(digits[0]) : 0
}

/**
 * Reads one sheet's rows. With a probe, reading stops (and returns null) once the top `probeLines`
 * rows have gone by without a header row; merged ranges are filled with their top-left text.
 */
async function readSheet(zip: ZipFile, entry: Entry, inflation: Inflation, limits: GridLimits, context: SheetContext, probe: Probe | null) {
  const grid: Grid = []
  const budget = createBudget(limits)
  const merges: string[] = []
  let probing = probe != null
  const decide = () => {
    if (!probing || !probe) return
    probing = false
    if (findHeaderIndex(grid, probe.known, probe.minHits) === -1) throw new StopReading()
  }

  let line = 0
  let row: { cells: string[]; numeric: number[] } | null = null
  let col = 0
  let cell: { type: string; style: number; v: CellText | null; inline: CellText | null; formula: boolean } | null = null
  let capture: CellText | null = null
  let phonetic = 0

  const finished = await parseEntry(zip, entry, inflation, limits, {
    open(name, a) {
      if (name === 'row') {
        line = a.r ? Number(a.r) : line + 1
        if (!Number.isSafeInteger(line) || line < 1) throw new GridLimitError('corrupt')
        if (probing && probe && line > probe.probeLines) decide()
        row = { cells: [], numeric: [] }
        col = 0
      } else if (name === 'c' && row) {
        col = a.r ? columnOf(a.r) : col + 1
        cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), v: null, inline: null, formula: false }
      } else if (cell) {
        if (name === 'v') capture = cell.v = createCellText()
        else if (name === 'is') cell.inline = createCellText()
        else if (name === 't' && cell.inline && phonetic === 0) capture = cell.inline
        else if (name === 'rPh') phonetic += 1
        else if (name === 'f') cell.formula = true
      } else if (name === 'mergeCell' && a.ref) {
        merges.push(a.ref)
        budget.text(a.ref.length)
      }
    },
    close(name) {
      if (name === 'v' || name === 't') capture = null
      else if (name === 'rPh') phonetic -= 1
      else if (name === 'c' && cell && row) {
        if (col >= 1 && col <= limits.maxColumns) {
          const { text, numeric } = cellValue(cell, context)
          if (text !== '') {
            budget.text(text.length)
            row.cells[col - 1] = text
            if (numeric) row.numeric.push(col - 1)
          }
        }
        cell = null
      } else if (name === 'row' && row) {
        if (row.cells.length > 0) {
          budget.row(row.cells.length)
          grid.push({ line, cells: Array.from(row.cells, (c) => c ?? ''), ...(row.numeric.length > 0 ? { numeric: row.numeric } : {}) })
        }
        row = null
      } else if (name === 'sheetData') {
        decide()
      }
    },
    text(t) {
      capture?.add(t)
    },
  })
  if (!finished) return null
  decide()
  applyMerges(grid, merges, budget, limits)
  return grid
}

/** The text a person sees in a cell, and whether Excel holds it as a number. */
function cellValue(cell: { type: string; style: number; v: CellText | null; inline: CellText | null }, context: SheetContext) {
  const raw = cell.v?.value() ?? ''
  switch (cell.type) {
    case 's':
      return { text: context.shared[Number(raw)] ?? '', numeric: false }
    case 'inlineStr':
      return { text: cell.inline?.value() ?? raw, numeric: false }
    case 'str':
    case 'e':
      return { text: raw, numeric: false }
    case 'b':
      return { text: raw === '' ? '' : raw === '1' || raw === 'true' ? 'true' : 'false', numeric: false }
    case 'd': {
      const date = new Date(raw)
      return { text: Number.isNaN(date.getTime()) ? raw : date.toISOString().slice(0, 10), numeric: false }
    }
    default: {
      if (raw === '') return { text: '', numeric: false }
      const value = Number(raw)
      if (!Number.isFinite(value)) return { text: raw, numeric: false }
      if (context.dateStyles.has(cell.style)) {
        // Dates are shown as text, as exceljs converted them: serial days since 1899-12-30 (or 1904).
        const date = new Date(Math.round((value - 25569 + (context.date1904 ? 1462 : 0)) * 86_400_000))
        if (!Number.isNaN(date.getTime())) return { text: date.toISOString().slice(0, 10), numeric: false }
      }
      return { text: String(value), numeric: true }
    }
  }
}

/** Copies each merged range's top-left text into the rest of the range (within the rows read and the column limit). */
function applyMerges(grid: Grid, merges: string[], budget: ReturnType<typeof createBudget>, limits: GridLimits) {
  if (merges.length === 0 || grid.length === 0) return
  const lastLine = Math.max(...grid.map((r) => r.line))
  const byLine = new Map(grid.map((r) => [r.line, r]))
  for (const ref of merges) {
    const [from, to = from] = ref.split(':')
    const top = rowOf(from)
    const left = columnOf(from)
    const bottom = Math.min(rowOf(to), lastLine)
    const right = Math.min(columnOf(to), limits.maxColumns)
    const master = byLine.get(top)?.cells[left - 1]
    if (!master || top < 1 || left < 1) continue
    const numeric = byLine.get(top)?.numeric?.includes(left - 1) ?? false
    for (let l = top; l <= bottom; l++) {
      let target = byLine.get(l)
      if (!target) {
        target = { line: l, cells: [] }
        byLine.set(l, target)
        grid.push(target)
        budget.row(0)
      }
      const before = target.cells.length
      for (let c = left; c <= right; c++) {
        if (l === top && c === left) continue
        target.cells[c - 1] = master
        if (numeric) (target.numeric ??= []).push(c - 1)
      }
      for (let c = before; c < target.cells.length; c++) target.cells[c] ??= ''
      budget.cells(target.cells.length - before)
      budget.text(master.length * (right - left + 1))
    }
  }
  grid.sort((a, b) => a.line - b.line)
}
