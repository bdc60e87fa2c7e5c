import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog, pairings } from '../../db/schema'
import type { AuditSearchRow } from '~/models/audit.server'
import { loader as auditLoader } from '~/routes/admin.audit'
import { loader as exportLoader } from '~/routes/admin.audit[.xlsx]'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestEmployer, createTestVacancy } from '../factories'
import { bureauOf, centreOf, userOf } from '../lookups'
import { callLoader, cookieFor, unwrapData } from '../request'

// Issue 11 follow-up: the trail's 对象 column names every record kind it writes (单位, 结对关系, 用人单位,
// 岗位, 台账人员 …), not "单位 #8"; a record since deleted reads as its kind, id and （已删除）. Same in the export.

/** Writes one entry by the operator about (entity, id) under a test action; returns nothing. */
function entryAbout(action: string, entity: string, entityId: number | string) {
  const admin = userOf('admin')
  db.insert(auditLog)
    .values({ actorUserId: admin.id, organisationId: admin.organisationId, action, entity, entityId: String(entityId) })
    .run()
}

test('操作记录的“对象”按名称显示各类记录，已删除的显示编号和（已删除） / the trail names every kind of record and marks deleted ones', async () => {
  const worker = createLedgerWorker('kaizhou', { name: '罗名字' })
  const employer = createTestEmployer('weifang', { name: '潍坊名字测试有限公司' })
  const vacancy = createTestVacancy('weifang', { title: '名字测试焊工' })
  const pairing = db.select().from(pairings).where(eq(pairings.countyCode, '500154')).get()!
  const action = 'test.names'
  entryAbout(action, 'organisation', bureauOf('370700').id)
  entryAbout(action, 'pairing', pairing.id)
  entryAbout(action, 'employer', employer.id)
  entryAbout(action, 'vacancy', vacancy.id)
  entryAbout(action, 'worker', worker.id)
  entryAbout(action, 'vacancy', 987654321)
  entryAbout(action, 'organisation', centreOf('500241').id)

  const r = await callLoader(auditLoader, { path: `/admin/audit?action=${action}`, cookie: await cookieFor('admin') })
  const { data } = unwrapData<{ rows: AuditSearchRow[] }>((r as { value: unknown }).value)
  const labels = data.rows.map((row) => row.targetLabel)
  expect(labels).toEqual([
    `单位：${centreOf('500241').shortName}`,
    '岗位 #987654321（已删除）',
    `台账人员：罗名字（身份证尾号 ${worker.idNumber.slice(-4)}）`,
    '岗位：名字测试焊工',
    '用人单位：潍坊名字测试有限公司',
    '结对关系：开州区 ⇄ 潍坊市',
    `单位：${bureauOf('370700').shortName}`,
  ])

  const x = await callLoader(exportLoader, { path: `/admin/audit.xlsx?action=${action}`, cookie: await cookieFor('admin') })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await (x as { value: Response }).value.arrayBuffer())
  const sheet = book.worksheets[0]
  let headerRow = 1
  while (sheet.getRow(headerRow).getCell(1).text !== '时间') headerRow += 1
  const column = (sheet.getRow(headerRow).values as unknown[]).indexOf('对象')
  const cells = Array.from({ length: labels.length }, (_, i) => sheet.getRow(headerRow + 1 + i).getCell(column).text)
  expect(cells).toEqual(labels)
})
