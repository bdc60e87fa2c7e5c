import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { parseLabourerIdNumber } from '../app/rules/id-number'
import { parseMobile } from '../app/rules/mobile'
import { parseUscc } from '../app/rules/uscc'
import { verifyPassword } from '../app/utils/password.server'
import { openDatabase, type DB } from '../db/connection'
import { DEMO_PASSWORD } from '../db/seed'
import { buildBenchDatabase, type BuildResult } from './bench-data-build'
import { FULL_SIZE } from './bench-data-context'

// The benchmark database's invariants (issue 10 §1, decision 015), on a tiny build (scale 0.002): it is a
// migrated, consistent database on which the demo accounts sign in, sized in proportion to the scale,
// and building it never touches the portal's own database.

const SCALE = 0.002
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-bench-data-'))
const out = path.join(dir, 'bench.db')
const demoFile = process.env.DATABASE_PATH!
const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
let demoBefore: { hash: string; mtime: number }
let result: BuildResult
let db: DB

beforeAll(async () => {
  demoBefore = { hash: digest(demoFile), mtime: fs.statSync(demoFile).mtimeMs }
  result = await buildBenchDatabase({ out, scale: SCALE, log: () => {} })
  db = openDatabase(out)
}, 120_000)

afterAll(() => {
  db.$client.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[]
const one = (sql: string, ...params: unknown[]) =>
  db.$client
    .prepare(sql)
    .pluck()
    .get(...params) as number

test('库已迁移到最新且数据一致 / the database is migrated to the latest migration, with no broken reference and no corruption', () => {
  const journal = JSON.parse(fs.readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] }
  expect(one('select count(*) from __drizzle_migrations')).toBe(journal.entries.length)
  expect(all('pragma foreign_key_check')).toEqual([])
  expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(fs.existsSync(`${out}.tmp`)).toBe(false)
  // The counters kept by triggers agree with the rows they count.
  expect(all('select organisation_id as org, workers from ledger_counts order by 1')).toEqual(
    all('select organisation_id as org, count(*) as workers from workers group by 1 order by 1'),
  )
  expect(one('select count(*) from vacancy_search')).toBe(one('select count(*) from vacancies'))
})

test('演示账号仍能登录，生成的务工人员账号用演示密码 / demo accounts still sign in, and generated worker accounts use the demo password', async () => {
  const hash = (username: string) => db.$client.prepare('select password_hash from users where username = ?').pluck().get(username) as string
  for (const username of ['admin', 'weifang', 'kaizhou', '13996000001']) expect(await verifyPassword(hash(username), DEMO_PASSWORD), username).toBe(true)
  const generated = db.$client.prepare("select username from users where role = 'worker' order by id desc limit 1").pluck().get() as string
  expect(parseMobile(generated).ok).toBe(true)
  expect(await verifyPassword(hash(generated), DEMO_PASSWORD)).toBe(true)
})

test('行数与规模成比例 / row counts follow the scale', () => {
  expect(result.rows.vacancies).toBeGreaterThanOrEqual(Math.round(FULL_SIZE.vacancies * SCALE))
  const ledger = (code: string) => one('select count(*) from workers w join organisations o on o.id = w.organisation_id where o.area_code = ?', code)
  const seeded = ledger('500241') - Math.round(FULL_SIZE.ledger['500241'] * SCALE)
  expect(ledger('500154') - seeded).toBe(Math.round(FULL_SIZE.ledger['500154'] * SCALE))
  expect(ledger('500230') - seeded).toBe(Math.round(FULL_SIZE.ledger['500230'] * SCALE))
  expect(result.rows.applications).toBeGreaterThanOrEqual(Math.round(FULL_SIZE.applications * SCALE))
  expect(result.rows.applications).toBeLessThan(Math.round(FULL_SIZE.applications * SCALE) * 1.2)
  expect(result.rows.users).toBeGreaterThanOrEqual(Math.round(FULL_SIZE.accounts * SCALE))
  expect(result.rows.audit_log).toBeGreaterThanOrEqual(result.rows.applications)
  // The staff queues grow too: the seed's three reports and three referrals, plus generated ones.
  expect(result.rows.vacancy_reports).toBeGreaterThan(3)
  expect(result.rows.registration_referrals).toBeGreaterThan(3)
  // Weifang holds about 45 % of the posts.
  const weifang = one("select count(*) from vacancies v join organisations o on o.id = v.organisation_id where o.area_code = '370700'")
  expect(weifang / result.rows.vacancies).toBeGreaterThan(0.3)
  expect(weifang / result.rows.vacancies).toBeLessThan(0.6)
  // The demo worker of Kaizhou has about thirty applications.
  expect(
    one("select count(*) from applications a join workers w on w.id = a.worker_id join users u on u.id = w.user_id where u.username = '13996000001'"),
  ).toBeGreaterThanOrEqual(FULL_SIZE.demoWorkerApplications)
})

test('生成的数据符合业务规则 / generated rows keep the rules: valid numbers, verified means linked, applicants of the target counties, hires within the headcount', () => {
  for (const { id } of all<{ id: string }>('select id_number as id from workers')) expect(parseLabourerIdNumber(id).ok, id).toBe(true)
  for (const { uscc } of all<{ uscc: string }>('select uscc from employers')) expect(parseUscc(uscc).ok, uscc).toBe(true)
  // Verified accounts are exactly the accounts linked to a ledger row of their own county.
  expect(one("select count(*) from users where role = 'worker' and verified_at is not null")).toBe(
    one('select count(*) from workers w join users u on u.id = w.user_id where u.organisation_id = w.organisation_id and u.id_number = w.id_number'),
  )
  // Every applicant is in the ledger of a county the post is open to; self applications come from verified accounts.
  expect(
    one(`select count(*) from applications a join workers w on w.id = a.worker_id join organisations o on o.id = w.organisation_id
          where not exists (select 1 from vacancy_targets t where t.vacancy_id = a.vacancy_id and t.county_code = o.area_code)`),
  ).toBe(0)
  expect(
    one(
      "select count(*) from applications a join workers w on w.id = a.worker_id left join users u on u.id = w.user_id where a.source = 'self' and u.verified_at is null",
    ),
  ).toBe(0)
  expect(one(`select count(*) from vacancies v where headcount < (select count(*) from applications a where a.vacancy_id = v.id and a.status = 'hired')`)).toBe(
    0,
  )
  // Every hire through an application has its employment record (the demo's subsidy claimants also have records made without one).
  expect(one("select count(*) from applications where status = 'hired'")).toBe(one('select count(*) from employment_records where application_id is not null'))
  // A generated hire or decline (one with its audit row) can be undone: it remembers the status it came from.
  const decided = `from applications a where a.status in ('hired', 'declined')
    and exists (select 1 from audit_log l where l.entity = 'application' and l.entity_id = cast(a.id as text))`
  expect(one(`select count(*) ${decided}`)).toBeGreaterThan(0)
  expect(one(`select count(*) ${decided} and coalesce(a.previous_status, '') not in ('submitted', 'contacted')`)).toBe(0)
  expect(one("select count(*) from applications a join vacancies v on v.id = a.vacancy_id where v.status = 'draft'")).toBe(0)
})

test('不动演示库，拒绝写到门户自己的库上 / the demo database is untouched, and writing over it is refused', async () => {
  expect(digest(demoFile)).toBe(demoBefore.hash)
  expect(fs.statSync(demoFile).mtimeMs).toBe(demoBefore.mtime)
  await expect(buildBenchDatabase({ out: demoFile, scale: SCALE, force: true, log: () => {} })).rejects.toThrow(/refusing/)
  await expect(buildBenchDatabase({ out: 'data/portal.db', scale: SCALE, force: true, log: () => {} })).rejects.toThrow(/refusing/)
  await expect(buildBenchDatabase({ out, scale: SCALE, log: () => {} })).rejects.toThrow(/--force/)
  expect(digest(demoFile)).toBe(demoBefore.hash)
})
