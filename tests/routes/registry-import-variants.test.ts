import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { ledgerImports } from '../../db/schema'
import { ENCRYPTED_MESSAGE } from '~/models/worker-import-read.server'
import { MASKED_EXPORT_MESSAGE } from '~/rules/registry-sheet'
import { loader as exportLoader } from '~/routes/west.workers.export[.xlsx]'
import { db } from '~/utils/db.server'
import { eq } from 'drizzle-orm'
import { addLedgerSheet, countyId, csvOf, gbkBytes, oleFile, person, rowsOf, unicodeTextBytes, workbookBytes } from '../fixtures/county-sheets'
import { HEADERS } from '../fixtures/spreadsheets'
import { formError, importAnswer, ledgerUpload, previewIdOf, runImport } from '../ledger-import'
import { callLoader, cookieFor } from '../request'

// The 21 spreadsheets of issue 11 §1, made the way county offices really produce them, each uploaded as
// Kaizhou's clerk and its result written down: a preview with its counts, a refusal with its grouped
// problems, or a file-level message.

type Outcome = { preview: { new: number; changed: number; unchanged: number; skipped: number } } | { problems: string[] } | { error: string }

async function outcomeOf(bytes: Uint8Array | string, fileName: string): Promise<Outcome> {
  const cookie = await cookieFor('kaizhou')
  const result = await runImport(ledgerUpload(bytes, fileName, cookie))
  if ('thrown' in result) {
    const imp = db
      .select()
      .from(ledgerImports)
      .where(eq(ledgerImports.id, previewIdOf(result)))
      .get()!
    return { preview: { new: imp.newRows, changed: imp.changedRows, unchanged: imp.unchangedRows, skipped: imp.skippedRows } }
  }
  const { data } = importAnswer(result)
  if (data.problems) return { problems: data.groups.map((g) => `第 ${g.lines} 行：${g.text}`) }
  return { error: formError(data) }
}

const fresh = (n: number) => ({ preview: { new: n, changed: 0, unchanged: 0, skipped: 0 } })

test('1 模板原样填写的 xlsx / the template filled in as given', async () => {
  const bytes = await workbookBytes((wb) => addLedgerSheet(wb, '务工人员台账', HEADERS, rowsOf(HEADERS, [person(1), person(2)])))
  expect(await outcomeOf(bytes, '开州区务工人员台账模板.xlsx')).toEqual(fresh(2))
})

test('2 表头上面有两行标题和填报单位 / two title rows and the reporting office above the header', async () => {
  const above = [['开州区2026年脱贫人口务工情况五清台账'], ['填报单位：汉丰街道办事处（盖章）', '', '', '', '', '填报日期：2026年4月']]
  const bytes = await workbookBytes((wb) => addLedgerSheet(wb, 'Sheet1', HEADERS, rowsOf(HEADERS, [person(11), person(12)]), above))
  expect(await outcomeOf(bytes, '汉丰街道台账.xlsx')).toEqual(fresh(2))
})

test('3 同一乡镇的单元格纵向合并 / the township merged down its rows', async () => {
  const bytes = await workbookBytes((wb) => {
    const sheet = addLedgerSheet(wb, '台账', HEADERS, rowsOf(HEADERS, [person(21), person(22, { '乡镇（街道）': '' }), person(23, { '乡镇（街道）': '' })]))
    sheet.mergeCells('D2:D4')
  })
  expect(await outcomeOf(bytes, '合并单元格.xlsx')).toEqual(fresh(3))
})

/** Variant 4's two-row header: 五清情况 over three columns, the other names in the upper row. */
const TWO_ROW_TOP = ['序号', '姓名', '身份证号码', '乡镇（街道）', '村（社区）', '户类型', '五清情况', '', '', '']
const TWO_ROW_SECOND = ['', '', '', '', '', '', '就业状态', '就业需求', '技能水平', '技能特长']
/** Twelve people under the two-row header (more than the ten top rows kept whole while reading). */
const twoRowPeople = (first: number) =>
  Array.from({ length: 12 }, (_, i) => [String(i + 1), '冉秀英', countyId(first + i), '汉丰街道', '', '脱贫人口', '未就业', '赴山东务工', '初级工', ''])

test('4 两行表头（“五清情况”合并在上，其余列名向下合并） / a two-row header with 五清情况 merged above and the other names merged down', async () => {
  const bytes = await workbookBytes((wb) => {
    const sheet = wb.addWorksheet('台账')
    sheet.addRow(['开州区2026年脱贫人口五清台账'])
    sheet.mergeCells('A1:J1')
    sheet.addRow(TWO_ROW_TOP)
    sheet.addRow(TWO_ROW_SECOND)
    for (const r of twoRowPeople(31)) sheet.addRow(r)
    for (const col of ['A', 'B', 'C', 'D', 'E', 'F']) sheet.mergeCells(`${col}2:${col}3`)
    sheet.mergeCells('G2:J2')
  })
  expect(await outcomeOf(bytes, '两行表头.xlsx')).toEqual(fresh(12))
})

