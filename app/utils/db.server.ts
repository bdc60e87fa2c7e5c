import { openDatabase, type DB } from '../../db/connection'
import { env } from './env.server'

export type { DB, Queryable, Tx } from '../../db/connection'

/** The one connection of this process, migrated at start-up. */
export const db: DB = openDatabase(env.DATABASE_PATH)

/**
 * A write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE), for check-then-write
 * logic: no other writer can slip in between the check and the write. The callback must be
 * synchronous — better-sqlite3 transactions cannot span an await.
 */
export function writeTransaction<T>(fn: (tx: DB) => T): T {
  return db.$client.transaction(() => fn(db)).immediate()
}

/** Whether a write failed on a unique index — the database's word that the row already exists. */
export function isUniqueViolation(error: unknown) {
  return error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}
