import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { batchSeats, batchVehicles, batches, travelCompanions, travelDemands, tripNotices } from '../../db/schema'
import { addVehicle, moveBatch, resizeVehicle, updateBatch } from '~/models/batch.server'
import { bookSeat, endSeat, moveSeat } from '~/models/seat.server'
import { boardedLegs } from '~/models/trip-legs.server'
import { takeTripNotices } from '~/models/trip-notices.server'
import { archiveWorker } from '~/models/worker-archive.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker, createWorkerAccount } from '../factories'
import { batchValues, createTestBatch, seatsOf } from '../factories-batches'
import { auditOf } from '../lookups'

// Issue 12 §2–§4 and §9 through the models on a real database file (decision 020): seats never oversold,
// the waitlist in order, promotion in the same transaction as the cancel, the database's own refusals.

const staff = () => actorFor('kaizhou')
const book = (batchId: number, workerId: number) => bookSeat(staff(), batchId, { workerId })
const noticesOf = (workerId: number) => db.select().from(tripNotices).where(eq(tripNotices.workerId, workerId)).orderBy(tripNotices.id).all()

test('50 个同时报名抢 45 个座位：45 人占座，5 人按顺序候补 / 50 sign-ups at once for 45 seats: 45 seated, 5 waitlisted in order (§3)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [45] })
  const people = Array.from({ length: 50 }, () => createLedgerWorker('kaizhou'))
  // Each booking is started from its own microtask, as concurrent requests' actions are.
  const results = await Promise.all(people.map((w) => Promise.resolve().then(() => book(batch.id, w.id))))
  expect(results.filter((r) => r?.ok && r.status === 'seated')).toHaveLength(45)
  const waiting = results.flatMap((r) => (r?.ok && r.status === 'waitlisted' ? [r.waitlistPlace] : []))
  expect(waiting).toEqual([1, 2, 3, 4, 5])
  const rows = seatsOf(batch.id)
  expect(rows.filter((s) => s.status === 'waitlisted').map((s) => s.waitlistSeq)).toEqual([1, 2, 3, 4, 5])
  expect(auditOf('seat.book', rows[0].id)).toHaveLength(1)
})

test('同一人同一批次只能一个有效座位，同一天只能一个座位：程序拒绝，数据库也拒绝 / one live place per batch and one seat per day, refused by the model and by the database (§3)', () => {
  const day = addDays(todayInShanghai(), 12)
  const a = createTestBatch('kaizhou', { seats: [2], departureDate: day }).batch
  const b = createTestBatch('kaizhou', { seats: [2], departureDate: day }).batch
  const w = createLedgerWorker('kaizhou')
  expect(book(a.id, w.id)).toMatchObject({ ok: true, status: 'seated' })
  expect(book(a.id, w.id)).toEqual({ ok: false, message: '已在此批次占座', status: 409 })
  expect(book(b.id, w.id)).toEqual({ ok: false, message: '当天已在另一批次占座，不能重复报名', status: 409 })
  const row = { workerId: w.id, departureDate: day, source: 'staff' as const }
  expect(() =>
    db
      .insert(batchSeats)
      .values({ ...row, batchId: a.id, status: 'waitlisted', waitlistSeq: 9 })
      .run(),
  ).toThrow(/UNIQUE/)
  expect(() =>
    db
      .insert(batchSeats)
      .values({ ...row, batchId: b.id, status: 'seated' })
      .run(),
  ).toThrow(/UNIQUE/)
  expect(() =>
    db
      .insert(batchSeats)
      .values({ ...row, batchId: b.id, status: 'seated', departureDate: addDays(day, 1) })
      .run(),
  ).toThrow(/batch_seats_departure_date/)
})

test('数据库拒绝超出座位总数的占座和降低到已占座位以下的车辆 / the database refuses a seated row beyond capacity and a bus change below the seats taken (§2)', () => {
  const { batch, vehicleIds } = createTestBatch('kaizhou', { seats: [1, 1] })
  for (let i = 0; i < 2; i++) book(batch.id, createLedgerWorker('kaizhou').id)
  const extra = createLedgerWorker('kaizhou')
  const row = { batchId: batch.id, workerId: extra.id, departureDate: batch.departureDate, source: 'staff' as const }
  expect(() =>
    db
      .insert(batchSeats)
      .values({ ...row, status: 'seated' })
      .run(),
  ).toThrow(/batch_seats_capacity/)
  db.insert(batchSeats)
    .values({ ...row, status: 'waitlisted', waitlistSeq: 1 })
    .run()
  expect(() => db.update(batchSeats).set({ status: 'seated' }).where(eq(batchSeats.workerId, extra.id)).run()).toThrow(/batch_seats_capacity/)
  expect(() => db.delete(batchVehicles).where(eq(batchVehicles.id, vehicleIds[0])).run()).toThrow(/batch_vehicles_capacity/)
  expect(resizeVehicle(staff(), batch.id, vehicleIds[0], 0)).toEqual({ ok: false, message: '已有 2 人占座，座位总数不能少于 2', field: 'seats' })
  expect(seatsOf(batch.id).filter((s) => s.status === 'seated')).toHaveLength(2)
})

