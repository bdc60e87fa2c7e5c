import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { EmploymentStatus } from '../../app/rules/registry-enums'
import type { Industry } from '../../app/rules/vacancy-enums'
import { areas, organisations } from './areas-organisations'

// The dashboards' figures that a count over the rows would read a year of an office's records for
// (issue 15 §1; decision 029): kept by triggers (migration 0069_statistics_figures), never written by the
// application, so a dashboard reads a few hundred index entries however large the ledger grows.

/**
 * Each office's hires per Shanghai month (`YYYY-MM` of employment_records.created_at), person and
 * industry: a record counts once for its employer's bureau and once for the county whose ledger holds the
 * person. Industry is the post's when the hire came from an application, else the employer's, as they
 * are now (an edited industry moves its hires). People in a period are the distinct worker_id of its
 * rows; hires (人次) the sum of `hires`.
 */
export const hireFigures = sqliteTable(
  'hire_figures',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    month: text().notNull(),
    workerId: integer().notNull(),
    industry: text().$type<Industry>().notNull(),
    hires: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.month, t.workerId, t.industry] }),
    // A ledger row moving county, or an edited industry, finds the person's rows; an undone hire finds the
    // person's other months of the year with the office (hire_people_years).
    index('hire_figures_worker_idx').on(t.workerId, t.organisationId, t.month),
  ],
)

/**
 * Each office's hires (人次) per Shanghai month and industry: hire_figures summed, kept by triggers on
 * hire_figures (migration 0070_statistics_rollups), so a year's industries are a hundred-odd rows.
 */
export const hireIndustryMonths = sqliteTable(
  'hire_industry_months',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    month: text().notNull(),
    industry: text().$type<Industry>().notNull(),
    hires: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.industry] })],
)

/**
 * Each person an office hired in a calendar year (`YYYY`, Shanghai), with the first month of that year
 * they were hired (`YYYY-MM`): the people hired from January to month M are the rows with first_month ≤
 * M, one index range. Kept by triggers on hire_figures (migration 0070_statistics_rollups).
 */
export const hirePeopleYears = sqliteTable(
  'hire_people_years',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    year: text().notNull(),
    workerId: integer().notNull(),
    firstMonth: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.year, t.workerId] }), index('hire_people_years_first_idx').on(t.organisationId, t.year, t.firstMonth)],
)

/**
 * Posts opened to each county per Shanghai month of publication (vacancies.published_at through
 * vacancy_targets), with their headcount: the county dashboard's 发布岗位 and 招聘人数.
 */
export const countyPostMonths = sqliteTable(
  'county_post_months',
  {
    countyCode: text()
      .notNull()
      .references(() => areas.code),
    month: text().notNull(),
    posts: integer().notNull(),
    headcount: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month] })],
)

/**
 * Each bureau's posts per Shanghai month of publication (vacancies.published_at), with their headcount:
 * the bureau dashboard's 发布岗位 and 招聘人数.
 */
export const bureauPostMonths = sqliteTable(
  'bureau_post_months',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    month: text().notNull(),
    posts: integer().notNull(),
    headcount: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month] })],
)

/**
 * A county's live 脱贫人口 and 监测对象 ledger rows (not archived) by 就业状态 and whether the portal holds
 * an employment record of theirs in a Shandong city (`shandong` 1, city code 37…): where they work, each
 * person once.
 */
export const povertyEmploymentCounts = sqliteTable(
  'poverty_employment_counts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    employmentStatus: text().$type<EmploymentStatus>().notNull(),
    shandong: integer().notNull(),
    people: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.employmentStatus, t.shandong] })],
)

/**
 * How many employment records in a Shandong city (code 37…) the portal holds for each person; a person
 * is here while they have one. Feeds poverty_employment_counts' `shandong`.
 */
export const shandongHires = sqliteTable('shandong_hires', {
  workerId: integer().primaryKey(),
  records: integer().notNull(),
})
