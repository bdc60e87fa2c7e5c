import v8 from 'node:v8'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import {
  columnLetters,
  forgeDeclaredSize,
  HEADERS,
  manyRowsXlsx,
  nestedRichTextXlsx,
  rowXml,
  xlsxBytes,
  zeroMediaXlsx,
  zipBytes,
} from '../../../tests/fixtures/spreadsheets'
import { sharedStringsWideXlsx, wideCsv } from '../../../tests/fixtures/wide-sheets'
import { findHeader, isBlankRow } from '~/rules/sheet-header'
import { DEFAULT_GRID_LIMITS, headerKey, type Grid, type GridLimits } from './grid.server'
import { readGrid } from './read-grid.server'
import { headerColumns } from './row-store.server'

// The reader on its own (no worker thread): the limits of issue 7 hold while reading, and what it
// reads is what exceljs used to read (displayed text, merged cells, dates as text, numbers flagged).

const options = (limits: Partial<GridLimits> = {}) => ({
  format: 'xlsx' as const,
  limits: { ...DEFAULT_GRID_LIMITS, ...limits },
  headerKeys: HEADERS.map(headerKey),
  minHeaderHits: 3,
  probeLines: 10,
})

/** The grid the import built with exceljs before (eachRow / eachCell, displayed text, dates as ISO days). */
async function gridByExcelJs(bytes: Uint8Array): Promise<Grid> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes.slice().buffer)
  const known = new Set(HEADERS.map(headerKey))
  const visible = workbook.worksheets.filter((s) => s.state === 'visible')
  const hasHeader = (s: ExcelJS.Worksheet) =>
    Array.from({ length: 10 }, (_, i) => s.getRow(i + 1)).some((row) => {
      let hits = 0
      row.eachCell((cell) => (hits += known.has(headerKey(cell.text ?? '')) ? 1 : 0))
      return hits >= 3
    })
  const sheet = visible.find(hasHeader) ?? visible[0]
  const grid: Grid = []
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = []
    const numeric: number[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const value = cell.value
      cells[col - 1] = value instanceof Date ? value.toISOString().slice(0, 10) : (cell.text ?? '')
      if (cell.effectiveType === ExcelJS.ValueType.Number) numeric.push(col - 1)
    })
    grid.push({ line, cells: Array.from(cells, (c) => c ?? ''), ...(numeric.length > 0 ? { numeric } : {}) })
  })
  return grid
}

test('与 exceljs 读出的内容一致：封面、隐藏表、合并单元格、富文本、公式、日期、数字 / reads what exceljs read: cover and hidden sheets, merges, rich text, formulas, dates, numbers', async () => {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('封面').addRow(['开州区务工人员台账', '2026 年'])
  workbook.addWorksheet('旧表', { state: 'hidden' }).addRow(HEADERS)
  const sheet = workbook.addWorksheet('台账')
  sheet.addRow(['开州区务工人员五清台账'])
  sheet.mergeCells('A1:M1')
  sheet.addRow(HEADERS)
  sheet.addRow([
    { richText: [{ text: '冉' }, { font: { bold: true }, text: '秀英' }] },
    500154199006010240,
    13900001111,
    '汉丰街道',
    { text: '驷马社区', hyperlink: 'https://example.invalid' },
    '脱贫人口',
    { formula: '"未"&"就业"', result: '未就业' },
    '赴山东务工',
    '初级工',
    { formula: '1+1', result: 2 },
    true,
    { error: '#N/A' },
    new Date(Date.UTC(2024, 2, 5)),
  ])
  sheet.addRow(['谭建华', '500154199006010220', '', '', '', '其他', '未就业', '暂无需求', '无技能', '', '', '', 45000.5])
  sheet.getCell('M4').numFmt = 'yyyy"年"m"月"d"日"'
  sheet.addRow(['向德芬', '500154199006010239', '', '', '', '监测对象', '未就业', '暂无需求', '无技能', '', '', '', 3.25])
  sheet.mergeCells('D3:D5')
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())

  const read = await readGrid(bytes, options())
  expect(read.ok).toBe(true)
  if (!read.ok) return
  expect(read.grid).toEqual(await gridByExcelJs(bytes))
  expect(read.grid[2].cells.slice(0, 5)).toEqual(['冉秀英', '500154199006010240', '13900001111', '汉丰街道', '驷马社区'])
  expect(read.grid[2].numeric).toEqual([1, 2, 9])
  expect(read.grid[2].cells[12]).toBe('2024-03-05')
  expect(read.grid[3].cells[12]).toBe('2023-03-15')
  expect(read.grid[4].cells[3]).toBe('汉丰街道')
})

