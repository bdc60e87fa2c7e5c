import { findHeader, headerKey, isBlankRow } from '../../rules/sheet-header'
import { GridLimitError, type Budget, type Grid, type GridLimits, type GridOptions, type GridRow } from './grid.server'

// The rows of one sheet (or CSV file) as they are read, and what is handed back from them. Normally
// every row is kept whole. For an import (`headerColumnsOnly`) only the top rows are kept whole — up
// to the tenth non-blank one, where the header row must be (app/rules/sheet-header.ts) — and every
// later row is cut as it arrives to the header's known columns, so the worker holds, and the main
// thread receives, rows × about 13 cells however wide the sheet is (issue 7: 20,000 × 99 cells used
// to cross the thread boundary in full).
//
// Merged ranges come after the rows in a sheet, so they are applied at the end, as before, over
// whole rows and cut rows alike. A merge whose top-left text sat in a column already cut away, or
// one that changes the header row, cannot be applied to cut rows: the sheet is then read a second
// time with the final columns known and those top-left cells kept (`Reread`). Runs inside the
// reading worker thread: imports nothing from the app but the header rule.

/** One merged range, 1-based and inclusive, as the sheet declares it (not yet clipped). */
export type Merge = { top: number; left: number; bottom: number; right: number }

/** What the first reading of a sheet tells the second: the columns to keep, and the merge masters (line → 0-based columns) to keep too. */
export type Reread = { columns: number[]; masters: Map<number, Set<number>> }

export type StoreSettings = {
  known: ReadonlySet<string>
  minHits: number
  probeRows: number
  /** Cut rows to the header row's known columns (GridOptions.headerColumnsOnly). */
  cut: boolean
  /** Set on a second reading of the same sheet. */
  reread?: Reread
}

/** The store settings a reading with these options uses. */
export function storeSettings(options: GridOptions): StoreSettings {
  return { known: new Set(options.headerKeys), minHits: options.minHeaderHits, probeRows: options.probeLines, cut: options.headerColumnsOnly === true }
}

type StoredRow = {
  line: number
  /** A whole row: each cell at its column. A cut row: the kept columns' cells, in order. */
  cells: string[]
  numeric?: number[]
  cut: boolean
  /** Cell slots the row costs in the budget (its last used column), cut or not. */
  width: number
  /** A cut row had text (any, or other than spaces) in a column cut away. */
  droppedText: boolean
  droppedFilled: boolean
}

const UNKNOWN = Symbol('cut away')

/**
 * Columns of a header row that name a known header, left to right; a name found more than twice
 * keeps its first two (the import refuses a doubled header, and names it).
 */
export function headerColumns(cells: readonly string[], known: ReadonlySet<string>) {
  const seen = new Map<string, number>()
  const columns: number[] = []
  cells.forEach((raw, c) => {
    const key = headerKey(raw)
    if (!known.has(key)) return
    const n = seen.get(key) ?? 0
    if (n >= 2) return
    seen.set(key, n + 1)
    columns.push(c)
  })
  return columns
}

/**
 * A store for the rows of one sheet, read in line order. `push` takes each row with content (its cells
 * by 0-based column, holes allowed; `numeric` the columns Excel holds as numbers); `finish` applies the
 * merged ranges and returns the grid — or, when cut rows cannot take the merges, what a second
 * reading needs. Throws GridLimitError('corrupt') for rows out of order and the row budget for rows
 * that merges create.
 */