test('占座的人取消，第一个仍符合条件的候补人同一事务转正并收到通知 / a freed seat goes to the first still-eligible waitlisted worker, told on /me (§3, §9)', () => {
  const { batch } = createTestBatch('kaizhou', { seats: [2] })
  const [w1, w2, w3, w4, w5] = Array.from({ length: 5 }, () => createLedgerWorker('kaizhou'))
  const seat1 = book(batch.id, w1.id)
  for (const w of [w2, w3, w4, w5]) book(batch.id, w.id)
  // w3, first on the waitlist, has left the county: archived, no longer eligible.
  expect(archiveWorker(staff(), w3.id, { reason: 'moved_away', note: null })).toEqual({ ok: true })
  // w4 meanwhile got a seat on another batch the same day: not eligible either.
  const other = createTestBatch('kaizhou', { seats: [1], departureDate: batch.departureDate }).batch
  expect(book(other.id, w4.id)).toMatchObject({ status: 'seated' })
  if (!seat1?.ok) throw new Error('not booked')
  expect(endSeat(staff(), seat1.seatId, { reason: '  ' })).toEqual({ ok: false, message: '请填写移出原因，本人会看到', field: 'reason' })
  const ended = endSeat(staff(), seat1.seatId, { reason: '本人改为自行前往' })
  const w5Seat = seatsOf(batch.id).find((s) => s.workerId === w5.id)!
  expect(ended).toEqual({ ok: true, promotedSeatId: w5Seat.id })
  expect(w5Seat).toMatchObject({ status: 'seated', waitlistSeq: 3 })
  expect(seatsOf(batch.id).find((s) => s.workerId === w1.id)).toMatchObject({ status: 'removed', endReason: '本人改为自行前往' })
  expect(noticesOf(w5.id).map((n) => n.kind)).toEqual(['promoted'])
  expect(noticesOf(w1.id).map((n) => n.kind)).toEqual(['seat_cancelled'])
  expect(auditOf('seat.remove', seat1.seatId)).toHaveLength(1)
  expect(auditOf('seat.promote', w5Seat.id)).toHaveLength(1)
  expect(endSeat(staff(), seat1.seatId, { reason: '再来一次' })).toEqual({ ok: false, message: '此座位已取消', status: 409 })
})

test('加车后候补的人按顺序转正；减座不能低于已占座位 / a bus added to an open batch promotes the waitlist in order (§2, §3)', () => {
  const { batch, vehicleIds } = createTestBatch('kaizhou', { seats: [1] })
  const people = Array.from({ length: 4 }, () => createLedgerWorker('kaizhou'))
  for (const w of people) book(batch.id, w.id)
  expect(addVehicle(staff(), batch.id, { plate: '渝D 20002', seats: 2 })).toMatchObject({ ok: true, promoted: 2 })
  expect(addVehicle(staff(), batch.id, { plate: '渝D20002', seats: 5 })).toEqual({ ok: false, message: '这辆车已在本批次中', field: 'plate' })
  expect(seatsOf(batch.id).map((s) => s.status)).toEqual(['seated', 'seated', 'seated', 'waitlisted'])
  expect(resizeVehicle(staff(), batch.id, vehicleIds[0], 2)).toEqual({ ok: true, promoted: 1 })
  expect(seatsOf(batch.id).every((s) => s.status === 'seated')).toBe(true)
})