test('中文 Excel 的内置日期格式 31 也按日期读出 / the built-in Chinese date format 31 reads as a date', async () => {
  const styles =
    '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="31"/></cellXfs></styleSheet>'
  const bytes = await zipBytes([
    { name: 'xl/workbook.xml', body: '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    {
      name: 'xl/_rels/workbook.xml.rels',
      body: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/styles" Target="styles.xml"/></Relationships>',
    },
    { name: 'xl/styles.xml', body: styles },
    {
      name: 'xl/worksheets/sheet1.xml',
      body: '<x:worksheet xmlns:x="m"><x:sheetData><x:row r="1"><x:c r="B1" s="1"><x:v>45000</x:v></x:c><x:c r="C1" s="0"><x:v>45000</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    },
  ])
  expect(await readGrid(bytes, options())).toEqual({ ok: true, grid: [{ line: 1, cells: ['', '2023-03-15', '45000'], numeric: [2] }] })
})

test('一个单元格嵌套 3000 万层 <r>（206 KB）：读前按声明大小拒绝；伪造大小时按层数拒绝 / a cell nested 30,000,000 deep (206 KB) is refused by its declared size, and by depth when the size is forged', async () => {
  const bytes = await nestedRichTextXlsx(30_000_000)
  expect(bytes.byteLength).toBeLessThan(250_000)
  const started = performance.now()
  expect(await readGrid(bytes, options())).toEqual({ ok: false, reason: 'bytes' })
  // The entry claims 1 MB, under the budget: inflating starts, and the nesting limit stops it at once.
  expect(await readGrid(forgeDeclaredSize(bytes, 'xl/sharedStrings.xml', 1 << 20), options())).toEqual({ ok: false, reason: 'depth' })
  // Claiming less than the stream holds is caught by the ZIP reader itself.
  expect(await readGrid(forgeDeclaredSize(bytes, 'xl/sharedStrings.xml', 1000), options())).toEqual({ ok: false, reason: 'corrupt' })
  expect(performance.now() - started).toBeLessThan(2000)
  expect(await readGrid(await nestedRichTextXlsx(40), options())).toEqual({ ok: false, reason: 'depth' })
})

test('xl/media 里 1 GB 的零（约 1 MB）从不解压 / 1 GB of zeros in xl/media (about 1 MB) is never inflated', async () => {
  const bytes = await zeroMediaXlsx(1 << 30)
  expect(bytes.byteLength).toBeLessThan(1_200_000)
  const rss = process.memoryUsage().rss
  // A budget of 64 KB in all: inflating a single MB of the media entry would trip it.
  const read = await readGrid(bytes, options({ maxInflatedBytes: 64 * 1024 }))
  expect(read.ok).toBe(true)
  if (read.ok) expect(read.grid.map((r) => r.line)).toEqual([1, 2])
  expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024)
}, 60_000)

test('解压字节数在读的过程中计数：工作表本身是炸弹时中途停下 / inflated bytes are counted while reading: a sheet that is itself a bomb stops part-way', async () => {
  const bytes = await xlsxBytes({
    rows: function* () {
      yield rowXml(1, HEADERS)
      const padding = ' '.repeat(1 << 20)
      for (let i = 0; i < 300; i++) yield padding
    },
  })
  expect(await readGrid(bytes, options())).toEqual({ ok: false, reason: 'bytes' })
  // With the declared size forged under the budget, the counter (or the ZIP reader's own check) stops it.
  const forged = forgeDeclaredSize(bytes, 'xl/worksheets/sheet1.xml', 50 << 20)
  expect((await readGrid(forged, options())).ok).toBe(false)
})

test('100 万行的工作表读到第 20,021 行就停 / a 1,000,000-row sheet stops at row 20,021', async () => {
  const bytes = await manyRowsXlsx(1_000_000)
  const started = performance.now()
  expect(await readGrid(bytes, options())).toEqual({ ok: false, reason: 'rows' })
  expect(performance.now() - started).toBeLessThan(3000)
}, 30_000)

test('ZIP 条目数在读目录前就检查 / the ZIP entry count is checked before the directory is read', async () => {
  const entries = Array.from({ length: 1_001 }, (_, i) => ({ name: `xl/media/${i}.bin`, body: 'x' }))
  const bytes = await zipBytes([{ name: 'xl/workbook.xml', body: '<workbook/>' }, ...entries])
  expect(await readGrid(bytes, options())).toEqual({ ok: false, reason: 'entries' })
})

