import { and, count, eq, inArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog, organisations, users, workers } from '../../db/schema'
import { loader as importLoader } from '~/routes/west.workers.import'
import { loader as exportLoader } from '~/routes/west.workers.export[.xlsx]'
import { loader as templateLoader } from '~/routes/west.workers.template[.xlsx]'
import { REGISTRY_COLUMNS } from '~/rules/registry'
import { db } from '~/utils/db.server'
import { addLedgerSheet, csvOf, gbkBytes, person as countyPerson, rowsOf, workbookBytes } from '../fixtures/county-sheets'
import { importAndConfirm, importAnswer, ledgerUpload, runImport } from '../ledger-import'
import { noticeOf } from '../notice'
import { BASE, context, cookieFor, get, settle } from '../request'

const HEADERS = REGISTRY_COLUMNS.map((c) => c.header)

/**
 * A new Kaizhou labourer (tests/fixtures/county-sheets.ts) with a phone, a village and a skill, in template
 * column order; born 1990-05-01, which no seeded person is, so the ID cannot collide with the seeded ledger.
 */
function person(sequence: number, overrides: Record<string, string> = {}) {
  const values = { 手机号码: `139${String(88000000 + sequence)}`, '村（社区）': '驷马社区', 技能特长: '电焊', ...overrides }
  return rowsOf(HEADERS, [countyPerson(sequence, values, { born: '1990-05-01' })])[0]
}

const csv = (rows: string[][], headers: readonly string[] = HEADERS) => csvOf(headers, rows)

const xlsx = (rows: (string | number)[][], headers: readonly string[] = HEADERS) => workbookBytes((w) => addLedgerSheet(w, '台账', headers, rows))

/** An upload with a tenant field the import must ignore: the tenant comes from the session. */
function upload(bytes: Uint8Array | string, fileName: string, cookie: string) {
  return ledgerUpload(bytes, fileName, cookie, { fields: { organisationId: '999' } })
}

function kaizhouLedgerSize() {
  const org = db.select().from(organisations).where(eq(organisations.areaCode, '500154')).get()!
  return db.select({ n: count() }).from(workers).where(eq(workers.organisationId, org.id)).get()!.n
}

function auditRows(action: string) {
  return db.select().from(auditLog).where(eq(auditLog.action, action)).all()
}

async function readExport(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]
  // Row 1 is the title (list, filters, day), row 2 the headers.
  const header = (sheet.getRow(2).values as string[]).slice(1)
  const rows: Record<string, string>[] = []
  sheet.eachRow((row, line) => {
    if (line <= 2) return
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).text])))
  })
  return rows
}

test('干净的 CSV 三行全部导入，只写一条审计 / a clean CSV of three rows imports all three with one audit row', async () => {
  const cookie = await cookieFor('kaizhou')
  const before = kaizhouLedgerSize()
  const auditBefore = auditRows('registry.import').length
  const rows = [person(701), person(703, { 姓名: '谭建华', '村（社区）': '' }), person(705, { 手机号码: '' })]
  const preview = await runImport(upload(csv(rows), '台账.csv', cookie))
  expect('thrown' in preview && preview.thrown.status).toBe(302)
  const previewNotice = await noticeOf((preview as { thrown: Response }).thrown)
  expect(previewNotice.text).toBe('文件已检查，请核对下面的变动后确认导入。')
  // Nothing is written by the preview.
  expect(kaizhouLedgerSize()).toBe(before)
  const { id, confirmed } = await importAndConfirm(upload(csv(rows), '台账.csv', cookie), cookie)
  expect('thrown' in confirmed && (await noticeOf(confirmed.thrown))).toEqual({ location: `/west/imports/${id}`, text: '已导入：新增 3 人，更新 0 人。' })
  expect(kaizhouLedgerSize()).toBe(before + 3)
  const inserted = db
    .select()
    .from(workers)
    .where(
      inArray(
        workers.idNumber,
        rows.map((r) => r[1]),
      ),
    )
    .all()
  expect(inserted).toHaveLength(3)
  const kaizhou = db.select().from(users).where(eq(users.username, 'kaizhou')).get()!
  for (const w of inserted) {
    expect(w.organisationId).toBe(kaizhou.organisationId)
    expect(w.createdByUserId).toBe(kaizhou.id)
    expect(w.birthDate).toBe('1990-05-01')
    expect(w.sex).toBe('male')
    expect(w.townshipCode).toBe('500154001')
    expect(w.householdStatus).toBe('alleviated')
  }
  expect(inserted.find((w) => w.name === '冉秀英' && w.villageCode)?.villageCode).toBe('500154001001')
  const audits = auditRows('registry.import')
  expect(audits).toHaveLength(auditBefore + 1)
  expect(audits.at(-1)!.detail).toEqual({ rows: 3, new: 3, changed: 0, unchanged: 0 })
  expect(JSON.stringify(audits.at(-1))).not.toContain(rows[0][1])
})

