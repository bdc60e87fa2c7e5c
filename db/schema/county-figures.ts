import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { organisations } from './areas-organisations'

/**
 * How many applications and hires the people of each county's ledger had in each month (Asia/Shanghai,
 * `YYYY-MM`), so the county home's "this month" figures are one row read instead of a count over a month
 * of the province's applications (issue 11 §3; 224,000 in one month on the benchmark database). An
 * application counts in the month it was made, a hire in the month its employment record was written,
 * for the county whose ledger holds the person. Kept by triggers on applications, employment_records and
 * workers (migration 0028_county_month_counts), never written by the application.
 */
export const countyMonthCounts = sqliteTable(
  'county_month_counts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    month: text().notNull(),
    applications: integer().notNull(),
    hires: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month] })],
)

/**
 * How many applications to each bureau's posts and hires with its employers were made in each month
 * (Asia/Shanghai, `YYYY-MM`), so the bureau's dashboard reads a year of figures as twelve rows instead of
 * counting the province's applications (issue 15 §1; 170,000 in a year for one bureau on the benchmark
 * database). An application counts for its post's bureau in the month it was made, a hire for its
 * employer's bureau in the month its employment record was written. Kept by triggers on applications and
 * employment_records (migration 0067_bureau_month_counts), never written by the application.
 */
export const bureauMonthCounts = sqliteTable(
  'bureau_month_counts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    month: text().notNull(),
    applications: integer().notNull(),
    hires: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month] })],
)
