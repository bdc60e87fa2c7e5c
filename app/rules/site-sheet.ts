import { normaliseTyped } from './normalise'
import { headerKey } from './sheet-header'
import { SITE_SERVICES, SITE_TYPES, type SiteService, type SiteStatus, type SiteType } from './site-enums'
import { SITE_SERVICE_LABELS, SITE_STATUS_LABELS, SITE_TYPE_LABELS } from './site-labels'

// Service sites as a spreadsheet (issue 14 §1: xlsx import and export of sites): the columns the export
// writes, the template offers and the import reads, the import's limits, and how a cell's Chinese label
// (or stored code) becomes a type or a service. Pure: the import model and the export both read it.

/** The largest site file accepted, in bytes (the ledger import's limit). */
export const SITE_IMPORT_MAX_BYTES = 10 * 1024 * 1024
/** Data rows one import may hold: far more than any city's or county's sites. */
export const SITE_IMPORT_MAX_ROWS = 2_000
/** Problems listed on the page; the rest are counted. */
export const SITE_IMPORT_SHOWN_PROBLEMS = 200

/** The fields of a site a sheet carries (siteFieldsSchema's input names). */
export type SiteSheetField =
  'siteNumber' | 'type' | 'name' | 'address' | 'lat' | 'lng' | 'contactName' | 'contactPhone' | 'openingHours' | 'services' | 'workersHelped'

/** One column: the field, its header, its width in characters, other names a sheet may give it, and whether a cell is text (`@`) or a number. */
export type SiteSheetColumn = { field: SiteSheetField; header: string; width: number; synonyms: readonly string[]; format?: 'text' | 'decimal' | 'whole' }

/** The columns in the order the export and the template write them; every one is required in an import. */
export const SITE_SHEET_COLUMNS: readonly SiteSheetColumn[] = [
  { field: 'siteNumber', header: '站点编号', width: 14, synonyms: ['编号'], format: 'text' },
  { field: 'type', header: '站点类型', width: 18, synonyms: ['类型'] },
  { field: 'name', header: '站点名称', width: 26, synonyms: ['名称'] },
  { field: 'address', header: '地址', width: 34, synonyms: ['站点地址', '详细地址'] },
  { field: 'lat', header: '纬度', width: 12, synonyms: ['纬度(WGS-84)', 'lat'], format: 'decimal' },
  { field: 'lng', header: '经度', width: 12, synonyms: ['经度(WGS-84)', 'lng', 'lon'], format: 'decimal' },
  { field: 'contactName', header: '联系人', width: 10, synonyms: [] },
  { field: 'contactPhone', header: '联系电话', width: 16, synonyms: ['电话', '联系方式'], format: 'text' },
  { field: 'openingHours', header: '开放时间', width: 24, synonyms: ['服务时间', '办公时间'] },
  { field: 'services', header: '服务内容', width: 34, synonyms: ['服务项目'] },
  { field: 'workersHelped', header: '服务人数', width: 10, synonyms: ['累计服务人数'], format: 'whole' },
]

/**
 * The optional last column 状态 (运营中 / 已关闭): the export and the template write it after 服务人数, and an
 * import reads it when the sheet has it — a site is closed or reopened by it; blank leaves an existing
 * site as it is and makes a new one 运营中. A sheet without it imports as before.
 */
export const SITE_STATUS_COLUMN = { header: '状态', width: 10, synonyms: ['站点状态', '运营状态'] } as const

/** The header of each field, as the template writes it (problems name their column by it). */
export const SITE_HEADER_OF = Object.fromEntries(SITE_SHEET_COLUMNS.map((c) => [c.field, c.header])) as Record<SiteSheetField, string>

/** The field each known header names (`status` for 状态), by its headerKey form. */
export const SITE_FIELD_BY_HEADER: ReadonlyMap<string, SiteSheetField | 'status'> = new Map([
  ...SITE_SHEET_COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [headerKey(h), c.field] as const)),
  ...[SITE_STATUS_COLUMN.header, ...SITE_STATUS_COLUMN.synonyms].map((h) => [headerKey(h), 'status'] as const),
])

/** The headerKey forms the reader keeps columns for (plain strings: they go to the reading worker thread). */
export const SITE_HEADER_KEYS: readonly string[] = [...SITE_FIELD_BY_HEADER.keys()]

/** Services in one cell are separated by 、 , ， ; ； / or spaces, as people type lists. */
const SERVICE_SEPARATOR = /[、,，;；/／\s]+/

function labelKey(raw: string) {
  return normaliseTyped(raw.normalize('NFKC'), 'drop')
    .replace(/[()（）]/g, '')
    .toLowerCase()
}

