import { createHash } from 'node:crypto'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { inArray } from 'drizzle-orm'
import { sites } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import type { Actor } from '~/rules/permissions'
import { normaliseSiteNumber, SITE_POINT_MESSAGE, siteFieldsSchema, storedServices, type SiteFields, type SiteStatus } from '~/rules/site'
import {
  clipSiteCell,
  SITE_BLANK_LAT_MESSAGE,
  SITE_FIELD_BY_HEADER,
  SITE_HEADER_KEYS,
  SITE_HEADER_OF,
  SITE_IMPORT_MAX_BYTES,
  SITE_IMPORT_MAX_ROWS,
  SITE_IMPORT_SHOWN_PROBLEMS,
  SITE_SHEET_COLUMNS,
  SITE_STATUS_CELL_MESSAGE,
  SITE_STATUS_COLUMN,
  SITE_TEMPLATE_EXAMPLE_MESSAGE,
  SITE_TEMPLATE_EXAMPLE_NUMBER,
  SITE_TYPE_CELL_MESSAGE,
  siteServicesCellMessage,
  siteServicesOfCell,
  siteStatusOfCell,
  siteTypeOfCell,
  type SiteSheetField,
} from '~/rules/site-sheet'
import { HEADER_PROBE_ROWS, headerKey } from '~/rules/sheet-header'
import { writeActorAudit } from '~/utils/audit.server'
import { CHUNK_SIZE } from '~/utils/chunks.server'
import { type Queryable, writeTransaction } from '~/utils/db.server'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken, type FormOnce } from '~/utils/form-token.server'
import { failure, type Failure } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { DEFAULT_GRID_LIMITS, type Grid } from '~/utils/spreadsheet/grid.server'
import { readSpreadsheetGrid, type ReadRequest } from '~/utils/spreadsheet/read-spreadsheet.server'
import { readUpload, sniffFileKind, UploadError, type Upload, type UploadLimits } from '~/utils/upload.server'
import { getAreaName } from './area.server'
import type { SiteSide } from './site-page.server'
import { pointInAreas } from './site-area.server'
import { closeSite, createSites, reopenSite, siteAreaProblem, siteAreasOf, updateSite } from './site.server'
import { ENCRYPTED_MESSAGE, isEncryptedOffice, READ_OWNER_BUSY } from './worker-import-read.server'

// The xlsx import of an owner's service sites (issue 14 §1). The file is read off the main thread within
// the spreadsheet reader's limits (app/utils/spreadsheet), every row is checked with the site form's own
// schema (app/rules/site.ts), and then all or nothing: any problem in any row and nothing is written;
// otherwise, in one write transaction, each row creates a site or updates the owner's own site with the
// same number (through ./site.server.ts), and the import is audited once as site.import with its counts.
// A number another owner holds is a row problem, never an overwrite. An optional 状态 column (the export's
// last) closes or reopens a site through closeSite / reopenSite, each audited as on the site's page.

/** A row's problem as the page lists it: the spreadsheet line (as Excel numbers it), the column's header, the message and the cell as typed. */
export type SiteImportProblem = { line: number; column: string; message: string; value: string }

/**
 * An import's outcome: `imported` with its counts (`updated` rows changed a field, `closed` / `reopened`
 * rows changed the status — a row may count in both; `unchanged` rows match the site as it is and are not
 * written), or `refused` with the first SITE_IMPORT_SHOWN_PROBLEMS problems by line and their `total`.
 */
export type SiteImportResult =
  | { ok: true; imported: true; created: number; updated: number; closed: number; reopened: number; unchanged: number }
  | { ok: true; imported: false; problems: SiteImportProblem[]; total: number }
  | Failure

/** What a second sending of an import form that already imported gets (nothing is read into the table again). */
export type SiteImportReplay = { ok: true; replayed: true }

/** One data row: its line, its cells by field ('' for an empty cell) and its 状态 cell ('' when blank or the sheet has none). */
type SheetRow = { line: number; cells: Record<SiteSheetField, string>; status: string }

