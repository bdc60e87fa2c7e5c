import { and, count, eq, sql, type SQL } from 'drizzle-orm'
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types'
import type { SelectedFields, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Queryable } from '~/utils/db.server'

// The query shapes every model repeats, written once: a row of the caller's own organisation by id
// (tenancy, decision 003: another organisation's row answers exactly like a missing one), the number of
// rows matching a condition, and how many rows of a group meet a condition.

/** A table whose rows belong to one organisation: an integer `id` and an `organisationId`. */
type OwnedTable = SQLiteTable & { id: SQLiteColumn; organisationId: SQLiteColumn }

/** The condition "row `id` of `table`, kept by the organisation of `owner`" (an Actor, or anything with its organisationId). */
export function ownedRow(table: OwnedTable, owner: { organisationId: number }, id: number): SQL {
  return and(eq(table.id, id), eq(table.organisationId, owner.organisationId))!
}

/**
 * Row `id` of `table` if it is kept by the organisation of `owner` (usually the actor), read through `q`
 * (the connection or an open transaction): every column, or only `fields` when given. Null when there is
 * no such row or it is another organisation's — the two are never told apart.
 */
export function findOwned<T extends OwnedTable>(q: Queryable, table: T, owner: { organisationId: number }, id: number): T['$inferSelect'] | null
export function findOwned<F extends SelectedFields>(
  q: Queryable,
  table: OwnedTable,
  owner: { organisationId: number },
  id: number,
  fields: F,
): SelectResultFields<F> | null
export function findOwned(q: Queryable, table: OwnedTable, owner: { organisationId: number }, id: number, fields?: SelectedFields): unknown {
  const query = fields ? q.select(fields) : q.select()
  return (
    query
      .from(table)
      .where(ownedRow(table, owner, id))
      .get() ?? null
  )
}

/** How many rows of `source` (a table, or an SQL source such as `t indexed by i`) match `where`, through `q`. */
export function countRows(q: Queryable, source: SQLiteTable | SQL, where: SQL | undefined): number {
  return q.select({ n: count() }).from(source).where(where).get()?.n ?? 0
}

/** A select field counting the rows of a group for which `condition` holds (0 for an empty group). */
export function countWhen(condition: SQL | undefined): SQL<number> {
  return sql<number>`coalesce(sum(${condition}), 0)`.mapWith(Number)
}
