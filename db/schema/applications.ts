import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { APPLICATION_STATUSES as STORED_APPLICATION_STATUSES } from '../../app/rules/application-enums'
import { APPLICATION_SOURCES, REPORT_REASONS } from '../../app/rules/vacancy-enums'
import { users } from './accounts'
import { areas, organisations } from './areas-organisations'
import { inList, moment, requiredCode, requiredId, serialId, timestamps } from './columns'
import { workers } from './ledger'
import { employers, vacancies } from './vacancies'

export {
  APPLICATION_SOURCES,
  APPLICATION_STATUSES,
  REPORT_REASONS,
  type ApplicationSource,
  type ApplicationStatus,
  type ReportReason,
} from '../../app/rules/vacancy-enums'

/**
 * How many applications the posts of each bureau have in each status, kept by triggers on applications
 * (migration 0020_application_counts_triggers, whichever code path writes them), so the bureau's home figures are a few rows read
 * instead of a join over every application of its posts (issue 10).
 */
export const applicationCounts = sqliteTable(
  'application_counts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    // Copied from applications.status by the triggers, so it needs no CHECK of its own.
    status: text().$type<(typeof STORED_APPLICATION_STATUSES)[number]>().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.status] })],
)

/**
 * How many applications each post has from the people of each county's ledger (the applicant's
 * workers.organisation_id), in each status, kept by triggers on applications and on a ledger row moving
 * county (migration 0025_county_application_counts), so the county's post list reads 20 posts' figures
 * instead of joining every application of them with its ledger row (issue 10).
 */
export const countyApplicationCounts = sqliteTable(
  'county_application_counts',
  {
    vacancyId: requiredId(() => vacancies.id),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    // Copied from applications.status by the triggers, so it needs no CHECK of its own.
    status: text().$type<(typeof STORED_APPLICATION_STATUSES)[number]>().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.vacancyId, t.organisationId, t.status] })],
)

/** A worker's application to a vacancy, by the worker or recommended by county staff; once per post. */
export const applications = sqliteTable(
  'applications',
  {
    id: serialId(),
    vacancyId: requiredId(() => vacancies.id),
    /** The ledger row of the applicant (the person, whichever way the application came). */
    workerId: requiredId(() => workers.id),
    source: text({ enum: APPLICATION_SOURCES }).notNull(),
    recommendedByUserId: integer().references(() => users.id),
    note: text(),
    // The stored list includes `withdrawn` (app/rules/application-enums.ts, issue 9 §12).
    status: text({ enum: STORED_APPLICATION_STATUSES }).notNull().default('submitted'),
    /** The bureau's note on a decline, as typed; kept here, not in the append-only audit log. */
    decisionNote: text(),
    statusChangedAt: moment(),
    /** The status before the latest hire or decline, so the decision can be undone to it (issue 9 §4). */
    previousStatus: text({ enum: STORED_APPLICATION_STATUSES }),
    /** Why the bureau last undid a hire or decline, as typed (≤200 characters); the audit log holds no text. */
    undoNote: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('applications_vacancy_worker_uq').on(t.vacancyId, t.workerId),
    index('applications_worker_idx').on(t.workerId),
    index('applications_vacancy_status_idx').on(t.vacancyId, t.status),
    // A post's applications newest first (rowid order within the post), read a page at a time (issue 10).
    index('applications_vacancy_idx').on(t.vacancyId),
    // The county's applications of a month newest first (/west/applications, issue 11 §3): the province's
    // applications walked in this order, each one's ledger row read by id for its county, stopping at the
    // page; with a status, that status's range of the second.
    index('applications_created_idx').on(t.createdAt),
    // A bureau's applications of a month newest first (/east/applications, issue 15 §5): the province's month
    // walked in this index, each entry's post read by id for its bureau, without reading the application's
    // row (a deep page of a busy month read 4,000 of them: 55–95 ms; 13 ms from this index).
    index('applications_created_vacancy_idx').on(t.createdAt, t.vacancyId),
    index('applications_status_created_idx').on(t.status, t.createdAt),
    check('applications_status_check', inList(t.status, STORED_APPLICATION_STATUSES)),
    check('applications_previous_status_check', inList(t.previousStatus, STORED_APPLICATION_STATUSES)),
    check('applications_source_check', inList(t.source, APPLICATION_SOURCES)),
  ],
)

/**
 * Employment outside Chongqing, recorded when a bureau marks an applicant hired. It is the fact that
 * later makes a worker eligible for the transport subsidy and counts in the statistics.
 */
export const employmentRecords = sqliteTable(
  'employment_records',
  {
    id: serialId(),
    workerId: requiredId(() => workers.id),
    applicationId: integer().references(() => applications.id),
    employerId: requiredId(() => employers.id),
    cityCode: requiredCode(() => areas.code),
    startDate: text().notNull(),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('employment_records_application_uq').on(t.applicationId),
    index('employment_records_worker_idx').on(t.workerId, t.startDate),
    // The county's hires newest first, and one month's (issue 11 §3): walked in this order, each record's
    // ledger row read by id for its county.
    index('employment_records_created_idx').on(t.createdAt),
    // The dashboards' people and industries of a period (issue 15 §1): a range of the province's records
    // read from this index alone, each checked against its employer's bureau or its person's county.
    index('employment_records_created_cover_idx').on(t.createdAt, t.employerId, t.workerId, t.applicationId),
    // One person is hired by one employer once per start day, whichever of its posts (issue 9 §4).
    uniqueIndex('employment_records_worker_employer_start_uq').on(t.workerId, t.employerId, t.startDate),
  ],
)

/** A worker's report of a suspicious post (举报); the owning bureau sees and resolves it. */
export const vacancyReports = sqliteTable(
  'vacancy_reports',
  {
    id: serialId(),
    vacancyId: requiredId(() => vacancies.id),
    reporterUserId: requiredId(() => users.id),
    reason: text({ enum: REPORT_REASONS }).notNull(),
    note: text(),
    resolvedAt: moment(),
    resolvedByUserId: integer().references(() => users.id),
    resolution: text(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('vacancy_reports_once_uq').on(t.vacancyId, t.reporterUserId),
    index('vacancy_reports_vacancy_idx').on(t.vacancyId, t.resolvedAt),
    check('vacancy_reports_reason_check', inList(t.reason, REPORT_REASONS)),
  ],
)

export type SelectApplication = typeof applications.$inferSelect
export type SelectEmploymentRecord = typeof employmentRecords.$inferSelect
