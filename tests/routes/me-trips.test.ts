import { randomUUID } from 'node:crypto'
import { createElement } from 'react'
import { expect, test } from 'vitest'
import { NextTrip, OpenBatch, OwnTrip } from '~/components/trip-cards'
import { moveBatch } from '~/models/batch.server'
import { markBoarding } from '~/models/boarding.server'
import { endSeat } from '~/models/seat.server'
import { loader as meLoader } from '~/routes/me._index'
import { action, loader } from '~/routes/me.trips'
import { addDays, todayInShanghai } from '~/rules/dates'
import { actorFor, createPendingAccount, createWorkerAccount } from '../factories'
import { createTestBatch, seatsOf } from '../factories-batches'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { renderAt, textOf } from '../render'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// 我的行程 (issue 12 §3, §9) through the route's loader and action on a real database: book, replay, waitlist,
// cancel with promotion, another county's batch (404), an unverified account, and the notices /me shows once.

async function worker(centre = 'kaizhou') {
  const account = await createWorkerAccount(centre)
  return { ...account, cookie: await cookieFor(account.user.username) }
}

const page = async (cookie: string) => {
  const r = await callLoader(loader, { path: '/me/trips', cookie })
  if ('thrown' in r) throw new Error(`loader threw ${r.thrown.status}`)
  return r.value
}
const book = (cookie: string, batchId: number) => callAction(action, { path: '/me/trips', fields: { intent: 'book', batchId: String(batchId) }, cookie })
const cancel = (cookie: string, seatId: number) => callAction(action, { path: '/me/trips', fields: { intent: 'cancel', seatId: String(seatId) }, cookie })
async function noticeText(result: Awaited<ReturnType<typeof book>>) {
  if (!('thrown' in result)) throw new Error(`no redirect: ${JSON.stringify(unwrapData(result.value))}`)
  return noticeOf(result.thrown)
}
async function mePage(cookie: string) {
  const r = await callLoader(meLoader, { path: '/me', cookie })
  if ('thrown' in r) throw new Error(`/me threw ${r.thrown.status}`)
  return r.value
}
async function meNotices(cookie: string) {
  return (await mePage(cookie)).tripNotices
}

test('核验通过的工人看到本县开放的批次，报名占座，重复提交只占一个座位并被告知 / a verified worker sees their county open batches, books a seat, and a replayed POST holds one place and says so (§3)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [2] })
  const other = createTestBatch('xiushan', { seats: [2] }).batch
  const me = await worker()
  const before = await page(me.cookie)
  expect(before.verified).toBe(true)
  expect(before.open.find((b) => b.id === batch.id)).toMatchObject({ seatsLeft: 2, capacity: 2, held: null })
  expect(before.open.some((b) => b.id === other.id)).toBe(false)

  expect(await noticeText(await book(me.cookie, batch.id))).toEqual({ location: '/me/trips', text: '报名成功，占到座位。' })
  expect(await noticeText(await book(me.cookie, batch.id))).toEqual({ location: '/me/trips', text: '您已报名过这个批次（占到座位），不用重复报名。' })
  const rows = seatsOf(batch.id)
  expect(rows).toHaveLength(1)
  expect(auditOf('seat.book', rows[0].id)).toHaveLength(1)
  const after = await page(me.cookie)
  expect(after.open.find((b) => b.id === batch.id)).toMatchObject({ seatsLeft: 1, held: '您已报名，占到座位。' })
  expect(after.trips).toMatchObject([{ seatId: rows[0].id, status: 'seated', cancellable: true, batchState: 'open' }])
})

test('另一个区县的批次和别人的座位都是 404 / another county batch and another worker seat answer 404', async () => {
  const other = createTestBatch('xiushan', { seats: [2] }).batch
  const mine = createTestBatch('kaizhou', { seats: [2] }).batch
  const me = await worker()
  const someone = await worker()
  const refused = await book(me.cookie, other.id)
  expect('thrown' in refused && refused.thrown.status).toBe(404)
  await book(someone.cookie, mine.id)
  const theirs = seatsOf(mine.id)[0]
  const cancelled = await cancel(me.cookie, theirs.id)
  expect('thrown' in cancelled && cancelled.thrown.status).toBe(404)
  expect(seatsOf(mine.id)[0].status).toBe('seated')
  expect(seatsOf(other.id)).toEqual([])
})

