import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { organisations } from './areas-organisations'

/**
 * How many posts each bureau has in each stored status, so the bureau's post list reads its tabs' counts
 * from four rows instead of counting its tens of thousands of posts on every view (45,000 for one bureau
 * on the benchmark database, 14 ms a view). 已过期 is not a stored status (a published post past its
 * valid-until day): it comes from bureau_open_posts by day. Kept by triggers on vacancies (migration
 * 0036_bureau_post_counts_triggers); rows are kept at 0 rather than deleted.
 */
export const bureauPostCounts = sqliteTable(
  'bureau_post_counts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    /** A vacancies.status code, copied from the post. */
    status: text().notNull(),
    posts: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.status] })],
)
