import Database from 'better-sqlite3'
import { expect, inject, test } from 'vitest'
import { formPoster, kaizhouBatchOverHttp, staffCookieAt } from './http-forms'
import { addDays, todayInShanghai } from '~/rules/dates'

// Issue 12 §3 "never oversold" over HTTP (decision 020): the production server (one process per core on one
// SQLite file) gets 200 simultaneous 添加台账人员 posts for a 45-seat batch. Exactly 45 are seated and 155
// waitlisted in order; every answer is the page's redirect, none an error page or SQLITE_BUSY. The rate is
// printed as a [figures] line, never asserted (the machine is shared).

const baseURL = inject('baseURL')

function readDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const postAs = formPoster(baseURL)

test('生产服务器上 200 个同时报名抢 45 个座位：恰好 45 人占座，155 人按顺序候补，没有错误页 / 200 simultaneous sign-ups over HTTP for 45 seats: exactly 45 seated, 155 waitlisted in order, no error page', async () => {
  const cookie = await staffCookieAt(baseURL)
  const { path, batchId } = await kaizhouBatchOverHttp(baseURL, cookie, { departureDate: addDays(todayInShanghai(), 20), plate: '渝D45045' })
  const idNumbers = readDb(
    (db) =>
      db
        .prepare(
          `select w.id_number from workers w join organisations o on o.id = w.organisation_id
           where o.area_code = '500154' and o.kind = 'centre' and w.archived_at is null order by w.id limit 200`,
        )
        .pluck()
        .all() as string[],
  )
  expect(idNumbers).toHaveLength(200)
  const started = performance.now()
  const answers = await Promise.all(idNumbers.map((idNumber) => postAs(cookie, path, { intent: 'add_worker', idNumber })))
  const seconds = (performance.now() - started) / 1000
  expect(answers.map((a) => a.status).filter((s) => s !== 302)).toEqual([])
  const rows = readDb(
    (db) =>
      db.prepare('select id, status, waitlist_seq as seq from batch_seats where batch_id = ? order by id').all(batchId) as {
        id: number
        status: string
        seq: number | null
      }[],
  )
  expect(rows.filter((r) => r.status === 'seated')).toHaveLength(45)
  const waiting = rows.filter((r) => r.status === 'waitlisted')
  expect(waiting.map((r) => r.seq)).toEqual(Array.from({ length: 155 }, (_, i) => i + 1))
  expect(Math.max(...rows.filter((r) => r.status === 'seated').map((r) => r.id))).toBeLessThan(Math.min(...waiting.map((r) => r.id)))
  console.log(`[figures] 200 simultaneous seat bookings over HTTP: ${seconds.toFixed(2)} s, ${(200 / seconds).toFixed(0)} bookings/s`)
}, 120_000)