test('4b 两行表头另存为 CSV（分组词只在一格，其余空着） / the two-row header saved as CSV: the group word in one cell, blanks around', async () => {
  const text = csvOf(TWO_ROW_SECOND, twoRowPeople(301), { above: [['开州区2026年脱贫人口五清台账'], TWO_ROW_TOP] })
  expect(await outcomeOf(gbkBytes(text), '两行表头.csv')).toEqual(fresh(12))
})

test('4c “基本信息”“五清情况”两个分组合并在上，序号向下合并 / 基本信息 and 五清情况 merged above their columns, 序号 merged down', async () => {
  const bytes = await workbookBytes((wb) => {
    const sheet = wb.addWorksheet('台账')
    sheet.addRow(['序号', '基本信息', '', '', '', '', '五清情况', '', '', ''])
    sheet.addRow(['', ...TWO_ROW_TOP.slice(1, 6), ...TWO_ROW_SECOND.slice(6)])
    for (const r of twoRowPeople(331).slice(0, 3)) sheet.addRow(r)
    sheet.mergeCells('A1:A2')
    sheet.mergeCells('B1:F1')
    sheet.mergeCells('G1:J1')
  })
  expect(await outcomeOf(bytes, '分组表头.xlsx')).toEqual(fresh(3))
})

test('5 县里常用的表头叫法：人员类别、就业情况、就业意愿、技能等级、公民身份号码、联系电话 / the headers counties use', async () => {
  const headers = ['姓名', '公民身份号码', '联系电话', '乡镇', '村', '人员类别', '就业情况', '就业意愿', '技能等级']
  const people = [person(41), person(42)].map((p) => ({
    ...p,
    公民身份号码: p.身份证号码,
    联系电话: '13996000041',
    乡镇: p['乡镇（街道）'],
    村: '',
    人员类别: p.户类型,
    就业情况: p.就业状态,
    就业意愿: p.就业需求,
    技能等级: p.技能水平,
  }))
  const bytes = await workbookBytes((wb) => addLedgerSheet(wb, '台账', headers, rowsOf(headers, people)))
  expect(await outcomeOf(bytes, '县里的叫法.xlsx')).toEqual(fresh(2))
})

test('6 “身份证号码（18位）”表头和脱贫户、监测户、一般农户、公益岗这样的填法 / 身份证号码（18位） and the words counties type', async () => {
  const headers = HEADERS.map((h) => (h === '身份证号码' ? '身份证号码（18位）' : h))
  const people = [
    person(51, { 户类型: '脱贫户', 就业状态: '公益岗' }),
    person(52, { 户类型: '监测户', 就业状态: '省外就业', 技能水平: '中级' }),
    person(53, { 户类型: '一般农户', 就业需求: '就近就业' }),
  ].map((p) => ({ ...p, '身份证号码（18位）': p.身份证号码 }))
  expect(await outcomeOf(csvOf(headers, rowsOf(headers, people)), '叫法.csv')).toEqual(fresh(3))
})

test('7 乡镇不写“镇”“街道”（和谦、汉丰） / townships typed without their suffix', async () => {
  expect(
    await outcomeOf(csvOf(HEADERS, rowsOf(HEADERS, [person(61, { '乡镇（街道）': '和谦' }), person(62, { '乡镇（街道）': '汉丰' })])), '简称.csv'),
  ).toEqual(fresh(2))
})

test('8 每个乡镇后有“小计”，表尾有“合计” / 小计 after each township and 合计 at the end', async () => {
  const headers = ['序号', ...HEADERS]
  const rows = [
    ['1', ...rowsOf(HEADERS, [person(71)])[0]],
    ['2', ...rowsOf(HEADERS, [person(72)])[0]],
    ['小计', '2人', '', '', '汉丰街道'],
    ['3', ...rowsOf(HEADERS, [person(73, { '乡镇（街道）': '和谦镇' })])[0]],
    ['小计', '1人'],
    ['合 计', '3人'],
  ]
  const bytes = await workbookBytes((wb) => addLedgerSheet(wb, '台账', headers, rows))
  expect(await outcomeOf(bytes, '带合计.xlsx')).toEqual({ preview: { new: 3, changed: 0, unchanged: 0, skipped: 3 } })
})