test('一行校验位错误则整份不导入，报告行号和列 / one bad checksum imports nothing and names the line and column', async () => {
  const cookie = await cookieFor('kaizhou')
  const before = kaizhouLedgerSize()
  const good = person(711)
  const bad = person(713)
  bad[1] = bad[1].slice(0, 17) + (bad[1][17] === '0' ? '1' : '0')
  const { status, data } = importAnswer(await runImport(upload(csv([good, person(715), bad]), 'bad.csv', cookie)))
  expect(status).toBe(400)
  expect(data.total).toBe(1)
  expect(data.problems).toEqual([{ line: 4, column: '身份证号码', message: '身份证号码校验位不正确，请核对', value: bad[1] }])
  expect(data.groups).toEqual([{ lines: '4', text: `身份证号码“${bad[1]}”：身份证号码校验位不正确，请核对`, count: 1, firstLine: 4 }])
  expect(kaizhouLedgerSize()).toBe(before)
  expect(db.select().from(workers).where(eq(workers.idNumber, good[1])).get()).toBeUndefined()
})

test("已在别县台账的身份证：批量核对不说是哪个县，只记命中个数 / an ID in another county's ledger: the bulk check names no county and audits the count only", async () => {
  const cookie = await cookieFor('kaizhou')
  const xiushan = db.select().from(organisations).where(eq(organisations.areaCode, '500241')).get()!
  const theirs = db.select().from(workers).where(eq(workers.organisationId, xiushan.id)).get()!
  const auditsBefore = auditRows('registry.duplicate_check').length
  const { status, data } = importAnswer(await runImport(upload(csv([person(721), person(723, { 身份证号码: theirs.idNumber })]), 'x.csv', cookie)))
  expect(status).toBe(400)
  expect(data.problems).toEqual([{ line: 3, column: '身份证号码', message: '此人已在其他区县的台账中登记，请与对方区县核实', value: theirs.idNumber }])
  expect(JSON.stringify(data)).not.toContain('秀山')
  const audits = auditRows('registry.duplicate_check')
  expect(audits).toHaveLength(auditsBefore + 1)
  expect(audits.at(-1)!.detail).toEqual({ foreign: 1, via: 'import' })
  expect(JSON.stringify(audits.at(-1))).not.toContain(theirs.idNumber)
})

test('同一文件里重复的身份证两行都报 / the same ID twice in one file reports both lines', async () => {
  const cookie = await cookieFor('kaizhou')
  const twin = person(731)
  const { data } = importAnswer(await runImport(upload(csv([twin, person(733), [...twin]]), 'twins.csv', cookie)))
  expect(data.problems).toEqual([
    { line: 2, column: '身份证号码', message: '与第 4 行的身份证号码重复', value: twin[1] },
    { line: 4, column: '身份证号码', message: '与第 2 行的身份证号码重复', value: twin[1] },
  ])
  expect(db.select().from(workers).where(eq(workers.idNumber, twin[1])).get()).toBeUndefined()
})

test('Excel 存的 GBK 编码 CSV 也能导入 / a GBK-encoded CSV from Excel imports', async () => {
  const cookie = await cookieFor('kaizhou')
  const rows = [person(741, { 姓名: '向德芬' }), person(743, { 困难问题: '家中有老人需要照顾' })]
  const { confirmed } = await importAndConfirm(upload(gbkBytes(csv(rows)), 'gbk.csv', cookie), cookie)
  expect('thrown' in confirmed && (await noticeOf(confirmed.thrown)).text).toBe('已导入：新增 2 人，更新 0 人。')
  const saved = db.select().from(workers).where(eq(workers.idNumber, rows[0][1])).get()!
  expect(saved.name).toBe('向德芬')
})

test('xlsx 里身份证被存成数字时整份拒绝并说明原因 / an xlsx whose ID cell is a number is rejected with the Excel message', async () => {
  const cookie = await cookieFor('kaizhou')
  const asText = person(751)
  const asNumber: (string | number)[] = person(753)
  asNumber[1] = Number(asNumber[1])
  const before = kaizhouLedgerSize()
  const { status, data } = importAnswer(await runImport(upload(await xlsx([asText, asNumber]), '台账.xlsx', cookie)))
  expect(status).toBe(400)
  expect(data.problems).toEqual([
    { line: 3, column: '身份证号码', message: '身份证号码被 Excel 存成了数字，请把该列设为“文本”后重新填写', value: expect.any(String) },
  ])
  expect(kaizhouLedgerSize()).toBe(before)
})

