import { and, count, eq, inArray, isNull } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { ledgerCounts, ledgerImports, users, workers } from '../../db/schema'
import { loader as listLoader } from '~/routes/west.imports._index'
import { loader as importLoader } from '~/routes/west.imports.$importId'
import { loader as problemsLoader } from '~/routes/west.imports.$importId.problems[.xlsx]'
import { todayInShanghai } from '~/rules/dates'
import { makeIdNumber } from '~/rules/id-number'
import { db } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { csvText, ledgerRow } from '../fixtures/spreadsheets'
import { recommendWorker } from '~/models/application.server'
import { createTestVacancy } from '../factories'
import { importAnswer, ledgerUpload, postImportIntent, previewIdOf, runImport } from '../ledger-import'
import { actorFor, auditOf, centreOf } from '../lookups'
import { noticeOf } from '../notice'
import { callLoader, cookieFor } from '../request'

// Issue 11 §1, "done when": a county imports its ledger, changes it in Excel, re-imports it and sees
// exactly the changes; undoes a wrong import. Kept figures (ledger_counts, workers_search) stay equal
// to the rows through imports, updates and undo.

/** The county's kept figure equals its live rows, and the trigram index finds exactly the rows' names. */
function expectKeptFiguresRight(organisationId: number, name: string) {
  const live = db
    .select({ n: count() })
    .from(workers)
    .where(and(eq(workers.organisationId, organisationId), isNull(workers.archivedAt)))
    .get()!.n
  expect(db.select().from(ledgerCounts).where(eq(ledgerCounts.organisationId, organisationId)).get()?.workers ?? 0).toBe(live)
  const indexed = db.$client
    .prepare(
      'select count(*) as n from workers_search join workers on workers.id = workers_search.rowid where workers_search match ? and workers.organisation_id = ?',
    )
    .get(`name: "${name}"`, organisationId) as { n: number }
  const rows = db
    .select({ n: count() })
    .from(workers)
    .where(and(eq(workers.organisationId, organisationId), eq(workers.name, name), isNull(workers.archivedAt)))
    .get()!.n
  expect(indexed.n).toBe(rows)
}

async function preview(rows: string[][], cookie: string, fileName = '开州台账.csv') {
  return previewIdOf(await runImport(ledgerUpload(csvText(rows), fileName, cookie)))
}

async function confirm(id: number, cookie: string) {
  const result = await postImportIntent(id, 'confirm', cookie)
  if (!('thrown' in result)) throw new Error(`confirm answered ${JSON.stringify(result.value)}`)
  return noticeOf(result.thrown)
}

