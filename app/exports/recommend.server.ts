import ExcelJS from 'exceljs'
import type { SharedCandidate } from '~/models/recommend-share.server'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { addTableSheet, defineExport, downloadHeaders } from '~/utils/xlsx.server'

// The recommend list of a post (issue 11 §4) as xlsx, for the county to share with villages: who, from
// which township, age, skills and situation, and the same 提示 as the screen (已报名此岗位, outside the
// post's age range). Two title rows above the table say which post and which filters the list is.
// Phones are always masked (a list that leaves the office), numbers typed into the skills too; the full numbers
// stay in the ledger.

/** The columns of the recommend list export, in the page's order (newest change first). */
export const RECOMMEND_EXPORT = defineExport<SharedCandidate>({
  sheet: '推荐名单',
  columns: [
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '性别', width: 6, value: (r) => r.sex },
    { header: '年龄', width: 6, value: (r) => r.age, numFmt: '0' },
    { header: '乡镇（街道）', width: 14, value: (r) => r.township },
    { header: '手机号码', width: 14, value: (r) => r.phone, numFmt: '@' },
    { header: '技能等级', width: 14, value: (r) => r.skillLevel },
    // Free text: a number typed into it (a foreman's phone) is masked like the phone column.
    { header: '技能', width: 20, value: (r) => maskNumbersInText(r.skills) },
    { header: '就业状态', width: 12, value: (r) => r.status },
    { header: '就业需求', width: 14, value: (r) => r.need },
    { header: '提示', width: 30, value: (r) => r.notes.join('；') },
  ],
  footer: '手机号码已打码',
})

/** Title rows above the table: the list's heading (bold) and the line of filters. */
const TITLE_ROWS = 2

/**
 * The recommend list as an xlsx download: RECOMMEND_EXPORT's table (bold, frozen, filterable header)
 * under two title rows — `title` (post, county, date) and `filterLine`. The list is at most
 * RECOMMEND_EXPORT_MAX rows, so the workbook is built in memory. Takes the rows, the two lines and the
 * file names; returns the 200 Response.
 */
export async function recommendXlsxResponse(
  rows: SharedCandidate[],
  { title, filterLine, fileName, asciiFallback }: { title: string; filterLine: string; fileName: string; asciiFallback: string },
) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '鲁渝劳务协作'
  workbook.created = new Date()
  const { columns, footer } = RECOMMEND_EXPORT
  const sheet = addTableSheet(workbook, RECOMMEND_EXPORT.sheet, columns)
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? ''))
  sheet.insertRow(1, [title])
  sheet.insertRow(2, [filterLine])
  sheet.getRow(1).font = { bold: true, size: 13 }
  for (const r of [1, 2]) sheet.mergeCells(r, 1, r, columns.length)
  const header = TITLE_ROWS + 1
  sheet.views = [{ state: 'frozen', ySplit: header }]
  sheet.autoFilter = { from: { row: header, column: 1 }, to: { row: header, column: columns.length } }
  if (footer) sheet.headerFooter.oddFooter = footer
  const bytes = await workbook.xlsx.writeBuffer()
  return new Response(new Uint8Array(bytes), { headers: downloadHeaders(fileName, asciiFallback) })
}
