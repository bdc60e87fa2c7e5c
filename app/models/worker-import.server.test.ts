import { count, eq, inArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog, ledgerImportRows, ledgerImports, organisations, users, workers } from '../../db/schema'
import { createWorker } from '~/models/worker.server'
import { makeIdNumber } from '~/rules/id-number'
import type { Actor } from '~/rules/permissions'
import { REGISTRY_COLUMNS } from '~/rules/registry'
import { ID_STORED_AS_NUMBER_MESSAGE, IMPORT_MAX_ROWS } from '~/rules/registry-sheet'
import { db } from '~/utils/db.server'
import { confirmImport, previewImport } from './worker-import.server'
import { readRegistrySheet, type SheetRow } from './worker-import-read.server'
import { firstProblems, validateRegistryRows } from './worker-import-validate.server'

const HEADERS = REGISTRY_COLUMNS.map((c) => c.header)
const utf8 = (text: string) => new TextEncoder().encode(text)

function kaizhou() {
  const org = db.select().from(organisations).where(eq(organisations.areaCode, '500154')).get()!
  const user = db.select().from(users).where(eq(users.username, 'kaizhou')).get()!
  const actor: Actor = { userId: user.id, role: 'west', organisationId: org.id, areaCode: '500154', ip: '127.0.0.1' }
  return { org, actor }
}

function line(sequence: number, name = '冉秀英') {
  const id = makeIdNumber({ areaCode: '500154', birthDate: '1991-02-03', sequence })
  return `${name},${id},,汉丰街道,,脱贫人口,未就业,赴山东务工,无技能,,,,`
}

function sheetRow(lineNo: number, sequence: number): SheetRow {
  const values = Object.fromEntries(REGISTRY_COLUMNS.map((c) => [c.field, ''])) as SheetRow['values']
  Object.assign(values, {
    name: '谭建华',
    idNumber: makeIdNumber({ areaCode: '500154', birthDate: '1991-02-03', sequence }),
    township: '汉丰街道',
    householdStatus: '其他',
    employmentStatus: '县内务工',
    employmentNeed: '暂无需求',
    skillLevel: '中级工',
  })
  return { line: lineNo, values }
}

test('BOM、全角表头、标题行、空行：行号仍是表格里看到的行号 / BOM, full-width headers, a title row and blank lines keep the visible line numbers', async () => {
  const header = HEADERS.map((h) => ` ${h.replace('（', '(').replace('）', ')')} `).join(',')
  const text = `\uFEFF开州区务工人员五清台账,,,\r\n${header}\r\n${line(801)}\r\n,,,,\r\n\r\n${line(803)}\r\n`
  const result = await readRegistrySheet(utf8(text), 'a.csv')
  expect(result.ok).toBe(true)
  if (!result.ok) return
  expect(result.rows.map((r) => r.line)).toEqual([3, 6])
  expect(result.rows[0].values.township).toBe('汉丰街道')
  expect(result.rows[0].values.name).toBe('冉秀英')
})

test('旧版 xls、空文件、只有表头、重复表头都是文件级错误 / old xls, empty file, header only and a doubled header are file-level errors', async () => {
  const xls = await readRegistrySheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls')
  expect(xls).toEqual({ ok: false, message: expect.stringContaining('.xls') })
  expect(await readRegistrySheet(new Uint8Array(), 'e.csv')).toEqual({ ok: false, message: '上传的文件是空的' })
  expect(await readRegistrySheet(utf8(HEADERS.join(',')), 'h.csv')).toEqual({ ok: false, message: '文件里只有表头，没有数据行' })
  const doubled = await readRegistrySheet(utf8(`${HEADERS.join(',')},姓名\r\n${line(805)},x`), 'd.csv')
  expect(doubled).toEqual({ ok: false, message: '表头“姓名”出现了不止一次，请只保留一列' })
  const broken = await readRegistrySheet(utf8('PK\u0003\u0004 not really a zip'), 'x.xlsx')
  expect(broken.ok).toBe(false)
})

test(`超过 ${IMPORT_MAX_ROWS} 行的文件被拒绝 / a file over the row limit is refused`, async () => {
  const body = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => line(i % 1000)).join('\n')
  const result = await readRegistrySheet(utf8(`${HEADERS.join(',')}\n${body}`), 'big.csv')
  expect(result).toEqual({ ok: false, message: expect.stringContaining('20,000') })
})

