import ExcelJS from 'exceljs'

// What every spreadsheet the portal hands out has in common: offices report upward in Excel, so each
// list opens with a bold, frozen, filterable header row and downloads under a Chinese file name.

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function newWorkbook() {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '鲁渝劳务协作'
  workbook.created = new Date()
  return workbook
}

/** A sheet whose first row is the header: bold, shaded, frozen while scrolling, and filterable. */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: Partial<ExcelJS.Column>[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F2F5' } }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  return sheet
}

export async function workbookBytes(workbook: ExcelJS.Workbook) {
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** Download headers: the Chinese file name for browsers that read RFC 5987, an ASCII one for the rest. */
export function downloadHeaders(fileName: string, asciiFallback: string) {
  return {
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'private, no-store',
  }
}