test('9 身份证号码被 Excel 存成数字 / ID numbers stored by Excel as numbers', async () => {
  const rows: (string | number)[][] = rowsOf(HEADERS, [person(81), person(82)])
  rows[1][1] = Number(rows[1][1])
  const bytes = await workbookBytes((wb) => addLedgerSheet(wb, '台账', HEADERS, rows))
  expect(await outcomeOf(bytes, '数字身份证.xlsx')).toEqual({ problems: [expect.stringMatching(/^第 3 行：身份证号码“\d+”：身份证号码被 Excel 存成了数字/)] })
})

test('10 中文 Excel 另存的 CSV（GBK） / a CSV saved by Chinese Excel (GBK)', async () => {
  expect(await outcomeOf(gbkBytes(csvOf(HEADERS, rowsOf(HEADERS, [person(91, { 姓名: '向德芬' }), person(92)]))), '台账.csv')).toEqual(fresh(2))
})

test('11 带 BOM 的 UTF-8 CSV（WPS、网页导出） / a UTF-8 CSV with BOM', async () => {
  expect(await outcomeOf(`\uFEFF${csvOf(HEADERS, rowsOf(HEADERS, [person(101), person(102)]))}`, '导出.csv')).toEqual(fresh(2))
})

test('12 Excel“Unicode 文本”(.txt，UTF-16 制表符分隔) / Excel Unicode text (.txt, UTF-16LE, tabs)', async () => {
  const text = csvOf(HEADERS, rowsOf(HEADERS, [person(111), person(112, { 困难问题: '家中有老人，需要照顾' })]), { delimiter: '\t' })
  expect(await outcomeOf(unicodeTextBytes(text), '台账.txt')).toEqual(fresh(2))
})

test('13 身份证带空格、小写 x、全角数字，手机带 +86 / IDs with spaces, lower-case x, full-width digits; phones with +86', async () => {
  const withX = Array.from({ length: 999 }, (_, i) => countyId(i)).find((id) => id.endsWith('X'))!
  const spaced = countyId(122)
  const fullWidth = countyId(123).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
  const people = [
    person(0, { 身份证号码: withX.toLowerCase(), 手机号码: '+86 139 9600 0121' }),
    person(0, { 身份证号码: `${spaced.slice(0, 6)} ${spaced.slice(6, 14)} ${spaced.slice(14)}` }),
    person(0, { 身份证号码: fullWidth, 手机号码: '139-9600-0123' }),
  ]
  expect(await outcomeOf(csvOf(HEADERS, rowsOf(HEADERS, people)), '手填.csv')).toEqual(fresh(3))
})

test('14 第一个工作表是“填表说明”，台账在第二个 / an instructions sheet first, the ledger second', async () => {
  const bytes = await workbookBytes((wb) => {
    const help = wb.addWorksheet('填表说明')
    help.addRow(['1. 户类型填：脱贫人口、监测对象、其他'])
    help.addRow(['2. 身份证号码请设为文本格式'])
    addLedgerSheet(wb, '台账', HEADERS, rowsOf(HEADERS, [person(131), person(132)]))
  })
  expect(await outcomeOf(bytes, '两个工作表.xlsx')).toEqual(fresh(2))
})

test('15 隐藏着去年的工作表 / last year’s sheet hidden before this year’s', async () => {
  const bytes = await workbookBytes((wb) => {
    const old = addLedgerSheet(wb, '2025年', HEADERS, rowsOf(HEADERS, [person(141, { 户类型: '贫困户' })]))
    old.state = 'hidden'
    addLedgerSheet(wb, '2026年', HEADERS, rowsOf(HEADERS, [person(142)]))
  })
  expect(await outcomeOf(bytes, '隐藏工作表.xlsx')).toEqual(fresh(1))
})

test('16 带序号和台账以外的列（家庭人口、年收入、帮扶责任人） / a 序号 column and columns the ledger does not keep', async () => {
  const headers = ['序号', ...HEADERS.slice(0, 5), '家庭人口', '年人均纯收入（元）', ...HEADERS.slice(5), '帮扶责任人', '责任人电话']
  const people = [person(151), person(152)].map((p, i) => ({
    ...p,
    序号: String(i + 1),
    家庭人口: '4',
    '年人均纯收入（元）': '12800',
    帮扶责任人: '李明',
    责任人电话: '13800000000',
  }))
  expect(await outcomeOf(csvOf(headers, rowsOf(headers, people)), '多列.csv')).toEqual(fresh(2))
})

/** Kaizhou's own full export, as staff download it from /west/workers. */
async function kaizhouExport() {
  const cookie = await cookieFor('kaizhou')
  const response = await callLoader(exportLoader, { path: '/west/workers/export.xlsx?full=1', cookie })
  if (!('value' in response)) throw new Error('no export')
  return new Uint8Array(await response.value.arrayBuffer())
}

