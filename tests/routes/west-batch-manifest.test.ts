import { and, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog } from '../../db/schema'
import { readManifest } from '~/models/manifest.server'
import { action as manifestAction, loader as manifestLoader } from '~/routes/west.batches.$batchId.manifest'
import { action as xlsxAction, loader as xlsxLoader } from '~/routes/west.batches.$batchId.manifest[.xlsx]'
import { db } from '~/utils/db.server'
import { batchWithPeople, storedBatch } from '../factories-batches-h9'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// The manifest (乘车名单, issue 12 §5) through real requests: by bus and seat once planned, 预排 by booking
// order before, masked unless a purpose is chosen (audited), rare characters intact, xlsx in the same order,
// another county's batch a 404.

type View = Awaited<ReturnType<typeof manifestLoader>>
const pathOf = (id: number) => `/west/batches/${id}/manifest`

async function viewAs(username: string, batchId: number) {
  const got = await callLoader(manifestLoader, { path: pathOf(batchId), cookie: await cookieFor(username), params: { batchId: String(batchId) } })
  return got
}

function viewOf(got: Awaited<ReturnType<typeof viewAs>>) {
  if (!('value' in got)) throw new Error(`expected data, got ${got.thrown.status}`)
  return unwrapData<View extends { data: infer D } ? D : never>(got.value)
}

async function sheetOf(response: Response) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await response.arrayBuffer())
  const sheet = book.worksheets[0]
  const rows: string[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))))
  return rows
}

test('排座后的乘车名单：按车按座位，号码打码，生僻字原样 / a planned manifest lists each bus by seat, numbers masked, rare characters intact', async () => {
  const { batch, people } = batchWithPeople('kaizhou', { names: ['𠮷祥', '王䶮', '张三'], seats: [2, 2] })
  const { status, data } = viewOf(await viewAs('kaizhou', batch.id))
  expect(status).toBe(200)
  expect(data.preplan).toBeNull()
  expect(data.buses.map((b) => b.plate)).toEqual(['渝D10001', '渝D10002'])
  const rows = data.buses.flatMap((b) => b.rows)
  expect(rows.map((r) => r.name).sort()).toEqual(['张三', '王䶮', '𠮷祥'].sort())
  for (const bus of data.buses) expect(bus.rows.map((r) => r.seatNo)).toEqual([...bus.rows.map((r) => r.seatNo)].sort((a, b) => a! - b!))
  for (const r of rows) {
    expect(r.idNumber).toMatch(/\*/)
    expect(r.employer).toBe(data.batch.employers[0])
  }
  expect(rows.some((r) => people.some((p) => p.idNumber === r.idNumber))).toBe(false)
  // The stored name is what the page carries, code point for code point (𠮷 is a surrogate pair).
  expect(rows.find((r) => r.name.startsWith('𠮷'))!.name.codePointAt(0)).toBe(0x20bb7)
  expect(rows.find((r) => r.name.endsWith('䶮'))!.name).toBe('王䶮')
})

test('截止报名前：按报名顺序的预排名单，没有座位号 / before the plan the manifest is the 预排 list in booking order without seats', async () => {
  const { batch } = batchWithPeople('kaizhou', { names: ['甲一', '乙二', '丙三'], state: 'open' })
  const { data } = viewOf(await viewAs('kaizhou', batch.id))
  expect(data.buses).toEqual([])
  expect(data.preplan!.map((r) => [r.order, r.name, r.seatNo])).toEqual([
    [1, '甲一', null],
    [2, '乙二', null],
    [3, '丙三', null],
  ])
})

test('其他区县的批次：名单、导出和完整号码都是 404 / another county gets a 404 for the manifest, its export and the full version', async () => {
  const { batch } = batchWithPeople('kaizhou')
  const params = { batchId: String(batch.id) }
  expect(await viewAs('xiushan', batch.id)).toMatchObject({ thrown: { status: 404 } })
  expect(await callLoader(xlsxLoader, { path: `${pathOf(batch.id)}.xlsx`, cookie: await cookieFor('xiushan'), params })).toMatchObject({
    thrown: { status: 404 },
  })
  expect(await actionAs('xiushan', manifestAction, { path: pathOf(batch.id), fields: { reason: 'insurance' }, params })).toMatchObject({
    thrown: { status: 404 },
  })
  expect(
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'manifest.view_full'), eq(auditLog.entityId, String(batch.id))))
      .all(),
  ).toEqual([])
})

