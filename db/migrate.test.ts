import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { INDUSTRIES } from '../app/rules/vacancy-enums'
import { THROTTLE_SCOPES } from '../app/rules/account-enums'
import { openDatabase } from './connection'
import { migrationsUpTo, seededDatabaseAt } from './migration-fixtures'

// Migrations applied to a database that already holds data (issue 8 §8). 0008 adds CHECKs by rebuilding
// employers, vacancies and attempts; a fresh database cannot show what such a rebuild does to existing
// rows, their references and their ids, so these tests migrate a seeded database kept at 0007.

const REBUILT = ['employers', 'vacancies', 'attempts']
/** Every table that holds or points at a rebuilt table's rows. */
const WATCHED = [...REBUILT, 'vacancy_targets', 'applications', 'employment_records', 'vacancy_reports', 'vacancy_search', 'audit_log']

let dir: string
let at0007: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-migrate-'))
  at0007 = await seededDatabaseAt(dir, 7)
  const sqlite = openDatabase(at0007, { runMigrations: false }).$client
  sqlite.exec("insert into attempts (scope, key_hash, ip, at) values ('login', 'k', '203.0.113.9', 1), ('register', null, '203.0.113.9', 2)")
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.close()
}, 120_000)

/** A private copy of the seeded 0007 database, opened without migrating; foreign keys as given. */
function open0007({ foreignKeys = true } = {}) {
  const file = path.join(dir, `copy-${crypto.randomUUID()}.db`)
  fs.copyFileSync(at0007, file)
  const db = openDatabase(file, { runMigrations: false })
  if (!foreignKeys) db.$client.pragma('foreign_keys = OFF')
  return { file, sqlite: db.$client }
}

function rowsOf(sqlite: import('better-sqlite3').Database, table: string) {
  return sqlite.prepare(`select rowid as _rowid, * from ${table} order by rowid`).all()
}

function tableSql(sqlite: import('better-sqlite3').Database, table: string) {
  return sqlite.prepare("select sql from sqlite_master where type = 'table' and name = ?").pluck().get(table) as string
}

test('0008 在有数据的库上重建三张表，行、引用和索引都在 / 0008 rebuilds three tables of a populated database keeping every row, reference and index', () => {
  const { file, sqlite } = open0007()
  const before = Object.fromEntries(WATCHED.map((t) => [t, rowsOf(sqlite, t)]))
  const indexesBefore = sqlite
    .prepare("select name, tbl_name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%' order by name")
    .all()
  expect(before.vacancies.length).toBeGreaterThan(0)
  expect(before.vacancy_targets.length).toBeGreaterThan(0)
  expect(before.applications.length).toBeGreaterThan(0)
  expect(before.employment_records.length).toBeGreaterThan(0)
  sqlite.close()

  const db = openDatabase(file, { migrationsFolder: migrationsUpTo(dir, 8) })
  const after = db.$client
  for (const t of WATCHED) expect(rowsOf(after, t), t).toEqual(before[t])
  expect(after.prepare("select name, tbl_name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%' order by name").all()).toEqual(
    indexesBefore,
  )
  expect(after.pragma('foreign_key_check')).toEqual([])
  expect(after.pragma('foreign_keys', { simple: true })).toBe(1)
  for (const t of REBUILT) expect(tableSql(after, t)).not.toMatch(/__new_/)
  expect(tableSql(after, 'employers')).toMatch(/employers_industry_check/)
  expect(tableSql(after, 'vacancies')).toMatch(/vacancies_industry_check/)
  expect(tableSql(after, 'attempts')).toMatch(/attempts_scope_check/)
  after.close()
})

test('0008 保留自增序号：删掉的最后一条的编号不会再发出 / 0008 keeps the AUTOINCREMENT sequences, so the id of a deleted last row is never handed out again', () => {
  const { file, sqlite } = open0007({ foreignKeys: false })
  const last = sqlite.prepare('select max(id) from vacancies').pluck().get() as number
  for (const t of ['vacancy_targets', 'applications', 'vacancy_reports']) sqlite.prepare(`delete from ${t} where vacancy_id = ?`).run(last)
  sqlite.prepare('delete from employment_records where application_id is not null and application_id not in (select id from applications)').run()
  sqlite.prepare('delete from vacancy_search where rowid = ?').run(last)
  sqlite.prepare('update vacancies set copied_from_id = null where copied_from_id = ?').run(last)
  sqlite.prepare('delete from vacancies where id = ?').run(last)
  expect(sqlite.pragma('foreign_key_check')).toEqual([])
  const sequences = sqlite.prepare("select name, seq from sqlite_sequence where name in ('employers', 'vacancies', 'attempts') order by name").all()
  sqlite.close()

  const after = openDatabase(file).$client
  expect(after.prepare("select name, seq from sqlite_sequence where name in ('employers', 'vacancies', 'attempts') order by name").all()).toEqual(sequences)
  after.exec(
    "insert into vacancies (organisation_id, employer_id, city_code, title, industry, headcount, salary_min_fen, salary_max_fen, address, lat, lng, contact_name, contact_phone, valid_until, created_at, updated_at) select organisation_id, employer_id, city_code, '新岗位', industry, 1, 450000, 450000, address, lat, lng, contact_name, contact_phone, valid_until, 0, 0 from vacancies limit 1",
  )
  expect(after.prepare('select max(id) from vacancies').pluck().get()).toBe(last + 1)
  after.close()
})