/** Other words people use for a type, by the type they mean. */
const TYPE_SYNONYMS: Readonly<Record<SiteType, readonly string[]>> = {
  workstation: ['工作站', '劳务工作站'],
  workshop: ['帮扶车间', '车间'],
  base: ['帮扶基地', '基地'],
  service_point: ['零工市场', '服务站点', '服务站'],
}

const TYPE_BY_WORD = new Map<string, SiteType>(SITE_TYPES.flatMap((t) => [t, SITE_TYPE_LABELS[t], ...TYPE_SYNONYMS[t]].map((w) => [labelKey(w), t] as const)))
const SERVICE_BY_WORD = new Map<string, SiteService>(SITE_SERVICES.flatMap((s) => [s, SITE_SERVICE_LABELS[s]].map((w) => [labelKey(w), s] as const)))

/**
 * A 站点类型 cell as a type code: the Chinese label (劳务工作站, 就业帮扶车间, 就业帮扶基地, 零工市场（服务站点）),
 * a short form (工作站, 车间, 基地, 零工市场, 服务站点) or the stored code. Returns the code, '' for a blank cell,
 * or null for a word that names no type.
 */
export function siteTypeOfCell(cell: string): SiteType | '' | null {
  const key = labelKey(cell)
  if (key === '') return ''
  return TYPE_BY_WORD.get(key) ?? null
}

/**
 * A 服务内容 cell as service codes: labels (岗位推荐、技能培训) or codes, separated by 、 , ; / or spaces.
 * Returns `codes` (each once, as written) and `unknown`, the words that name no service.
 */
export function siteServicesOfCell(cell: string): { codes: SiteService[]; unknown: string[] } {
  const codes: SiteService[] = []
  const unknown: string[] = []
  for (const word of cell.normalize('NFKC').split(SERVICE_SEPARATOR)) {
    if (labelKey(word) === '') continue
    const code = SERVICE_BY_WORD.get(labelKey(word))
    if (!code) unknown.push(word.trim())
    else if (!codes.includes(code)) codes.push(code)
  }
  return { codes, unknown }
}

/** Other words people write in 状态, by the status they mean (the labels 运营中 / 已关闭 and the codes are read too). */
const STATUS_SYNONYMS: Readonly<Record<SiteStatus, readonly string[]>> = {
  active: ['运营', '开放', '已开放', '开放中', '正常', '正常运营', '营业', '营业中', '启用', '在用', 'open'],
  closed: ['关闭', '已停用', '停用', '关停', '已关停', '停止运营', '暂停', '暂停服务', 'close'],
}

const STATUS_BY_WORD = new Map<string, SiteStatus>(
  (Object.keys(STATUS_SYNONYMS) as SiteStatus[]).flatMap((st) => [st, SITE_STATUS_LABELS[st], ...STATUS_SYNONYMS[st]].map((w) => [labelKey(w), st] as const)),
)

/**
 * A 状态 cell as a status: 运营中 or 已关闭, a common word for either (开放、正常、启用 / 关闭、停用、关停、暂停) or the
 * stored code. Returns the status, '' for a blank cell (no change), or null for a word that names neither.
 */
export function siteStatusOfCell(cell: string): SiteStatus | '' | null {
  const key = labelKey(cell)
  if (key === '') return ''
  return STATUS_BY_WORD.get(key) ?? null
}

/** The message for a 状态 cell that names no status. */
export const SITE_STATUS_CELL_MESSAGE = `状态应为“${SITE_STATUS_LABELS.active}”或“${SITE_STATUS_LABELS.closed}”（空着表示不改）`

/** The message for a 站点类型 cell that names no type: the allowed labels. */
export const SITE_TYPE_CELL_MESSAGE = `站点类型应为：${SITE_TYPES.map((t) => SITE_TYPE_LABELS[t]).join('、')}`

/** The message for 服务内容 words that name no service: the words and the allowed labels. */
export function siteServicesCellMessage(unknown: readonly string[]) {
  return `“${unknown.slice(0, 3).join('、')}”不是可选的服务内容，应从以下选填：${SITE_SERVICES.map((s) => SITE_SERVICE_LABELS[s]).join('、')}`
}

/** A cell's text in a problem: at most 30 characters, then "…". */
export function clipSiteCell(value: string) {
  const chars = [...value.trim()]
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('')
}

/** The template's example row's 站点编号: a row that still has it was not deleted before the import. */
export const SITE_TEMPLATE_EXAMPLE_NUMBER = '示例-请删除'
/** Said on that row instead of the number's format. */
export const SITE_TEMPLATE_EXAMPLE_MESSAGE = '这是模板里的示例行，导入前请删除此行'
/** Said on a row without 纬度 in place of the form's "请在地图上选点…": a sheet has no map to tap. */
export const SITE_BLANK_LAT_MESSAGE = '请填写纬度（WGS-84 坐标，保留 6 位小数）'