test('满员后排队候补，取消后第一位候补转为占座，并在“我的”页面只提示一次 / when full sign-ups are waitlisted; a cancel promotes the first, told once on /me (§3, §9)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [1] })
  const [first, second, third] = [await worker(), await worker(), await worker()]
  await book(first.cookie, batch.id)
  expect((await page(second.cookie)).open.find((b) => b.id === batch.id)!.seatsLeft).toBe(0)
  expect((await noticeText(await book(second.cookie, batch.id))).text).toBe('报名成功，座位已满，您在候补第 1 位。')
  expect((await noticeText(await book(third.cookie, batch.id))).text).toBe('报名成功，座位已满，您在候补第 2 位。')
  expect((await page(third.cookie)).trips[0]).toMatchObject({ status: 'waitlisted', waitlistPlace: 2 })

  const seat = seatsOf(batch.id)[0]
  expect(await noticeText(await cancel(first.cookie, seat.id))).toEqual({ location: '/me/trips', text: '已取消乘车。' })
  const rows = seatsOf(batch.id)
  expect(rows.map((r) => r.status)).toEqual(['cancelled', 'seated', 'waitlisted'])
  expect((await page(third.cookie)).trips[0]).toMatchObject({ status: 'waitlisted', waitlistPlace: 1 })
  expect((await page(first.cookie)).trips[0]).toMatchObject({ status: 'cancelled', cancellable: false })

  const shown = await meNotices(second.cookie)
  expect(shown.map((n) => n.kind)).toEqual(['promoted'])
  expect(shown[0].batch).toMatch(new RegExp(`^${batch.departureDate} ${batch.departureTime} 开往`))
  expect(await meNotices(second.cookie)).toEqual([])
  expect(await meNotices(third.cookie)).toEqual([])

  // Cancelling again is refused beside the card, nothing changes.
  const again = await cancel(first.cookie, seat.id)
  expect('value' in again && unwrapData(again.value)).toMatchObject({ status: 409, data: { intent: 'cancel', id: seat.id } })
})

test('区县移出时本人看到原因和消息 / a worker removed by the county sees the reason and a notice (§9)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [2] })
  const me = await worker()
  await book(me.cookie, batch.id)
  const seat = seatsOf(batch.id)[0]
  expect(endSeat(actorFor('kaizhou'), seat.id, { reason: '本人电话告知不去了' })).toMatchObject({ ok: true })
  expect((await page(me.cookie)).trips[0]).toMatchObject({ status: 'removed', endReason: '本人电话告知不去了', cancellable: false })
  expect((await meNotices(me.cookie)).map((n) => n.kind)).toEqual(['seat_cancelled'])
})

test('未核验的账号看到原因，不能报名 / an unverified account is told why and cannot book', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [2] })
  const pending = await createPendingAccount('kaizhou')
  const cookie = await cookieFor(pending.user.username)
  expect((await page(cookie)).verified).toBe(false)
  const refused = await book(cookie, batch.id)
  expect('value' in refused && unwrapData(refused.value)).toMatchObject({
    status: 403,
    data: { intent: 'book', id: batch.id, result: { error: { '': ['账号核验通过后才能报名乘车'] } } },
  })
  expect(seatsOf(batch.id)).toEqual([])
})

