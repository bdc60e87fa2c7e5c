import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { bookOwnSeat } from '~/models/trip.server'
import { createBookingQueue, QUEUE_FULL_MESSAGE, type BookingQueueLimits } from '~/models/seat.server'
import { eq } from 'drizzle-orm'
import { travelDemands } from '../../db/schema'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker, createWorkerAccount } from '../factories'
import { createTestBatch, seatsOf } from '../factories-batches'
import { createTestDemand, demandRow } from '../factories-demand'
import { auditOf } from '../lookups'

// Issue 12 Performance through the group commit (decision 020): bookings asked for together share one
// BEGIN IMMEDIATE transaction and one COMMIT, each in its own SAVEPOINT, with bookSeat's answers.

const staff = () => actorFor('kaizhou')

/** A queue with small limits that records how many bookings each commit answered. */
function queueWith(limits: BookingQueueLimits) {
  const commits: number[] = []
  const queue = createBookingQueue(limits, { onCommit: (n) => commits.push(n) })
  return { commits, book: (batchId: number, workerId: number) => queue.book(staff(), batchId, { workerId }) }
}

test('同时报名的几个人一次提交：占座和候补顺序不变，每人一条审计 / bookings asked for together share one commit, with seats, waitlist order and one audit row each', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [3] })
  const people = Array.from({ length: 5 }, () => createLedgerWorker('kaizhou'))
  const { commits, book } = queueWith({ maxGroup: 10, maxWaiting: 10, maxLockWaitMs: 1000 })
  const answers = await Promise.all(people.map((w) => book(batch.id, w.id)))
  expect(commits).toEqual([5])
  expect(answers.map((a) => (a?.ok ? [a.status, a.waitlistPlace] : a))).toEqual([
    ['seated', null],
    ['seated', null],
    ['seated', null],
    ['waitlisted', 1],
    ['waitlisted', 2],
  ])
  const rows = seatsOf(batch.id)
  expect(rows.map((r) => [r.workerId, r.status, r.waitlistSeq])).toEqual(people.map((w, i) => [w.id, i < 3 ? 'seated' : 'waitlisted', i < 3 ? null : i - 2]))
  for (const r of rows) expect(auditOf('seat.book', r.id)).toHaveLength(1)
})

test('同一批里被拒的报名只得到自己的回答，其他人照常 / a refused booking in a group gets its own answer and the others are booked', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [2] })
  const other = createTestBatch('xiushan', { seats: [2] }).batch
  const [a, b] = [createLedgerWorker('kaizhou'), createLedgerWorker('kaizhou')]
  const { commits, book } = queueWith({ maxGroup: 10, maxWaiting: 10, maxLockWaitMs: 1000 })
  const answers = await Promise.all([book(batch.id, a.id), book(batch.id, a.id), book(other.id, b.id), book(batch.id, b.id)])
  expect(commits).toEqual([4])
  expect(answers[0]).toMatchObject({ ok: true, status: 'seated' })
  // The second asks for a place the first took in the same transaction: the count sees it.
  expect(answers[1]).toEqual({ ok: false, message: '已在此批次占座', status: 409 })
  expect(answers[2]).toBeNull()
  expect(answers[3]).toMatchObject({ ok: true, status: 'seated' })
  expect(seatsOf(batch.id).map((r) => r.workerId)).toEqual([a.id, b.id])
  expect(seatsOf(other.id)).toEqual([])
})

test('一个报名中途出错只撤回它自己的保存点，其他人照常提交 / an error inside one booking rolls back only its savepoint; the others commit', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const [a, broken, c] = [createLedgerWorker('kaizhou'), createLedgerWorker('kaizhou'), createLedgerWorker('kaizhou')]
  // A real failure after the seat row is written: the audit insert for `broken` is refused, so only a
  // savepoint rollback can take the seat row back out.
  db.$client.exec(`create temp trigger queue_test_refuse_audit before insert on main.audit_log
    when new.action = 'seat.book' and json_extract(new.detail, '$.workerId') = ${broken.id}
    begin select raise(abort, 'queue test: audit refused'); end`)
  try {
    const { commits, book } = queueWith({ maxGroup: 10, maxWaiting: 10, maxLockWaitMs: 1000 })
    const answers = await Promise.allSettled([book(batch.id, a.id), book(batch.id, broken.id), book(batch.id, c.id)])
    expect(commits).toEqual([3])
    expect(answers[0]).toMatchObject({ status: 'fulfilled', value: { ok: true, status: 'seated' } })
    expect(answers[1]).toMatchObject({ status: 'rejected', reason: { message: 'queue test: audit refused' } })
    expect(answers[2]).toMatchObject({ status: 'fulfilled', value: { ok: true, status: 'seated' } })
  } finally {
    db.$client.exec('drop trigger queue_test_refuse_audit')
  }
  const rows = seatsOf(batch.id)
  expect(rows.map((r) => r.workerId)).toEqual([a.id, c.id])
  for (const r of rows) expect(auditOf('seat.book', r.id)).toHaveLength(1)
})

