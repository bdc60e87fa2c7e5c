import { createLedgerWorker, createTestVacancy } from './factories'
import { db } from '~/utils/db.server'

// Fast factories for the county lists' bounds (issue 11 §3): thousands of applications in one
// transaction of plain inserts (the kept figures' triggers still run), instead of one model call each.

/**
 * `n` applications of `centre`'s people to posts of `bureau`, all made inside the Shanghai month `month`
 * (`YYYY-MM`), one minute apart, newest last. Uses ⌈√n⌉ posts × as many ledger rows (a person applies to a
 * post once). Returns the applications' ids in the order made and the people.
 */
export function seedMonthApplications(n: number, month: string, { centre = 'kaizhou', bureau = 'weifang' } = {}) {
  const side = Math.ceil(Math.sqrt(n))
  const posts = Array.from({ length: side }, () => createTestVacancy(bureau))
  const people = Array.from({ length: side }, () => createLedgerWorker(centre))
  // 00:00 on the 1st in Shanghai is 16:00 UTC the day before; start an hour later.
  const [y, m] = month.split('-').map(Number)
  const start = Date.UTC(y, m - 1, 1) - 8 * 3600_000 + 3600_000
  const insert = db.$client.prepare(
    `insert into applications (vacancy_id, worker_id, source, status, created_at, updated_at) values (?, ?, 'self', 'submitted', ?, ?) returning id`,
  )
  const ids: number[] = []
  db.$client.transaction(() => {
    for (let i = 0; i < n; i++) {
      const at = start + i * 60_000
      ids.push((insert.get(posts[i % side].id, people[Math.floor(i / side)].id, at, at) as { id: number }).id)
    }
  })()
  return { ids, people, posts }
}
