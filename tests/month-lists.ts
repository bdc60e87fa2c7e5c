import ExcelJS from 'exceljs'

// The moments around one Shanghai month (issue 15 §5: days are counted in Shanghai time, a row at 07:30 on
// the 1st belongs to the 1st), for the tests proving that each list a dashboard figure links to counts the
// figure's rows: November 2026 in Shanghai is [2026-10-31T16:00Z, 2026-11-30T16:00Z).

/** The month the boundary moments are about. */
export const MONTH = '2026-11'

/** 2026-11-01 07:30 in Shanghai (2026-10-31 23:30 UTC): in November. */
export const NOV_FIRST_0730 = new Date('2026-10-31T23:30:00Z')
/** 2026-11-30 23:59 in Shanghai: the last minute of November. */
export const NOV_LAST_2359 = new Date('2026-11-30T15:59:00Z')
/** 2026-10-31 23:59 in Shanghai (15:59 UTC): October, not November. */
export const OCT_LAST_2359 = new Date('2026-10-31T15:59:00Z')
/** 2026-12-01 00:00 in Shanghai: December, not November. */
export const DEC_FIRST_0000 = new Date('2026-11-30T16:00:00Z')

/**
 * An xlsx download as text: the title row (row 1) and every row after it (the headers are the first),
 * each as wide as the headers (a streamed sheet leaves an empty last cell out).
 */
export async function readExport(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]
  const width = sheet.getRow(2).cellCount
  const rows: string[][] = []
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value)))
  })
  return { title: cellText(sheet.getRow(1).getCell(1).value), headers: rows[0] ?? [], rows: rows.slice(1) }
}

/** A cell as text: numbers and strings as written, anything else (a date, rich text) as JSON. */
function cellText(value: ExcelJS.CellValue) {
  if (value == null) return ''
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
}

/** The Chinese file name of a download (filename*). */
export function downloadName(response: Response) {
  return decodeURIComponent((response.headers.get('Content-Disposition') ?? '').split("''")[1] ?? '')
}
