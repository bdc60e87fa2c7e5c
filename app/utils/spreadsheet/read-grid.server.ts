import { parse as parseCsv } from 'csv-parse/sync'
import { createBudget, GridLimitError, type Grid, type GridOptions, type GridResult } from './grid.server'
import { readXlsx } from './read-xlsx.server'
import { createRowStore, storeSettings } from './row-store.server'

// Reads an uploaded spreadsheet (xlsx or CSV) into a grid of displayed cell text, with hard limits that
// hold WHILE reading (issue 7): the ZIP's central directory is read first, and only the entries a grid
// needs — workbook, its relationships, styles, shared strings, sheets — are ever inflated, each through
// a byte counter; media and everything else stay compressed (./read-xlsx.server.ts). XML is parsed as a
// stream (saxes) with a nesting limit, and rows, cells and text are counted as they arrive. For an
// import, rows are cut to the header's known columns as they are read (./row-store.server.ts), so what
// the worker holds and hands back does not grow with the sheet's width. This module runs inside a
// worker thread (worker.mjs), so it imports nothing from the app but the header rule in app/rules:
// only node and npm packages and its neighbours here.

/** Reads the bytes as the given format; every failure is a reason, never a throw (except bugs). */
export async function readGrid(bytes: Uint8Array, options: GridOptions): Promise<GridResult> {
  try {
    if (options.format === 'csv') return { ok: true, grid: readCsv(bytes, options) }
    const { grid, headerSheets, hiddenHeaderSheets } = await readXlsx(bytes, options)
    return options.allHeaderSheets ? { ok: true, grid, headerSheets, hiddenHeaderSheets } : { ok: true, grid }
  } catch (error) {
    if (error instanceof GridLimitError) return error.line == null ? { ok: false, reason: error.reason } : { ok: false, reason: error.reason, line: error.line }
    return { ok: false, reason: options.format === 'xlsx' ? 'corrupt' : 'csv' }
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

function readCsv(bytes: Uint8Array, options: GridOptions): Grid {
  const { limits } = options
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
  // Records go straight into the row store (kept whole, or cut to the header's columns as they come);
  // the parser keeps none of them.
  const store = createRowStore(storeSettings(options), limits, budget)
  let line = 0
  try {
    parseCsv(text, {
      delimiter,
      relax_column_count: true,
      // A quote inside a cell that does not start with one is a character, as Excel reads it: the
      // formula ="0123" typed into a CSV must not fail as "quotes do not pair" (issue 9). A quoted
      // cell left open is still refused.
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      // Every record counts here, blank ones too: in a spreadsheet program each is a row, so the
      // record number is the line people see.
      on_record: (record: string[]) => {
        const kept = (record.length > limits.maxColumns ? record.slice(0, limits.maxColumns) : record).map(excelText)
        budget.row(kept.length)
        budget.text(kept.reduce((n, c) => n + c.length, 0))
        store.push(++line, kept)
        return null
      },
    })
  } catch (error) {
    if (error instanceof GridLimitError) throw error
    throw new GridLimitError('csv', (error as { lines?: number }).lines)
  }
  const read = store.finish([])
  // A CSV has no merged ranges, so its cut rows never need a second reading.
  if (!('grid' in read)) throw new GridLimitError('csv')
  return read.grid
}

/** A cell that is Excel's "keep as text" formula ="…" (spaces around allowed, inner quotes doubled). */
const TEXT_FORMULA = /^\s*="((?:[^"]|"")*)"\s*$/

/**
 * The text Excel shows for a CSV cell: a cell of the form ="…" (how a long number such as an ID is
 * kept as text, typed so, or written by Excel as the quoted field "=""…""") is the text between its
 * quotes, doubled quotes made single; any other cell (other formulas included) stays as it is.
 */
export function excelText(cell: string): string {
  const m = TEXT_FORMULA.exec(cell)
  return m ? m[1].replaceAll('""', '"') : cell
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
