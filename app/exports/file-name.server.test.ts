import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { defineExport, xlsxResponse } from '~/utils/xlsx.server'
import { exportNames } from './file-name.server'

test('导出文件名写明单位、名单、筛选条件和上海日期 / an export is named by organisation, list, filters applied and the Shanghai day', () => {
  const filtered = exportNames({ organisation: '开州区', list: '务工人员台账', filters: ['和谦镇', '已就业'], ascii: 'registry', day: '2026-12-01' })
  expect(filtered.fileName).toBe('开州区-务工人员台账-和谦镇-已就业-2026-12-01.xlsx')
  expect(filtered.asciiFallback).toBe('registry-filtered-2026-12-01.xlsx')
  expect(filtered.title).toBe('开州区务工人员台账（和谦镇，已就业） 导出于 2026-12-01')
  const whole = exportNames({ organisation: '开州区', list: '务工人员台账', filters: [], full: true, ascii: 'registry', day: '2026-12-01' })
  expect(whole.fileName).toBe('开州区-务工人员台账-完整信息-2026-12-01.xlsx')
  expect(whole.asciiFallback).toBe('registry-full-2026-12-01.xlsx')
  expect(whole.fileName).not.toBe(filtered.fileName)
})

test('文件名中去掉路径符号和不可见字符，过长的条件截断 / path characters and invisible ones are dropped, long labels cut', () => {
  const { fileName } = exportNames({
    organisation: '开州区',
    list: '录用人员',
    filters: ['../单位:"A"\u202e', '某'.repeat(50)],
    ascii: 'hires',
    day: '2026-12-01',
  })
  expect(fileName).toBe(`开州区-录用人员-..单位A-${'某'.repeat(20)}-2026-12-01.xlsx`)
  expect(fileName).not.toMatch(/[/\\:"\u202e]/)
})

test('标题行写在表头上方，表头冻结和筛选随之下移 / the title row sits above the headers, which stay frozen and filterable', async () => {
  const EXPORT = defineExport<{ a: string }>({
    sheet: '名单',
    columns: [
      { header: '姓名', width: 10, value: (r) => r.a },
      { header: '乡镇', width: 10, value: () => '和谦镇' },
    ],
  })
  const response = xlsxResponse(EXPORT, [{ a: '张三' }], { fileName: 'a.xlsx', asciiFallback: 'a.xlsx', title: '开州区名单（和谦镇）' })
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]
  expect(sheet.getRow(1).getCell(1).value).toBe('开州区名单（和谦镇）')
  expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['姓名', '乡镇'])
  expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true)
  expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['张三', '和谦镇'])
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
  expect(sheet.autoFilter).toBe('A2:B2')
})
