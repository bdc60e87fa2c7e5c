import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { defineExport, xlsxResponse } from './xlsx.server'

type Row = { n: number; name: string; idMasked: string | null }

const EXPORT = defineExport<Row>({
  sheet: '名单',
  columns: [
    { header: '序号', width: 6, value: (r) => r.n, numFmt: '0' },
    { header: '姓名', width: 10, value: (r) => r.name, numFmt: '@' },
    { header: '身份证号(打码)', width: 21, value: (r) => r.idMasked, numFmt: '@' },
  ],
  footer: '身份证号码已打码',
})

function* people(count: number, seen: { pulled: number }) {
  for (let n = 1; n <= count; n++) {
    seen.pulled = n
    yield { n, name: `张${n}`, idMasked: n % 2 ? `500***********${String(n).padStart(4, '0')}` : null }
  }
}

async function open(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  return workbook.worksheets[0]
}

test('导出边写边发：返回时只读了第一批行，读完响应才读完全部 / an export is written as it is sent: only the first rows are read when the response is returned, all of them once it is read', async () => {
  const seen = { pulled: 0 }
  const response = xlsxResponse(EXPORT, people(5_000, seen), { fileName: '名单-2026-11-30.xlsx', asciiFallback: 'list-2026-11-30.xlsx' })
  expect(seen.pulled).toBeLessThanOrEqual(500)
  expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(response.headers.get('Content-Disposition')).toBe(
    `attachment; filename="list-2026-11-30.xlsx"; filename*=UTF-8''${encodeURIComponent('名单-2026-11-30.xlsx')}`,
  )
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  const sheet = await open(response)
  expect(seen.pulled).toBe(5_000)
  expect(sheet.name).toBe('名单')
  expect(sheet.rowCount).toBe(5_001)
  expect(sheet.getRow(2).values).toEqual([undefined, 1, '张1', '500***********0001'])
  expect(sheet.getRow(5_001).getCell(2).value).toBe('张5000')
})

test('每个导出都有粗体冻结可筛选的表头、列宽、文本格式和页脚 / every export has a bold, frozen, filterable header, widths, text columns and a footer', async () => {
  const sheet = await open(xlsxResponse(EXPORT, people(3, { pulled: 0 }), { fileName: 'a.xlsx', asciiFallback: 'a.xlsx' }))
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '身份证号(打码)'])
  expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  expect(sheet.autoFilter).toBeTruthy()
  expect(sheet.columns.map((c) => c.width)).toEqual([6, 10, 21])
  expect(sheet.getRow(2).getCell(3).numFmt).toBe('@')
  expect(sheet.getRow(2).getCell(1).numFmt).toBe('0')
  expect(sheet.headerFooter.oddFooter).toBe('身份证号码已打码')
})

test('写到一半出错时下载以错误结束，而不是悄悄少几行 / a failure half way ends the download with an error, not a silently short file', async () => {
  function* failing() {
    yield { n: 1, name: '张1', idMasked: null }
    throw new Error('database went away')
  }
  const response = xlsxResponse(EXPORT, failing(), { fileName: 'a.xlsx', asciiFallback: 'a.xlsx' })
  await expect(response.arrayBuffer()).rejects.toThrow()
})