test('导入、在 Excel 里改、再导入：预览只列出真正改了的人和字段，确认后台账照改 / import, edit in Excel, re-import: the preview shows exactly the changes, and the confirm makes them', async () => {
  const cookie = await cookieFor('kaizhou')
  const kaizhou = centreOf('500154')
  const rows = [ledgerRow(101, { 姓名: '谭导入' }), ledgerRow(103, { 姓名: '谭导入' }), ledgerRow(105, { 姓名: '谭导入' })]
  const first = await preview(rows, cookie)
  expect((await confirm(first, cookie)).text).toBe('已导入：新增 3 人，更新 0 人。')
  expectKeptFiguresRight(kaizhou.id, '谭导入')

  // In Excel: one person found work in Shandong, one moved to another township; one row is new.
  const edited = [
    ledgerRow(101, { 姓名: '谭导入', 就业状态: '省外务工' }),
    ledgerRow(103, { 姓名: '谭导入', '乡镇（街道）': '和谦' }),
    ledgerRow(105, { 姓名: '谭导入' }),
    ledgerRow(107, { 姓名: '谭导入' }),
  ]
  const second = await preview(edited, cookie, '开州台账-5月.csv')
  const page = await callLoader(importLoader, { path: `/west/imports/${second}`, cookie, params: { importId: String(second) } })
  if (!('value' in page)) throw new Error('no page')
  expect(page.value.import.counts).toEqual({ new: 1, changed: 2, unchanged: 1, problems: 0, skipped: 0 })
  expect(page.value.mayConfirm).toBe(true)
  expect(page.value.rows.map((r) => r.changes)).toEqual([
    [{ header: '就业状态', before: '未就业', after: '省外务工' }],
    [{ header: '乡镇（街道）', before: '汉丰街道', after: '和谦镇' }],
  ])
  // Nothing written yet.
  const id1101 = rows[0][1]
  expect(db.select().from(workers).where(eq(workers.idNumber, id1101)).get()!.employmentStatus).toBe('unemployed')

  expect((await confirm(second, cookie)).text).toBe('已导入：新增 1 人，更新 2 人。')
  expect(db.select().from(workers).where(eq(workers.idNumber, id1101)).get()!.employmentStatus).toBe('out_of_province')
  expect(db.select().from(workers).where(eq(workers.idNumber, rows[1][1])).get()!.townshipCode).toBe('500154107')
  expectKeptFiguresRight(kaizhou.id, '谭导入')
  expect(auditOf('registry.import', second).at(-1)!.detail).toEqual({ rows: 3, new: 1, changed: 2, unchanged: 1 })

  // A double confirm applies once.
  expect((await confirm(second, cookie)).text).toBe('这份文件已经导入过了，没有重复写入。')
  expect(auditOf('registry.import', second)).toHaveLength(1)

  // Undo is two steps: the page's 撤销这次导入… opens ?confirm=undo, which says exactly what will happen and
  // hands out the form token; a POST without it (not from that view) undoes nothing.
  const params = { importId: String(second) }
  const plain = await callLoader(importLoader, { path: `/west/imports/${second}`, cookie, params })
  expect('value' in plain && plain.value.confirmUndo).toBeNull()
  const asked = await callLoader(importLoader, { path: `/west/imports/${second}?confirm=undo`, cookie, params })
  expect('value' in asked && asked.value.confirmUndo).toEqual({ removed: 1, restored: 2, formToken: expect.stringMatching(/^[\w-]{24}$/) })
  const before = db.select({ n: count() }).from(workers).get()!.n
  const tokenless = await postImportIntent(second, 'undo', cookie, null)
  expect('value' in tokenless && importAnswerStatus(tokenless.value)).toBe(400)
  expect(db.select({ n: count() }).from(workers).get()!.n).toBe(before)
  expect(auditOf('registry.import_undo', second)).toHaveLength(0)

  // Undo: the new row goes, the changed rows get their values back; the figures follow.
  const undoToken = (asked as { value: { confirmUndo: { formToken: string } } }).value.confirmUndo.formToken
  const undone = await postImportIntent(second, 'undo', cookie, undoToken)
  expect('thrown' in undone && (await noticeOf(undone.thrown)).text).toBe('已撤销这次导入：删除新增的 1 人，恢复 2 人原来的内容。')
  expect(db.select({ n: count() }).from(workers).get()!.n).toBe(before - 1)
  expect(db.select().from(workers).where(eq(workers.idNumber, edited[3][1])).get()).toBeUndefined()
  expect(db.select().from(workers).where(eq(workers.idNumber, id1101)).get()!.employmentStatus).toBe('unemployed')
  expect(db.select().from(workers).where(eq(workers.idNumber, rows[1][1])).get()!.townshipCode).toBe('500154001')
  expectKeptFiguresRight(kaizhou.id, '谭导入')
  expect(auditOf('registry.import_undo', second).at(-1)!.detail).toEqual({ removed: 1, restored: 2 })
  // Once undone, it is not undone twice, and the earlier import (no longer the last kept) cannot be undone.
  // The same POST sent again (a double click, a refreshed POST) is told it was already undone.
  const twice = await postImportIntent(second, 'undo', cookie, undoToken)
  expect('thrown' in twice && (await noticeOf(twice.thrown)).text).toBe('这次导入已经撤销过了，没有再次撤销。')
  const otherTab = await postImportIntent(second, 'undo', cookie)
  expect('thrown' in otherTab && (await noticeOf(otherTab.thrown)).text).toBe('这次导入已经撤销过了，没有再次撤销。')
  expect(auditOf('registry.import_undo', second)).toHaveLength(1)
  const gone = await callLoader(importLoader, { path: `/west/imports/${second}?confirm=undo`, cookie, params })
  expect('value' in gone && gone.value.confirmUndo).toBeNull()
  const earlier = await postImportIntent(first, 'undo', cookie)
  expect('value' in earlier && importAnswerStatus(earlier.value)).toBe(409)
})

function importAnswerStatus(value: unknown) {
  return (value as { init?: { status?: number } }).init?.status
}

