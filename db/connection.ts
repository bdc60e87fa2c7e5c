import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** A drizzle transaction handle; queries through it run inside the open transaction. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0]
/** Anything a query can be run through: the connection or an open transaction. */
export type Queryable = DB | Tx

// Money and seats are written here, so durability wins over the last bit of speed: FULL fsyncs the WAL
// on every commit. busy_timeout lets concurrent writers queue instead of failing with SQLITE_BUSY.
const REQUIRED_PRAGMAS: [string, string | number][] = [
  ['journal_mode', 'wal'],
  ['synchronous', 2], // FULL
  ['foreign_keys', 1],
  ['busy_timeout', 5000],
]

/**
 * Opens the SQLite file, applies pending migrations and sets and verifies the pragmas. Throws when a
 * pragma does not take, a migration fails (it is rolled back), or migrating left a reference that points
 * nowhere.
 */
export function openDatabase(file: string, { runMigrations = true, migrationsFolder = defaultMigrationsFolder() } = {}): DB {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  const db = drizzle(sqlite, { schema, casing: 'snake_case' })
  try {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('busy_timeout = 5000')
    if (runMigrations) migrateWithForeignKeysOff(db, migrationsFolder)
    sqlite.pragma('foreign_keys = ON')
    for (const [name, expected] of REQUIRED_PRAGMAS) {
      const actual = sqlite.pragma(name, { simple: true })
      if (actual !== expected) throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${expected}`)
    }
  } catch (error) {
    sqlite.close()
    throw error
  }
  // After migrating, so the migrations' one-off statements do not fill the cache.
  keepStatements(sqlite)
  return db
}

/** Statements kept per connection; the portal's queries are a few hundred texts, so the hot ones stay. */
export const KEPT_STATEMENTS = 500

/**
 * Makes `sqlite.prepare` hand out a statement kept by its SQL text instead of compiling it again: drizzle
 * calls prepare on every query, and compiling was a tenth of a signed-in page's CPU (issue 10). Takes the
 * connection (changed in place) and how many statements to keep (the least recently used is dropped).
 *
 * Edges (db/statements.test.ts tests each):
 * - Modes. A kept reading statement is handed out with better-sqlite3's default modes: raw, pluck and expand
 *   are all reset (off) on every hand-out, because drizzle sets raw() for some reads and not others and a
 *   caller may set pluck() or expand(). A writing statement has no modes and is handed out as it is.
 * - The reset is on the one shared object. A caller that keeps a statement and uses it again after any other
 *   prepare of the same text may find its mode reset by that hand-out: set the mode on each use
 *   (`prepare(sql).pluck().get()`), never hold a prepared statement across other queries.
 * - Busy statements. One that is busy — an `.iterate()` still open on it, such as an export's — is never
 *   shared and its modes are not touched: that caller gets a freshly compiled statement, which is not kept.
 *   Once the iteration ends (read to the end or `return()`ed) the kept one is handed out again.
 * Statements are tied to this connection and finalised with it.
 */
export function keepStatements(sqlite: Database.Database, size = KEPT_STATEMENTS) {
  const compile = sqlite.prepare.bind(sqlite)
  const kept = new Map<string, Database.Statement>()
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source)
    if (statement === undefined) {
      const made = compile(source)
      kept.set(source, made)
      if (kept.size > size) kept.delete(kept.keys().next().value as string)
      return made
    }
    if (statement.busy) return compile(source)
    // Most recently used last, so the first key is the one to drop.
    kept.delete(source)
    kept.set(source, statement)
    if (statement.reader) statement.raw(false).pluck(false).expand(false)
    return statement
  }) as typeof sqlite.prepare
}

/**
 * Applies the pending migrations with foreign-key enforcement off, then checks every reference if any
 * migration ran; throws (naming up to five broken rows) when one points nowhere.
 *
 * SQLite adds a CHECK or changes a column only by rebuilding the table (create `__new_x`, copy, drop `x`,
 * rename). With foreign keys enforced, dropping a parent table deletes its rows first: that fails on
 * their children (employers → vacancies) or, worse, cascades (vacancies → vacancy_targets). drizzle-kit
 * writes `PRAGMA foreign_keys=OFF` into such migrations, but the migrator runs them in one transaction,
 * where that pragma does nothing. So enforcement is off while migrating, as SQLite's ALTER TABLE procedure
 * prescribes (https://sqlite.org/lang_altertable.html#otheralter), and references are checked before the
 * connection is handed out. A rebuild migration also checks inside its own transaction (0008), so a bad
 * copy is rolled back rather than committed.
 */
function migrateWithForeignKeysOff(db: DB, migrationsFolder: string) {
  const sqlite = db.$client
  const applied = () =>
    sqlite.prepare("select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'").pluck().get()
      ? (sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get() as number)
      : 0
  const before = applied()
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder })
  } catch (error) {
    // drizzle wraps SQLite's reason ("CHECK constraint failed: employers_industry_check") in a message
    // that only quotes the statement; say both, so whoever starts the server sees why.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null
    if (!cause) throw error
    const statement = (error as Error).message.replace(/\s+/g, ' ').slice(0, 200)
    throw new Error(`Migration rolled back: ${cause} (${statement})`, { cause: error })
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
  if (applied() === before) return
  const broken = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
  if (broken.length > 0) {
    const sample = broken
      .slice(0, 5)
      .map((b) => `${b.table} row ${b.rowid} → ${b.parent}`)
      .join('; ')
    throw new Error(`After migrating, ${broken.length} foreign key reference(s) point nowhere: ${sample}`)
  }
}

/**
 * The committed migrations. Resolved from the working directory: the server bundle lives in build/,
 * so its own location says nothing about where db/ is. Every command runs from the project root.
 */
function defaultMigrationsFolder() {
  return path.join(process.cwd(), 'db', 'migrations')
}