test('单元格与文字总量有上限：一个长共享字符串被引用两万次 / cells and text are capped: one long shared string referenced 20,000 times', async () => {
  const long = '汉'.repeat(32_767)
  const bytes = await xlsxBytes({
    sharedStrings: () => [`<sst><si><t>${long}</t></si></sst>`],
    rows: function* () {
      yield rowXml(1, HEADERS)
      for (let line = 2; line < 20_002; line++) yield `<row r="${line}"><c r="A${line}" t="s"><v>0</v></c></row>`
    },
  })
  expect(await readGrid(bytes, options())).toEqual({ ok: false, reason: 'cells' })
  // Far-right cells: each row costs its width, so 256 columns × many rows trips the cell limit.
  const wide = await xlsxBytes({
    rows: function* () {
      for (let line = 1; line <= 2_000; line++) yield `<row r="${line}"><c r="IV${line}"><v>1</v></c></row>`
    },
  })
  expect(await readGrid(wide, options({ maxCells: 100_000 }))).toEqual({ ok: false, reason: 'cells' })
})

test('列超出上限的单元格被忽略，整表合并也不会膨胀 / cells past the column limit are ignored, and a sheet-wide merge does not blow up', async () => {
  const bytes = await xlsxBytes({
    rows: function* () {
      yield rowXml(1, HEADERS)
      yield `<row r="2"><c r="A2" t="inlineStr"><is><t>冉秀英</t></is></c><c r="XFD2"><v>7</v></c></row>`
      yield `</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells><sheetData>`
    },
  })
  const read = await readGrid(bytes, options())
  expect(read.ok).toBe(true)
  if (!read.ok) return
  expect(read.grid).toHaveLength(2)
  expect(read.grid[1].cells).toHaveLength(256)
  expect(new Set(read.grid[1].cells)).toEqual(new Set(['冉秀英']))
})

test('CSV：超宽的行截到上限列，行数上限照常 / CSV: an over-wide record is cut to the column limit; the row limit holds', async () => {
  const encode = (text: string) => new TextEncoder().encode(text)
  const wide = await readGrid(encode(`${HEADERS.join(',')}\n${'a,'.repeat(100_000)}`), { ...options(), format: 'csv' })
  expect(wide.ok && wide.grid[1].cells.length).toBe(256)
  const long = await readGrid(encode('a\n'.repeat(20_021)), { ...options(), format: 'csv' })
  expect(long).toEqual({ ok: false, reason: 'rows' })
  expect(await readGrid(new Uint8Array([1, 0, 2]), { ...options(), format: 'csv' })).toEqual({ ok: false, reason: 'binary' })
  expect(columnLetters(256)).toBe('IV')
})

// ---------------------------------------------------------------------------------------------
// Cut to the header's columns (headerColumnsOnly): what an import is handed back by the worker.

const cutOptions = (format: 'xlsx' | 'csv' = 'xlsx') => ({ ...options(), format, headerColumnsOnly: true })

/** The whole grid cut the way the import used to cut it on the main thread: header row, then non-blank rows, known columns only. */
function cutAsBefore(whole: Grid): Grid {
  const known = new Set(HEADERS.map(headerKey))
  const rows = whole.filter((r) => !isBlankRow(r.cells))
  if (rows.length === 0) return []
  const found = findHeader(rows, known)
  const index = found?.index ?? 0
  const columns = headerColumns(found?.cells ?? rows[0].cells, known)
  return rows.slice(index).map((r, i) => {
    if (i === 0 && found) return { line: r.line, cells: columns.map((c) => found.cells[c] ?? '') }
    const numeric = (r.numeric ?? []).flatMap((c) => (columns.includes(c) ? [columns.indexOf(c)] : []))
    return { line: r.line, cells: columns.map((c) => r.cells[c] ?? ''), ...(numeric.length > 0 ? { numeric } : {}) }
  })
}

async function expectCutAsBefore(bytes: Uint8Array, format: 'xlsx' | 'csv' = 'xlsx') {
  const whole = await readGrid(bytes, { ...options(), format })
  const cut = await readGrid(bytes, cutOptions(format))
  expect(whole.ok && cut.ok).toBe(true)
  if (!whole.ok || !cut.ok) return []
  expect(cut.grid).toEqual(cutAsBefore(whole.grid))
  return cut.grid
}

/** A row of inline strings at the given 0-based columns. */
function cellsXml(line: number, cells: Record<number, string>, numbers: Record<number, number> = {}) {
  const text = Object.entries(cells).map(
    ([c, v]) => [Number(c), `<c r="${columnLetters(Number(c) + 1)}${line}" t="inlineStr"><is><t>${v}</t></is></c>`] as const,
  )
  const nums = Object.entries(numbers).map(([c, v]) => [Number(c), `<c r="${columnLetters(Number(c) + 1)}${line}"><v>${v}</v></c>`] as const)
  return `<row r="${line}">${[...text, ...nums]
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x)
    .join('')}</row>`
}

