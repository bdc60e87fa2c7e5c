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


/** Opens the SQLite file, sets and verifies the pragmas, and applies pending migrations. */
export function openDatabase(file: string, { runMigrations = true, migrationsFolder = defaultMigrationsFolder() } = {}): DB {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  for (const [name, expected] of REQUIRED_PRAGMAS) {
    const actual = sqlite.pragma(name, { simple: true })
    if (actual !== expected) {
      sqlite.close()
      throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${expected}`)
    }
  }
  const db = drizzle(sqlite, { schema, casing: 'snake_case' }) as DB
  if (runMigrations) migrate(db, { migrationsFolder })
  return db
}

/**
 * The committed migrations. Resolved from the working directory: the server bundle lives in build/,
 * so its own location says nothing about where db/ is. Every command runs from the project root.
 */
function defaultMigrationsFolder() {
  return path.join(process.cwd(), 'db', 'migrations')
}
