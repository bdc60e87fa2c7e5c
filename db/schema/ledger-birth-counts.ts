import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { organisations } from './areas-organisations'

/**
 * How many live (not archived) ledger rows of each county were born on each date, so the recommend page's
 * count for an age range alone — the range its post asks for, which the page starts with — is a sum over at
 * most ~17,000 dates instead of a walk of the county's 300,000 index entries (decision 019). Kept by triggers
 * on workers (migration 0052_ledger_birth_counts_triggers); a date no live row has any more is deleted.
 * Never written by the application.
 */
export const ledgerBirthCounts = sqliteTable(
  'ledger_birth_counts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    /** YYYY-MM-DD, as workers.birth_date. */
    birthDate: text().notNull(),
    /** Live rows of the county born on that date; always ≥ 1. */
    workers: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.birthDate] })],
)