/** The reader's limits for a site file: the shared defaults, rows cut to the import's maximum (plus room for title and header rows). */
const SITE_READ_LIMITS = { ...DEFAULT_GRID_LIMITS, maxRows: SITE_IMPORT_MAX_ROWS + 20, maxColumns: 64 }

const TOO_MANY_ROWS = `一次最多导入 ${SITE_IMPORT_MAX_ROWS.toLocaleString('en-US')} 行站点，请把文件分成几个再导入`
const RESAVE = '请只保留站点所在的工作表，用 Excel 另存为新的 .xlsx 后再上传'
const NOT_XLSX = '只能导入 .xlsx 文件，请先下载模板，或在 Excel 中“另存为” .xlsx 后再上传'

/** The message for a site number another owner holds (issue 14 §1: never an overwrite). */
export const SITE_NUMBER_OTHER_OWNER = '站点编号已被其他单位使用'

/**
 * Imports an uploaded xlsx of the actor's organisation's sites (issue 14 §1). Takes the actor (east or
 * west staff; the owner is actor.organisationId), the file's bytes and name, and the request's `owner`
 * (user id: one read at a time) and `signal`. Returns a Failure for a file that cannot be read as a site
 * sheet (400 with a Chinese message: not an xlsx, too large, too many rows, a header missing; 503 when the
 * reader is busy); `imported: false` with the row problems (nothing written); or `imported: true` with how
 * many sites were created, updated and left unchanged — all in one write transaction, audited once.
 * With the form's sending (`once`, kind 'site_import'), a successful import is recorded against its token
 * and the file's bytes (fileOnce) in the same transaction: a later sending of the same form with the same
 * file returns `replayed` without writing, while the same form with another file (the Back button, another
 * file picked) imports that file; a token and file of another user or kind is a 409 Failure.
 */
export async function importSites(
  actor: Actor,
  bytes: Uint8Array,
  fileName: string,
  request: Pick<ReadRequest, 'owner' | 'signal'> = {},
  once: FormOnce | null = null,
): Promise<SiteImportResult | SiteImportReplay> {
  const read = await readSiteSheet(bytes, fileName, request)
  if (!read.ok) return read
  const checked = checkRows(read.rows)
  // Where each row stands is checked before the write transaction (the outline is bundled: no database), so
  // a file of boundary points never holds the write lock; createSites and updateSite's own checks inside it
  // are then answered from pointInAreas' memory.
  const outside = await areaProblems(actor, checked.valid)
  // A refused import is not recorded against the form token: the same form may be sent again, corrected.
  const outcome: { answer?: SiteImportResult } = {}
  const recorded = createOnce(fileOnce(once, bytes), () =>
    writeTransaction((tx) => {
      const problems = [...checked.problems, ...outside, ...ownershipProblems(tx, actor, checked.numbered)]
      const answer = problems.length > 0 ? refusal(problems) : writeRows(tx, actor, checked.valid, fileName)
      outcome.answer = answer
      return answer.ok && answer.imported ? { ok: true as const, id: actor.organisationId } : null
    }),
  )
  if (recorded?.ok && 'replayed' in recorded) return { ok: true, replayed: true }
  if (recorded && !recorded.ok) return recorded
  return outcome.answer!
}

/**
 * The form's sending keyed on the file too: the page's token with the SHA-256 of the bytes. A double click
 * or a refreshed POST sends the same bytes (replayed, nothing written twice); a person who went Back and
 * picked another file means that file to be imported, and it is.
 */
function fileOnce(once: FormOnce | null, bytes: Uint8Array): FormOnce | null {
  if (!once) return null
  const digest = createHash('sha256').update(bytes).digest('base64url').slice(0, 22)
  return { ...once, token: `${once.token}.${digest}` }
}

// ---------------------------------------------------------------------------------------------
// Reading

