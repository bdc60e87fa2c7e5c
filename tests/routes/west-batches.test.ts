import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { batches } from '../../db/schema'
import { addDays, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { action as batchAction, loader as batchLoader } from '~/routes/west.batches.$batchId._index'
import { action as editAction, loader as editLoader } from '~/routes/west.batches.$batchId.edit'
import { loader as listLoader } from '~/routes/west.batches._index'
import { action as newAction } from '~/routes/west.batches.new'
import { createLedgerWorker } from '../factories'
import { createTestBatch, seatsOf } from '../factories-batches'
import { noticeOf } from '../notice'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// The county's batch pages (/west/batches, issue 12 §2–§3) through real requests: a batch made by the form,
// buses and people added on its page, refusals beside their field with 400, another county's batch a 404.

const form = (overrides: Record<string, string> = {}) => ({
  cityCode: '370700',
  pickupName: '汉丰街道汽车站',
  pickupAddress: '开州区汉丰街道滨湖路 1 号',
  departureDate: addDays(todayInShanghai(), 9),
  departureTime: '07:30',
  escortName: '李干部',
  escortPhone: '13800001111',
  notes: '',
  ...overrides,
})

const onPage = (batchId: number, fields: Record<string, string>, as = 'kaizhou') =>
  actionAs(as, batchAction, { path: `/west/batches/${batchId}`, fields, params: { batchId: String(batchId) } })

test('新建批次：保存为草稿并跳到批次页；日期不对时字段旁提示且返回 400 / a new batch is saved as a draft; a bad date is a 400 beside its field', async () => {
  const bad = await actionAs('kaizhou', newAction, { path: '/west/batches/new', fields: form({ departureDate: addDays(todayInShanghai(), -1) }) })
  if (!('value' in bad)) throw new Error('expected a reply')
  const reply = unwrapData<{ error: Record<string, string[]> }>(bad.value)
  expect(reply.status).toBe(400)
  expect(reply.data.error.departureDate).toEqual(['发车日期不能早于今天'])
  const made = await actionAs('kaizhou', newAction, { path: '/west/batches/new', fields: form() })
  if (!('thrown' in made)) throw new Error('expected a redirect')
  const { location, text } = await noticeOf(made.thrown)
  expect(text).toBe('批次已保存为草稿。添加车辆后即可开放报名。')
  const id = Number(location!.split('/').pop())
  expect(db.select().from(batches).where(eq(batches.id, id)).get()).toMatchObject({ state: 'draft', escortName: '李干部', departureTime: '07:30' })
})

test('批次页：加车、开放、按身份证添加台账人员，满了进候补 / a batch page adds a bus, opens, adds ledger people by ID number and waitlists the rest', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [], state: 'draft' })
  const badPlate = await onPage(batch.id, { intent: 'add_vehicle', plate: 'ABC', seats: '45' })
  if (!('value' in badPlate)) throw new Error('expected a reply')
  expect(unwrapData(badPlate.value)).toMatchObject({
    status: 400,
    data: { intent: 'add_vehicle', result: { error: { plate: ['车牌号格式不对，如 渝D12345'] } } },
  })
  expect('thrown' in (await onPage(batch.id, { intent: 'add_vehicle', plate: '渝D·88888', seats: '1' }))).toBe(true)
  expect('thrown' in (await onPage(batch.id, { intent: 'open' }))).toBe(true)
  const [a, b] = [createLedgerWorker('kaizhou'), createLedgerWorker('kaizhou')]
  const first = await onPage(batch.id, { intent: 'add_worker', idNumber: a.idNumber })
  if (!('thrown' in first)) throw new Error('expected a redirect')
  expect((await noticeOf(first.thrown)).text).toBe('已添加，占到座位。')
  const second = await onPage(batch.id, { intent: 'add_worker', idNumber: b.idNumber })
  if (!('thrown' in second)) throw new Error('expected a redirect')
  expect((await noticeOf(second.thrown)).text).toBe('座位已满，已加入候补（第 1 位）。')
  const again = await onPage(batch.id, { intent: 'add_worker', idNumber: a.idNumber })
  if (!('value' in again)) throw new Error('expected a reply')
  expect(unwrapData(again.value)).toMatchObject({ status: 409, data: { result: { error: { idNumber: ['已在此批次占座'] } } } })
  const outsider = await onPage(batch.id, { intent: 'add_worker', idNumber: createLedgerWorker('xiushan').idNumber })
  if (!('value' in outsider)) throw new Error('expected a reply')
  expect(unwrapData(outsider.value)).toMatchObject({ status: 400, data: { result: { error: { idNumber: ['本县台账中没有此身份证号码（或已归档）'] } } } })
  const page = await callLoader(batchLoader, { path: `/west/batches/${batch.id}`, cookie: await cookieFor('kaizhou'), params: { batchId: String(batch.id) } })
  if (!('value' in page)) throw new Error('expected the page')
  expect(page.value.seated.map((p) => p.idMasked)).toEqual([a.idNumber.slice(0, 3) + '*'.repeat(11) + a.idNumber.slice(14)])
  expect(page.value.waitlisted).toHaveLength(1)
  expect(page.value.moves).toEqual(['close'])
  const removed = await onPage(batch.id, { intent: 'remove_seat', seatId: String(page.value.seated[0].id), reason: '本人放弃' })
  expect('thrown' in removed).toBe(true)
  expect(seatsOf(batch.id).map((s) => s.status)).toEqual(['removed', 'seated'])
})

