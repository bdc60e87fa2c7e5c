// Where a county's spreadsheet keeps its header row — one rule, used by the reading worker thread
// (app/utils/spreadsheet) to choose the sheet and to cut every row down to the header's known columns
// before the rows cross to the main thread. Imports only ./normalise.ts, which imports nothing: the
// worker loads these files on their own.
import { normaliseTyped } from './normalise'

/** Non-blank rows looked at from the top of a sheet for the header row. */
export const HEADER_PROBE_ROWS = 10
/** Known column names a row must hold to be taken for the header row. */
export const MIN_HEADER_HITS = 3

/** Header text as typed: full-width forms folded (NFKC), spaces, invisible characters and required-marks (*) dropped. */
export function headerKey(raw: string) {
  return normaliseTyped(raw.normalize('NFKC'), 'drop').replaceAll('*', '')
}

/** Whether a row shows nothing: no cell, or only cells of spaces and invisible characters. */
export function isBlankRow(cells: readonly (string | undefined)[]) {
  for (const c of cells) if (c != null && normaliseTyped(c) !== '') return false
  return true
}

/** A header as found: the rows it spans and its column names, one per column. */
export type FoundHeader = {
  /** Index in `rows` of the header's last row: the data starts below it. */
  index: number
  /** Index in `rows` of its first row: `index - 1` for a two-row header, else `index`. */
  first: number
  /**
   * The names, column by column: the row's own cells for a one-row header; for a two-row header the
   * lower row's known name, else the upper row's known name, else whichever text the column has.
   */
  cells: string[]
}

type ProbeRow = { cells: readonly (string | undefined)[]; line?: number }

/**
 * The header of a sheet. The header row is the first of the top `probeRows` non-blank rows whose cells
 * name at least `minHits` known headers (`known` holds headerKey forms; each cell counts). It is one
 * half of a two-row header when the row next to it fills its gaps — the way counties head a sheet with a
 * merged group cell ("五清情况" over 就业状态 / 就业需求 / 技能水平, "基本信息" over 姓名 / 身份证号码 …) and the
 * other columns' names in the upper row, merged down or with the cell below empty:
 * - the row just below is the lower half when it names a known header in a column where the header
 *   row names none, and holds nothing but known names (or blanks) under the header row's known
 *   names — a data row always has a name or an ID there;
 * - else the row just above (with fewer than `minHits` names, or it would be the header row) is the
 *   upper half when it names a known header in a column where the header row names none.
 * "Next to" means adjacent in `rows` and, when the rows carry line numbers, on adjacent lines.
 * Returns null when no row qualifies.
 */
export function findHeader(
  rows: readonly ProbeRow[],
  known: ReadonlySet<string>,
  minHits = MIN_HEADER_HITS,
  probeRows = HEADER_PROBE_ROWS,
): FoundHeader | null {
  let seen = 0
  for (let i = 0; i < rows.length && seen < probeRows; i++) {
    const { cells } = rows[i]
    if (isBlankRow(cells)) continue
    seen += 1
    const names = cells.map((c) => (c != null && known.has(headerKey(c)) ? headerKey(c) : null))
    if (names.filter((n) => n != null).length < minHits) continue
    const below = rows[i + 1]
    if (below && adjacent(rows[i], below) && fillsGaps(below.cells, names, known, true))
      return { index: i + 1, first: i, cells: combine(cells, below.cells, known) }
    const above = rows[i - 1]
    if (above && adjacent(above, rows[i]) && fillsGaps(above.cells, names, known, false))
      return { index: i, first: i - 1, cells: combine(above.cells, cells, known) }
    return { index: i, first: i, cells: cells.map((c) => c ?? '') }
  }
  return null
}

/** Index in `rows` of the header's last row (findHeader; the data starts below it), or -1 when no row qualifies. */
export function findHeaderIndex(rows: readonly ProbeRow[], known: ReadonlySet<string>, minHits = MIN_HEADER_HITS, probeRows = HEADER_PROBE_ROWS) {
  return findHeader(rows, known, minHits, probeRows)?.index ?? -1
}

function adjacent(upper: ProbeRow, lower: ProbeRow) {
  return upper.line == null || lower.line == null || lower.line === upper.line + 1
}

/**
 * Whether `other` (the row below or above the header row, whose known names by column are `names`)
 * names a known header where the header row names none; a row below must also hold only known names
 * or blanks under the header row's names.
 */
function fillsGaps(other: readonly (string | undefined)[], names: readonly (string | null)[], known: ReadonlySet<string>, isBelow: boolean) {
  let fills = false
  for (let c = 0; c < Math.max(other.length, names.length); c++) {
    const key = headerKey(other[c] ?? '')
    const isKnown = key !== '' && known.has(key)
    if (names[c] == null) fills ||= isKnown
    else if (isBelow && key !== '' && !isKnown) return false
  }
  return fills
}

/** One name per column from a two-row header: the lower row's known name, else the upper row's, else any text. */
function combine(upper: readonly (string | undefined)[], lower: readonly (string | undefined)[], known: ReadonlySet<string>) {
  const isKnown = (c: string | undefined) => c != null && known.has(headerKey(c))
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, c) => {
    const u = upper[c] ?? ''
    const l = lower[c] ?? ''
    if (isKnown(l)) return l
    if (isKnown(u)) return u
    return headerKey(l) !== '' ? l : u
  })
}