async function readSiteSheet(
  bytes: Uint8Array,
  fileName: string,
  request: Pick<ReadRequest, 'owner' | 'signal'>,
): Promise<{ ok: true; rows: SheetRow[] } | Failure> {
  if (bytes.byteLength === 0) return failure('上传的文件是空的')
  if (bytes.byteLength > SITE_IMPORT_MAX_BYTES) return failure('文件超过 10 MB，请分成几个文件导入')
  const kind = sniffFileKind(bytes)
  if (kind === 'ole') return failure(isEncryptedOffice(bytes) ? ENCRYPTED_MESSAGE : '不支持旧版 .xls 格式，请在 Excel 中“另存为” .xlsx 后再上传')
  if (kind !== 'zip') return failure(NOT_XLSX)
  const read = await readSpreadsheetGrid(
    bytes,
    {
      format: 'xlsx',
      limits: SITE_READ_LIMITS,
      headerKeys: [...SITE_HEADER_KEYS],
      minHeaderHits: 3,
      probeLines: HEADER_PROBE_ROWS,
      headerColumnsOnly: true,
      allHeaderSheets: true,
    },
    request,
  )
  // Rows spread over several sheets are refused, never the first read and the rest dropped without a word;
  // a hidden sheet holding them too (a person sees one sheet in Excel and thinks that is all) is named.
  if (read.ok && (read.hiddenHeaderSheets?.length ?? 0) > 0) return failure(hiddenSheetsMessage(read.hiddenHeaderSheets!))
  if (read.ok && (read.headerSheets?.length ?? 0) > 1) return failure(severalSheetsMessage(read.headerSheets!))
  if (read.ok) return rowsOf(read.grid)
  switch (read.reason) {
    case 'busy':
      return failure('系统繁忙，请稍后再试', { status: 503 })
    case 'owner-busy':
      return failure(READ_OWNER_BUSY, { status: 503 })
    case 'aborted':
      return failure('上传已取消')
    case 'encrypted':
      return failure(ENCRYPTED_MESSAGE)
    case 'no-sheet':
      return failure('文件里没有工作表')
    case 'rows':
      return failure(TOO_MANY_ROWS)
    case 'binary':
    case 'csv':
      return failure(`无法识别“${fileName.slice(0, 60)}”的格式。${NOT_XLSX}`)
    case 'corrupt':
      return failure('无法读取这个 xlsx 文件，请确认文件没有损坏，或用 Excel 重新保存后再上传')
    case 'cells':
    case 'bytes':
    case 'entries':
    case 'depth':
    case 'timeout':
    case 'memory':
      return failure(`文件太大或太复杂，${RESAVE}`)
  }
}

/** Sheet names for a message: at most 5, each cut to Excel's 31 characters, the rest as 等. */
function listedSheets(names: string[], quoted: boolean) {
  const shown = names
    .slice(0, 5)
    .map((n) => [...n].slice(0, 31).join('') || '（无名）')
    .map((n) => (quoted ? `“${n}”` : n))
  return shown.join('、') + (names.length > 5 ? ' 等' : '')
}

/** The message for a workbook with the site headers on more than one sheet, naming them (at most 5 shown). */
export function severalSheetsMessage(names: string[]) {
  return `文件里有 ${names.length} 张工作表都有站点表头（${listedSheets(names, false)}），请只保留一张`
}

/**
 * The message for a workbook with the site headers on a hidden or veryHidden sheet, naming it: its rows
 * would not be imported, and a veryHidden sheet cannot even be shown again from Excel's menus, so the way
 * out is copying the sites into a new workbook.
 */
export function hiddenSheetsMessage(names: string[]) {
  return (
    `工作表${listedSheets(names, true)}是隐藏的，里面也有站点表头；隐藏工作表里的站点不会导入。` +
    '请把要导入的站点放在一张显示的工作表里（可以复制到一个新的工作簿），另存为 .xlsx 后再上传'
  )
}