test('17 本平台导出的台账原样导回：全部无变动 / the portal’s own export imported back unchanged', async () => {
  const outcome = await outcomeOf(await kaizhouExport(), '开州区务工人员台账（完整信息）.xlsx')
  expect(outcome).toEqual({ preview: { new: 0, changed: 0, unchanged: expect.any(Number), skipped: 0 } })
  expect((outcome as { preview: { unchanged: number } }).preview.unchanged).toBeGreaterThan(200)
})

test('18 导出后在 Excel 里改了两人的就业状态、加了一人再导回 / the export edited in Excel (two statuses, one new row) and imported back', async () => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await kaizhouExport()).slice().buffer)
  const sheet = workbook.worksheets[0]
  const statusColumn = HEADERS.indexOf('就业状态') + 1
  // Row 1 is the title (list, filters, day), row 2 the headers.
  for (const line of [3, 4]) {
    const cell = sheet.getRow(line).getCell(statusColumn)
    cell.value = cell.text === '省外务工' ? '县内务工' : '省外务工'
  }
  sheet.addRow(rowsOf(HEADERS, [person(171)])[0])
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
  expect(await outcomeOf(bytes, '开州区台账-改.xlsx')).toEqual({ preview: { new: 1, changed: 2, unchanged: expect.any(Number), skipped: 0 } })
})

test('18b 未勾选“完整信息”的导出（号码隐去中间位）改后导回：只说一件事，怎么办 / the masked export edited and imported back gets one grouped message saying what to do', async () => {
  const cookie = await cookieFor('kaizhou')
  const response = await callLoader(exportLoader, { path: '/west/workers/export.xlsx', cookie })
  if (!('value' in response)) throw new Error('no export')
  const outcome = await outcomeOf(new Uint8Array(await response.value.arrayBuffer()), '开州区务工人员台账.xlsx')
  expect(outcome).toEqual({ problems: [expect.stringMatching(new RegExp(`^第 3–\\d+ 行：.*${MASKED_EXPORT_MESSAGE.slice(0, 12)}`))] })
})

test('19 设了打开密码的工作簿：单独的提示 / a workbook with an open password gets its own message', async () => {
  expect(await outcomeOf(oleFile(['EncryptionInfo', 'EncryptedPackage']), '加密台账.xlsx')).toEqual({ error: ENCRYPTED_MESSAGE })
})

test('20 旧版 .xls：请另存为 / an old .xls is asked to be saved as xlsx', async () => {
  expect(await outcomeOf(oleFile(['Workbook', '\u0005SummaryInformation']), '台账.xls')).toEqual({ error: expect.stringContaining('不支持旧版 .xls 格式') })
})

test('21 全国防返贫监测系统导出的样式（证件号码、务工状态、脱贫不稳定户），夹着外县的人和填错的值 / the monitoring system’s layout, with another county’s person and wrong values', async () => {
  const headers = ['户编号', '人员编号', '姓名', '证件号码', '与户主关系', '所在乡镇', '所在村', '人员属性', '务工状态', '务工意愿', '技能等级']
  const xiushan = makeForeignId()
  const people = [
    { 姓名: '谭建华', 证件号码: countyId(181), 所在乡镇: '汉丰街道', 人员属性: '脱贫不稳定户', 务工状态: '省外务工', 务工意愿: '赴山东务工', 技能等级: '初级' },
    { 姓名: '谭小红', 证件号码: countyId(182), 所在乡镇: '汉丰街道', 人员属性: '贫困户', 务工状态: '未就业', 务工意愿: '技能培训', 技能等级: '无' },
    { 姓名: '谭小兵', 证件号码: countyId(183), 所在乡镇: '汉丰街道', 人员属性: '贫困户', 务工状态: '未就业', 务工意愿: '技能培训', 技能等级: '无' },
    { 姓名: '向外县', 证件号码: xiushan, 所在乡镇: '汉丰街道', 人员属性: '边缘易致贫户', 务工状态: '未就业', 务工意愿: '无', 技能等级: '无' },
  ].map((p, i) => ({ ...p, 户编号: `5001540010010${i}`, 人员编号: `${i + 1}`, 与户主关系: '户主', 所在村: '' }))
  const bytes = await workbookBytes((wb) => addLedgerSheet(wb, '监测对象信息', headers, rowsOf(headers, people)))
  expect(await outcomeOf(bytes, '防返贫监测系统导出.xlsx')).toEqual({
    problems: [
      '第 3–4 行：户类型“贫困户”：户类型应为：脱贫人口、监测对象、其他',
      `第 5 行：身份证号码“${xiushan}”：此人已在其他区县的台账中登记，请与对方区县核实`,
    ],
  })
})

/** A Xiushan ledger row's ID number (held by another county). */
function makeForeignId() {
  const row = db.$client
    .prepare("select w.id_number as id from workers w join organisations o on o.id = w.organisation_id where o.area_code = '500241' limit 1")
    .get() as { id: string }
  return row.id
}
