import type { Entry, ZipFile } from 'yauzl'
import { createBudget, GridLimitError, type GridLimits } from './grid.server'
import { createRowStore, type Merge, type StoreSettings } from './row-store.server'
import { createCellText, parseEntry, StopReading, type CellText, type Inflation } from './xlsx-parts.server'

// One worksheet of an xlsx file into grid rows: cell references, shared strings, dates by their number
// format, merged cells — counted against the limits as they arrive, and kept whole or cut to the
// header's columns by ./row-store.server.ts. Runs inside the reading worker thread.

export type SheetContext = { shared: string[]; dateStyles: ReadonlySet<number>; date1904: boolean }

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
 * Reads one sheet's rows. With `probe`, reading stops (and returns null) once the top rows have gone
 * by without a header row. Returns the grid (merged ranges filled with their top-left text), or
 * `again` when a cutting reading must read the sheet once more (see ./row-store.server.ts).
 */
export async function readSheet(
  zip: ZipFile,
  entry: Entry,
  inflation: Inflation,
  limits: GridLimits,
  context: SheetContext,
  settings: StoreSettings,
  probe: boolean,
) {
  const read = await readRows(zip, entry, inflation, limits, context, settings, probe ? 'probe' : 'read')
  return typeof read === 'boolean' ? null : read
}

/**
 * Whether a sheet's top rows hold the header row: only those rows are read (a hidden sheet an import
 * must not ignore, say), never the rest of the sheet.
 */
export async function sheetHasHeader(zip: ZipFile, entry: Entry, inflation: Inflation, limits: GridLimits, context: SheetContext, settings: StoreSettings) {
  return (await readRows(zip, entry, inflation, limits, context, settings, 'header')) === true
}

/** `read` the whole sheet; `probe` it, stopping when its top rows hold no header; or only look for the `header` (true when found). */
async function readRows(
  zip: ZipFile,
  entry: Entry,
  inflation: Inflation,
  limits: GridLimits,
  context: SheetContext,
  settings: StoreSettings,
  mode: 'read' | 'probe' | 'header',
) {
  const probe = mode !== 'read'
  let headerFound = false
  const budget = createBudget(limits)
  const store = createRowStore(settings, limits, budget)
  const merges: Merge[] = []

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
        if (merges.length >= limits.maxMerges) throw new GridLimitError('cells')
        budget.text(a.ref.length)
        const [from, to = from] = a.ref.split(':')
        merges.push({ top: rowOf(from), left: columnOf(from), bottom: rowOf(to), right: columnOf(to) })
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
          store.push(line, row.cells, row.numeric)
          // A sheet without the ledger headers near its top is read no further (a cover sheet, say).
          if (probe && store.windowClosed && !store.hasHeader()) throw new StopReading()
          if (mode === 'header' && store.windowClosed) {
            headerFound = true
            throw new StopReading()
          }
        }
        row = null
      } else if (name === 'sheetData') {
        if (probe && !store.hasHeader()) throw new StopReading()
      }
    },
    text(t) {
      capture?.add(t)
    },
  })
  if (mode === 'header') return headerFound || (finished && store.hasHeader())
  if (!finished || (probe && !store.hasHeader())) return null
  return store.finish(merges)
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
