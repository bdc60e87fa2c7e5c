import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { openDatabase } from './connection'
import { MIGRATIONS, seededDatabaseAt } from './migration-fixtures'

// Migration 0011 (issue 9 §4, §12) rebuilds `applications` to widen its status CHECK and adds a unique
// index on employment_records. Applied to a seeded database kept at 0010: every row, id, reference and the
// id sequence survive; `withdrawn` is then accepted and a second same-day hire by one employer is not.

let dir: string
let at0010: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-migrate-0011-'))
  at0010 = await seededDatabaseAt(dir, 10, (sqlite) =>
    // The newest application is deleted, so a rebuild that restarted the sequence would hand its id out again.
    sqlite.exec(
      'delete from applications where id = (select max(id) from applications where id not in (select application_id from employment_records where application_id is not null))',
    ),
  )
  // Seeding a database at 0010 takes seconds, more on a loaded machine: as long as migrate.test.ts allows.
}, 120_000)

test('0011 保留每一条报名、就业记录和编号序列，之后接受“已撤回” / 0011 keeps every application, record and the id sequence, then accepts withdrawn', () => {
  const file = path.join(dir, 'copy.db')
  fs.copyFileSync(at0010, file)
  const before = openDatabase(file, { runMigrations: false }).$client
  const rows = (table: string) => before.prepare(`select * from ${table} order by id`).all()
  const applications = rows('applications')
  const records = rows('employment_records')
  const seq = before.prepare("select seq from sqlite_sequence where name = 'applications'").pluck().get() as number
  before.close()
  expect(applications.length).toBeGreaterThan(0)
  expect(records.length).toBeGreaterThan(0)

  const sqlite = openDatabase(file, { migrationsFolder: MIGRATIONS }).$client
  const after = sqlite.prepare('select * from applications order by id').all() as Record<string, unknown>[]
  expect(after.map(({ previous_status, undo_note, ...rest }) => (expect([previous_status, undo_note]).toEqual([null, null]), rest))).toEqual(applications)
  expect(sqlite.prepare('select * from employment_records order by id').all()).toEqual(records)
  expect(sqlite.prepare("select seq from sqlite_sequence where name = 'applications'").pluck().get()).toBe(seq)
  expect(sqlite.pragma('foreign_key_check')).toEqual([])
  const id = (applications[0] as { id: number }).id
  sqlite.prepare("update applications set status = 'withdrawn' where id = ?").run(id)
  expect(() => sqlite.prepare("update applications set status = 'cancelled' where id = ?").run(id)).toThrow(
    /CHECK constraint failed: applications_status_check/,
  )
  const record = records[0] as { worker_id: number; employer_id: number; city_code: string; start_date: string }
  expect(() =>
    sqlite
      .prepare('insert into employment_records (worker_id, employer_id, city_code, start_date, created_at) values (?, ?, ?, ?, 0)')
      .run(record.worker_id, record.employer_id, record.city_code, record.start_date),
  ).toThrow(/UNIQUE constraint failed/)
  sqlite.close()
})