test('导入后有人改过或报了名的记录，撤销整体不做 / undo does nothing once a row was edited or applied for since', async () => {
  const cookie = await cookieFor('kaizhou')
  const rows = [ledgerRow(121, { 姓名: '冉撤销' }), ledgerRow(123, { 姓名: '冉撤销' })]
  const id = await preview(rows, cookie)
  await confirm(id, cookie)
  const created = db.select().from(workers).where(eq(workers.idNumber, rows[0][1])).get()!
  const vacancy = createTestVacancy('weifang')
  expect(recommendWorker(actorFor('kaizhou'), vacancy.id, created.id, null)?.ok).toBe(true)
  const refused = await postImportIntent(id, 'undo', cookie)
  expect('value' in refused && importAnswerStatus(refused.value)).toBe(409)
  expect(JSON.stringify(refused)).toContain('导入之后已有 1 人的记录被修改、关联账号或报名')
  expect(
    db
      .select({ n: count() })
      .from(workers)
      .where(inArray(workers.idNumber, [rows[0][1], rows[1][1]]))
      .get()!.n,
  ).toBe(2)
  expect(db.select().from(ledgerImports).where(eq(ledgerImports.id, id)).get()!.status).toBe('applied')
})

test('预览之后台账被别人改了：确认整体不写 / a row edited after the preview makes the confirm write nothing', async () => {
  const cookie = await cookieFor('kaizhou')
  const rows = [ledgerRow(131, { 姓名: '向预览' })]
  await confirm(await preview(rows, cookie), cookie)
  const id = await preview([ledgerRow(131, { 姓名: '向预览', 就业状态: '县内务工' }), ledgerRow(133, { 姓名: '向预览' })], cookie)
  // Someone edits the row between the preview and the confirm.
  db.update(workers)
    .set({ notes: '电话回访过', updatedAt: new Date(Date.now() + 5) })
    .where(eq(workers.idNumber, rows[0][1]))
    .run()
  const result = await postImportIntent(id, 'confirm', cookie)
  expect('value' in result && importAnswerStatus(result.value)).toBe(409)
  expect(db.select().from(workers).where(eq(workers.idNumber, rows[0][1])).get()!.employmentStatus).toBe('unemployed')
  expect(
    db
      .select()
      .from(workers)
      .where(eq(workers.idNumber, ledgerRow(133)[1]))
      .get(),
  ).toBeUndefined()
})

test('预览绑定上传人和本县：同县别人不能确认，别县看不到 / a preview is bound to its uploader and county', async () => {
  const cookie = await cookieFor('kaizhou')
  const id = await preview([ledgerRow(141)], cookie)
  const kaizhou = centreOf('500154')
  db.insert(users)
    .values({ username: 'kaizhou-2', passwordHash: await hashPassword('Luyu@2026x'), role: 'west', organisationId: kaizhou.id, displayName: '开州二号' })
    .run()
  const colleague = await postImportIntent(id, 'confirm', await cookieFor('kaizhou-2'))
  expect('thrown' in colleague && colleague.thrown.status).toBe(404)
  const other = await cookieFor('xiushan')
  expect(await postImportIntent(id, 'confirm', other)).toMatchObject({ thrown: expect.objectContaining({ status: 404 }) })
  const page = await callLoader(importLoader, { path: `/west/imports/${id}`, cookie: other, params: { importId: String(id) } })
  expect('thrown' in page && page.thrown.status).toBe(404)
  const list = await callLoader(listLoader, { path: '/west/imports', cookie: other })
  expect('value' in list && list.value.rows.some((r) => r.id === id)).toBe(false)
  expect(
    db
      .select()
      .from(workers)
      .where(eq(workers.idNumber, ledgerRow(141)[1]))
      .get(),
  ).toBeUndefined()
})