test('完整号码：不选用途返回 400 并提示；选了用途显示完整号码并记录，不缓存 / the full numbers need a purpose (400 without), are audited and never cached', async () => {
  const { batch, people } = batchWithPeople('kaizhou', { names: ['赵六'] })
  const params = { batchId: String(batch.id) }
  const refused = await actionAs('kaizhou', manifestAction, { path: pathOf(batch.id), fields: { reason: '' }, params })
  if (!('value' in refused)) throw new Error('expected a reply')
  expect(unwrapData(refused.value)).toMatchObject({ status: 400, data: { error: '请选择查看完整号码的用途，将记录在操作记录中', full: null } })
  const shown = await actionAs('kaizhou', manifestAction, { path: pathOf(batch.id), fields: { reason: 'insurance' }, params })
  if (!('value' in shown)) throw new Error('expected a reply')
  const reply = shown.value as unknown as {
    data: { full: { buses: { rows: { idNumber: string; phone: string }[] }[] } }
    init: { headers: Record<string, string> }
  }
  expect(reply.init.headers['Cache-Control']).toBe('private, no-store')
  expect(reply.data.full.buses[0].rows[0]).toMatchObject({ idNumber: people[0].idNumber, phone: people[0].phone })
  const audit = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'manifest.view_full'), eq(auditLog.entityId, String(batch.id))))
    .all()
  expect(audit).toMatchObject([{ reason: 'insurance', entity: 'batch', detail: { rows: 1 } }])
})

test('Excel 导出：打码版按车按座位；完整版需选用途并记录 / the xlsx lists the manifest in print order, masked; the full file needs a purpose and is audited', async () => {
  const { batch, people } = batchWithPeople('kaizhou', { names: ['𠮷一', '䶮二'], seats: [1, 1] })
  const params = { batchId: String(batch.id) }
  const masked = await callLoader(xlsxLoader, { path: `${pathOf(batch.id)}.xlsx`, cookie: await cookieFor('kaizhou'), params })
  if (!('value' in masked)) throw new Error('expected a file')
  expect(masked.value.headers.get('Cache-Control')).toBe('private, no-store')
  expect(decodeURIComponent(masked.value.headers.get('Content-Disposition')!)).toContain(`乘车名单-第${batch.id}批`)
  const rows = await sheetOf(masked.value)
  expect(rows[0][0]).toContain('乘车名单')
  expect(rows[1].slice(0, 4)).toEqual(['车辆', '座位号', '报名顺序', '姓名'])
  expect(rows.slice(2).map((r) => [r[0], r[1]])).toEqual([
    ['渝D10001', '1'],
    ['渝D10002', '1'],
  ])
  expect(
    rows
      .slice(2)
      .map((r) => r[3])
      .sort(),
  ).toEqual(['䶮二', '𠮷一'].sort())
  expect(rows.slice(2).every((r) => r[5].includes('*'))).toBe(true)
  const refused = await actionAs('kaizhou', xlsxAction, { path: `${pathOf(batch.id)}.xlsx`, fields: {}, params })
  if (!('value' in refused)) throw new Error('expected a reply')
  expect(refused.value.status).toBe(400)
  const full = await actionAs('kaizhou', xlsxAction, { path: `${pathOf(batch.id)}.xlsx`, fields: { reason: 'handover' }, params })
  if (!('value' in full)) throw new Error('expected a file')
  const fullRows = await sheetOf(full.value)
  expect(
    fullRows
      .slice(2)
      .map((r) => r[5])
      .sort(),
  ).toEqual(people.map((p) => p.idNumber).sort())
  expect(
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'manifest.export_full'), eq(auditLog.entityId, String(batch.id))))
      .all(),
  ).toMatchObject([{ reason: 'handover' }])
})

test('300 座的乘车名单读取 / a 300-seat manifest reads every seat in plan order', () => {
  const names = Array.from({ length: 300 }, (_, i) => `乘客${i + 1}`)
  const { batch } = batchWithPeople('kaizhou', { names, seats: [60, 60, 60, 60, 60] })
  const m = readManifest(storedBatch(batch.id))
  expect(m.buses.map((b) => b.rows.length)).toEqual([60, 60, 60, 60, 60])
  expect(m.total).toBe(300)
})