/** The grid (header row first, known columns only) as rows keyed by field; a header missing a column is a Failure. */
function rowsOf(grid: Grid): { ok: true; rows: SheetRow[] } | Failure {
  if (grid.length === 0) return failure('文件里没有内容')
  const [header, ...body] = grid
  const columnOf = new Map<SiteSheetField | 'status', number>()
  for (const [col, raw] of header.cells.entries()) {
    const field = SITE_FIELD_BY_HEADER.get(headerKey(raw))
    if (!field) continue
    if (columnOf.has(field)) return failure(`表头“${field === 'status' ? SITE_STATUS_COLUMN.header : SITE_HEADER_OF[field]}”出现了不止一次，请只保留一列`)
    columnOf.set(field, col)
  }
  const statusColumn = columnOf.get('status')
  const missing = SITE_SHEET_COLUMNS.filter((c) => !columnOf.has(c.field)).map((c) => `“${c.header}”`)
  if (missing.length > 0) return failure(`表头缺少${missing.join('、')}列，请使用模板中的列名`)
  const rows = body.map((r) => ({
    line: r.line,
    cells: Object.fromEntries(SITE_SHEET_COLUMNS.map((c) => [c.field, (r.cells[columnOf.get(c.field)!] ?? '').trim()])) as Record<SiteSheetField, string>,
    status: statusColumn == null ? '' : (r.cells[statusColumn] ?? '').trim(),
  }))
  if (rows.length === 0) return failure('文件里只有表头，没有数据行')
  if (rows.length > SITE_IMPORT_MAX_ROWS) return failure(TOO_MANY_ROWS)
  return { ok: true, rows }
}

// ---------------------------------------------------------------------------------------------
// Checking

/** A row without problems: its values, its 状态 (null: blank, no change) and its number as typed. */
type ValidRow = { line: number; fields: SiteFields; status: SiteStatus | null; numberCell: string }
/** A row whose site number is well formed (whatever its other cells), for the checks across rows. */
type NumberedRow = { line: number; number: string; numberCell: string }

/**
 * Each row through siteFieldsSchema (the form's messages), type and services read from labels first.
 * Returns the problems, the rows without any (`valid`), and every row whose number is well formed
 * (`numbered`), so a repeated or taken number is reported even on a row with other problems.
 */
function checkRows(rows: SheetRow[]) {
  const problems: SiteImportProblem[] = []
  const valid: ValidRow[] = []
  const numbered: NumberedRow[] = []
  for (const { line, cells, status: statusCell } of rows) {
    const before = problems.length
    const problem = (field: SiteSheetField, message: string) =>
      problems.push({ line, column: SITE_HEADER_OF[field], message, value: clipSiteCell(cells[field]) })
    if (cells.siteNumber === SITE_TEMPLATE_EXAMPLE_NUMBER) {
      problem('siteNumber', SITE_TEMPLATE_EXAMPLE_MESSAGE)
      continue
    }
    const type = siteTypeOfCell(cells.type)
    if (type === '') problem('type', '请填写站点类型')
    else if (type === null) problem('type', SITE_TYPE_CELL_MESSAGE)
    const services = siteServicesOfCell(cells.services)
    if (services.unknown.length > 0) problem('services', siteServicesCellMessage(services.unknown))
    const status = siteStatusOfCell(statusCell)
    if (status === null) problems.push({ line, column: SITE_STATUS_COLUMN.header, message: SITE_STATUS_CELL_MESSAGE, value: clipSiteCell(statusCell) })
    const parsed = siteFieldsSchema.safeParse({ ...cells, type: type || 'workstation', services: services.codes })
    if (!parsed.error?.issues.some((i) => i.path[0] === 'siteNumber'))
      numbered.push({ line, number: normaliseSiteNumber(cells.siteNumber), numberCell: cells.siteNumber })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as SiteSheetField
        // A type or service word already reported above is not reported twice.
        if ((field === 'type' && type == null) || (field === 'services' && services.unknown.length > 0)) continue
        problem(field in SITE_HEADER_OF ? field : 'siteNumber', issue.message === SITE_POINT_MESSAGE ? SITE_BLANK_LAT_MESSAGE : issue.message)
      }
    }
    if (problems.length === before && parsed.success) valid.push({ line, fields: parsed.data, status: status || null, numberCell: cells.siteNumber })
  }
  problems.push(...duplicateProblems(numbered))
  return { problems, valid, numbered }
}

