import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { defineExport, xlsxResponse } from '~/utils/xlsx.server'
import { ALL_DATES, dayRange, exportNames, monthRange } from './file-name.server'

test('导出文件名写明单位、名单、筛选条件和上海日期，标题行另写日期范围 / an export is named by organisation, list, filters applied and the Shanghai day; its title row adds the date range', () => {
  const filtered = exportNames({
    organisation: '开州区',
    list: '务工人员台账',
    filters: ['和谦镇', '已就业'],
    range: ALL_DATES,
    ascii: 'registry',
    day: '2026-12-01',
  })
  expect(filtered.fileName).toBe('开州区-务工人员台账-和谦镇-已就业-2026-12-01.xlsx')
  expect(filtered.asciiFallback).toBe('registry-filtered-2026-12-01.xlsx')
  expect(filtered.title).toBe('开州区务工人员台账 · 日期范围：全部日期 · 筛选条件：和谦镇，已就业 · 导出于 2026-12-01')
  const whole = exportNames({ organisation: '开州区', list: '务工人员台账', filters: [], range: ALL_DATES, full: true, ascii: 'registry', day: '2026-12-01' })
  expect(whole.fileName).toBe('开州区-务工人员台账-完整信息-2026-12-01.xlsx')
  expect(whole.asciiFallback).toBe('registry-full-2026-12-01.xlsx')
  expect(whole.title).toBe('开州区务工人员台账（完整信息） · 日期范围：全部日期 · 筛选条件：无 · 导出于 2026-12-01')
  expect(whole.fileName).not.toBe(filtered.fileName)
})

test('月份筛选既是条件也是日期范围：文件名不变，标题不重复 / a month filter is both a filter and the range: the file name is unchanged and the title says it once', () => {
  const range = monthRange('2026-11')
  expect(range).toBe('2026年11月')
  const names = exportNames({ organisation: '开州区', list: '录用人员', filters: ['和谦镇', '2026年11月'], range, ascii: 'hires', day: '2026-12-01' })
  expect(names.fileName).toBe('开州区-录用人员-和谦镇-2026年11月-2026-12-01.xlsx')
  expect(names.title).toBe('开州区录用人员 · 日期范围：2026年11月 · 筛选条件：和谦镇 · 导出于 2026-12-01')
  // A range the name does not say yet goes into it, after the filters; one the list's name says (2026年) does not.
  const days = exportNames({
    organisation: '协作平台',
    list: '操作记录',
    filters: ['开州区'],
    range: dayRange('2026-11-01', '2026-11-30'),
    ascii: 'audit',
    day: '2026-12-01',
  })
  expect(days.fileName).toBe('协作平台-操作记录-开州区-2026-11-01至2026-11-30-2026-12-01.xlsx')
  expect(days.title).toBe('协作平台操作记录 · 日期范围：2026-11-01 至 2026-11-30 · 筛选条件：开州区 · 导出于 2026-12-01')
  const year = exportNames({ organisation: '开州区', list: '2026年免申即享名单', filters: [], range: '2026年', ascii: 'proactive', day: '2026-12-01' })
  expect(year.fileName).toBe('开州区-2026年免申即享名单-2026-12-01.xlsx')
  expect(year.asciiFallback).toBe('proactive-2026-12-01.xlsx')
  const dates = exportNames({ organisation: '开州区', list: '名单', filters: [], range: dayRange('2026-11-01', null), ascii: 'x', day: '2026-12-01' })
  expect(dates.fileName).toBe('开州区-名单-2026-11-01至今-2026-12-01.xlsx')
  expect(dates.asciiFallback).toBe('x-filtered-2026-12-01.xlsx')
})

test('日期范围的写法 / how a range reads', () => {
  expect(dayRange('2026-11-01', '2026-11-30')).toBe('2026-11-01 至 2026-11-30')
  expect(dayRange('2026-11-01', '2026-11-01')).toBe('2026-11-01')
  expect(dayRange('2026-11-01', null)).toBe('2026-11-01 至今')
  expect(dayRange('', '2026-11-30')).toBe('截至 2026-11-30')
  expect(dayRange(null, undefined)).toBe(ALL_DATES)
  expect(monthRange('2027-01')).toBe('2027年1月')
})

test('文件名中去掉路径符号和不可见字符，过长的条件截断 / path characters and invisible ones are dropped, long labels cut', () => {
  const { fileName } = exportNames({
    organisation: '开州区',
    list: '录用人员',
    filters: ['../单位:"A"\u202e', '某'.repeat(50)],
    range: ALL_DATES,
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