test('CSV 里被 Excel 写成科学计数法的身份证给出 Excel 提示 / an ID Excel wrote as 5.00154E+17 in a CSV gets the Excel message', async () => {
  const text = `${HEADERS.join(',')}\n冉秀英,5.00154E+17,,汉丰街道,,脱贫人口,未就业,赴山东务工,无技能,,,,`
  const read = await readRegistrySheet(utf8(text), 'e.csv')
  if (!read.ok) throw new Error(read.message)
  const { actor } = kaizhou()
  const result = validateRegistryRows(read.rows, actor)
  if (!result.ok) throw new Error(result.message)
  expect(result.problems).toBe(1)
  expect(firstProblems(result.problemRows)).toEqual([{ line: 2, column: '身份证号码', message: ID_STORED_AS_NUMBER_MESSAGE, value: '5.00154E+17' }])
})

test('一行的多个问题一次报全，按行号和列序排列 / every problem of a row is reported at once, ordered by line and column', () => {
  const { actor } = kaizhou()
  const bad = sheetRow(3, 811)
  Object.assign(bad.values, { name: 'Tom', phone: '12345', township: '汉丰街道', village: '不存在村', skillLevel: '大师' })
  const result = validateRegistryRows([sheetRow(2, 813), bad], actor)
  if (!result.ok) throw new Error(result.message)
  expect(result.good.map((g) => g.line)).toEqual([2])
  expect(firstProblems(result.problemRows).map((e) => [e.line, e.column])).toEqual([
    [3, '姓名'],
    [3, '手机号码'],
    [3, '村（社区）'],
    [3, '技能水平'],
  ])
})

test('xlsx 合并单元格的乡镇、公式结果按看到的文字读取 / merged township cells and formula results read as displayed', async () => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('台账')
  sheet.addRow(HEADERS)
  const a = makeIdNumber({ areaCode: '500154', birthDate: '1991-02-03', sequence: 821 })
  const b = makeIdNumber({ areaCode: '500154', birthDate: '1991-02-03', sequence: 823 })
  sheet.addRow(['冉秀英', a, '', '汉丰街道', '', '脱贫人口', '未就业', '赴山东务工', '无技能'])
  sheet.addRow(['谭建华', b, { formula: '"139"&"00001111"', result: '13900001111' }, '', '', '其他', '未就业', '赴山东务工', '无技能'])
  sheet.mergeCells('D2:D3')
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
  const result = await readRegistrySheet(bytes, 'm.xlsx')
  if (!result.ok) throw new Error(result.message)
  expect(result.rows.map((r) => [r.line, r.values.township, r.values.phone])).toEqual([
    [2, '汉丰街道', ''],
    [3, '汉丰街道', '13900001111'],
  ])
})

const ALL_FIELDS = REGISTRY_COLUMNS.map((c) => c.field)

test('预览后有人抢先登记了同一身份证：确认时整体不写 / an ID registered after the preview makes the confirm write nothing', async () => {
  const { actor } = kaizhou()
  const rows = [sheetRow(2, 831), sheetRow(3, 833)]
  const preview = await previewImport(actor, 'race.csv', { rows, fields: ALL_FIELDS, skipped: 0 })
  if (!preview.ok) throw new Error(preview.message)
  const checked = validateRegistryRows([rows[1]], actor)
  if (!checked.ok) throw new Error(checked.message)
  expect(createWorker(actor, checked.good[0].values).ok).toBe(true)
  const before = db.select({ n: count() }).from(workers).get()!.n
  const confirmed = confirmImport(actor, preview.id)
  expect(confirmed).toMatchObject({ ok: false, status: 409, message: expect.stringContaining('预览之后台账已有变动') })
  expect(db.select({ n: count() }).from(workers).get()!.n).toBe(before)
  expect(db.select().from(ledgerImports).where(eq(ledgerImports.id, preview.id)).get()!.status).toBe('previewed')
})

test('写入中途出错时整批回滚，也不留审计 / a failure mid-import rolls back every row and the audit entry', async () => {
  const { actor } = kaizhou()
  const rows = [sheetRow(2, 841), sheetRow(3, 843)]
  const preview = await previewImport(actor, 'broken.csv', { rows, fields: ALL_FIELDS, skipped: 0 })
  if (!preview.ok) throw new Error(preview.message)
  // A kept row pointing at a township that does not exist: the foreign key fails on the second insert.
  const kept = db.select().from(ledgerImportRows).where(eq(ledgerImportRows.importId, preview.id)).all()
  db.update(ledgerImportRows)
    .set({ values: { ...kept[1].values, townshipCode: '999999999' } })
    .where(eq(ledgerImportRows.id, kept[1].id))
    .run()
  const audits = db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'registry.import')).get()!.n
  expect(() => confirmImport(actor, preview.id)).toThrow(/FOREIGN KEY/)
  const ids = kept.map((k) => String(k.values.idNumber))
  expect(db.select().from(workers).where(inArray(workers.idNumber, ids)).all()).toHaveLength(0)
  expect(db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'registry.import')).get()!.n).toBe(audits)
  expect(db.select().from(ledgerImports).where(eq(ledgerImports.id, preview.id)).get()!.status).toBe('previewed')
})
