import { findHeaderIndex, headerKey } from '../../rules/sheet-header'

// The grid a spreadsheet is read into, the limits that hold while it is read, and the budget that
// counts against them — shared by the CSV reader (./read-grid.server.ts) and the xlsx reader
// (./read-xlsx.server.ts). Runs inside the reading worker thread too: imports nothing from the app
// but the header rule of app/rules/sheet-header.ts (a file that imports nothing itself).

export { findHeaderIndex, headerKey }

/** One spreadsheet row: `line` is the row number a person sees; `numeric` lists 0-based columns holding numbers. */
export type GridRow = { line: number; cells: string[]; numeric?: number[] }
export type Grid = GridRow[]

export type GridLimits = {
  /** Rows with any content, per sheet (and CSV records). */
  maxRows: number
  /** Cell slots read: each row costs as many as its last used column. */
  maxCells: number
  /**
   * Entries of an xlsx file's shared-string table. The table is the largest thing the worker holds
   * (about 45 bytes of heap an entry, kept whole because any cell may refer to any entry), so it has
   * its own, lower limit: a million entries fit in 64 MB of the worker's 128 MB heap (two million need about 96 MB).
   */
  maxSharedStrings: number
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
  /** Merged ranges of one sheet. */
  maxMerges: number
}

export const DEFAULT_GRID_LIMITS: GridLimits = {
  maxRows: 20_020,
  maxCells: 2_000_000,
  maxSharedStrings: 1_000_000,
  maxTextChars: 16_000_000,
  maxColumns: 256,
  maxEntries: 1_000,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxDepth: 32,
  maxMerges: 100_000,
}

/** Excel's own limit on the text of one cell. */
export const MAX_CELL_CHARS = 32_767

export type GridOptions = {
  format: 'xlsx' | 'csv'
  limits: GridLimits
  /**
   * Header words (already passed through `headerKey`): the first visible sheet whose top `probeLines`
   * rows hold a row with `minHeaderHits` of them is the one read; otherwise the first visible sheet.
   */
  headerKeys: string[]
  minHeaderHits: number
  /** Non-blank rows from the top of a sheet looked at for the header row. */
  probeLines: number
  /**
   * Hand back only what an import maps (issue 7: the grid crosses from the worker thread by copy).
   * The grid is then the header row (the rule of app/rules/sheet-header.ts; the first non-blank row
   * when no row qualifies; a two-row header as one row, on its lower line, the two rows' names
   * combined) followed by every non-blank row below it, each cut to the header's known
   * columns, left to right — a header named more than twice keeps its first two columns, enough to
   * tell it is doubled. Rows above the header and blank rows are left out; a row whose text was all in
   * other columns stays, with empty cells. `numeric` refers to the cut row's cells.
   */
  headerColumnsOnly?: boolean
  /**
   * Look at every visible sheet for the header, not only up to the first that has it, and name them all in
   * the result's `headerSheets` — so an import can refuse a workbook whose rows are spread over several
   * sheets instead of reading the first and dropping the rest without a word (xlsx only). Hidden and
   * veryHidden sheets are looked at too (their top rows only) and named in `hiddenHeaderSheets`.
   */
  allHeaderSheets?: boolean
}

export type GridFailureReason = 'binary' | 'csv' | 'corrupt' | 'encrypted' | 'no-sheet' | 'rows' | 'cells' | 'entries' | 'bytes' | 'depth'
/**
 * `headerSheets`: with allHeaderSheets, the names of the visible sheets whose top rows hold the header, in
 * workbook order; `hiddenHeaderSheets` the same of the hidden and veryHidden sheets (never read as the grid).
 */
export type GridResult =
  { ok: true; grid: Grid; headerSheets?: string[]; hiddenHeaderSheets?: string[] } | { ok: false; reason: GridFailureReason; line?: number }

/** A limit crossed while reading; thrown from deep inside a parse and turned into a GridResult. */
export class GridLimitError extends Error {
  constructor(
    readonly reason: GridFailureReason,
    readonly line?: number,
  ) {
    super(reason)
  }
}

// ---------------------------------------------------------------------------------------------
// Cell budget shared by CSV and xlsx

/** Counts rows, cell slots and characters against the limits; each count past its limit throws GridLimitError. */
export function createBudget(limits: GridLimits) {
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
export type Budget = ReturnType<typeof createBudget>
