import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { Industry, VacancyStatus } from '../../app/rules/vacancy-enums'
import { areas } from './areas-organisations'
import { moment, requiredCode, requiredId } from './columns'
import { vacancies } from './vacancies'

/**
 * The board as each county sees it: one row per post and county it is open to (vacancy_targets), with
 * the post's columns the board filters and sorts by copied beside the county code, so a county's page
 * and its count are one range of one index instead of every open post of the province checked against
 * the county's targets and then sorted (issue 10: /west/jobs 19 ms counting and 19 ms sorting at
 * 100,000 posts). Kept by triggers on vacancies and vacancy_targets (migration 0031_county_board_triggers),
 * whichever code path writes them; never written by the application. Read by app/models/vacancy-board.server.ts.
 */
export const countyBoard = sqliteTable(
  'county_board',
  {
    countyCode: requiredCode(() => areas.code),
    vacancyId: requiredId(() => vacancies.id, { onDelete: 'cascade' }),
    // Copies of the vacancy's columns, written only by the triggers from vacancies, whose CHECKs they
    // already passed: typed as the enums, with no CHECK of their own (as application_counts.status).
    status: text().$type<VacancyStatus>().notNull(),
    validUntil: text().notNull(),
    publishedAt: moment(),
    salaryMaxFen: integer().notNull(),
    cityCode: text().notNull(),
    industry: text().$type<Industry>().notNull(),
    providesMeals: integer({ mode: 'boolean' }).notNull(),
    providesHousing: integer({ mode: 'boolean' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.vacancyId, t.countyCode] }),
    // The county's newest first (and its count): read backwards from the county's open posts, filters
    // checked in the index; then the salary order. Each holds every column a filter reads.
    index('county_board_newest_idx').on(
      t.countyCode,
      t.status,
      t.publishedAt,
      t.vacancyId,
      t.validUntil,
      t.cityCode,
      t.industry,
      t.providesMeals,
      t.providesHousing,
      t.salaryMaxFen,
    ),
    index('county_board_salary_idx').on(
      t.countyCode,
      t.status,
      t.salaryMaxFen,
      t.vacancyId,
      t.validUntil,
      t.cityCode,
      t.industry,
      t.providesMeals,
      t.providesHousing,
      t.publishedAt,
    ),
  ],
)

/**
 * How many published posts are open to each county, by valid-until day, so a county's unfiltered board
 * count sums the days from today on (a hundred-odd rows) instead of counting its open posts in
 * county_board's index (14,500 entries for 开州 on the benchmark database). Open is published and not past
 * the valid-until day (isOpenVacancy): the day is a key because expiry needs no write. Kept by triggers on
 * county_board (migration 0038_county_open_posts_triggers); rows are kept at 0 rather than deleted.
 */
export const countyOpenPosts = sqliteTable(
  'county_open_posts',
  {
    countyCode: requiredCode(() => areas.code),
    /** YYYY-MM-DD, copied from vacancies.valid_until. */
    validUntil: text().notNull(),
    posts: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.validUntil] })],
)
