import ExcelJS from 'exceljs'
import type { RowProblem } from '~/models/worker-import-validate.server'
import { REGISTRY_COLUMNS } from '~/rules/registry'
import { problemText, type SheetValues } from '~/rules/registry-sheet'
import { addTableSheet, downloadHeaders } from '~/utils/xlsx.server'

// The full problem list of a refused ledger import (issue 11 §1) as the county's own rows: the line it
// came from, the ledger's columns as the file had them, every problem in a last column, and each bad
// cell filled red with its problem as a comment (note), so staff fix the file where they read it.

/** A problem row as kept by the import: its line, its cells by field and its problems. */
export type ProblemSheetRow = { line: number; values: SheetValues; problems: RowProblem[] }

const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }

/** The columns of the download: 原行号, the template's columns (text, so IDs keep their digits), 问题. */
export const PROBLEM_SHEET_COLUMNS = [
  { header: '原行号', width: 8 },
  ...REGISTRY_COLUMNS.map((c) => ({ header: c.header, width: c.width + 2, numFmt: '@' })),
  { header: '问题', width: 60 },
]

/**
 * The workbook of problem rows as bytes. Takes the rows (at most the import's row limit, 20,000: held
 * in memory because cell comments need the whole sheet) and the title row above the headers (exportNames:
 * county, list, the upload's day, day made; none for none). Each bad cell gets the red fill and a comment
 * with its problems; the 问题 column lists every problem of the row with its value. The file goes back in as
 * it is once fixed: the import finds its header row below the title (a title row names no ledger column),
 * keeps the ledger's columns and leaves 原行号 and 问题 aside.
 */
export async function problemWorkbook(rows: Iterable<ProblemSheetRow>, title?: string) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '鲁渝劳务协作'
  const sheet = addTableSheet(workbook, '导入问题', PROBLEM_SHEET_COLUMNS, title)
  for (const r of rows) {
    const row = sheet.addRow([
      r.line,
      ...REGISTRY_COLUMNS.map((c) => r.values[c.field] ?? ''),
      r.problems.map((p) => problemText(p.column, p.value, p.message)).join('；'),
    ])
    const byColumn = new Map<number, string[]>()
    for (const p of r.problems) {
      const col = REGISTRY_COLUMNS.findIndex((c) => c.field === p.field) + 2
      if (col < 2) continue
      byColumn.set(col, [...(byColumn.get(col) ?? []), p.message])
    }
    for (const [col, messages] of byColumn) {
      const cell = row.getCell(col)
      cell.fill = BAD_FILL
      cell.note = messages.join('\n')
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** The download: the workbook with its title row under a Chinese file name, never cached. */
export async function problemWorkbookResponse(
  rows: Iterable<ProblemSheetRow>,
  { fileName, asciiFallback, title }: { fileName: string; asciiFallback: string; title: string },
) {
  return new Response(await problemWorkbook(rows, title), { headers: downloadHeaders(fileName, asciiFallback) })
}
