import ExcelJS from 'exceljs'
import type { OwnSite } from '~/models/site.server'
import type { SiteExample } from '~/rules/site-examples'
import { SITE_SERVICE_LABELS, SITE_SERVICES, SITE_STATUS_LABELS, SITE_TYPE_LABELS, SITE_TYPES, siteServicesText } from '~/rules/site'
import {
  SITE_HEADER_OF,
  SITE_IMPORT_MAX_ROWS,
  SITE_SHEET_COLUMNS,
  SITE_STATUS_COLUMN,
  SITE_TEMPLATE_EXAMPLE_NUMBER,
  type SiteSheetField,
} from '~/rules/site-sheet'
import { addTableSheet, defineExport, type XlsxColumn } from '~/utils/xlsx.server'

// An owner's service sites as xlsx (issue 14 §1), with the import template's headers so an export can be
// edited and imported back: the point as two number columns 纬度 / 经度 (WGS-84), the phone and the site
// number as text, services as Chinese labels joined by 、, and last 状态 (运营中 / 已关闭), which the import reads
// back to close or reopen a site. The template is the same columns with one grey example row and a sheet
// 填写说明 listing the types and services.

const NUMBER_FORMAT: Record<NonNullable<(typeof SITE_SHEET_COLUMNS)[number]['format']>, string> = { text: '@', decimal: '0.000000', whole: '0' }

/** The sheet's columns in template order, each cell read from a row by `cell`. */
function siteColumns<Row>(cell: (row: Row, field: SiteSheetField) => string | number | null): XlsxColumn<Row>[] {
  return SITE_SHEET_COLUMNS.map((c) => ({
    header: c.header,
    width: c.width,
    value: (row: Row) => cell(row, c.field),
    ...(c.format ? { numFmt: NUMBER_FORMAT[c.format] } : {}),
  }))
}

const SITE_CELL: Record<SiteSheetField, (s: OwnSite) => string | number> = {
  siteNumber: (s) => s.siteNumber,
  type: (s) => SITE_TYPE_LABELS[s.type],
  name: (s) => s.name,
  address: (s) => s.address,
  lat: (s) => s.lat,
  lng: (s) => s.lng,
  contactName: (s) => s.contactName,
  contactPhone: (s) => s.contactPhone,
  openingHours: (s) => s.openingHours,
  services: (s) => siteServicesText(s.services),
  workersHelped: (s) => s.workersHelped,
}

/**
 * The owner's sites in the list's order: the template's columns, 状态 last (the import reads it back: 已关闭
 * closes a site, 运营中 reopens it). No personal data beyond an office contact.
 */
export const SITES_EXPORT = defineExport<OwnSite>({
  sheet: '服务站点',
  columns: [
    ...siteColumns<OwnSite>((s, field) => SITE_CELL[field](s)),
    { header: SITE_STATUS_COLUMN.header, width: SITE_STATUS_COLUMN.width, value: (s) => SITE_STATUS_LABELS[s.status] },
  ],
})

/** The template's grey row: the owner's example site (siteExample) with the contact, hours, services and count every owner shares. */
function exampleRow(example: SiteExample): Record<SiteSheetField, string | number> {
  return {
    siteNumber: SITE_TEMPLATE_EXAMPLE_NUMBER,
    type: SITE_TYPE_LABELS[example.type],
    name: example.name,
    address: example.address,
    lat: example.lat,
    lng: example.lng,
    contactName: '王老师',
    contactPhone: example.contactPhone,
    openingHours: '周一至周五 8:30-17:30',
    services: [SITE_SERVICE_LABELS.job_referral, SITE_SERVICE_LABELS.rights_protection, SITE_SERVICE_LABELS.policy_advice].join('、'),
    workersHelped: 120,
  }
}

/**
 * The import template as xlsx bytes (issue 14 §1). Takes the owner's short name (开州区, 潍坊市) for the
 * instructions and the owner's example site (siteExample) for the grey row and the hints; returns the file's bytes: the export's columns with one grey example row and a 站点类型
 * drop-down, and a second sheet 填写说明 listing the types, the services and the rules.
 */
