import type { Entry, ZipFile } from 'yauzl'
import { createBudget, findHeaderIndex, GridLimitError, type Grid, type GridLimits } from './grid.server'
import { createCellText, parseEntry, StopReading, type CellText, type Inflation } from './xlsx-parts.server'

// One worksheet of an xlsx file into grid rows: cell references, shared strings, dates by their number
// format, merged cells — counted against the limits as they arrive. Runs inside the reading worker
// thread: imports nothing from the app.

export type SheetContext = { shared: string[]; dateStyles: ReadonlySet<number>; date1904: boolean }
export type Probe = { known: ReadonlySet<string>; minHits: number; probeLines: number }

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
export async function readSheet(zip: ZipFile, entry: Entry, inflation: Inflation, limits: GridLimits, context: SheetContext, probe: Probe | null) {
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
