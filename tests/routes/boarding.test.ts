import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { boardingCheckins } from '../../db/schema'
import { markBoarding, type CheckinInput } from '~/models/boarding.server'
import { moveBatch } from '~/models/batch.server'
import { bookSeat } from '~/models/seat.server'
import { action as pageAction, loader as pageLoader } from '~/routes/west.batches.$batchId.boarding'
import { action as syncAction } from '~/routes/west.batches.$batchId.boarding.sync'
import { addDays, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker } from '../factories'
import { createTestBatch, seatsOf } from '../factories-batches'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// The escort's boarding marks (登记上车, issue 12 §6, decision 022) through the model and the routes on a real
// database: marks and counts, a replayed sync counted once, a conflict never overwritten, another county's
// batch a 404, malformed ids and marks a 400 with nothing written, departure freezing the list, the row
// form without JavaScript and the hand-ticked paper entry (audited with reason paper).

const staff = () => actorFor('kaizhou')

/** A closed batch of kaizhou leaving today with `n` people seated by staff (seat plan made). Returns the batch id and seat ids in seat order. */
function closedBatch(n = 3) {
  const { batch } = createTestBatch('kaizhou', { seats: [45], state: 'open', departureDate: todayInShanghai() })
  for (let i = 0; i < n; i++) bookSeat(staff(), batch.id, { workerId: createLedgerWorker('kaizhou').id })
  moveBatch(staff(), batch.id, 'close')
  return { batchId: batch.id, seatIds: seatsOf(batch.id).map((s) => s.id) }
}

function checkin(seatId: number, mark: CheckinInput['mark'], base: CheckinInput['base'] = null): CheckinInput {
  return { seatId, mark, base, checkinId: randomUUID(), at: new Date().toISOString() }
}

const checkinsOf = (batchId: number) => db.select().from(boardingCheckins).where(eq(boardingCheckins.batchId, batchId)).all()