export async function sitesTemplateBytes(ownerName: string, example: SiteExample) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '鲁渝劳务协作'
  workbook.created = new Date()
  const columns: XlsxColumn<null>[] = [
    ...siteColumns<null>(() => null),
    { header: SITE_STATUS_COLUMN.header, width: SITE_STATUS_COLUMN.width, value: () => null },
  ]
  const sheet = addTableSheet(workbook, '服务站点', columns)
  const row = exampleRow(example)
  sheet.addRow([...SITE_SHEET_COLUMNS.map((c) => row[c.field]), SITE_STATUS_LABELS.active]).font = { italic: true, color: { argb: 'FF808080' } }

  const help = workbook.addWorksheet('填写说明', { views: [{ state: 'frozen', ySplit: 1 }] })
  const types = SITE_TYPES.map((t) => SITE_TYPE_LABELS[t])
  const services = SITE_SERVICES.map((s) => SITE_SERVICE_LABELS[s])
  help.columns = [
    { header: SITE_HEADER_OF.type, width: 22 },
    { header: SITE_HEADER_OF.services, width: 14 },
    { header: '', width: 4 },
    { header: '填写要求', width: 80 },
  ]
  help.getRow(1).font = { bold: true }
  const notes = [
    `本模板用于${ownerName}服务站点的批量导入，每一列都要填写（服务人数可空，按 0 计；状态可空）。`,
    '第 2 行是示例（灰色斜体），导入前请删除。',
    `站点编号由本单位自定，2 到 32 位字母、数字或短横线（如 ${example.siteNumber}），全平台唯一；与本单位已有站点编号相同的行会更新该站点，其他单位已用的编号不能导入。`,
    '站点类型从下拉列表或左侧列表中选择；服务内容可填多项，用顿号“、”隔开，只能从左侧列表中选。',
    '纬度、经度填 WGS-84 坐标（手机 GPS、天地图显示的坐标），保留 6 位小数；高德、百度地图上取的坐标有几百米偏差，请勿直接使用。',
    `联系电话填手机号，或带区号的固定电话（如 ${example.contactPhone}）；该列已设为“文本”格式，请不要改成数字。`,
    `状态填“${SITE_STATUS_LABELS.active}”或“${SITE_STATUS_LABELS.closed}”：已有站点填“${SITE_STATUS_LABELS.closed}”会关闭它（不再显示在公开地图上），填“${SITE_STATUS_LABELS.active}”会重新开放；空着表示已有站点不改，新站点为运营中。`,
    '隐藏的行也会导入：不想导入的行请删除，不要只是隐藏。',
    `一次最多 ${SITE_IMPORT_MAX_ROWS.toLocaleString('en-US')} 行、10 MB；有任何一行不合格时不会导入任何数据。`,
  ]
  const longest = Math.max(notes.length, types.length, services.length)
  for (let i = 0; i < longest; i++) help.addRow([types[i] ?? '', services[i] ?? '', '', notes[i] ?? ''])
  help.getColumn(4).alignment = { wrapText: true, vertical: 'top' }

  // exceljs writes range validations but does not declare `dataValidations` in its typings.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations
  const column = sheet.getColumn(SITE_SHEET_COLUMNS.findIndex((c) => c.field === 'type') + 1).letter
  validations.add(`${column}2:${column}${SITE_IMPORT_MAX_ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`'填写说明'!$A$2:$A$${types.length + 1}`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: SITE_HEADER_OF.type,
    error: `请从下拉列表中选择${SITE_HEADER_OF.type}`,
  })
  const statusColumn = sheet.getColumn(SITE_SHEET_COLUMNS.length + 1).letter
  validations.add(`${statusColumn}2:${statusColumn}${SITE_IMPORT_MAX_ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${SITE_STATUS_LABELS.active},${SITE_STATUS_LABELS.closed}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: SITE_STATUS_COLUMN.header,
    error: `请从下拉列表中选择${SITE_STATUS_COLUMN.header}，或空着`,
  })
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