test('另一个区县的批次是 404，列表里也看不到 / another county’s batch is a 404 and is not in its list', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const params = { batchId: String(batch.id) }
  const page = await callLoader(batchLoader, { path: `/west/batches/${batch.id}`, cookie: await cookieFor('xiushan'), params })
  expect('thrown' in page && page.thrown.status).toBe(404)
  const posted = await onPage(batch.id, { intent: 'close' }, 'xiushan')
  expect('thrown' in posted && posted.thrown.status).toBe(404)
  const list = await callLoader(listLoader, { path: '/west/batches', cookie: await cookieFor('xiushan') })
  if (!('value' in list)) throw new Error('expected the list')
  expect(list.value.rows.map((r) => r.id)).not.toContain(batch.id)
  const own = await callLoader(listLoader, { path: '/west/batches?state=open', cookie: await cookieFor('kaizhou') })
  if (!('value' in own)) throw new Error('expected the list')
  expect(own.value.rows.find((r) => r.id === batch.id)).toMatchObject({ capacity: 5, seated: 0, state: 'open' })
  const worker = await callLoader(listLoader, { path: '/west/batches', cookie: await cookieFor('weifang') })
  expect('thrown' in worker).toBe(true)
})

test('修改批次：保存带队干部；外区县 404 / editing a batch saves its escort; another county gets a 404', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const params = { batchId: String(batch.id) }
  const fields = form({ departureDate: batch.departureDate, escortName: '王带队', escortPhone: '13900002222' })
  const saved = await actionAs('kaizhou', editAction, { path: `/west/batches/${batch.id}/edit`, fields, params })
  if (!('thrown' in saved)) throw new Error('expected a redirect')
  expect(await noticeOf(saved.thrown)).toEqual({ location: `/west/batches/${batch.id}`, text: '批次信息已保存。' })
  expect(db.select().from(batches).where(eq(batches.id, batch.id)).get()).toMatchObject({ escortName: '王带队', escortPhone: '13900002222' })
  const outsider = await actionAs('xiushan', editAction, { path: `/west/batches/${batch.id}/edit`, fields, params })
  expect('thrown' in outsider && outsider.thrown.status).toBe(404)
  const page = await callLoader(editLoader, { path: `/west/batches/${batch.id}/edit`, cookie: await cookieFor('kaizhou'), params })
  if (!('value' in page)) throw new Error('expected the page')
  expect(page.value.defaults).toMatchObject({ escortName: '王带队', departureTime: '07:30' })
})

test('截止后调座：两人互换；座号超出时字段旁提示 / after closing, staff move a worker: two swap seats; a seat number the bus lacks is refused beside its field (§4)', async () => {
  const { batch, vehicleIds } = createTestBatch('kaizhou', { seats: [2, 2], state: 'open' })
  const people = Array.from({ length: 3 }, () => createLedgerWorker('kaizhou'))
  for (const w of people) await onPage(batch.id, { intent: 'add_worker', idNumber: w.idNumber })
  await onPage(batch.id, { intent: 'close' })
  const before = seatsOf(batch.id)
  const [a, b] = before
  const target = { vehicleId: String(b.vehicleId), seatNo: String(b.seatNo) }
  const moved = await onPage(batch.id, { intent: 'move_seat', seatId: String(a.id), ...target })
  if (!('thrown' in moved)) throw new Error('expected a redirect')
  expect((await noticeOf(moved.thrown)).text).toBe('座位已调整；原座位有人时两人已互换。')
  const after = seatsOf(batch.id)
  expect(after[0]).toMatchObject({ vehicleId: b.vehicleId, seatNo: b.seatNo })
  expect(after[1]).toMatchObject({ vehicleId: a.vehicleId, seatNo: a.seatNo })
  const refused = await onPage(batch.id, { intent: 'move_seat', seatId: String(a.id), vehicleId: String(vehicleIds[0]), seatNo: '3' })
  if (!('value' in refused)) throw new Error('expected a reply')
  expect(unwrapData(refused.value)).toMatchObject({ status: 400, data: { intent: 'move_seat', result: { error: { seatNo: ['座号应在 1 到 2 之间'] } } } })
})