test('xlsx 列顺序不同、带多余列和空行也能导入 / an xlsx with reordered and extra columns and blank rows imports', async () => {
  const cookie = await cookieFor('kaizhou')
  const headers = ['序号', ...[...HEADERS].reverse()]
  const a = person(761)
  const b = person(763, { 户类型: '监测对象' })
  const { confirmed } = await importAndConfirm(
    upload(await xlsx([['1', ...[...a].reverse()], [], ['2', ...[...b].reverse()]], headers), 'r.xlsx', cookie),
    cookie,
  )
  expect('thrown' in confirmed && (await noticeOf(confirmed.thrown)).text).toBe('已导入：新增 2 人，更新 0 人。')
  expect(db.select().from(workers).where(eq(workers.idNumber, b[1])).get()!.householdStatus).toBe('monitored')
})

test('本县没有的乡镇逐行报出 / an unknown township is reported on its line', async () => {
  const cookie = await cookieFor('kaizhou')
  const { data } = importAnswer(await runImport(upload(csv([person(771), person(773, { '乡镇（街道）': '清泉镇' })]), 't.csv', cookie)))
  expect(data.problems).toEqual([{ line: 3, column: '乡镇（街道）', message: '本县没有“清泉镇”这个乡镇（街道）', value: '清泉镇' }])
})

test('缺少必填列时报出列名 / a missing required header is named', async () => {
  const cookie = await cookieFor('kaizhou')
  const headers = HEADERS.filter((h) => h !== '技能水平')
  const rows = [person(781).filter((_, i) => HEADERS[i] !== '技能水平')]
  const { status, data } = importAnswer(await runImport(upload(csv(rows, headers), 'h.csv', cookie)))
  expect(status).toBe(400)
  expect(data.problems).toBeNull()
  expect(data.result.error?.['']?.[0]).toContain('“技能水平”')
})

test('超过 10 MB 的上传得到 413，一行不加 / an oversize upload gets 413 and adds nothing', async () => {
  const cookie = await cookieFor('kaizhou')
  const before = kaizhouLedgerSize()
  const big = `${csv([person(791)])}${'x'.repeat(11 * 1024 * 1024)}`
  // Without Content-Length (as a chunked body would arrive): the upload handler stops at the limit.
  const { status } = importAnswer(await runImport(upload(big, 'big.csv', cookie)))
  expect(status).toBe(413)
  // With a declared Content-Length over the limit the body is never read.
  const declared = new Request(`${BASE}/west/workers/import`, {
    method: 'POST',
    body: 'x'.repeat(11 * 1024 * 1024),
    headers: { Cookie: cookie, 'Content-Type': 'multipart/form-data; boundary=zzz', 'Content-Length': String(11 * 1024 * 1024) },
  })
  const second = importAnswer(await runImport(declared))
  expect(second.status).toBe(413)
  expect(second.data.result.error?.['']).toEqual(['文件超过 10 MB，请分成几个文件导入'])
  expect(kaizhouLedgerSize()).toBe(before)
})

