import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { asc, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { keepStatements, openDatabase } from './connection'
import { auditLog } from './schema'

// The connection keeps its compiled statements by SQL text (db/connection.ts keepStatements, issue 10).

function freshFile() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-stmt-')), 'portal.db')
}

/** A migrated database with audit rows test.0 … test.(n-1). */
function databaseWithRows(n: number) {
  const db = openDatabase(freshFile())
  for (let i = 0; i < n; i++)
    db.insert(auditLog)
      .values({ action: `test.${i}`, entity: 'test' })
      .run()
  return db
}

test('同一条 SQL 只编译一次 / the same SQL text is compiled once and handed out again', () => {
  const db = databaseWithRows(3)
  const text = 'select action from audit_log order by id'
  expect(db.$client.prepare(text)).toBe(db.$client.prepare(text))
  // drizzle's own queries go through the same prepare.
  const query = db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entity, 'test')).orderBy(asc(auditLog.id))
  expect(db.$client.prepare(query.toSQL().sql)).toBe(db.$client.prepare(query.toSQL().sql))
  expect(query.all()).toEqual([{ action: 'test.0' }, { action: 'test.1' }, { action: 'test.2' }])
  expect(query.all()).toEqual([{ action: 'test.0' }, { action: 'test.1' }, { action: 'test.2' }])
  db.$client.close()
})

test('取回的语句恢复默认模式 / a kept statement comes back without the raw or pluck mode a caller set', () => {
  const db = databaseWithRows(2)
  const text = 'select id, action from audit_log order by id'
  expect(db.$client.prepare(text).pluck().all()).toEqual([1, 2])
  expect(db.$client.prepare(text).all()).toEqual([
    { id: 1, action: 'test.0' },
    { id: 2, action: 'test.1' },
  ])
  expect(db.$client.prepare(text).raw().get()).toEqual([1, 'test.0'])
  expect(db.$client.prepare(text).get()).toEqual({ id: 1, action: 'test.0' })
  db.$client.close()
})

test('正在逐行读取的语句不被共用 / a statement still being iterated is not shared: the same SQL at once gets its own', () => {
  const db = databaseWithRows(5)
  // A streamed read (an export reading row by row) and a page running the same drizzle query meanwhile.
  const query = db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entity, 'test')).orderBy(asc(auditLog.id))
  const { sql, params } = query.toSQL()
  const streamed = db.$client
    .prepare(sql)
    .raw()
    .iterate(...params)
  expect(streamed.next().value).toEqual(['test.0'])
  expect(db.$client.prepare(sql)).not.toBe(db.$client.prepare(sql))
  expect(query.all().map((r) => r.action)).toEqual(['test.0', 'test.1', 'test.2', 'test.3', 'test.4'])
  expect([...streamed].map((r) => (r as string[])[0])).toEqual(['test.1', 'test.2', 'test.3', 'test.4'])
  // Once the stream has ended, the kept statement is handed out again.
  expect(db.$client.prepare(sql)).toBe(db.$client.prepare(sql))
  db.$client.close()
})

test('只保留最近用过的语句 / only the most recently used statements are kept', () => {
  const sqlite = new Database(':memory:')
  keepStatements(sqlite, 2)
  const one = sqlite.prepare('select 1')
  const two = sqlite.prepare('select 2')
  expect(sqlite.prepare('select 1')).toBe(one) // used again: now the newest
  const three = sqlite.prepare('select 3') // 'select 2', the least recently used, is dropped
  expect(sqlite.prepare('select 2')).not.toBe(two) // compiled again (and 'select 1' dropped)
  expect(sqlite.prepare('select 3')).toBe(three)
  expect(sqlite.prepare('select 1')).not.toBe(one)
  sqlite.close()
})

test('取回的语句也不再展开 / a kept statement comes back without the expand mode a caller set', () => {
  const db = databaseWithRows(1)
  const text = 'select id, action from audit_log order by id'
  expect(db.$client.prepare(text).expand().get()).toEqual({ audit_log: { id: 1, action: 'test.0' } })
  expect(db.$client.prepare(text).get()).toEqual({ id: 1, action: 'test.0' })
  // All three at once are reset too.
  db.$client.prepare(text).expand().raw()
  expect(db.$client.prepare(text).get()).toEqual({ id: 1, action: 'test.0' })
  db.$client.close()
})

test('共用语句的模式在下一次取用时被重置 / a held statement’s mode is reset by the next hand-out of the same text: set the mode on each use', () => {
  const db = databaseWithRows(2)
  const text = 'select action from audit_log order by id'
  const held = db.$client.prepare(text).pluck()
  expect(held.get()).toBe('test.0')
  // Another caller prepares the same text: the one shared statement is reset to the default modes.
  expect(db.$client.prepare(text)).toBe(held)
  expect(held.get()).toEqual({ action: 'test.0' })
  db.$client.close()
})

test('写语句同样共用 / a writing statement is kept and handed out again as it is (it has no modes)', () => {
  const db = databaseWithRows(0)
  const text = 'insert into audit_log ("at", action, entity) values (0, ?, \'test\')'
  const first = db.$client.prepare(text)
  expect(first.reader).toBe(false)
  first.run('test.a')
  const again = db.$client.prepare(text)
  expect(again).toBe(first)
  again.run('test.b')
  expect(db.$client.prepare("select action from audit_log where entity = 'test' order by id").pluck().all()).toEqual(['test.a', 'test.b'])
  db.$client.close()
})

test('正在读取的语句不被重置 / a statement busy iterating keeps its mode: the same text meanwhile gets a fresh default one', () => {
  const db = databaseWithRows(3)
  const text = 'select action from audit_log order by id'
  const streamed = db.$client.prepare(text).pluck().iterate()
  expect(streamed.next().value).toBe('test.0')
  expect(db.$client.prepare(text).get()).toEqual({ action: 'test.0' })
  // The stream goes on plucked, untouched by the other hand-out.
  expect([...streamed]).toEqual(['test.1', 'test.2'])
  db.$client.close()
})