test('排队已满时立即婉拒（503），不挂起；一批最多 maxGroup 个 / a full queue refuses at once with a 503 instead of hanging; a group holds at most maxGroup', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const people = Array.from({ length: 4 }, () => createLedgerWorker('kaizhou'))
  const { commits, book } = queueWith({ maxGroup: 2, maxWaiting: 3, maxLockWaitMs: 1000 })
  const answers = await Promise.all(people.map((w) => book(batch.id, w.id)))
  expect(answers[3]).toEqual({ ok: false, message: QUEUE_FULL_MESSAGE, status: 503 })
  expect(answers.slice(0, 3).every((a) => a?.ok && a.status === 'seated')).toBe(true)
  expect(commits).toEqual([2, 1])
  expect(seatsOf(batch.id).map((r) => r.workerId)).toEqual(people.slice(0, 3).map((w) => w.id))
  // Once the queue has drained, the refused one books.
  expect(await book(batch.id, people[3].id)).toMatchObject({ ok: true, status: 'seated' })
})

/** A second connection to the portal's file holding the write lock, as the other server process does. */
function holdWriteLock() {
  const other = new Database(db.$client.name)
  other.exec('begin immediate')
  return () => {
    other.exec('commit')
    other.close()
  }
}

test('另一进程占着写锁时排队等候、不阻塞，锁一放开就提交 / while another process holds the write lock the group waits without blocking and commits once it is free', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const w = createLedgerWorker('kaizhou')
  const { commits, book } = queueWith({ maxGroup: 10, maxWaiting: 10, maxLockWaitMs: 5000 })
  const release = holdWriteLock()
  const asked = book(batch.id, w.id)
  // The event loop stays free: timers run while the booking waits for the lock.
  const ticks = await new Promise<number>((resolve) => {
    let n = 0
    const timer = setInterval(() => {
      if (++n === 5) {
        clearInterval(timer)
        resolve(n)
      }
    }, 5)
  })
  expect(ticks).toBe(5)
  expect(commits).toEqual([])
  release()
  expect(await asked).toMatchObject({ ok: true, status: 'seated' })
  expect(commits).toEqual([1])
  expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000)
})

test('写锁一直被占超过时限：婉拒（503），什么也没写 / a lock held beyond maxLockWaitMs answers a kind 503 and writes nothing', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const w = createLedgerWorker('kaizhou')
  const { commits, book } = queueWith({ maxGroup: 10, maxWaiting: 10, maxLockWaitMs: 50 })
  const release = holdWriteLock()
  try {
    expect(await book(batch.id, w.id)).toEqual({ ok: false, message: QUEUE_FULL_MESSAGE, status: 503 })
  } finally {
    release()
  }
  expect(commits).toEqual([])
  expect(seatsOf(batch.id)).toEqual([])
})

test('本人连点两次报名：一次占座，另一次告知已报名 / a worker booking twice at once holds one place and is told it is already held', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const me = await createWorkerAccount('kaizhou')
  const [first, second] = await Promise.all([bookOwnSeat(me.actor, batch.id), bookOwnSeat(me.actor, batch.id)])
  expect(first).toMatchObject({ ok: true, already: false, status: 'seated' })
  expect(second).toMatchObject({ ok: true, already: true, status: 'seated', seatId: first?.ok ? first.seatId : -1 })
  expect(seatsOf(batch.id)).toHaveLength(1)
})

test('被出行需求邀请的人报上这个批次：需求变为已报名并记审计；别的需求不动 / a worker invited by their travel demand books that batch: the demand is booked and audited; other demand stays', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [5] })
  const other = createTestBatch('kaizhou', { seats: [5] }).batch
  const invited = createTestDemand('kaizhou')
  const elsewhere = createTestDemand('kaizhou')
  const open = createTestDemand('kaizhou')
  db.update(travelDemands).set({ state: 'invited', batchId: batch.id }).where(eq(travelDemands.id, invited.id)).run()
  db.update(travelDemands).set({ state: 'invited', batchId: other.id }).where(eq(travelDemands.id, elsewhere.id)).run()
  const { book } = queueWith({ maxGroup: 10, maxWaiting: 10, maxLockWaitMs: 1000 })
  const answers = await Promise.all([invited, elsewhere, open].map((d) => book(batch.id, d.workerId)))
  expect(answers.every((a) => a?.ok)).toBe(true)
  expect([invited, elsewhere, open].map((d) => demandRow(d.id).state)).toEqual(['booked', 'invited', 'open'])
  expect(auditOf('demand.book', invited.id)).toHaveLength(1)
})