/** Every row whose site number another row of the file also has, naming the other lines. */
function duplicateProblems(rows: NumberedRow[]): SiteImportProblem[] {
  const linesOf = new Map<string, number[]>()
  for (const r of rows) linesOf.set(r.number, [...(linesOf.get(r.number) ?? []), r.line])
  return rows.flatMap((r) => {
    const others = linesOf.get(r.number)!.filter((l) => l !== r.line)
    if (others.length === 0) return []
    const named = others.slice(0, 3).join('、') + (others.length > 3 ? ` 等 ${others.length} 行` : ' 行')
    return [{ line: r.line, column: SITE_HEADER_OF.siteNumber, message: `与第 ${named}的站点编号重复`, value: clipSiteCell(r.numberCell) }]
  })
}

type Existing = { id: number; organisationId: number; version: number; status: SiteStatus } & SiteFields

/** The sites already holding the file's numbers, by number. */
function existingByNumber(tx: Queryable, numbers: string[]) {
  const found = new Map<string, Existing>()
  for (let start = 0; start < numbers.length; start += CHUNK_SIZE) {
    for (const s of tx
      .select()
      .from(sites)
      .where(inArray(sites.siteNumber, numbers.slice(start, start + CHUNK_SIZE)))
      .all()) {
      found.set(s.siteNumber, { ...s, services: storedServices(s.services) })
    }
  }
  return found
}

/** Rows checked between two turns of the event loop: a file of boundary points (~1 ms each) never stalls the process. */
const AREA_CHECK_CHUNK = 50

/**
 * Rows whose point is outside the owner's area and its pair (the model refuses them too; here every row is
 * listed), checked a chunk at a time so other requests of this process are served in between.
 */
async function areaProblems(actor: Actor, rows: ValidRow[]): Promise<SiteImportProblem[]> {
  const problems: SiteImportProblem[] = []
  const { codes } = siteAreasOf(actor.areaCode)
  for (let i = 0; i < rows.length; i += AREA_CHECK_CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve))
    for (const r of rows.slice(i, i + AREA_CHECK_CHUNK)) {
      if (pointInAreas(r.fields, codes)) continue
      const message = siteAreaProblem(actor.areaCode, r.fields)!
      problems.push({ line: r.line, column: SITE_HEADER_OF.lat, message, value: clipSiteCell(String(r.fields.lat)) })
    }
  }
  return problems
}

/** Rows whose number another owner holds. */
function ownershipProblems(tx: Queryable, actor: Actor, rows: NumberedRow[]): SiteImportProblem[] {
  const existing = existingByNumber(
    tx,
    rows.map((r) => r.number),
  )
  return rows.flatMap((r) => {
    const site = existing.get(r.number)
    return site && site.organisationId !== actor.organisationId
      ? [{ line: r.line, column: SITE_HEADER_OF.siteNumber, message: SITE_NUMBER_OTHER_OWNER, value: clipSiteCell(r.numberCell) }]
      : []
  })
}

function refusal(problems: SiteImportProblem[]): SiteImportResult {
  const order = new Map([...SITE_SHEET_COLUMNS.map((c) => c.header), SITE_STATUS_COLUMN.header].map((header, i) => [header, i]))
  const sorted = problems.sort((a, b) => a.line - b.line || (order.get(a.column) ?? 0) - (order.get(b.column) ?? 0))
  return { ok: true, imported: false, problems: sorted.slice(0, SITE_IMPORT_SHOWN_PROBLEMS), total: problems.length }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Thrown inside the transaction to roll every row back when the model refuses one. */
class RowRefused extends Error {
  constructor(readonly problem: SiteImportProblem) {
    super(problem.message)
  }
}

const FIELDS = SITE_SHEET_COLUMNS.map((c) => c.field)

function sameFields(a: SiteFields, b: SiteFields) {
  return FIELDS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]))
}