test('工作人员 403，匿名去登录 / staff get 403, anonymous go to sign in', async () => {
  const staff = await callLoader(loader, { path: '/me/trips', cookie: await cookieFor('kaizhou') })
  expect('thrown' in staff && staff.thrown.status).toBe(403)
  const anonymous = await callLoader(loader, { path: '/me/trips' })
  expect('thrown' in anonymous && anonymous.thrown.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent('/me/trips')}`)
})

test('当天已在一个批次占座：同一天的另一批次不给报名按钮，说明原因 / seated on one batch, another batch the same day offers no book button and says why (§3)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [2] })
  const sameDay = createTestBatch('kaizhou', { seats: [2], departureDate: batch.departureDate }).batch
  const me = await worker()
  await book(me.cookie, batch.id)
  const after = await page(me.cookie)
  expect(after.open.find((b) => b.id === sameDay.id)).toMatchObject({ held: '您这一天已在另一批次占座，不能再报名。' })
})

test('登记上车后仍看到车辆和座号，旁边是登记；登记后本人不能取消，区县仍可移出 / once marked, the card still shows bus and seat with the mark beside them; the worker can no longer cancel, staff still remove (§4, §6)', async () => {
  const staff = actorFor('kaizhou')
  const { batch } = createTestBatch('kaizhou', { seats: [45], departureDate: todayInShanghai() })
  const [rider, absent] = [await worker(), await worker()]
  await book(rider.cookie, batch.id)
  await book(absent.cookie, batch.id)
  expect(moveBatch(staff, batch.id, 'close')).toMatchObject({ ok: true })
  const [a, b] = seatsOf(batch.id)
  const marks = [
    { seatId: a.id, mark: 'boarded' as const, base: null, checkinId: randomUUID(), at: null },
    { seatId: b.id, mark: 'no_show' as const, base: null, checkinId: randomUUID(), at: null },
  ]
  expect(markBoarding(staff, batch.id, marks)).toMatchObject({ ok: true, applied: 2 })

  for (const [who, seat, label] of [
    [rider, a, '已上车'],
    [absent, b, '未到'],
  ] as const) {
    const trip = (await page(who.cookie)).trips[0]
    expect(trip).toMatchObject({ seatId: seat.id, plate: '渝D10001', seatNo: seat.seatNo, cancellable: false })
    const card = textOf(await renderAt(createElement(OwnTrip, { trip, errors: null }), '/me/trips'))
    expect(card).toContain(`车辆 渝D10001 · ${seat.seatNo} 号座 ${label}`)
    expect(card).not.toContain('取消乘车')
    // A cancel posted anyway (an old page, a replayed form) is refused beside the card; the seat stays.
    const refused = await cancel(who.cookie, seat.id)
    expect('value' in refused && unwrapData(refused.value)).toMatchObject({
      status: 409,
      data: {
        intent: 'cancel',
        id: seat.id,
        result: { error: { '': [`带队干部已登记您${label === '已上车' ? '上车' : '未到'}，不能再取消乘车；如有变动请联系带队干部`] } },
      },
    })
  }
  expect(seatsOf(batch.id).map((s) => [s.status, s.boarding])).toEqual([
    ['seated', 'boarded'],
    ['seated', 'no_show'],
  ])
  expect(auditOf('seat.cancel', a.id)).toEqual([])
  // The county may still take someone marked 未到 off the list while the batch is closed.
  expect(endSeat(staff, b.id, { reason: '本人未到，电话联系不上' })).toMatchObject({ ok: true })
  expect(seatsOf(batch.id)[1].status).toBe('removed')
})

test('占了座或在候补的批次卡片不再写“已满，可排队候补” / a batch card of a worker holding a place there never says 已满，可排队候补 beside it (§3)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [1] })
  const [seated, waiting, outsider] = [await worker(), await worker(), await worker()]
  await book(seated.cookie, batch.id)
  await book(waiting.cookie, batch.id)
  const cardFor = async (cookie: string) => {
    const open = (await page(cookie)).open.find((b) => b.id === batch.id)!
    return textOf(await renderAt(createElement(OpenBatch, { batch: open, canBook: true, errors: null }), '/me/trips'))
  }
  const own = await cardFor(seated.cookie)
  expect(own).toContain('您已报名，占到座位。')
  expect(own).not.toContain('已满')
  const queued = await cardFor(waiting.cookie)
  expect(queued).toContain('您已报名，候补第 1 位。')
  expect(queued).not.toContain('已满')
  // One who holds nothing there is told it is full and offered the waitlist.
  const theirs = await cardFor(outsider.cookie)
  expect(theirs).toContain('已满，可排队候补')
  expect(theirs).toContain('排队候补')
})

test('“我的”页面一直显示下一趟行程：时间、集合地点、车辆座号或候补位次、带队干部电话 / /me keeps a 下一趟行程 card: when, where, bus and seat or waitlist place, the escort to call (§9)', async () => {
  const staff = actorFor('kaizhou')
  const soon = createTestBatch('kaizhou', { seats: [1], departureDate: addDays(todayInShanghai(), 3) }).batch
  const later = createTestBatch('kaizhou', { seats: [5], departureDate: addDays(todayInShanghai(), 20) }).batch
  const [me, next, idle] = [await worker(), await worker(), await worker()]
  await book(me.cookie, later.id)
  await book(me.cookie, soon.id)
  await book(next.cookie, soon.id)
  expect((await mePage(idle.cookie)).nextTrip).toBeNull()

  // Before the seat plan: the soonest batch, seated, no bus yet; the escort's phone is a tap-to-call link.
  const first = (await mePage(me.cookie)).nextTrip
  expect(first).toMatchObject({ departureDate: soon.departureDate, status: 'seated', seatNo: null })
  const html = await renderAt(createElement(NextTrip, { trip: first }), '/me')
  expect(textOf(html)).toContain(`下一趟行程 ${soon.departureDate} ${soon.departureTime} 开往`)
  expect(textOf(html)).toContain('集合地点：汉丰街道汽车站（开州区汉丰街道滨湖路 1 号） 已占座，报名截止后排定车辆和座号 带队干部：李干部 13800001111')
  expect(html).toContain('href="tel:13800001111"')
  expect(html).toContain('href="/me/trips"')
  const waiting = textOf(await renderAt(createElement(NextTrip, { trip: (await mePage(next.cookie)).nextTrip }), '/me'))
  expect(waiting).toContain('候补第 1 位')

  // After the close (the seat_assigned notice shown once and gone), the card still gives bus and seat.
  expect(moveBatch(staff, soon.id, 'close')).toMatchObject({ ok: true })
  await mePage(me.cookie)
  const again = await mePage(me.cookie)
  expect(again.tripNotices).toEqual([])
  const seatNo = seatsOf(soon.id)[0].seatNo
  expect(textOf(await renderAt(createElement(NextTrip, { trip: again.nextTrip }), '/me'))).toContain(`车辆 渝D10001 · ${seatNo} 号座`)

  // A cancelled batch is no trip: the next one is the later batch.
  expect(moveBatch(staff, soon.id, 'cancel', { reason: '车辆故障' })).toMatchObject({ ok: true })
  expect((await mePage(me.cookie)).nextTrip).toMatchObject({ departureDate: later.departureDate, status: 'seated' })
})

test('车开走时仍在候补的人：不再算“我的乘车”，说明没能递补 / still waitlisted when the bus leaves: no longer an upcoming trip, and told the waitlist is over (§3)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [1], departureDate: todayInShanghai() })
  const [seated, waiting] = [await worker(), await worker()]
  await book(seated.cookie, batch.id)
  await book(waiting.cookie, batch.id)
  expect(moveBatch(actorFor('kaizhou'), batch.id, 'close')).toMatchObject({ ok: true })
  expect(moveBatch(actorFor('kaizhou'), batch.id, 'depart')).toMatchObject({ ok: true })
  const trip = (await page(waiting.cookie)).trips[0]
  const card = textOf(await renderAt(createElement(OwnTrip, { trip, errors: null }), '/me/trips'))
  expect(card).toContain('候补未能递补，车已发出')
  expect(card).not.toContain('候补第 1 位')
  const html = textOf(await renderAt(createElement(OwnTrip, { trip: (await page(seated.cookie)).trips[0], errors: null }), '/me/trips'))
  expect(html).not.toContain('候补')
})

test('“我的行程”的卡片写出集合地址，带队干部电话点了就能拨 / a trip card on /me/trips gives the pickup address and the escort’s phone as a tap-to-call link (§3)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const rider = await worker()
  await book(rider.cookie, batch.id)
  const html = await renderAt(createElement(OwnTrip, { trip: (await page(rider.cookie)).trips[0], errors: null }), '/me/trips')
  expect(textOf(html)).toContain('开州区汉丰街道滨湖路 1 号')
  expect(html).toContain('href="tel:13800001111"')
})
