// The grid a spreadsheet is read into, the limits that hold while it is read, and the budget that
// counts against them — shared by the CSV reader (./read-grid.server.ts) and the xlsx reader
// (./read-xlsx.server.ts). Runs inside the reading worker thread too: imports nothing from the app.

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
