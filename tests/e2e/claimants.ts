import Database from 'better-sqlite3'
import { verifiedWorkersWithSessions } from '../factories-trips'

// Claimants for the issue-13 e2e tests, made fresh each time so no test takes the demo's few eligible workers
// from another: a new verified 脱贫人口 worker of 开州区 with an account, a live session and a portal
// employment record outside Chongqing (潍坊 or wherever the demo's first such record is).

export type Claimant = { userId: number; workerId: number; name: string; org: number; township: string | null; recordId: number; cityCode: string }

/**
 * Makes the claimant in the e2e server's database file `databasePath` (signed with its SESSION_SECRET
 * `secret`), employed since 1 March of `year`. Returns the claimant and the session's Cookie header value.
 */
export async function newClaimant(databasePath: string, secret: string, year: number): Promise<Claimant & { cookie: string }> {
  const { workerIds, cookies } = await verifiedWorkersWithSessions(databasePath, 'kaizhou', 1, secret)
  const db = new Database(databasePath, { timeout: 10_000 })
  try {
    db.prepare("update workers set household_status = 'alleviated' where id = ?").run(workerIds[0])
    const employer = db
      .prepare("select employer_id as id, city_code as city from employment_records where city_code not like '50%' order by id limit 1")
      .get() as { id: number; city: string }
    db.prepare('insert into employment_records (worker_id, employer_id, city_code, start_date, created_at) values (?, ?, ?, ?, ?)').run(
      workerIds[0],
      employer.id,
      employer.city,
      `${year}-03-01`,
      Date.now(),
    )
    const claimant = db
      .prepare(
        `select u.id as userId, w.id as workerId, w.name, w.organisation_id as org, w.township_code as township, e.id as recordId, e.city_code as cityCode
         from workers w join users u on u.id = w.user_id join employment_records e on e.worker_id = w.id where w.id = ?`,
      )
      .get(workerIds[0]) as Claimant
    return { ...claimant, cookie: cookies[0] }
  } finally {
    db.close()
  }
}
