import { count, eq, inArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog, organisations, users, workers } from '../../db/schema'
import { createWorker } from '~/models/worker.server'
import { makeIdNumber } from '~/rules/id-number'
import type { Actor } from '~/rules/permissions'
import { REGISTRY_COLUMNS } from '~/rules/registry'
import { ID_STORED_AS_NUMBER_MESSAGE, IMPORT_MAX_ROWS } from '~/rules/registry-sheet'
import { db } from '~/utils/db.server'
import { importRegistryRows } from './worker-import.server'
import { readRegistrySheet, type SheetRow } from './worker-import-read.server'
import { validateRegistryRows } from './worker-import-validate.server'

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
  expect(result).toEqual({ ok: false, errors: [{ line: 2, column: '身份证号码', message: ID_STORED_AS_NUMBER_MESSAGE }], total: 1 })
})

test('一行的多个问题一次报全，按行号和列序排列 / every problem of a row is reported at once, ordered by line and column', () => {
  const { actor } = kaizhou()
  const bad = sheetRow(3, 811)
  Object.assign(bad.values, { name: 'Tom', phone: '12345', township: '汉丰街道', village: '不存在村', skillLevel: '大师' })
  const result = validateRegistryRows([sheetRow(2, 813), bad], actor)
  expect(result.ok).toBe(false)
  if (!('errors' in result)) throw new Error(`expected row problems, got ${JSON.stringify(result)}`)
  expect(result.errors.map((e) => [e.line, e.column])).toEqual([
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

test('校验后有人抢先登记了同一身份证：导入整体不写 / an ID registered after validation makes the whole import write nothing', () => {
  const { actor } = kaizhou()
  const checked = validateRegistryRows([sheetRow(2, 831), sheetRow(3, 833)], actor)
  if (!checked.ok) throw new Error(JSON.stringify(checked))
  const created = createWorker(actor, checked.values[1])
  expect(created.ok).toBe(true)
  const before = db.select({ n: count() }).from(workers).get()!.n
  const imported = importRegistryRows(actor, checked.values)
  expect(imported).toEqual({ ok: false, conflicts: [{ index: 1, message: '本县台账已有此身份证号码，请在列表中查找并编辑原记录' }] })
  expect(db.select({ n: count() }).from(workers).get()!.n).toBe(before)
})

test('写入中途出错时整批回滚，也不留审计 / a failure mid-import rolls back every row and the audit entry', () => {
  const { actor } = kaizhou()
  const checked = validateRegistryRows([sheetRow(2, 841), sheetRow(3, 843)], actor)
  if (!checked.ok) throw new Error(JSON.stringify(checked))
  const broken = [checked.values[0], { ...checked.values[1], townshipCode: '999999999' }]
  const audits = db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'registry.import')).get()!.n
  expect(() => importRegistryRows(actor, broken)).toThrow(/FOREIGN KEY/)
  const ids = checked.values.map((v) => v.idNumber)
  expect(db.select().from(workers).where(inArray(workers.idNumber, ids)).all()).toHaveLength(0)
  expect(db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'registry.import')).get()!.n).toBe(audits)
})