/**
 * Creates or updates each row's site and closes or reopens it as its 状态 says (the caller holds the write
 * transaction), then audits the import once.
 */
function writeRows(tx: Queryable, actor: Actor, rows: ValidRow[], fileName: string): SiteImportResult {
  const existing = existingByNumber(
    tx,
    rows.map((r) => r.fields.siteNumber),
  )
  let created = 0
  let updated = 0
  let closed = 0
  let reopened = 0
  let unchanged = 0
  /** Moves a site to the row's status through closeSite / reopenSite (audited site.close / site.reopen). */
  const setStatus = (row: ValidRow, id: number, to: SiteStatus, version: number) => {
    const result = (to === 'closed' ? closeSite : reopenSite)(actor, id, version)
    if (!result || !result.ok) throw refusedStatus(row, result)
    if (to === 'closed') closed += 1
    else reopened += 1
  }
  /** The problem of a row the model refused, beside 纬度 or 站点编号. */
  const refused = (row: ValidRow, result: Failure | null) => {
    const message = result ? result.message : SITE_NUMBER_OTHER_OWNER
    const field = result?.field === 'lat' ? 'lat' : 'siteNumber'
    const value = field === 'lat' ? String(row.fields.lat) : row.numberCell
    return new RowRefused({ line: row.line, column: SITE_HEADER_OF[field], message, value: clipSiteCell(value) })
  }
  const refusedStatus = (row: ValidRow, result: Failure | null) =>
    new RowRefused({ line: row.line, column: SITE_STATUS_COLUMN.header, message: result?.message ?? SITE_NUMBER_OTHER_OWNER, value: row.status ?? '' })
  try {
    writeTransaction(() => {
      const fresh: ValidRow[] = []
      for (const row of rows) {
        const site = existing.get(row.fields.siteNumber)
        if (!site) {
          fresh.push(row)
          continue
        }
        const moves = row.status != null && row.status !== site.status
        if (sameFields(site, row.fields) && !moves) {
          unchanged += 1
          continue
        }
        let version = site.version
        if (!sameFields(site, row.fields)) {
          const result = updateSite(actor, site.id, row.fields, version)
          if (!result || !result.ok) throw refused(row, result)
          updated += 1
          version += 1
        }
        if (moves) setStatus(row, site.id, row.status!, version)
      }
      // New sites in one go (createSites: a multi-row insert per chunk), in the file's order; those marked
      // 已关闭 are then closed, as a person would close them after adding them.
      const result = createSites(
        actor,
        fresh.map((r) => r.fields),
      )
      if (!result.ok) throw refused(fresh[result.index], result)
      created = fresh.length
      const toClose = fresh.filter((r) => r.status === 'closed')
      const made = existingByNumber(
        tx,
        toClose.map((r) => r.fields.siteNumber),
      )
      for (const row of toClose) {
        const site = made.get(row.fields.siteNumber)!
        setStatus(row, site.id, 'closed', site.version)
      }
    })
  } catch (error) {
    if (error instanceof RowRefused) return refusal([error.problem])
    throw error
  }
  writeActorAudit(tx, actor, {
    action: 'site.import',
    entity: 'organisation',
    entityId: actor.organisationId,
    detail: { fileName: [...fileName].slice(0, 120).join(''), rows: rows.length, created, updated, closed, reopened, unchanged },
  })
  return { ok: true, imported: true, created, updated, closed, reopened, unchanged }
}

// ---------------------------------------------------------------------------------------------
// The import page (/east/sites/import, /west/sites/import): its loader and action, shared by both sides

