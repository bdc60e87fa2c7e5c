import { check, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { organisations } from './areas-organisations'
import { inList } from './columns'

/**
 * Where a worker account stands in its county's verification (app/rules/verification.ts): verified
 * (matched to a ledger row), rejected (turned down, not verified), waiting (neither, and not disabled:
 * the verification queue) or disabled (neither, and disabled by staff).
 */
export const WORKER_ACCOUNT_STATES = ['verified', 'rejected', 'waiting', 'disabled'] as const
export type WorkerAccountState = (typeof WORKER_ACCOUNT_STATES)[number]

/**
 * How many worker accounts each county centre has in each state, so the county and bureau homes read
 * four rows instead of counting up to tens of thousands of accounts on every view (30,000 for 开州 on the
 * benchmark database, 3.5 ms a view). Kept by triggers on users (migration 0040_worker_account_counts);
 * rows are kept at 0 rather than deleted.
 */
export const workerAccountCounts = sqliteTable(
  'worker_account_counts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    state: text().notNull(),
    accounts: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.state] }), check('worker_account_counts_state_check', inList(t.state, WORKER_ACCOUNT_STATES))],
)