async function sync(batchId: number, body: unknown, as = 'kaizhou') {
  const got = await callAction(syncAction, {
    path: `/west/batches/${batchId}/boarding/sync`,
    fields: { checkins: typeof body === 'string' ? body : JSON.stringify(body) },
    cookie: await cookieFor(as),
    params: { batchId: String(batchId) },
  })
  if ('thrown' in got) return { status: got.thrown.status, body: null }
  const response = got.value
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

test('逐人登记已上车/未到，计数正确，每次改动都记入操作记录 / marks boarded and no-show, counts them, audits each change', () => {
  const { batchId, seatIds } = closedBatch(3)
  const [a, b, c] = seatIds
  const done = markBoarding(staff(), batchId, [checkin(a, 'boarded'), checkin(b, 'boarded'), checkin(c, 'no_show')])
  expect(done).toMatchObject({ ok: true, applied: 3, unchanged: 0, conflicts: 0, figures: { seated: 3, boarded: 2, noShow: 1, unmarked: 0 } })
  const seats = new Map(seatsOf(batchId).map((s) => [s.id, s]))
  expect(seats.get(a)).toMatchObject({ boarding: 'boarded', boardingByUserId: staff().userId })
  expect(seats.get(c)?.boarding).toBe('no_show')
  expect(auditOf('seat.boarding', a)).toHaveLength(1)
  expect(auditOf('seat.boarding', a)[0].detail).toMatchObject({ batchId, from: null, to: 'boarded' })
  // Clearing a mark (未标) is a change too; marking the same again is not.
  const cleared = markBoarding(staff(), batchId, [checkin(a, null, 'boarded'), checkin(b, 'boarded', 'boarded')])
  expect(cleared).toMatchObject({ ok: true, applied: 1, unchanged: 1, figures: { boarded: 1, noShow: 1, unmarked: 1 } })
  expect(auditOf('seat.boarding', b)).toHaveLength(1)
  expect(checkinsOf(batchId)).toHaveLength(5)
})

test('同一次同步重发两遍只算一次 / a sync sent twice changes and counts nothing the second time', async () => {
  const { batchId, seatIds } = closedBatch(3)
  const queue = [checkin(seatIds[0], 'boarded'), checkin(seatIds[1], 'no_show'), checkin(seatIds[0], 'no_show', 'boarded')]
  const first = await sync(batchId, queue)
  expect(first.status).toBe(200)
  expect(first.body).toMatchObject({ ok: true, applied: 3, figures: { boarded: 0, noShow: 2, unmarked: 1 } })
  const again = await sync(batchId, queue)
  expect(again.status).toBe(200)
  // The stored results are answered; nothing is written again.
  expect(again.body).toMatchObject({ ok: true, applied: 3, figures: { boarded: 0, noShow: 2, unmarked: 1 } })
  expect(checkinsOf(batchId)).toHaveLength(3)
  expect(auditOf('seat.boarding', seatIds[0])).toHaveLength(2)
  expect(auditOf('seat.boarding', seatIds[1])).toHaveLength(1)
  // An id already used for another seat is refused whole.
  const reused = await sync(batchId, [{ ...queue[1], seatId: seatIds[2] }])
  expect(reused).toMatchObject({ status: 400, body: { ok: false } })
})

test('别人先标了就是冲突：不覆盖，答复里有对方的标记和姓名 / a seat marked by someone else meanwhile is a conflict: not overwritten, answered with their mark and name', () => {
  const { batchId, seatIds } = closedBatch(1)
  const [seat] = seatIds
  // Another session marks the person 未到 while the phone, which still saw 未标, ticks 已上车.
  expect(markBoarding(staff(), batchId, [checkin(seat, 'no_show')])).toMatchObject({ ok: true, applied: 1 })
  const phone = markBoarding(staff(), batchId, [checkin(seat, 'boarded', null)])
  if (!phone?.ok) throw new Error('expected an answer')
  expect(phone).toMatchObject({ applied: 0, conflicts: 1 })
  expect(phone.answers[0]).toMatchObject({ result: 'conflict', mark: 'boarded', current: { mark: 'no_show', by: expect.any(String) } })
  expect(phone.answers[0].current.by).not.toBe('')
  expect(seatsOf(batchId)[0].boarding).toBe('no_show')
  expect(auditOf('seat.boarding', seat)).toHaveLength(1)
  // The escort keeps the phone's mark: sent again with the system's mark as its base, it applies.
  expect(markBoarding(staff(), batchId, [checkin(seat, 'boarded', 'no_show')])).toMatchObject({ ok: true, applied: 1 })
  expect(seatsOf(batchId)[0].boarding).toBe('boarded')
})

test('其他区县的批次是 404 / another county’s batch is a 404 to the model, the page and the sync', async () => {
  const { batchId, seatIds } = closedBatch(1)
  expect(markBoarding(actorFor('xiushan'), batchId, [checkin(seatIds[0], 'boarded')])).toBeNull()
  const params = { batchId: String(batchId) }
  const path = `/west/batches/${batchId}/boarding`
  expect(await callLoader(pageLoader, { path, cookie: await cookieFor('xiushan'), params })).toMatchObject({ thrown: { status: 404 } })
  expect(await sync(batchId, [checkin(seatIds[0], 'boarded')], 'xiushan')).toMatchObject({ status: 404 })
  expect(seatsOf(batchId)[0].boarding).toBeNull()
  expect(checkinsOf(batchId)).toHaveLength(0)
})

test('编号、标记有误或不是本批次的人员：400，什么也不写 / malformed ids or marks, or a seat of another batch: 400 and nothing written', async () => {
  const { batchId, seatIds } = closedBatch(2)
  const other = closedBatch(1)
  const good = checkin(seatIds[0], 'boarded')
  for (const body of [
    'not json',
    [],
    [{ ...good, mark: 'flying' }],
    [{ ...good, seatId: -1 }],
    [{ ...good, checkinId: 'x' }],
    [{ ...good, at: 'yesterday' }],
    [good, { ...checkin(seatIds[1], 'boarded'), checkinId: good.checkinId }],
    [good, checkin(other.seatIds[0], 'boarded')],
  ]) {
    expect(await sync(batchId, body)).toMatchObject({ status: 400, body: { ok: false } })
  }
  expect(seatsOf(batchId).map((s) => s.boarding)).toEqual([null, null])
  expect(checkinsOf(batchId)).toHaveLength(0)
  // The row form without JavaScript: a seat id that is none, or an unknown mark.
  const cookie = await cookieFor('kaizhou')
  const params = { batchId: String(batchId) }
  const path = `/west/batches/${batchId}/boarding`
  for (const fields of [
    { intent: 'mark', renderId: randomUUID(), seatId: 'abc', base: 'none', mark: 'boarded' },
    { intent: 'mark', renderId: randomUUID(), seatId: String(seatIds[0]), base: 'none', mark: 'flying' },
    { intent: 'mark', renderId: 'nope', seatId: String(seatIds[0]), base: 'none', mark: 'boarded' },
  ]) {
    const got = await callAction(pageAction, { path, fields, cookie, params })
    if (!('value' in got)) throw new Error('expected a reply')
    expect(unwrapData(got.value).status).toBe(400)
  }
  expect(checkinsOf(batchId)).toHaveLength(0)
})

test('发车后名单冻结：不能再登记，页面只读 / after departure the list is frozen: marks refused, the page read-only', async () => {
  const { batchId, seatIds } = closedBatch(2)
  const sent = checkin(seatIds[0], 'boarded')
  expect(markBoarding(staff(), batchId, [sent])).toMatchObject({ ok: true, applied: 1 })
  expect(moveBatch(staff(), batchId, 'depart')).toMatchObject({ ok: true })
  const late = await sync(batchId, [checkin(seatIds[1], 'boarded')])
  expect(late).toMatchObject({ status: 409, body: { ok: false, error: expect.stringContaining('冻结') } })
  expect(seatsOf(batchId)[1].boarding).toBeNull()
  // A check-in already recorded is still answered (its first answer was lost), changing nothing.
  expect(await sync(batchId, [sent])).toMatchObject({ status: 200, body: { ok: true, applied: 1 } })
  const page = await callLoader(pageLoader, {
    path: `/west/batches/${batchId}/boarding`,
    cookie: await cookieFor('kaizhou'),
    params: { batchId: String(batchId) },
  })
  if (!('value' in page)) throw new Error('expected data')
  expect(page.value.refusal).toBe('批次已发车，不能登记上车')
  expect(page.value.figures).toEqual({ seated: 2, boarded: 1, noShow: 0, unmarked: 1 })
  // Before the seat plan (still open) there is nothing to board either.
  const { batch: open } = createTestBatch('kaizhou', { state: 'open' })
  bookSeat(staff(), open.id, { workerId: createLedgerWorker('kaizhou').id })
  expect(markBoarding(staff(), open.id, [checkin(seatsOf(open.id)[0].id, 'boarded')])).toMatchObject({ ok: false, status: 409 })
})

test('没有 JavaScript 时逐人提交：跳回该人并提示，重发同一表单只算一次 / without JavaScript a row’s form redirects back to the row with a notice; resending it counts once', async () => {
  const { batchId, seatIds } = closedBatch(2)
  const cookie = await cookieFor('kaizhou')
  const params = { batchId: String(batchId) }
  const path = `/west/batches/${batchId}/boarding`
  const fields = { intent: 'mark', renderId: randomUUID(), seatId: String(seatIds[1]), base: 'none', mark: 'no_show' }
  const done = await callAction(pageAction, { path, fields, cookie, params })
  if (!('thrown' in done)) throw new Error('expected a redirect')
  expect(await noticeOf(done.thrown)).toEqual({ location: `${path}#seat-${seatIds[1]}`, text: '已登记：未到。' })
  const resent = await callAction(pageAction, { path, fields, cookie, params })
  if (!('thrown' in resent)) throw new Error('expected a redirect')
  expect(auditOf('seat.boarding', seatIds[1])).toHaveLength(1)
  expect(checkinsOf(batchId)).toHaveLength(1)
  expect(checkinsOf(batchId)[0]).toMatchObject({ source: 'form', result: 'applied' })
})

test('按纸质名单补录：一次提交，只保存改动，记入操作记录（纸质） / the paper entry saves the changed rows at once, audited with reason paper', async () => {
  const { batchId, seatIds } = closedBatch(3)
  const [a, b, c] = seatIds
  markBoarding(staff(), batchId, [checkin(c, 'boarded')])
  const cookie = await cookieFor('kaizhou')
  const params = { batchId: String(batchId) }
  const path = `/west/batches/${batchId}/boarding?mode=paper`
  const page = await callLoader(pageLoader, { path, cookie, params })
  if (!('value' in page)) throw new Error('expected data')
  expect(page.value.paper).toBe(true)
  const fields = {
    intent: 'paper',
    renderId: page.value.renderId,
    [`base-${a}`]: 'none',
    [`mark-${a}`]: 'boarded',
    [`base-${b}`]: 'none',
    [`mark-${b}`]: 'no_show',
    [`base-${c}`]: 'boarded',
    [`mark-${c}`]: 'boarded',
  }
  const saved = await callAction(pageAction, { path, fields, cookie, params })
  if (!('thrown' in saved)) throw new Error('expected a redirect')
  expect((await noticeOf(saved.thrown)).text).toBe('已按纸质名单补录 2 人。')
  expect(seatsOf(batchId).map((s) => s.boarding)).toEqual(['boarded', 'no_show', 'boarded'])
  expect(auditOf('seat.boarding', a)[0].reason).toBe('paper')
  expect(auditOf('seat.boarding', c)).toHaveLength(1)
  // A row someone changed after the paper page was opened is not overwritten: answered 409 with that row.
  markBoarding(staff(), batchId, [checkin(a, 'no_show', 'boarded')])
  const stale = await callAction(pageAction, {
    path,
    fields: { intent: 'paper', renderId: randomUUID(), [`base-${a}`]: 'boarded', [`mark-${a}`]: 'none' },
    cookie,
    params,
  })
  if (!('value' in stale)) throw new Error('expected a reply')
  const reply = unwrapData<{ error: string; conflicts: { seatId: number; text: string }[] }>(stale.value)
  expect(reply.status).toBe(409)
  expect(reply.data.conflicts).toEqual([{ seatId: a, text: expect.stringContaining('冲突：手机上标了未标，系统里已被') }])
  expect(seatsOf(batchId)[0].boarding).toBe('no_show')
})

test('发车日之前不能登记上车，名单只读；发车当天可以逐人登记和按纸质名单补录 / marks are refused before the departure day with the list read-only; on the day rows and the paper entry are taken', async () => {
  const departure = addDays(todayInShanghai(), 11)
  const { batch } = createTestBatch('kaizhou', { seats: [45], state: 'open', departureDate: departure })
  bookSeat(staff(), batch.id, { workerId: createLedgerWorker('kaizhou').id })
  bookSeat(staff(), batch.id, { workerId: createLedgerWorker('kaizhou').id })
  expect(moveBatch(staff(), batch.id, 'close')).toMatchObject({ ok: true })
  const [a, b] = seatsOf(batch.id).map((s) => s.id)
  const early = `发车当天（${Number(departure.slice(5, 7))}月${Number(departure.slice(8, 10))}日）才能登记上车`
  const cookie = await cookieFor('kaizhou')
  const params = { batchId: String(batch.id) }
  const path = `/west/batches/${batch.id}/boarding`
  // The model, the phone's sync, a row's form and the paper entry: each refused with the day named, nothing written.
  expect(markBoarding(staff(), batch.id, [checkin(a, 'boarded')])).toEqual({ ok: false, message: early, status: 409 })
  expect(await sync(batch.id, [checkin(a, 'boarded')])).toEqual({ status: 409, body: { ok: false, error: early } })
  const row = await callAction(pageAction, {
    path,
    fields: { intent: 'mark', renderId: randomUUID(), seatId: String(a), base: 'none', mark: 'boarded' },
    cookie,
    params,
  })
  if (!('value' in row)) throw new Error('expected a reply')
  expect(unwrapData(row.value)).toEqual({ status: 409, data: { error: early, conflicts: [] } })
  const paper = await callAction(pageAction, {
    path: `${path}?mode=paper`,
    fields: { intent: 'paper', renderId: randomUUID(), [`base-${a}`]: 'none', [`mark-${a}`]: 'no_show' },
    cookie,
    params,
  })
  if (!('value' in paper)) throw new Error('expected a reply')
  expect(unwrapData(paper.value)).toMatchObject({ status: 409, data: { error: early } })
  expect(seatsOf(batch.id).map((s) => s.boarding)).toEqual([null, null])
  expect(checkinsOf(batch.id)).toHaveLength(0)
  expect(auditOf('seat.boarding', a)).toHaveLength(0)
  // The page still lists everyone (names and phones to call), read-only, saying from when it takes marks.
  const page = await callLoader(pageLoader, { path, cookie, params })
  if (!('value' in page)) throw new Error('expected data')
  expect(page.value.refusal).toBe(early)
  expect(page.value.rows.map((r) => r.seatId)).toEqual([a, b])
  expect(page.value.rows[0].phone).toEqual(expect.any(String))

  // A batch leaving today: the row's form and the paper entry are taken.
  const today = closedBatch(2)
  const todayPage = await callLoader(pageLoader, { path: `/west/batches/${today.batchId}/boarding`, cookie, params: { batchId: String(today.batchId) } })
  if (!('value' in todayPage)) throw new Error('expected data')
  expect(todayPage.value.refusal).toBeNull()
  const todayParams = { batchId: String(today.batchId) }
  const todayPath = `/west/batches/${today.batchId}/boarding`
  const [c, d] = today.seatIds
  const ticked = await callAction(pageAction, {
    path: todayPath,
    fields: { intent: 'mark', renderId: randomUUID(), seatId: String(c), base: 'none', mark: 'boarded' },
    cookie,
    params: todayParams,
  })
  if (!('thrown' in ticked)) throw new Error('expected a redirect')
  const entered = await callAction(pageAction, {
    path: `${todayPath}?mode=paper`,
    fields: { intent: 'paper', renderId: randomUUID(), [`base-${d}`]: 'none', [`mark-${d}`]: 'no_show' },
    cookie,
    params: todayParams,
  })
  if (!('thrown' in entered)) throw new Error('expected a redirect')
  expect((await noticeOf(entered.thrown)).text).toBe('已按纸质名单补录 1 人。')
  expect(seatsOf(today.batchId).map((s) => s.boarding)).toEqual(['boarded', 'no_show'])
  expect(auditOf('seat.boarding', d)[0].reason).toBe('paper')
})