/** One xlsx file of at most 10 MB in a small form; old .xls, CSV and text are let through only to explain them (400). */
const SITE_UPLOAD: UploadLimits = {
  fileFields: ['file'],
  accept: ['zip', 'ole', 'text'],
  maxFileBytes: SITE_IMPORT_MAX_BYTES,
  maxFiles: 1,
  // Room for the multipart envelope around a file of the maximum size.
  maxBodyBytes: SITE_IMPORT_MAX_BYTES + 64 * 1024,
  maxParts: 8,
  maxFieldBytes: 1024,
  tooLargeMessage: '文件超过 10 MB，请分成几个文件导入',
  wrongTypeMessage: NOT_XLSX,
}

/** What the import page answers with data: the form's error (a refused file), or the row problems of a refused import. */
export type SiteImportPageData = { error: string | null; problems: SiteImportProblem[] | null; total: number }

/** The owner's short name (潍坊市, 开州区) for the page and the template. */
export function siteOwnerName(user: { organisation: { shortName: string } }, actor: Actor) {
  return shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
}

/**
 * The import page's loader: `side`'s staff only (requireActor: anyone else is sent to sign in or refused
 * 403); the owner's name, the limits and the form's token (issueFormToken: a file is imported once per form).
 */
export async function siteImportLoader(args: LoaderFunctionArgs, side: SiteSide) {
  const { user, actor } = await requireActor(args, { role: side })
  return { ownerName: siteOwnerName(user, actor), maxRows: SITE_IMPORT_MAX_ROWS, side, formToken: issueFormToken() }
}

/**
 * The import page's action (issue 14 §1): `side`'s staff only; reads the multipart upload within
 * SITE_UPLOAD's limits, imports it (importSites, once per form token and file: a second sending of a form
 * with the file it imported redirects to the list saying so, nothing written again) and redirects to the side's site list with the counts
 * as a one-time notice. A refused file answers its status (400, 413 too large, 415 not a spreadsheet,
 * 503 busy) with `error`; a file with row problems answers 400 with `problems`, nothing written.
 */
export async function siteImportAction(args: ActionFunctionArgs, side: SiteSide) {
  const { actor } = await requireActor(args, { role: side })
  let upload: Upload
  try {
    upload = await readUpload(args.request, SITE_UPLOAD)
  } catch (error) {
    if (error instanceof UploadError) return refuse(error.message, error.status)
    throw error
  }
  const file = upload.files[0]
  if (!file) return refuse('请选择要导入的 xlsx 文件', 400)
  // The form's text fields only (its token), not a second copy of the file.
  const fields = new FormData()
  for (const [name, value] of upload.fields) fields.append(name, value)
  const once = formOnce(fields, actor.userId, 'site_import')
  const result = await importSites(actor, file.bytes, file.name || '未命名文件', { owner: actor.userId, signal: args.request.signal }, once)
  if (!result.ok) return refuse(result.message, result.status ?? 400)
  // Sent again with the same file (a double click, a refresh of the POST): the first sending imported it.
  if ('replayed' in result) throw await redirectWithNotice(`/${side}/sites`, { text: '这份文件已经导入过了，没有重复写入。' })
  if (!result.imported) return data<SiteImportPageData>({ error: null, problems: result.problems, total: result.total }, { status: 400 })
  throw await redirectWithNotice(`/${side}/sites`, { text: `站点已导入：${importCounts(result)}。` })
}

/** An import's counts as the notice says them: 新增 2 个，更新 1 个，关闭 1 个，重新开放 1 个，3 个没有变化 (the last three only when not 0). */
function importCounts(r: { created: number; updated: number; closed: number; reopened: number; unchanged: number }) {
  return [
    `新增 ${r.created} 个`,
    `更新 ${r.updated} 个`,
    r.closed > 0 ? `关闭 ${r.closed} 个` : null,
    r.reopened > 0 ? `重新开放 ${r.reopened} 个` : null,
    r.unchanged > 0 ? `${r.unchanged} 个没有变化` : null,
  ]
    .filter(Boolean)
    .join('，')
}

function refuse(message: string, status: number) {
  return data<SiteImportPageData>({ error: message, problems: null, total: 0 }, { status })
}
