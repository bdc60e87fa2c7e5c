import { sql, type SQL } from 'drizzle-orm'
import { integer, text, type AnySQLiteColumn, type ReferenceConfig } from 'drizzle-orm/sqlite-core'

// Shared column helpers for the schema files; not tables, so db/schema/index.ts does not re-export them.
// Column names are camelCase here and snake_case in SQL (drizzle `casing: 'snake_case'`).
// Timestamps are integer milliseconds since the epoch; they are shown in Asia/Shanghai time.

/** The primary key of most tables: an auto-incrementing integer `id`. */
export function serialId() {
  return integer().primaryKey({ autoIncrement: true })
}

/**
 * A required reference to another table's integer key, e.g. `requiredId(() => users.id)`; `actions` as
 * drizzle's `references` (for example `{ onDelete: 'cascade' }`).
 */
export function requiredId(target: () => AnySQLiteColumn, actions?: ReferenceConfig['actions']) {
  return integer().notNull().references(target, actions)
}

/** A required reference to an area code (GB/T 2260), e.g. `requiredCode(() => areas.code)`. */
export function requiredCode(target: () => AnySQLiteColumn) {
  return text().notNull().references(target)
}

/** A moment (milliseconds since the epoch); null until it happens unless made `.notNull()`. */
export function moment() {
  return integer({ mode: 'timestamp_ms' })
}

/** `created_at` and `updated_at`, set by the application (milliseconds since the epoch). */
export const timestamps = {
  createdAt: moment()
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: moment()
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date()),
}

/**
 * The body of a CHECK constraint that `column` holds one of `values` (the stored codes of an enum from
 * app/rules). The codes are plain lower-case identifiers written into the DDL as SQL string literals.
 */
export function inList(column: unknown, values: readonly string[]): SQL {
  for (const v of values) if (!/^[a-z_]+$/.test(v)) throw new Error(`enum code ${JSON.stringify(v)} is not a plain identifier`)
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`
}