export function createRowStore(settings: StoreSettings, limits: GridLimits, budget: Budget) {
  const rows: StoredRow[] = []
  const byLine = new Map<number, StoredRow>()
  const captured = new Map<number, Map<number, { text: string; numeric: boolean }>>()
  let lastLine = 0
  let filled = 0
  let windowClosed = false
  let headerInWindow = false
  let columns: number[] = []
  /** Original column → place in a cut row; null while rows are kept whole. */
  let slot: Map<number, number> | null = null
  let fullUpTo = Infinity

  /** The top rows are all in: is there a header row among them, and (cutting) which columns stay. */
  function closeWindow() {
    windowClosed = true
    const found = findHeader(rows, settings.known, settings.minHits, settings.probeRows)
    headerInWindow = found !== null
    if (!settings.cut) return
    const names = found?.cells ?? rows.find((r) => !isBlankRow(r.cells))?.cells
    columns = settings.reread?.columns ?? (names ? headerColumns(names, settings.known) : [])
    slot = new Map(columns.map((c, i) => [c, i]))
    fullUpTo = lastLine
  }

  function cutRow(line: number, cells: (string | undefined)[], numeric: readonly number[], width: number): StoredRow {
    const place = slot!
    const kept = new Array<string>(columns.length)
    for (let i = 0; i < columns.length; i++) kept[i] = cells[columns[i]] ?? ''
    let droppedText = false
    let droppedFilled = false
    for (let c = 0; c < cells.length && !droppedFilled; c++) {
      const text = cells[c]
      if (text === undefined || text === '' || place.has(c)) continue
      droppedText = true
      droppedFilled = text.trim() !== ''
    }
    const keptNumeric: number[] = []
    for (const c of numeric) {
      const s = place.get(c)
      if (s != null) keptNumeric.push(s)
    }
    const wanted = settings.reread?.masters.get(line)
    if (wanted) {
      for (const c of wanted) {
        const text = cells[c]
        if (text !== undefined && text !== '' && !place.has(c)) capture(line, c, text, numeric.includes(c))
      }
    }
    return { line, cells: kept, ...(keptNumeric.length > 0 ? { numeric: keptNumeric } : {}), cut: true, width, droppedText, droppedFilled }
  }

  function capture(line: number, column: number, text: string, numeric: boolean) {
    let row = captured.get(line)
    if (!row) captured.set(line, (row = new Map<number, { text: string; numeric: boolean }>()))
    row.set(column, { text, numeric })
  }

  function add(row: StoredRow) {
    rows.push(row)
    byLine.set(row.line, row)
  }

  /** Text of a cell as the merges see it; UNKNOWN when it sat in a column cut away. */
  function cellAt(row: StoredRow, column: number): string | undefined | typeof UNKNOWN {
    if (!row.cut) return row.cells[column]
    const s = slot!.get(column)
    if (s != null) return row.cells[s]
    if (settings.reread) return captured.get(row.line)?.get(column)?.text
    return row.droppedText ? UNKNOWN : undefined
  }

  function numericAt(row: StoredRow, column: number) {
    if (!row.cut) return row.numeric?.includes(column) ?? false
    const s = slot!.get(column)
    if (s != null) return row.numeric?.includes(s) ?? false
    return captured.get(row.line)?.get(column)?.numeric ?? false
  }

  /** Copies each merged range's top-left text into the rest of it; false when a top-left text was cut away. */
  function applyMerges(merges: readonly Merge[]) {
    if (merges.length === 0 || rows.length === 0) return true
    let complete = true
    let created = false
    const last = lastLine
    for (const { top, left, bottom: declaredBottom, right: declaredRight } of merges) {
      const bottom = Math.min(declaredBottom, last)
      const right = Math.min(declaredRight, limits.maxColumns)
      const masterRow = byLine.get(top)
      if (!masterRow || top < 1 || left < 1) continue
      const master = cellAt(masterRow, left - 1)
      if (master === UNKNOWN) {
        complete = false
        continue
      }
      // Cut rows cannot tell a row of spaces from an empty one, so a top-left cell of spaces (which
      // only a hand-made file has; Excel shows nothing either way) is copied nowhere when cutting.
      if (!master || (settings.cut && master.trim() === '')) continue
      const numeric = numericAt(masterRow, left - 1)
      for (let l = top; l <= bottom; l++) {
        let target = byLine.get(l)
        if (!target) {
          const cut = slot != null && l > fullUpTo
          target = { line: l, cells: cut ? new Array<string>(columns.length).fill('') : [], cut, width: 0, droppedText: false, droppedFilled: false }
          add(target)
          created = true
          budget.row(0)
        }
        fill(target, l === top, left, right, master, numeric)
      }
    }
    if (created) rows.sort((a, b) => a.line - b.line)
    return complete
  }

  function fill(target: StoredRow, isTop: boolean, left: number, right: number, master: string, numeric: boolean) {
    const before = target.width
    if (!target.cut) {
      for (let c = left; c <= right; c++) {
        if (isTop && c === left) continue
        target.cells[c - 1] = master
        if (numeric) (target.numeric ??= []).push(c - 1)
      }
      for (let c = before; c < target.cells.length; c++) target.cells[c] ??= ''
      target.width = target.cells.length
    } else {
      const place = slot!
      const wanted = settings.reread?.masters.get(target.line)
      for (let c = left; c <= right; c++) {
        if (isTop && c === left) continue
        const s = place.get(c - 1)
        if (s != null) {
          target.cells[s] = master
          if (numeric) (target.numeric ??= []).push(s)
        } else {
          target.droppedText = true
          target.droppedFilled = true
          if (wanted?.has(c - 1)) capture(target.line, c - 1, master, numeric)
        }
      }
      if (right >= left && (!isTop || right > left)) target.width = Math.max(before, right)
    }
    budget.cells(target.width - before)
    budget.text(master.length * (right - left + 1))
  }

  function toGridRow(row: StoredRow): GridRow {
    return row.numeric && row.numeric.length > 0 ? { line: row.line, cells: row.cells, numeric: row.numeric } : { line: row.line, cells: row.cells }
  }

  return {
    /** Adds the next row; `cells` (holes allowed; they become empty cells) and `numeric` are kept as they are, or cut. */
    push(line: number, cells: (string | undefined)[], numeric: readonly number[] = []) {
      if (line <= lastLine) throw new GridLimitError('corrupt')
      lastLine = line
      if (slot) {
        add(cutRow(line, cells, numeric, cells.length))
        return
      }
      for (let c = 0; c < cells.length; c++) cells[c] ??= ''
      const whole = cells as string[]
      add({
        line,
        cells: whole,
        ...(numeric.length > 0 ? { numeric: numeric as number[] } : {}),
        cut: false,
        width: whole.length,
        droppedText: false,
        droppedFilled: false,
      })
      if (!windowClosed && !isBlankRow(whole) && ++filled >= settings.probeRows) closeWindow()
    },
    /** Whether the top rows (the first `probeRows` non-blank ones) have all been read. */
    get windowClosed() {
      return windowClosed
    },
    /** Whether the top rows hold a header row (before merges); ends the top rows here if they have not ended. */
    hasHeader() {
      if (!windowClosed) closeWindow()
      return headerInWindow
    },
    /**
     * Applies the merged ranges and returns the grid (whole rows, or for `cut` the header row and the
     * non-blank rows below it, cut to the header's known columns), or `again` when the sheet must be
     * read once more with these columns and merge masters.
     */
    finish(merges: readonly Merge[]): { grid: Grid } | { again: Reread } {
      if (!windowClosed) closeWindow()
      const complete = applyMerges(merges)
      if (!settings.cut) return { grid: rows.map(toGridRow) }
      // The header again, after the merges (they may have written into the top rows, which are whole).
      const firstCut = rows.findIndex((r) => r.cut)
      const top = firstCut === -1 ? rows : rows.slice(0, firstCut)
      // A two-row header (app/rules/sheet-header.ts) is handed back as one row: its last line, its names combined.
      const found = findHeader(top, settings.known, settings.minHits, settings.probeRows)
      const index = found?.index ?? top.findIndex((r) => !isBlankRow(r.cells))
      if (index === -1) return { grid: [] }
      const names = found?.cells ?? top[index].cells
      const final = headerColumns(names, settings.known)
      if (firstCut !== -1 && (!complete || final.join() !== columns.join())) {
        // A second reading knows everything it needs; one that still disagrees is a bug, not a file to read.
        if (settings.reread) throw new GridLimitError('corrupt')
        const masters = new Map<number, Set<number>>()
        for (const m of merges) {
          if (m.top <= fullUpTo || m.left < 1) continue
          let set = masters.get(m.top)
          if (!set) masters.set(m.top, (set = new Set()))
          set.add(m.left - 1)
        }
        return { again: { columns: final, masters } }
      }
      const place = new Map(final.map((c, i) => [c, i]))
      const grid: Grid = []
      for (let i = index; i < rows.length; i++) {
        const row = rows[i]
        if (row.cut) {
          if (row.droppedFilled || !isBlankRow(row.cells)) grid.push(toGridRow(row))
        } else if (i === index) {
          grid.push({ line: row.line, cells: final.map((c) => names[c] ?? '') })
        } else if (!isBlankRow(row.cells)) {
          const numeric = (row.numeric ?? []).flatMap((c) => (place.has(c) ? [place.get(c)!] : []))
          grid.push(toGridRow({ ...row, cells: final.map((c) => row.cells[c] ?? ''), numeric }))
        }
      }
      return { grid }
    },
  }
}
export type RowStore = ReturnType<typeof createRowStore>
