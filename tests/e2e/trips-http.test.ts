import fs from 'node:fs'
import Database from 'better-sqlite3'
import { expect, inject, test } from 'vitest'
import { addDays, todayInShanghai } from '~/rules/dates'
import { formPoster, kaizhouBatchOverHttp, staffCookieAt } from './http-forms'
import { verifiedWorkersWithSessions } from '../factories-trips'

// Issue 12 §3 "never oversold" over HTTP at the worker's own page: the production server (one process per
// core on one SQLite file) gets 200 simultaneous 报名乘车 posts at /me/trips from 200 verified workers for
// a 45-seat batch. Exactly 45 are seated and 155 waitlisted in order, every answer is the page's redirect,
// and the server's log has no SQLITE_BUSY and no error. The rate is printed as a [figures] line, never asserted.

const baseURL = inject('baseURL')
const databasePath = inject('databasePath')
// tests/setup/portal.ts names the server's log after its database file.
const logPath = databasePath.replace(/\.db$/, '.log')
const SECRET = 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz'

const postAs = formPoster(baseURL)

test('200 名工人同时在“我的行程”抢 45 个座位：恰好 45 人占座，155 人按顺序候补，没有错误页和 SQLITE_BUSY / 200 workers book at /me/trips at once for 45 seats: exactly 45 seated, 155 waitlisted in order, no error page, no SQLITE_BUSY', async () => {
  const staff = await staffCookieAt(baseURL)
  const { batchId } = await kaizhouBatchOverHttp(baseURL, staff, { departureDate: addDays(todayInShanghai(), 21), plate: '渝D45046' })

  const { workerIds, cookies } = await verifiedWorkersWithSessions(databasePath, 'kaizhou', 200, SECRET)
  const logBefore = fs.readFileSync(logPath, 'utf8').length
  const started = performance.now()
  const answers = await Promise.all(cookies.map((cookie) => postAs(cookie, '/me/trips', { intent: 'book', batchId: String(batchId) })))
  const seconds = (performance.now() - started) / 1000
  expect(answers.map((a) => `${a.status} ${a.headers.get('location')}`).filter((s) => s !== '302 /me/trips')).toEqual([])

  const db = new Database(databasePath, { readonly: true })
  const rows = db
    .prepare('select id, worker_id as workerId, status, waitlist_seq as seq, source from batch_seats where batch_id = ? order by id')
    .all(batchId) as {
    id: number
    workerId: number
    status: string
    seq: number | null
    source: string
  }[]
  db.close()
  expect(rows).toHaveLength(200)
  expect(new Set(rows.map((r) => r.workerId))).toEqual(new Set(workerIds))
  expect(rows.every((r) => r.source === 'self')).toBe(true)
  const seated = rows.filter((r) => r.status === 'seated')
  const waiting = rows.filter((r) => r.status === 'waitlisted')
  expect(seated).toHaveLength(45)
  expect(waiting.map((r) => r.seq)).toEqual(Array.from({ length: 155 }, (_, i) => i + 1))
  expect(Math.max(...seated.map((r) => r.id))).toBeLessThan(Math.min(...waiting.map((r) => r.id)))

  // The last in the queue sees their place on their own page.
  const last = cookies[workerIds.indexOf(waiting.at(-1)!.workerId)]
  const page = await fetch(`${baseURL}/me/trips`, { headers: { Cookie: last } })
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('候补第 155 位')

  const log = fs.readFileSync(logPath, 'utf8').slice(logBefore)
  expect(log).not.toMatch(/SQLITE_BUSY|database is locked|Error/)
  console.log(`[figures] 200 simultaneous self-bookings at /me/trips over HTTP: ${seconds.toFixed(2)} s, ${(200 / seconds).toFixed(0)} bookings/s`)
}, 120_000)
