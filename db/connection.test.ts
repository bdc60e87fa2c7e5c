import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { openDatabase } from './connection'
import { auditLog, pairings, users } from './schema'

function freshFile() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-db-')), 'portal.db')
}

test('新数据库用提交的迁移建好，并设置必需的 pragma / a fresh file is migrated and has the required pragmas', () => {
  const db = openDatabase(freshFile())
  const pragma = (name: string) => db.$client.pragma(name, { simple: true })
  expect(pragma('journal_mode')).toBe('wal')
  expect(pragma('synchronous')).toBe(2)
  expect(pragma('foreign_keys')).toBe(1)
  expect(pragma('busy_timeout')).toBe(5000)
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['areas', 'pairings', 'organisations', 'users', 'sessions', 'audit_log', 'attempts']))
  db.$client.close()
})

test('重复打开不会重复执行迁移 / reopening does not re-run migrations', () => {
  const file = freshFile()
  openDatabase(file).$client.close()
  const db = openDatabase(file)
  const applied = db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }
  expect(applied.n).toBe(fs.readdirSync(path.join('db', 'migrations')).filter((f) => f.endsWith('.sql')).length)
  db.$client.close()
})

test('审计日志只能追加，不能修改或删除 / the audit log refuses UPDATE and DELETE', () => {
  const db = openDatabase(freshFile())
  db.insert(auditLog).values({ action: 'test.append', entity: 'test' }).run()
  expect(() => db.update(auditLog).set({ action: 'test.changed' }).run()).toThrow(/append-only/)
  expect(() => db.delete(auditLog).run()).toThrow(/append-only/)
  expect(() => db.$client.exec("update audit_log set reason = 'x'")).toThrow(/append-only/)
  const rows = db.select().from(auditLog).all()
  expect(rows).toHaveLength(1)
  expect(rows[0].action).toBe('test.append')
  db.$client.close()
})

test('外键和唯一约束由数据库保证 / foreign keys and unique constraints are enforced by the database', () => {
  const db = openDatabase(freshFile())
  expect(() => db.insert(pairings).values({ countyCode: '999999', cityCode: '888888', sinceYear: 2020 }).run()).toThrow(/FOREIGN KEY/)
  expect(() => db.insert(users).values({ username: 'x', passwordHash: 'h', role: 'east', displayName: 'x', organisationId: 12345 }).run()).toThrow(
    /FOREIGN KEY/,
  )
  expect(db.select({ n: count() }).from(users).where(eq(users.username, 'x')).get()!.n).toBe(0)
  db.$client.close()
})
