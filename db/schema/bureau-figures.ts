import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { organisations } from './areas-organisations'
import { vacancyReports } from './applications'

/**
 * How many published posts each bureau has, and their headcount, by valid-until day, so the bureau's
 * home sums the days from today on (a hundred-odd rows) instead of reading every open post (13,000 on the
 * benchmark database). "Open" is published and not past its valid-until day (isOpenVacancy,
 * app/models/rule-sql.server.ts): the day is a key here because expiry needs no write. Kept by triggers
 * on vacancies (migration 0031_county_board_triggers); rows are kept at 0 rather than deleted.
 */
export const bureauOpenPosts = sqliteTable(
  'bureau_open_posts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    /** YYYY-MM-DD, copied from vacancies.valid_until. */
    validUntil: text().notNull(),
    posts: integer().notNull(),
    headcount: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.validUntil] })],
)

/**
 * Each report on a post with the bureau that owns the post and whether it is still open (resolved_at is
 * null), so the bureau's report page and home find its reports, open ones first then newest, in index
 * order and count them in the index, instead of joining every post of the bureau to the reports.
 * Kept by triggers on vacancy_reports and vacancies (migration 0031_county_board_triggers).
 */
export const reportQueue = sqliteTable(
  'report_queue',
  {
    reportId: integer()
      .primaryKey()
      .references(() => vacancyReports.id, { onDelete: 'cascade' }),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    /** 1 while the report waits for the bureau, 0 once resolved. */
    open: integer({ mode: 'boolean' }).notNull(),
  },
  (t) => [index('report_queue_bureau_idx').on(t.organisationId, t.open, t.reportId)],
)
