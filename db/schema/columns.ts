import { sql, type SQL } from 'drizzle-orm'
import { integer } from 'drizzle-orm/sqlite-core'

// Shared column helpers for the schema files; not tables, so db/schema/index.ts does not re-export them.
// Column names are camelCase here and snake_case in SQL (drizzle `casing: 'snake_case'`).
// Timestamps are integer milliseconds since the epoch; they are shown in Asia/Shanghai time.

/** `created_at` and `updated_at`, set by the application (milliseconds since the epoch). */
export const timestamps = {
  createdAt: integer({ mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: integer({ mode: 'timestamp_ms' })
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
