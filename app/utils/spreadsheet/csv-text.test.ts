import fc from 'fast-check'
import { expect, test } from 'vitest'
import { DEFAULT_GRID_LIMITS, type GridOptions } from './grid.server'
import { readGrid } from './read-grid.server'
import { readSpreadsheetGrid } from './read-spreadsheet.server'

// Excel keeps a long number as text in a CSV with the formula ="…": typed into a cell, or as Excel
// itself writes such a cell ("=""…""", the formula quoted as a CSV field). Either way the cell is the
// text between the inner quotes, the text Excel shows.

const csv: GridOptions = { format: 'csv', limits: DEFAULT_GRID_LIMITS, headerKeys: [], minHeaderHits: 3, probeLines: 10 }
const bytes = (text: string) => new TextEncoder().encode(text)
const cellsOf = async (text: string) => {
  const read = await readGrid(bytes(text), csv)
  if (!read.ok) throw new Error(`refused: ${read.reason}`)
  return read.grid.map((r) => r.cells)
}

test('问题 9-9 的输入：="身份证号" 读作文本 / issue 9 item 9: ="ID number" reads as the text', async () => {
  expect(await cellsOf('姓名,身份证号码\n冉秀英,="500230198404142042"\n')).toEqual([
    ['姓名', '身份证号码'],
    ['冉秀英', '500230198404142042'],
  ])
  // As Excel writes it: the formula quoted as a field, its quotes doubled.
  expect(await cellsOf('姓名,身份证号码\r\n冉秀英,"=""500230198404142042"""\r\n')).toEqual([
    ['姓名', '身份证号码'],
    ['冉秀英', '500230198404142042'],
  ])
  // Through the worker thread, as the import reads it.
  const read = await readSpreadsheetGrid(bytes('a,="0123",b\n'), csv)
  expect(read).toEqual({ ok: true, grid: [{ line: 1, cells: ['a', '0123', 'b'] }] })
})

test('各种 ="…" 写法：空、带引号、带空格、制表符分隔 / every ="…" form: empty, quotes inside, spaces around, tab-separated', async () => {
  expect(await cellsOf('="",="a""b","=""x""""y""", ="7" ,="0012"\n')).toEqual([['', 'a"b', 'x"y', '7', '0012']])
  expect(await cellsOf('姓名\t身份证号码\n冉秀英\t="50023019840414204X"\n')).toEqual([
    ['姓名', '身份证号码'],
    ['冉秀英', '50023019840414204X'],
  ])
})

test('不是 ="…" 的公式和文字原样保留 / other formulas and text stay as they are', async () => {
  expect(await cellsOf('="a"&"b",=1+2,"=SUM(A1:A2)",a=b,"x=""y"""\n')).toEqual([['="a"&"b"', '=1+2', '=SUM(A1:A2)', 'a=b', 'x="y"']])
  // A quote inside an unquoted cell is a character, as Excel reads it.
  expect(await cellsOf('5"寸,b\n')).toEqual([['5"寸', 'b']])
})

test('引号真的不成对的文件仍然拒绝 / a file whose quotes really do not pair is still refused', async () => {
  expect(await readGrid(bytes('a,"b\nc,d\n'), csv)).toMatchObject({ ok: false, reason: 'csv' })
})

test('性质：任何文本写成 ="…" 都读回原文 / property: any text written as ="…" reads back as itself', async () => {
  const text = fc.string({ unit: fc.constantFrom(...'0123456789Xx" 张三·-') })
  await fc.assert(
    fc.asyncProperty(text, async (t) => {
      const formula = `="${t.replaceAll('"', '""')}"`
      const quoted = `"${formula.replaceAll('"', '""')}"`
      expect(await cellsOf(`a,${quoted}\n`)).toEqual([['a', t]])
      // Unquoted, as people type it: only text without a delimiter or line break can be written so.
      expect(await cellsOf(`a,${formula}\n`)).toEqual([['a', t]])
    }),
    { numRuns: 200 },
  )
})