test("只交回表头认得的列：20,000 × 99 的共享字符串表每行 13 格 / only the header's known columns come back: a 20,000 × 99 shared-strings sheet gives 13 cells a row", async () => {
  const bytes = await sharedStringsWideXlsx()
  expect(bytes.byteLength).toBeLessThan(1_000_000)
  const read = await readGrid(bytes, cutOptions())
  expect(read.ok).toBe(true)
  if (!read.ok) return
  expect(read.grid).toHaveLength(20_001)
  expect(read.grid[0].cells).toEqual(HEADERS)
  expect(new Set(read.grid.map((r) => r.cells.length))).toEqual(new Set([HEADERS.length]))
  // What crosses the thread boundary: about 5 MB where the whole grid was about 31 MB.
  expect(v8.serialize(read).byteLength).toBeLessThan(8 * 1024 * 1024)
  const csv = await readGrid(new TextEncoder().encode(wideCsv()), cutOptions('csv'))
  expect(csv.ok && csv.grid.length === 20_001 && csv.grid.every((r) => r.cells.length === HEADERS.length)).toBe(true)
}, 60_000)

test('裁列前后内容一致：标题行、合并单元格、数字身份证、封面表 / cutting keeps what the import read: title rows, merges, IDs held as numbers, a cover sheet', async () => {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('封面').addRow(['开州区务工人员台账', '2026 年'])
  const sheet = workbook.addWorksheet('台账')
  sheet.addRow(['开州区务工人员五清台账'])
  sheet.mergeCells('A1:P1')
  sheet.addRow([])
  sheet.addRow(['序号', ...HEADERS, '备注二'])
  for (let i = 0; i < 30; i++) {
    sheet.addRow([
      i + 1,
      `冉秀英${i}`,
      500154199006010200 + i * 1000,
      '',
      i % 5 === 0 ? '汉丰街道' : '',
      '',
      '脱贫人口',
      '未就业',
      '赴山东务工',
      '初级工',
      '',
      '',
      '',
      '',
      `说明${i}`,
    ])
  }
  sheet.addRow(['合计', '', '', '', '', '', '', '', '', '', '', '', '', '', '30 人'])
  sheet.mergeCells('E4:E8')
  sheet.mergeCells('E24:E30')
  const grid = await expectCutAsBefore(new Uint8Array(await workbook.xlsx.writeBuffer()))
  expect(grid[0].line).toBe(3)
  expect(grid[1].numeric).toEqual([1])
  expect(grid.find((r) => r.line === 28)?.cells[3]).toBe('汉丰街道')
  // The total row has text only in columns cut away: it stays, with empty cells, as before.
  expect(grid.at(-1)).toEqual({ line: 34, cells: HEADERS.map(() => '') })
})

test('合并单元格的左上角在被裁掉的列里，或合并改变了表头：再读一遍，结果不变 / a merge whose top-left cell was cut away, or that changes the header, reads the sheet again with the same result', async () => {
  const header = { 0: '序号', ...Object.fromEntries(HEADERS.map((h, i) => [i + 1, h])), 20: '备注二' }
  const data = (line: number) => cellsXml(line, { 0: String(line), 1: `冉秀英${line}`, 4: '汉丰街道', 20: `说明${line}` })
  const sheet = (merges: string[], extraRows: string[] = []) =>
    xlsxBytes({
      rows: function* () {
        yield cellsXml(1, { 0: '标题' })
        yield cellsXml(2, header)
        for (let line = 3; line <= 40; line++) yield data(line)
        yield* extraRows
        yield `</sheetData><mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells><sheetData>`
      },
    })
  // Top-left in column A (cut away) spreading into 姓名 (kept), far below the top rows.
  const intoKept = await expectCutAsBefore(await sheet(['A20:C22']))
  expect(intoKept.find((r) => r.line === 21)?.cells.slice(0, 2)).toEqual(['20', '20'])
  // Top-left cut away, spreading over rows that do not exist: they appear, with empty kept cells.
  const newRows = await expectCutAsBefore(await sheet(['U44:V46'], [cellsXml(44, { 20: '备注' }), cellsXml(47, { 20: '末行' })]))
  expect(newRows.filter((r) => r.line >= 44).map((r) => r.line)).toEqual([44, 45, 46, 47])
  // A merged header cell over an empty one: one more header column after the merge, so one more
  // column to keep in rows already cut; the import must see the header doubled.
  const widened = await expectCutAsBefore(await sheet(['N2:O2']))
  expect(widened[0].cells.filter((c) => c === HEADERS[12])).toHaveLength(2)
  const doubled = await expectCutAsBefore(await sheet(['C2:D2']))
  expect(doubled[0].cells.filter((c) => c === HEADERS[1])).toHaveLength(2)
  // A top-left cell written by an earlier merge.
  await expectCutAsBefore(await sheet(['U30:U31', 'U31:W32', 'A35:A36']))
})

