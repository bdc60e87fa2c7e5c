import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'

// What every spreadsheet the portal hands out has in common: offices report upward in Excel, so each
// list opens with a bold, frozen, filterable header row and downloads under a Chinese file name. An
// export is defined as data (app/exports/*.server.ts: a sheet name and columns, each with its header,
// width and how its cell is read from a row) and sent by xlsxResponse, which streams the rows through
// exceljs's streaming writer, so a 100,000-row export is never a workbook in memory.

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * One column: its header, its width in characters, its cell read from a row, an Excel number format
 * ('@' text, '0' whole number), and a colour (ARGB) for its header, e.g. the ledger's required columns.
 */
export type XlsxColumn<Row> = {
  header: string
  width: number
  value: (row: Row) => string | number | null
  numFmt?: string
  headerColor?: string
}

/** An export: the sheet's name, its columns in order, and a footer printed on every page. */
export type XlsxExport<Row> = {
  sheet: string
  columns: readonly XlsxColumn<Row>[]
  footer?: string
}

/** Declares an export definition; returns it as given, typed by its row. */
export function defineExport<Row>(definition: XlsxExport<Row>): XlsxExport<Row> {
  return definition
}

/** Download headers: the Chinese file name for browsers that read RFC 5987, an ASCII one for the rest. */
export function downloadHeaders(fileName: string, asciiFallback: string) {
  return {
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'private, no-store',
  }
}

/**
 * How long (ms) an export may hold the event loop before it lets other requests run: the writer checks
 * the clock every CHECK_EVERY rows and yields a turn once this has passed, so however costly a row (a
 * chunked database read, a wide row), another page waits at most about this long per running export.
 */
const SLICE_MS = 8
const CHECK_EVERY = 25

/**
 * The download of an export: a 200 Response whose body is the xlsx, written as it is sent. Takes the
 * definition, the rows (any iterable — a generator reading the database a chunk at a time keeps memory
 * flat), the file names (Chinese, and an ASCII fallback; app/exports/file-name.server.ts names them) and
 * an optional title written in a row above the headers (which list, which filters). A failure while
 * writing ends the download with an error instead of a silently short file.
 */
export function xlsxResponse<Row>(
  definition: XlsxExport<Row>,
  rows: Iterable<Row>,
  { fileName, asciiFallback, title }: { fileName: string; asciiFallback: string; title?: string },
) {
  const out = new PassThrough()
  writeWorkbook(definition, rows, out, title).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, { headers: downloadHeaders(fileName, asciiFallback) })
}

/**
 * A sheet of `workbook` (streaming or in memory) whose first row is the columns' headers: bold, shaded,
 * frozen while scrolling and filterable, a column's `headerColor` on its header. With a `title`, the
 * headers are the second row and the first is the title in bold across the columns. Returns the sheet.
 */
export function addTableSheet(
  workbook: Pick<ExcelJS.Workbook, 'addWorksheet'>,
  name: string,
  columns: readonly Omit<XlsxColumn<never>, 'value'>[],
  title?: string,
) {
  const top = title ? 2 : 1
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: top }] })
  sheet.columns = columns.map((c) => ({ ...(title ? {} : { header: c.header }), width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }))
  if (title) {
    const row = sheet.getRow(1)
    row.getCell(1).value = title
    row.font = { bold: true, size: 13 }
    if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length)
    sheet.getRow(2).values = columns.map((c) => c.header)
  }
  const header = sheet.getRow(top)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F2F5' } }
  columns.forEach((c, i) => {
    if (c.headerColor) header.getCell(i + 1).font = { bold: true, color: { argb: c.headerColor } }
  })
  sheet.autoFilter = { from: { row: top, column: 1 }, to: { row: top, column: columns.length } }
  return sheet
}

async function writeWorkbook<Row>({ sheet: name, columns, footer }: XlsxExport<Row>, rows: Iterable<Row>, out: PassThrough, title?: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  workbook.creator = '鲁渝劳务协作'
  workbook.created = new Date()
  const sheet = addTableSheet(workbook, name, columns, title)
  if (title) sheet.getRow(1).commit()
  sheet.getRow(title ? 2 : 1).commit()
  if (footer) sheet.headerFooter.oddFooter = footer
  let written = 0
  let sliceStart = performance.now()
  for (const row of rows) {
    sheet.addRow(columns.map((c) => c.value(row) ?? '')).commit()
    if (++written % CHECK_EVERY === 0 && performance.now() - sliceStart >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
  }
  sheet.commit()
  await workbook.commit()
}
