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

/**
 * The header row: index in `rows` of the first of the top `probeRows` non-blank rows whose cells name
 * at least `minHits` known headers (`known` holds headerKey forms; each cell counts), or -1 when none does.
 */
export function findHeaderIndex(
  rows: readonly { cells: readonly (string | undefined)[] }[],
  known: ReadonlySet<string>,
  minHits = MIN_HEADER_HITS,
  probeRows = HEADER_PROBE_ROWS,
) {
  let seen = 0
  for (let i = 0; i < rows.length && seen < probeRows; i++) {
    const { cells } = rows[i]
    if (isBlankRow(cells)) continue
    seen += 1
    let hits = 0
    for (const c of cells) if (c != null && known.has(headerKey(c))) hits += 1
    if (hits >= minHits) return i
  }
  return -1
}