test('CSV 裁列：标题行、空行、只有别的列有字的行 / CSV cut: title rows, blank lines, a row with text only in other columns', async () => {
  const csv = [
    '开州区务工人员五清台账,,,',
    '',
    ['序号', ...HEADERS, '备注二'].join(','),
    ...Array.from({ length: 25 }, (_, i) => `${i},冉秀英${i},500154199006010212,,汉丰街道${','.repeat(10)},说明`),
    ',,,',
    `合计${','.repeat(14)}25 人`,
  ].join('\r\n')
  const grid = await expectCutAsBefore(new TextEncoder().encode(csv), 'csv')
  expect(grid[0].line).toBe(3)
  expect(grid.at(-1)).toEqual({ line: 30, cells: HEADERS.map(() => '') })
})

test('两行表头：合并的和没合并的 xlsx、CSV，裁列后交回合起来的一行表头 / a two-row header, merged or not, xlsx or CSV, comes back as one combined header row', async () => {
  const top = ['序号', ...HEADERS.slice(0, 5), '五清情况', '', '', '', ...HEADERS.slice(9), '备注二']
  const second = ['', '', '', '', '', '', ...HEADERS.slice(5, 9), '', '', '', '', '']
  const people = Array.from({ length: 20 }, (_, i) => [
    String(i + 1),
    `冉秀英${i}`,
    `50015419900601${String(1000 + i)}`,
    '',
    '汉丰街道',
    '',
    '脱贫人口',
    '未就业',
    '赴山东务工',
    '初级工',
  ])
  const build = (merge: boolean) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('台账')
    sheet.addRow(['开州区五清台账'])
    sheet.addRow(top)
    sheet.addRow(second)
    for (const p of people) sheet.addRow(p)
    if (merge) {
      sheet.mergeCells('G2:J2')
      for (let c = 1; c <= 6; c++) sheet.mergeCells(2, c, 3, c)
    }
    return workbook.xlsx.writeBuffer()
  }
  const combined = { line: 3, cells: HEADERS }
  for (const merge of [true, false]) {
    const grid = await expectCutAsBefore(new Uint8Array(await build(merge)))
    expect(grid[0]).toEqual(combined)
    expect(grid).toHaveLength(21)
  }
  const csv = [['开州区五清台账'], top, second, ...people].map((r) => r.join(',')).join('\r\n')
  const grid = await expectCutAsBefore(new TextEncoder().encode(csv), 'csv')
  expect(grid[0]).toEqual(combined)
  expect(grid[1].cells.slice(0, 2)).toEqual(['冉秀英0', people[0][2]])
})

test('行号倒序的工作表按损坏处理 / a sheet whose rows go backwards is treated as corrupt', async () => {
  const bytes = await xlsxBytes({ rows: () => [rowXml(2, HEADERS), rowXml(1, HEADERS)] })
  expect(await readGrid(bytes, cutOptions())).toEqual({ ok: false, reason: 'corrupt' })
})

test('合并区域数量有上限 / merged ranges are capped', async () => {
  const bytes = await xlsxBytes({
    rows: function* () {
      yield rowXml(1, HEADERS)
      yield `</sheetData><mergeCells>${'<mergeCell ref="A1:B1"/>'.repeat(1_001)}</mergeCells><sheetData>`
    },
  })
  expect(await readGrid(bytes, options({ maxMerges: 1_000 }))).toEqual({ ok: false, reason: 'cells' })
})

test('共享字符串表的条数有自己的上限 / the shared-string table has its own cap', async () => {
  const strings = Array.from({ length: 11 }, (_, i) => `<si><t>文字${i}</t></si>`).join('')
  const bytes = await xlsxBytes({ sharedStrings: () => [`<sst>${strings}</sst>`], rows: () => [rowXml(1, HEADERS)] })
  expect(await readGrid(bytes, options({ maxSharedStrings: 10 }))).toEqual({ ok: false, reason: 'cells' })
  expect((await readGrid(bytes, options({ maxSharedStrings: 11 }))).ok).toBe(true)
})
