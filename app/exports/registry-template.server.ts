import ExcelJS from 'exceljs'
import type { Township } from '~/models/area.server'
import { makeIdNumber } from '~/rules/id-number'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, REGISTRY_COLUMNS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { HEADER_OF, IMPORT_MAX_ROWS, TEMPLATE_EXAMPLE_NOTE, type RegistryField } from '~/rules/registry-sheet'
import { addTableSheet } from '~/utils/xlsx.server'
import { ledgerColumns } from './registry.server'

// The ledger import template (product brief §1): the export's columns with one grey example row, a
// drop-down on every choice column, and a second sheet 填写说明 with the allowed values and the rules.
// A small document built in memory, not a list: the county's townships and the label lists.

const CHOICE_LISTS = [
  { field: 'householdStatus', labels: HOUSEHOLD_LABELS },
  { field: 'employmentStatus', labels: EMPLOYMENT_STATUS_LABELS },
  { field: 'employmentNeed', labels: EMPLOYMENT_NEED_LABELS },
  { field: 'skillLevel', labels: SKILL_LEVEL_LABELS },
] as const

/**
 * The county's import template as xlsx bytes. Takes the county's short name (for the instructions) and
 * its townships (the township drop-down and the example row); returns the file's bytes.
 */
export async function registryTemplateBytes(countyName: string, townships: Township[]) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '鲁渝劳务协作'
  workbook.created = new Date()
  const sheet = addTableSheet(
    workbook,
    '务工人员台账',
    ledgerColumns(() => null),
  )
  const countyCode = townships[0]?.code.slice(0, 6) ?? '500000'
  const example: Record<RegistryField, string> = {
    name: '张晓梅',
    idNumber: makeIdNumber({ areaCode: countyCode, birthDate: '1990-01-01', sequence: 2 }),
    phone: '13800000000',
    township: townships[0]?.name ?? '',
    village: '',
    householdStatus: HOUSEHOLD_LABELS.alleviated,
    employmentStatus: EMPLOYMENT_STATUS_LABELS.unemployed,
    employmentNeed: EMPLOYMENT_NEED_LABELS.to_shandong,
    skillLevel: SKILL_LEVEL_LABELS.uncertified,
    skills: '电焊',
    difficulties: '',
    assistanceMeasures: '',
    notes: TEMPLATE_EXAMPLE_NOTE,
  }
  sheet.addRow(REGISTRY_COLUMNS.map((c) => example[c.field])).font = { italic: true, color: { argb: 'FF808080' } }

  const help = workbook.addWorksheet('填写说明', { views: [{ state: 'frozen', ySplit: 1 }] })
  const lists = [
    { header: '乡镇（街道）', values: townships.map((t) => t.name) },
    ...CHOICE_LISTS.map((c) => ({ header: HEADER_OF[c.field], values: Object.values<string>(c.labels) })),
  ]
  help.columns = [...lists.map((l) => ({ header: l.header, width: 16 })), { header: '', width: 4 }, { header: '填写要求', width: 70 }]
  help.getRow(1).font = { bold: true }
  const notes = [
    `本模板用于${countyName}务工人员台账导入，红色列名为必填项。`,
    '第 2 行是示例（灰色斜体），导入前请删除。',
    '身份证号码、手机号码两列已设为“文本”格式，请不要改成数字，否则 Excel 会丢掉后几位。',
    '乡镇（街道）、户类型、就业状态、就业需求、技能水平请从下拉列表或左侧列表中选择。',
    '村（社区）填写村名或社区名即可，例如“驷马社区”。',
    '同一身份证号码只能登记一次；已在任何区县台账中的人员不能重复导入。',
    `一次最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行、10 MB；有任何一行不合格时不会导入任何数据。`,
    '也可以上传 CSV 文件（UTF-8 或 Excel 默认的 GBK 编码均可）。',
  ]
  const longest = Math.max(notes.length, ...lists.map((l) => l.values.length))
  for (let i = 0; i < longest; i++) {
    help.addRow([...lists.map((l) => l.values[i] ?? ''), '', notes[i] ?? ''])
  }
  // exceljs writes range validations but does not declare `dataValidations` in its typings.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations
  lists.forEach((list, i) => {
    if (list.values.length === 0) return
    const column = sheet.getColumn(REGISTRY_COLUMNS.findIndex((c) => c.header === list.header) + 1).letter
    const source = help.getColumn(i + 1).letter
    validations.add(`${column}2:${column}${IMPORT_MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'填写说明'!$${source}$2:$${source}$${list.values.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: list.header,
      error: `请从下拉列表中选择${list.header}`,
    })
  })
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
