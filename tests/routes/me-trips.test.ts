import { expect, test } from 'vitest'
import { endSeat } from '~/models/seat.server'
import { loader as meLoader } from '~/routes/me._index'
import { action, loader } from '~/routes/me.trips'
import { actorFor, createPendingAccount, createWorkerAccount } from '../factories'
import { createTestBatch, seatsOf } from '../factories-batches'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
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
async function meNotices(cookie: string) {
  const r = await callLoader(meLoader, { path: '/me', cookie })
  if ('thrown' in r) throw new Error(`/me threw ${r.thrown.status}`)
  return r.value.tripNotices
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