test('截止时排座位：同行人同车相邻；截止后取消的座位给转正的人 / closing assigns buses and seats, companions side by side; a seat freed after closing goes to the promoted worker (§4)', () => {
  const { batch, vehicleIds } = createTestBatch('kaizhou', { seats: [3, 3] })
  const people = Array.from({ length: 7 }, () => createLedgerWorker('kaizhou'))
  // people[0] asked to travel with people[5]; the companion confirmed.
  const demand = db
    .insert(travelDemands)
    .values({
      organisationId: staff().organisationId,
      workerId: people[0].id,
      earliestDate: batch.departureDate,
      latestDate: batch.departureDate,
      cityCode: batch.cityCode,
      batchId: batch.id,
      state: 'booked',
    })
    .returning()
    .get()
  db.insert(travelCompanions).values({ demandId: demand.id, workerId: people[5].id, confirmedAt: new Date() }).run()
  for (const w of people) book(batch.id, w.id)
  expect(moveBatch(staff(), batch.id, 'close')).toEqual({ ok: true })
  const seats = seatsOf(batch.id)
  const seated = seats.filter((s) => s.status === 'seated')
  expect(seated).toHaveLength(6)
  expect(new Set(seated.map((s) => `${s.vehicleId}/${s.seatNo}`)).size).toBe(6)
  const [a, b] = [people[0], people[5]].map((w) => seats.find((s) => s.workerId === w.id)!)
  expect(a.vehicleId).toBe(b.vehicleId)
  expect(Math.abs(a.seatNo! - b.seatNo!)).toBe(1)
  expect(noticesOf(people[0].id).map((n) => n.kind)).toEqual(['seat_assigned'])
  // Booking is closed; a cancel still frees the seat for the waitlist, with the bus and seat number.
  expect(book(batch.id, createLedgerWorker('kaizhou').id)).toEqual({ ok: false, message: '批次已截止，不能添加乘车人员' })
  const freed = seats.find((s) => s.workerId === people[1].id)!
  endSeat(staff(), freed.id, { reason: '生病' })
  expect(seatsOf(batch.id).find((s) => s.workerId === people[6].id)).toMatchObject({ status: 'seated', vehicleId: freed.vehicleId, seatNo: freed.seatNo })
  // Staff swap two people.
  expect(moveSeat(staff(), a.id, { vehicleId: vehicleIds[0] === a.vehicleId ? vehicleIds[1] : vehicleIds[0], seatNo: 1 })).toEqual({ ok: true })
  expect(moveSeat(staff(), a.id, { vehicleId: a.vehicleId!, seatNo: 4 })).toEqual({ ok: false, message: '座号应在 1 到 3 之间', field: 'seatNo' })
  const after = seatsOf(batch.id).filter((s) => s.status === 'seated')
  expect(new Set(after.map((s) => `${s.vehicleId}/${s.seatNo}`)).size).toBe(6)
  expect(auditOf('seat.move', a.id)).toHaveLength(1)
})

test('取消批次须填原因，所有有效座位移出并通知本人 / cancelling a batch needs a reason and removes every live place with a notice (§2, §9)', () => {
  const { batch } = createTestBatch('kaizhou', { seats: [1] })
  const [w1, w2] = [createLedgerWorker('kaizhou'), createLedgerWorker('kaizhou')]
  book(batch.id, w1.id)
  book(batch.id, w2.id)
  expect(moveBatch(staff(), batch.id, 'cancel', { reason: '' })).toEqual({ ok: false, message: '请填写取消原因，已报名的人员会看到', field: 'reason' })
  expect(moveBatch(staff(), batch.id, 'cancel', { reason: '道路中断，改期另行通知' })).toEqual({ ok: true })
  expect(db.select().from(batches).where(eq(batches.id, batch.id)).get()).toMatchObject({ state: 'cancelled', cancelReason: '道路中断，改期另行通知' })
  expect(seatsOf(batch.id).map((s) => s.status)).toEqual(['removed', 'removed'])
  expect(noticesOf(w2.id).map((n) => n.kind)).toEqual(['batch_cancelled'])
  expect(auditOf('batch.cancel', batch.id)).toHaveLength(1)
  expect(book(batch.id, createLedgerWorker('kaizhou').id)).toEqual({ ok: false, message: '批次已取消，不能添加乘车人员' })
})

test('改发车日期时座位的日期跟着改；会让人一天两个座位时拒绝 / a new departure date moves the seats with it, refused when someone would hold two seats that day (§3)', () => {
  const { batch } = createTestBatch('kaizhou', { seats: [2] })
  const later = addDays(batch.departureDate, 1)
  const w = createLedgerWorker('kaizhou')
  book(batch.id, w.id)
  expect(updateBatch(staff(), batch.id, batchValues('kaizhou', { departureDate: later }))).toEqual({ ok: true })
  expect(seatsOf(batch.id)[0].departureDate).toBe(later)
  const other = createTestBatch('kaizhou', { seats: [2], departureDate: batch.departureDate }).batch
  book(other.id, w.id)
  expect(updateBatch(staff(), other.id, batchValues('kaizhou', { departureDate: later }))).toEqual({
    ok: false,
    message: '有已占座的人员当天已在另一批次，不能改到这一天',
    field: 'departureDate',
    status: 409,
  })
  expect(db.select().from(batches).where(eq(batches.id, other.id)).get()!.departureDate).toBe(batch.departureDate)
})