test('已有一行不在行业列表里时，整个迁移回滚、库保持原样 / a row outside the industry list rolls the whole migration back and leaves the file as it was', () => {
  const { file, sqlite } = open0007()
  sqlite.prepare("update employers set industry = 'mining' where id = (select min(id) from employers)").run()
  const before = Object.fromEntries(WATCHED.map((t) => [t, rowsOf(sqlite, t)]))
  const schemaBefore = sqlite.prepare('select type, name, sql from sqlite_master order by name').all()
  sqlite.close()

  expect(() => openDatabase(file)).toThrow(/employers_industry_check/)
  const after = openDatabase(file, { runMigrations: false }).$client
  expect(after.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(8)
  expect(after.prepare('select type, name, sql from sqlite_master order by name').all()).toEqual(schemaBefore)
  for (const t of WATCHED) expect(rowsOf(after, t), t).toEqual(before[t])
  after.close()
})

test('迁移后有引用指向不存在的行时回滚 / a reference left pointing nowhere rolls the migration back', () => {
  const { file, sqlite } = open0007({ foreignKeys: false })
  sqlite.prepare("insert into vacancy_targets (vacancy_id, county_code) values (999999, '500154')").run()
  sqlite.close()

  expect(() => openDatabase(file)).toThrow(/migration_0008_foreign_keys_intact/)
  const after = openDatabase(file, { runMigrations: false }).$client
  expect(after.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(8)
  expect(tableSql(after, 'employers')).not.toMatch(/industry_check/)
  after.close()
})

test('数据库只收规则里列出的行业和限流范围 / the database takes only the industries and throttle scopes the rules list', () => {
  const db = openDatabase(path.join(dir, `fresh-${crypto.randomUUID()}.db`))
  const sqlite = db.$client
  sqlite.exec("insert into areas (code, name, level) values ('370700', '潍坊市', 'city')")
  sqlite.exec("insert into organisations (kind, name, short_name, area_code, created_at, updated_at) values ('bureau', '潍坊市人社局', '潍坊', '370700', 0, 0)")
  const insertEmployer = sqlite.prepare(
    "insert into employers (organisation_id, name, uscc, industry, address, contact_name, contact_phone, created_at, updated_at) values (1, ?, ?, ?, '潍坊', '王', '0536-1234567', 0, 0)",
  )
  INDUSTRIES.forEach((industry, i) => insertEmployer.run(`单位${i}`, `USCC${i}`, industry))
  for (const bad of ['mining', 'Manufacturing', '制造业', '']) expect(() => insertEmployer.run('坏单位', `BAD-${bad}`, bad)).toThrow(/employers_industry_check/)
  const insertVacancy = sqlite.prepare(
    "insert into vacancies (organisation_id, employer_id, city_code, title, industry, headcount, salary_min_fen, salary_max_fen, address, lat, lng, contact_name, contact_phone, valid_until, created_at, updated_at) values (1, 1, '370700', '普工', ?, 1, 450000, 450000, '潍坊', 36.7, 119.1, '王', '0536-1234567', '2099-01-01', 0, 0)",
  )
  for (const industry of INDUSTRIES) insertVacancy.run(industry)
  expect(() => insertVacancy.run('mining')).toThrow(/vacancies_industry_check/)
  expect(() => sqlite.prepare("update vacancies set industry = 'mining' where id = 1").run()).toThrow(/vacancies_industry_check/)
  const insertAttempt = sqlite.prepare("insert into attempts (scope, ip, at) values (?, '203.0.113.9', 0)")
  for (const scope of THROTTLE_SCOPES) insertAttempt.run(scope)
  expect(() => insertAttempt.run('password_reset')).toThrow(/attempts_scope_check/)
  sqlite.close()
})
