import crypto from 'node:crypto'
import { createCookie } from '@remix-run/node'
import Database from 'better-sqlite3'
import { addDays } from '~/rules/dates'
import { makeIdNumber } from '~/rules/id-number'

// Fast factories for issue 12's HTTP proofs (the e2e project and scripts/bench-seats.ts): many verified
// worker accounts with live sessions, written straight into a portal's database file in one transaction,
// so 200 (or 5,000) people can sign up at once without 200 password hashes and sign-ins first. Nothing
// here imports the app's db module: the caller names the file the running server uses.

/** The session cookie the portal signs with `secret` (its SESSION_SECRET), for a raw session token. */
export async function sessionCookieHeader(token: string, secret: string) {
  const cookie = createCookie('__session', { httpOnly: true, sameSite: 'lax', path: '/', secrets: [secret] })
  return (await cookie.serialize(token)).split(';')[0]
}

/**
 * Makes `count` new ledger rows of `centre`'s county (copies of the county's first row with fresh ID
 * numbers, sex and birth date read from them, no phone) with a verified, enabled worker account each that
 * has chosen its password, and a 30-day session. Takes the database file, the centre's west staff username
 * (e.g. 'kaizhou') and the server's SESSION_SECRET. Returns the ledger row ids and a Cookie header for each,
 * in the same order. The password hash is unusable: these accounts never sign in by password. The kept
 * figures follow through the tables' triggers.
 */
export async function verifiedWorkersWithSessions(databasePath: string, centre: string, count: number, secret: string) {
  const db = new Database(databasePath, { timeout: 10_000 })
  try {
    const now = Date.now()
    const tokens: string[] = []
    const workerIds = db.transaction(() => {
      const template = db
        .prepare(
          `select w.id, o.id as organisationId, o.area_code as areaCode from workers w
           join users s on s.organisation_id = w.organisation_id and s.username = ?
           join organisations o on o.id = w.organisation_id order by w.id limit 1`,
        )
        .get(centre) as { id: number; organisationId: number; areaCode: string } | undefined
      if (!template) throw new Error(`${centre} has no ledger row to copy`)
      const taken = db.prepare('select 1 from workers where id_number = ? union all select 1 from users where id_number = ?')
      const insertWorker = db.prepare(
        `insert into workers (organisation_id, name, id_number, sex, birth_date, phone, township_code, village_code, household_status,
           employment_status, employment_need, skill_level, created_at, updated_at)
         select organisation_id, ?, ?, ?, ?, null, township_code, village_code, household_status, employment_status, employment_need,
           skill_level, ?, ? from workers where id = ?`,
      )
      const insertUser = db.prepare(
        `insert into users (username, password_hash, role, organisation_id, display_name, id_number, verified_at, must_change_password, created_at, updated_at)
         values (?, 'unusable', 'worker', ?, ?, ?, ?, 0, ?, ?)`,
      )
      const link = db.prepare('update workers set user_id = ? where id = ?')
      const insertSession = db.prepare('insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)')
      const ids: number[] = []
      for (let n = 0; ids.length < count; n++) {
        const birthDate = addDays('1980-01-01', (now + n * 7) % 5000)
        const idNumber = makeIdNumber({ areaCode: template.areaCode, birthDate, sequence: 100 + (n % 800) })
        if (taken.get(idNumber, idNumber)) continue
        const name = `乘车测试${ids.length + 1}`
        const sex = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female'
        const workerId = Number(insertWorker.run(name, idNumber, sex, birthDate, now, now, template.id).lastInsertRowid)
        const userId = Number(insertUser.run(`trip-${now.toString(36)}-${n}`, template.organisationId, name, idNumber, now, now, now).lastInsertRowid)
        link.run(userId, workerId)
        const token = crypto.randomBytes(32).toString('base64url')
        insertSession.run(crypto.createHash('sha256').update(token).digest('base64url'), userId, now + 30 * 24 * 3600_000, now)
        tokens.push(token)
        ids.push(workerId)
      }
      return ids
    })()
    return { workerIds, cookies: await Promise.all(tokens.map((t) => sessionCookieHeader(t, secret))) }
  } finally {
    db.close()
  }
}