test('务工人员本人报名和取消；未核验、别人的座位、外区县都不行 / a verified worker books and cancels their own seat; others cannot (§3, tenancy)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const me = await createWorkerAccount('kaizhou')
  const someone = await createWorkerAccount('kaizhou')
  const booked = bookSeat(me.actor, batch.id)
  expect(booked).toMatchObject({ ok: true, status: 'seated' })
  if (!booked?.ok) throw new Error('not booked')
  expect(seatsOf(batch.id)[0]).toMatchObject({ workerId: me.worker.id, userId: me.user.id, source: 'self' })
  expect(endSeat(someone.actor, booked.seatId)).toBeNull()
  const outsider = await createWorkerAccount('xiushan')
  expect(bookSeat(outsider.actor, batch.id)).toBeNull()
  expect(bookSeat(actorFor('xiushan'), batch.id, { workerId: createLedgerWorker('xiushan').id })).toBeNull()
  expect(bookSeat(actorFor('kaizhou'), batch.id, { workerId: createLedgerWorker('xiushan').id })).toEqual({
    ok: false,
    message: '台账中没有此人',
    field: 'workerId',
  })
  expect(endSeat(actorFor('xiushan'), booked.seatId, { reason: '外区县' })).toBeNull()
  expect(moveBatch(actorFor('xiushan'), batch.id, 'close')).toBeNull()
  expect(moveBatch(actorFor('weifang'), batch.id, 'close')).toEqual({ ok: false, message: '无权进行此操作' })
  expect(moveBatch(actorFor('dezhou'), batch.id, 'arrive')).toBeNull()
  expect(endSeat(me.actor, booked.seatId)).toEqual({ ok: true, promotedSeatId: null })
  expect(auditOf('seat.cancel', booked.seatId)).toHaveLength(1)
  expect(
    db
      .select()
      .from(batchSeats)
      .where(and(eq(batchSeats.batchId, batch.id), eq(batchSeats.status, 'cancelled')))
      .all(),
  ).toHaveLength(1)
})

test('补贴查询：只有上了车且已发车的那一程算已乘坐 / the subsidy sees a leg only when the worker boarded a batch that departed (§8)', () => {
  const { batch } = createTestBatch('kaizhou', { seats: [3] })
  const [rode, missed] = [createLedgerWorker('kaizhou'), createLedgerWorker('kaizhou')]
  book(batch.id, rode.id)
  book(batch.id, missed.id)
  const year = { from: `${batch.departureDate.slice(0, 4)}-01-01`, to: `${batch.departureDate.slice(0, 4)}-12-31` }
  const mark = (workerId: number, boarding: 'boarded' | 'no_show') =>
    db
      .update(batchSeats)
      .set({ boarding })
      .where(and(eq(batchSeats.batchId, batch.id), eq(batchSeats.workerId, workerId)))
      .run()
  mark(rode.id, 'boarded')
  mark(missed.id, 'no_show')
  // Boarded but the batch has not left: not a leg yet.
  expect(boardedLegs(rode.id, year)).toEqual([])
  db.update(batches).set({ state: 'departed' }).where(eq(batches.id, batch.id)).run()
  const seat = seatsOf(batch.id).find((s) => s.workerId === rode.id)!
  expect(boardedLegs(rode.id, year)).toEqual([{ batchId: batch.id, seatId: seat.id, departureDate: batch.departureDate, cityCode: batch.cityCode }])
  expect(boardedLegs(missed.id, year)).toEqual([])
  expect(boardedLegs(rode.id, { from: addDays(batch.departureDate, 1), to: addDays(batch.departureDate, 30) })).toEqual([])
})

test('“我的”页面的行程通知：转正、座位号、取消原因各显示一次 / the worker’s trip notices on /me: promotion, seat and cancel reason, each shown once (§9)', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [1] })
  const first = createLedgerWorker('kaizhou')
  const me = await createWorkerAccount('kaizhou')
  book(batch.id, first.id)
  expect(bookSeat(me.actor, batch.id)).toMatchObject({ status: 'waitlisted', waitlistPlace: 1 })
  const firstSeat = seatsOf(batch.id)[0]
  endSeat(staff(), firstSeat.id, { reason: '改期' })
  moveBatch(staff(), batch.id, 'close')
  moveBatch(staff(), batch.id, 'cancel', { reason: '大雪封路，改期另行通知' })
  const notices = takeTripNotices(me.actor)
  expect(notices.map((n) => n.kind)).toEqual(['promoted', 'seat_assigned', 'batch_cancelled'])
  expect(notices[2]).toMatchObject({ batchId: batch.id, departureDate: batch.departureDate, cancelReason: '大雪封路，改期另行通知' })
  expect(takeTripNotices(me.actor)).toEqual([])
  expect(takeTripNotices(staff())).toEqual([])
})
