import fs from 'node:fs'
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import { openDatabase } from './connection'
import { seedDemoData } from './seed'

// The set-up of the tests that apply a migration to a database already holding data (db/migrate*.test.ts):
// the committed migrations cut at one point, and the demo data in a database kept at that point.

/** The committed migrations folder. */
export const MIGRATIONS = path.join('db', 'migrations')

/**
 * A copy, in a new folder under `dir`, of the committed migrations up to and including `lastIdx`, with its
 * journal cut to match. Returns the folder (pass it to openDatabase as `migrationsFolder`).
 */
export function migrationsUpTo(dir: string, lastIdx: number) {
  const out = path.join(dir, `migrations-${lastIdx}`)
  fs.mkdirSync(path.join(out, 'meta'), { recursive: true })
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] }
  journal.entries = journal.entries.filter((e) => e.idx <= lastIdx)
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(out, `${e.tag}.sql`))
  fs.writeFileSync(path.join(out, 'meta', '_journal.json'), JSON.stringify(journal))
  return out
}

/**
 * The demo data in a database file kept at migration `lastIdx`, as a database of that age would hold it.
 * The seed writes today's schema, so it fills a fully migrated database first (`adjust`, if given, may then
 * change its rows); the older database then takes, table by table, the columns it had at `lastIdx`, and the
 * id sequences. Later migrations never break this set-up. Returns the path of the older file (closed), in `dir`.
 */
export async function seededDatabaseAt(dir: string, lastIdx: number, adjust?: (sqlite: Database) => void) {
  const current = path.join(dir, 'current.db')
  const seeded = openDatabase(current, { migrationsFolder: MIGRATIONS })
  await seedDemoData(seeded, { accountsPerCounty: 20, registryPerCounty: 20 })
  adjust?.(seeded.$client)
  seeded.$client.pragma('wal_checkpoint(TRUNCATE)')
  seeded.$client.close()

  const file = path.join(dir, `at-${String(lastIdx).padStart(4, '0')}.db`)
  const db = openDatabase(file, { migrationsFolder: migrationsUpTo(dir, lastIdx) })
  copyCommonColumns(db.$client, current)
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
  return file
}

/**
 * Copies every row of `sourceFile`'s tables into the same tables of `target`, in the columns both have, and
 * the id sequences of the tables `target` has; tables `target` does not have are skipped, and the search
 * index is copied as the rows it indexes.
 */
function copyCommonColumns(target: Database, sourceFile: string) {
  target.pragma('foreign_keys = OFF')
  target.prepare('attach database ? as source').run(sourceFile)
  const tables = target
    .prepare("select name, sql from main.sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'")
    .all() as { name: string; sql: string }[]
  const virtual = tables.filter((t) => /^create virtual table/i.test(t.sql)).map((t) => t.name)
  const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`))
  for (const { name } of tables.filter((t) => !isShadow(t.name))) {
    const columnsOf = (schema: string) => target.prepare('select name from pragma_table_info(?, ?)').pluck().all(name, schema) as string[]
    const sourceColumns = new Set(columnsOf('source'))
    const shared = columnsOf('main').filter((c) => sourceColumns.has(c))
    if (shared.length === 0) continue
    // A virtual table's rowid is its key (the search index's rowid is the post's id).
    const list = [...(virtual.includes(name) ? ['rowid'] : []), ...shared.map((c) => `"${c}"`)].join(', ')
    target.exec(`insert into main."${name}" (${list}) select ${list} from source."${name}"`)
  }
  // A deleted last row leaves its id in the sequence only: copied, so a rebuild that restarted it would show.
  target.exec(
    "delete from main.sqlite_sequence; insert into main.sqlite_sequence (name, seq) select name, seq from source.sqlite_sequence where name in (select name from main.sqlite_master where type = 'table')",
  )
  target.exec('detach database source')
  target.pragma('foreign_keys = ON')
}