test('没有选文件或不是表单上传时得到 400 / no file, or a body that is not multipart, gets 400', async () => {
  const cookie = await cookieFor('kaizhou')
  const empty = new FormData()
  empty.append('file', new File([], ''))
  const noFile = importAnswer(await runImport(new Request(`${BASE}/west/workers/import`, { method: 'POST', body: empty, headers: { Cookie: cookie } })))
  expect(noFile.status).toBe(400)
  expect(noFile.data.result.error?.file).toEqual(['请选择要导入的 xlsx、CSV 或 txt 文件'])
  const urlEncoded = importAnswer(
    await runImport(
      new Request(`${BASE}/west/workers/import`, {
        method: 'POST',
        body: 'file=abc',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    ),
  )
  expect(urlEncoded.status).toBe(400)
})

test('山东一方的账号导入、模板、导出都是 403 / the other side gets 403 on import, template and export', async () => {
  const cookie = await cookieFor('weifang')
  const imported = await runImport(upload(csv([person(795)]), 'w.csv', cookie))
  expect('thrown' in imported && imported.thrown.status).toBe(403)
  const loaders: (() => Promise<unknown>)[] = [
    () => importLoader({ request: get('/west/workers/import', cookie), context: context(), params: {} }),
    () => templateLoader({ request: get('/west/workers/template.xlsx', cookie), context: context(), params: {} }),
    () => exportLoader({ request: get('/west/workers/export.xlsx?full=1', cookie), context: context(), params: {} }),
  ]
  for (const run of loaders) {
    const result = await settle(run)
    expect('thrown' in result && result.thrown.status).toBe(403)
  }
  expect(
    db
      .select()
      .from(workers)
      .where(eq(workers.idNumber, person(795)[1]))
      .get(),
  ).toBeUndefined()
})

test('模板是带中文文件名的 xlsx，示例行原样上传会被拦下 / the template downloads with a Chinese name and its example row is refused', async () => {
  const cookie = await cookieFor('kaizhou')
  const response = await templateLoader({ request: get('/west/workers/template.xlsx', cookie), context: context(), params: {} })
  expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(response.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('开州区务工人员台账模板.xlsx')}`)
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  const bytes = new Uint8Array(await response.arrayBuffer())
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes.slice().buffer)
  const [sheet, help] = workbook.worksheets
  expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(HEADERS)
  expect(sheet.getColumn(2).numFmt).toBe('@')
  expect(help.name).toBe('填写说明')
  const helpText = JSON.stringify(help.getSheetValues())
  for (const word of ['汉丰街道', '监测对象', '省外务工', '赴山东务工', '高级工及以上']) expect(helpText).toContain(word)
  const { data } = importAnswer(await runImport(upload(bytes, 'template.xlsx', cookie)))
  expect(data.problems).toEqual([{ line: 2, column: '备注', message: '这是模板里的示例行，请删除后再导入', value: '示例行：导入前请删除此行' }])
})

test('导出默认打码，完整信息要记审计 / the export is masked by default; full numbers are audited', async () => {
  const cookie = await cookieFor('kaizhou')
  const org = db.select().from(organisations).where(eq(organisations.areaCode, '500154')).get()!
  const ledger = db.select().from(workers).where(eq(workers.organisationId, org.id)).all()

  const masked = await exportLoader({ request: get('/west/workers/export.xlsx', cookie), context: context(), params: {} })
  expect(masked.headers.get('Content-Disposition')).toMatch(/^attachment; /)
  expect(masked.headers.get('Cache-Control')).toBe('private, no-store')
  const fullAuditsBefore = auditRows('registry.export_full').length
  const maskedRows = await readExport(masked)
  expect(maskedRows).toHaveLength(ledger.length)
  for (const row of maskedRows) expect(row['身份证号码']).toMatch(/^500\*{11}[\dX]{4}$/)
  const maskedText = JSON.stringify(maskedRows)
  for (const w of ledger) expect(maskedText).not.toContain(w.idNumber)
  expect(auditRows('registry.export_full')).toHaveLength(fullAuditsBefore)

  const full = await exportLoader({ request: get('/west/workers/export.xlsx?full=1&household=monitored', cookie), context: context(), params: {} })
  const fullRows = await readExport(full)
  const monitored = ledger.filter((w) => w.householdStatus === 'monitored')
  expect(monitored.length).toBeGreaterThan(0)
  expect(fullRows.map((r) => r['身份证号码']).sort()).toEqual(monitored.map((w) => w.idNumber).sort())
  expect(new Set(fullRows.map((r) => r['户类型']))).toEqual(new Set(['监测对象']))
  const audits = auditRows('registry.export_full')
  expect(audits).toHaveLength(fullAuditsBefore + 1)
  expect(audits.at(-1)!.detail).toEqual({ rows: monitored.length, filters: ['household'] })
  expect(audits.at(-1)!.organisationId).toBe(org.id)
})

test("开州区的导出里没有秀山的任何一行 / Kaizhou's export never contains a Xiushan row", async () => {
  const cookie = await cookieFor('kaizhou')
  const xiushan = db.select().from(organisations).where(eq(organisations.areaCode, '500241')).get()!
  const theirs = db
    .select()
    .from(workers)
    .where(and(eq(workers.organisationId, xiushan.id)))
    .all()
  const response = await exportLoader({ request: get('/west/workers/export.xlsx?full=1', cookie), context: context(), params: {} })
  const rows = await readExport(response)
  const ids = new Set(rows.map((r) => r['身份证号码']))
  expect(rows.length).toBeGreaterThanOrEqual(210)
  for (const w of theirs) expect(ids.has(w.idNumber)).toBe(false)
  for (const id of ids) expect(id.startsWith('500154')).toBe(true)
})
