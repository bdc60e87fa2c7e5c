import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { INDUSTRIES, VACANCY_STATUSES } from '../../app/rules/vacancy-enums'
import { users } from './accounts'
import { areas, organisations } from './areas-organisations'
import { inList, moment, requiredCode, requiredId, serialId, timestamps } from './columns'

export { INDUSTRIES, VACANCY_STATUSES, type Industry, type VacancyStatus } from '../../app/rules/vacancy-enums'

// The public board's full-text index is `vacancy_search`, an FTS5 table made by migration 0003 (drizzle
// has no virtual tables): rowid = vacancies.id, written by the application (app/models/vacancy.server.ts).

/** An employer a Shandong bureau posts vacancies for. */
export const employers = sqliteTable(
  'employers',
  {
    id: serialId(),
    /** The bureau that manages this employer; every query is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    name: text().notNull(),
    /** 统一社会信用代码 (GB 32100), normalised; one employer record per code in the whole portal. */
    uscc: text().notNull(),
    industry: text({ enum: INDUSTRIES }).notNull(),
    address: text().notNull(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    /**
     * Set when the bureau archives the employer (issue 11 §2): it leaves the posting form's choices and
     * gets no new posts, keeps its old ones, and can be restored (null again).
     */
    archivedAt: moment(),
    archivedByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('employers_uscc_uq').on(t.uscc),
    index('employers_org_idx').on(t.organisationId, t.name),
    check('employers_industry_check', inList(t.industry, INDUSTRIES)),
  ],
)

/**
 * A vacancy (岗位) posted by a bureau on behalf of an employer. "Expired" is not stored: a published post
 * whose valid-until date has passed (Asia/Shanghai) is expired everywhere by the queries themselves.
 * Salaries are monthly, in fen, whole yuan as typed.
 */
export const vacancies = sqliteTable(
  'vacancies',
  {
    id: serialId(),
    organisationId: requiredId(() => organisations.id),
    employerId: requiredId(() => employers.id),
    /** The bureau's city (GB/T 2260), denormalised for the public board's city filter. */
    cityCode: requiredCode(() => areas.code),
    title: text().notNull(),
    industry: text({ enum: INDUSTRIES }).notNull(),
    headcount: integer().notNull(),
    salaryMinFen: integer().notNull(),
    salaryMaxFen: integer().notNull(),
    address: text().notNull(),
    lat: real().notNull(),
    lng: real().notNull(),
    providesMeals: integer({ mode: 'boolean' }).notNull().default(false),
    providesHousing: integer({ mode: 'boolean' }).notNull().default(false),
    contractMonths: integer(),
    workingHours: text(),
    ageMin: integer(),
    ageMax: integer(),
    requirements: text(),
    benefits: text(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    /** Last day (YYYY-MM-DD, Asia/Shanghai) on which the post takes applications. */
    validUntil: text().notNull(),
    status: text({ enum: VACANCY_STATUSES }).notNull().default('draft'),
    publishedAt: moment(),
    closedAt: moment(),
    /** Why the bureau closed the post, as typed; kept here, not in the append-only audit log. */
    closeReason: text(),
    copiedFromId: integer().references((): AnySQLiteColumn => vacancies.id),
    createdByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    // The bureau's own list (issue 10): newest change first, all states or one, read in index order
    // without sorting its tens of thousands of posts; valid_until rides along so 招聘中 / 已过期 and the
    // per-state counts are decided in the index.
    index('vacancies_org_updated_idx').on(t.organisationId, t.updatedAt),
    // headcount too: the bureau's home sums the headcount of its open posts from this index alone.
    index('vacancies_org_status_updated_idx').on(t.organisationId, t.status, t.updatedAt, t.validUntil, t.headcount),
    // The bureau's posts published in a month (/east/jobs?published=, issue 15 §5): one range of the bureau's
    // publication times, holding the state, valid-until day and headcount the list's tabs and the dashboard's
    // 招聘人数 read, so counting a month reads no post row.
    index('vacancies_org_published_idx').on(t.organisationId, t.publishedAt, t.status, t.validUntil, t.headcount),
    index('vacancies_board_idx').on(t.status, t.validUntil, t.publishedAt),
    index('vacancies_city_idx').on(t.cityCode, t.status),
    // An employer's posts, all and open today, counted for each row of the bureau's employer list in the index alone.
    index('vacancies_employer_idx').on(t.employerId, t.organisationId, t.status, t.validUntil),
    // The public board (searchPublicVacancies): both cover every column its filters and sorts read, so
    // counting and paging 100,000 posts never reads a table row. The filter index serves browsing; the
    // id-led one checks each full-text hit by rowid without visiting the row.
    index('vacancies_board_filter_idx').on(t.status, t.validUntil, t.cityCode, t.industry, t.providesMeals, t.providesHousing, t.salaryMaxFen, t.publishedAt),
    index('vacancies_board_lookup_idx').on(
      t.id,
      t.status,
      t.validUntil,
      t.cityCode,
      t.industry,
      t.providesMeals,
      t.providesHousing,
      t.salaryMaxFen,
      t.publishedAt,
    ),
    check('vacancies_status_check', inList(t.status, VACANCY_STATUSES)),
    check('vacancies_industry_check', inList(t.industry, INDUSTRIES)),
    check('vacancies_salary_check', sql`${t.salaryMinFen} > 0 and ${t.salaryMinFen} <= ${t.salaryMaxFen}`),
    check('vacancies_headcount_check', sql`${t.headcount} between 1 and 10000`),
  ],
)

/** Which paired counties a vacancy is open to (the paired county by default). */
export const vacancyTargets = sqliteTable(
  'vacancy_targets',
  {
    vacancyId: requiredId(() => vacancies.id, { onDelete: 'cascade' }),
    countyCode: requiredCode(() => areas.code),
  },
  (t) => [primaryKey({ columns: [t.vacancyId, t.countyCode] }), index('vacancy_targets_county_idx').on(t.countyCode)],
)

export type SelectEmployer = typeof employers.$inferSelect
export type InsertEmployer = typeof employers.$inferInsert
export type SelectVacancy = typeof vacancies.$inferSelect
export type InsertVacancy = typeof vacancies.$inferInsert