test('有问题的文件：问题归类、附填写内容，完整清单下载为标红加批注的 xlsx / a refused file: grouped problems with values, and the full list as a marked-up xlsx', async () => {
  const cookie = await cookieFor('kaizhou')
  const rows = Array.from({ length: 30 }, (_, i) => ledgerRow(201 + i * 2, { 户类型: '贫困户' }))
  rows.push(ledgerRow(299, { 姓名: '' }))
  const { status, data } = importAnswer(await runImport(ledgerUpload(csvText(rows), '有问题.csv', cookie)))
  expect(status).toBe(400)
  expect(data.total).toBe(31)
  expect(data.groups.map((g) => `第 ${g.lines} 行：${g.text}`)).toEqual([
    '第 2–31 行：户类型“贫困户”：户类型应为：脱贫人口、监测对象、其他',
    '第 32 行：姓名（空）：请填写姓名',
  ])
  const response = await callLoader(problemsLoader, {
    path: `/west/imports/${data.importId}/problems.xlsx`,
    cookie,
    params: { importId: String(data.importId) },
  })
  if (!('value' in response)) throw new Error('no download')
  expect(response.value.headers.get('Content-Disposition')).toContain(encodeURIComponent('有问题-问题清单.xlsx'))
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.value.arrayBuffer())
  const sheet = workbook.worksheets[0]
  // Issue 15 §3: a title row like every export's (county, list, the file, the upload's day, the day made), then
  // the headers, then the 31 rows.
  const day = todayInShanghai()
  expect(sheet.getRow(1).getCell(1).text).toBe(`开州区台账导入问题清单 · 日期范围：${day} · 筛选条件：原文件 有问题 · 导出于 ${day}`)
  expect(sheet.getRow(2).getCell(1).text).toBe('原行号')
  expect(sheet.rowCount).toBe(33)
  const household = sheet.getRow(3).getCell(7)
  expect(household.text).toBe('贫困户')
  expect((household.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE')
  expect(JSON.stringify(household.note)).toContain('户类型应为')
  expect((sheet.getRow(3).getCell(2).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE')
  // Fixed where it is read and uploaded again as it is, title row and all, the file imports: the header is found
  // under the title, 原行号 and 问题 are left aside, and every row is new.
  const householdColumn = 7
  const nameColumn = sheet.getRow(2).values as ExcelJS.CellValue[]
  sheet.eachRow((row, n) => {
    if (n < 3) return
    if (row.getCell(householdColumn).text === '贫困户') row.getCell(householdColumn).value = '脱贫人口'
    const name = row.getCell(nameColumn.indexOf('姓名'))
    if (name.text === '') name.value = '问题改正'
  })
  const fixed = new Uint8Array(await workbook.xlsx.writeBuffer())
  const again = previewIdOf(await runImport(ledgerUpload(fixed, '有问题-问题清单.xlsx', cookie)))
  const preview = await callLoader(importLoader, { path: `/west/imports/${again}`, cookie, params: { importId: String(again) } })
  if (!('value' in preview)) throw new Error('no preview')
  expect(preview.value.import.counts).toMatchObject({ new: 31, problems: 0 })
  // Another county's staff cannot download it.
  const other = await callLoader(problemsLoader, {
    path: `/west/imports/${data.importId}/problems.xlsx`,
    cookie: await cookieFor('fengdu'),
    params: { importId: String(data.importId) },
  })
  expect('thrown' in other && other.thrown.status).toBe(404)
})

test('导入记录分页列出：谁、何时、文件名、各项数字、是否撤销 / every import is listed, paged, with who, when, file and counts', async () => {
  const cookie = await cookieFor('fengdu')
  const fengdu = (sequence: number) =>
    ledgerRow(0, { 身份证号码: makeIdNumber({ areaCode: '500230', birthDate: '1990-06-01', sequence }), '乡镇（街道）': '三合街道' })
  for (let i = 0; i < 21; i++) {
    const id = previewIdOf(await runImport(ledgerUpload(csvText([fengdu(301 + i * 2)]), `丰都-${i}.csv`, cookie)))
    if (i === 20) await confirm(id, cookie)
  }
  const first = await callLoader(listLoader, { path: '/west/imports', cookie })
  if (!('value' in first)) throw new Error('no list')
  expect(first.value.total).toBe(21)
  expect(first.value.rows).toHaveLength(20)
  expect(first.value.rows[0]).toMatchObject({
    fileName: '丰都-20.csv',
    status: 'applied',
    newRows: 1,
    changedRows: 0,
    unchangedRows: 0,
    problems: 0,
    uploadedBy: expect.any(String),
  })
  const second = await callLoader(listLoader, { path: '/west/imports?page=2', cookie })
  expect('value' in second && second.value.rows.map((r) => r.fileName)).toEqual(['丰都-0.csv'])
}, 60_000)

test('问题清单的下载文件名里的号码打码 / the download name of the problem list masks numbers in the uploaded name', async () => {
  // The attack (issue 15): the title row masked the uploaded name, the download's name kept a phone number in full.
  const cookie = await cookieFor('kaizhou')
  const { data } = importAnswer(await runImport(ledgerUpload(csvText([ledgerRow(401, { 姓名: '' })]), '13996001234的名单.csv', cookie)))
  const response = await callLoader(problemsLoader, {
    path: `/west/imports/${data.importId}/problems.xlsx`,
    cookie,
    params: { importId: String(data.importId) },
  })
  if (!('value' in response)) throw new Error('no download')
  const disposition = response.value.headers.get('Content-Disposition') ?? ''
  expect(disposition).not.toContain('13996001234')
  expect(decodeURIComponent(disposition)).toContain('-问题清单.xlsx')
  expect(decodeURIComponent(disposition)).not.toMatch(/1\d{10}/)
})
