import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { is } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { expect, test } from 'vitest'
import { openDatabase } from '../connection'
import * as schema from './index'

// Issue 8 §8: every enum column (`text({ enum })`, codes from app/rules) is also a CHECK in the database,
// listing the same codes in the same order, so a code added to a rules list without a migration, or a
// new enum column without a CHECK, fails here rather than letting any string into the table.

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

const tables: SQLiteTable[] = Object.values(schema).flatMap((t) => (is(t, SQLiteTable) ? [t] : []))
const enumColumns = tables.flatMap((t) => {
  const { name, columns } = getTableConfig(t)
  return columns.filter((c) => c.enumValues).map((c) => ({ table: name, column: snake(c.name), values: c.enumValues as string[] }))
})

test('每个枚举列在迁移后的库里都有同样取值的 CHECK / every enum column has a CHECK with the same codes in the migrated database', () => {
  expect(enumColumns.map((c) => `${c.table}.${c.column}`)).toEqual(
    expect.arrayContaining(['employers.industry', 'vacancies.industry', 'attempts.scope', 'users.role']),
  )
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-enums-')), 'portal.db'))
  const tableSql = db.$client.prepare("select sql from sqlite_master where type = 'table' and name = ?").pluck()
  const triggerSql = db.$client.prepare("select sql from sqlite_master where type = 'trigger' and name = ?").pluck()
  for (const { table, column, values } of enumColumns) {
    const ddl = tableSql.get(table) as string
    const codes = values.map((v) => `'${v}'`).join(', ')
    // A column added to an existing table gets its CHECK as two guard triggers (SQLite cannot add a CHECK
    // without rebuilding the table): `<table>_<column>_check_insert` and `…_update`, refusing any other code.
    const guards = ['insert', 'update'].map((when) => triggerSql.get(`${table}_${column}_check_${when}`) as string | undefined)
    if (guards.every(Boolean)) for (const guard of guards) expect(guard, `${table}.${column}`).toContain(`NOT IN (${codes})`)
    else expect(ddl, `${table}.${column}`).toContain(`CHECK("${table}"."${column}" in (${codes}))`)
  }
  db.$client.close()
})
