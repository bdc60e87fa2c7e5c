import { sql } from 'drizzle-orm'
import { ROLES } from '../app/rules/permissions'
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core'

// Column names are camelCase here and snake_case in SQL (drizzle `casing: 'snake_case'`).
// Timestamps are integer milliseconds since the epoch; they are shown in Asia/Shanghai time.

const timestamps = {
  createdAt: integer({ mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: integer({ mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date()),
}

export const AREA_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const
export type AreaLevel = (typeof AREA_LEVELS)[number]

/**
 * Administrative divisions by GB/T 2260 code (6 digits); townships and villages use the 9- and 12-digit
 * statistical division codes.
 */
export const areas = sqliteTable(
  'areas',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    level: text({ enum: AREA_LEVELS }).notNull(),
    parentCode: text().references((): AnySQLiteColumn => areas.code),
    lat: real(),
    lng: real(),
  },
  (t) => [
    index('areas_parent_idx').on(t.parentCode),
    check('areas_level_check', sql`${t.level} in ('province', 'city', 'county', 'township', 'village')`),
  ],
)

/** East–west pairing (对口协作): a Chongqing county and the Shandong city that receives its workers. */
export const pairings = sqliteTable(
  'pairings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    countyCode: text()
      .notNull()
      .references(() => areas.code),
    cityCode: text()
      .notNull()
      .references(() => areas.code),
    sinceYear: integer().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('pairings_county_uq').on(t.countyCode), index('pairings_city_idx').on(t.cityCode)],
)

export const ORGANISATION_KINDS = ['bureau', 'centre', 'platform'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

/**
 * bureau: a Shandong city HR bureau (人社局, east side);
 * centre: a Chongqing county employment centre (就业和人才中心, west side);
 * platform: the municipal operator.
 */
export const organisations = sqliteTable(
  'organisations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: ORGANISATION_KINDS }).notNull(),
    name: text().notNull(),
    shortName: text().notNull(),
    areaCode: text()
      .notNull()
      .references(() => areas.code),
    contactPhone: text(),
    address: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('organisations_area_kind_uq').on(t.areaCode, t.kind),
    check('organisations_kind_check', sql`${t.kind} in ('bureau', 'centre', 'platform')`),
  ],
)

export { ROLES, type Role } from '../app/rules/permissions'

export const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Staff sign in with a chosen name, workers with their mobile number; always stored normalised. */
    username: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** Staff: their bureau/centre/platform. Workers: the employment centre of their home county. */
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    displayName: text().notNull(),
    /** Workers only: resident ID number (GB 11643), one account per person. */
    idNumber: text(),
    /** Workers only: set when county staff match the account to a registry row. */
    verifiedAt: integer({ mode: 'timestamp_ms' }),
    /** Workers only: set when county staff turn the registration down; the reason is shown to the worker. */
    rejectedAt: integer({ mode: 'timestamp_ms' }),
    rejectionReason: text(),
    /** Set for accounts created by staff (assisted registration) until the worker changes the password. */
    mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
    disabledAt: integer({ mode: 'timestamp_ms' }),
    lastLoginAt: integer({ mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    uniqueIndex('users_id_number_uq').on(t.idNumber),
    index('users_organisation_idx').on(t.organisationId, t.role),
    check('users_role_check', sql`${t.role} in ('east', 'west', 'worker', 'admin')`),
    check('users_worker_fields_check', sql`${t.role} = 'worker' or (${t.idNumber} is null and ${t.verifiedAt} is null)`),
  ],
)

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256 is stored here,
 * so a copy of the database does not hand out live sessions. Deleting the row ends the session.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
    createdAt: timestamps.createdAt,
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)

export const THROTTLE_SCOPES = ['login', 'register', 'current_password'] as const
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number]

/**
 * Attempts counted by the throttles (app/models/throttle.server.ts), kept only for their rolling window;
 * the permanent record of each attempt is the audit log. A row is written, in one BEGIN IMMEDIATE
 * transaction with the count, before the password is checked or the account created, so parallel
 * requests (and several processes on one file) cannot all pass the check. The account is identified by
 * a hash of the typed name (`key_hash`), so unknown and known accounts are throttled the same way and
 * no typed phone number is stored; null when a scope counts by address only (registration).
 */
export const attempts = sqliteTable(
  'attempts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    scope: text({ enum: THROTTLE_SCOPES }).notNull(),
    keyHash: text(),
    ip: text().notNull(),
    at: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('attempts_key_idx').on(t.scope, t.keyHash, t.at), index('attempts_ip_idx').on(t.scope, t.ip, t.at)],
)

/**
 * Append-only audit trail (MLPS 2.0 security audit): who did what to which record, when and why.
 * Triggers in migration 0001 refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: integer({ mode: 'timestamp_ms' })
      .notNull()
      .$defaultFn(() => new Date()),
    actorUserId: integer().references(() => users.id),
    /** The organisation on whose behalf the actor acted; used to show each side its own trail. */
    organisationId: integer().references(() => organisations.id),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    reason: text(),
    /** JSON object with non-personal details of the change. */
    detail: text({ mode: 'json' }).$type<Record<string, unknown>>(),
    ip: text(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_org_idx').on(t.organisationId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
)

// The "five clears" (五清) of the Kaizhou survey, seed 003: employment status, employment need, skill
// level, difficulties and assistance measures. Codes are stored; labels live in app/rules/registry.ts.
export const HOUSEHOLD_STATUSES = ['alleviated', 'monitored', 'other'] as const
export const EMPLOYMENT_STATUSES = ['out_of_province', 'in_city', 'in_county', 'self_employed', 'public_post', 'unemployed'] as const
export const EMPLOYMENT_NEEDS = ['to_shandong', 'other_province', 'local', 'training', 'startup', 'none'] as const
export const SKILL_LEVELS = ['none', 'uncertified', 'junior', 'intermediate', 'senior'] as const
export const SEXES = ['male', 'female'] as const

const inList = (column: unknown, values: readonly string[]) => sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`

/** The county's ledger (台账): one row per labourer, kept by the county employment centre. */
export const workers = sqliteTable(
  'workers',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The county centre that keeps this row; every query is scoped by it. */
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    /** GB 11643, normalised; one person appears once in the whole registry. */
    idNumber: text().notNull(),
    /** Derived from the ID number and stored so lists can filter and sort without parsing. */
    sex: text({ enum: SEXES }).notNull(),
    birthDate: text().notNull(),
    phone: text(),
    townshipCode: text()
      .notNull()
      .references(() => areas.code),
    villageCode: text().references(() => areas.code),
    householdStatus: text({ enum: HOUSEHOLD_STATUSES }).notNull(),
    employmentStatus: text({ enum: EMPLOYMENT_STATUSES }).notNull(),
    employmentNeed: text({ enum: EMPLOYMENT_NEEDS }).notNull(),
    skillLevel: text({ enum: SKILL_LEVELS }).notNull(),
    skills: text(),
    difficulties: text(),
    assistanceMeasures: text(),
    notes: text(),
    /** The worker's own sign-in account, once staff have matched it to this row. */
    userId: integer().references(() => users.id),
    createdByUserId: integer().references(() => users.id),
    updatedByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('workers_id_number_uq').on(t.idNumber),
    uniqueIndex('workers_user_uq').on(t.userId),
    index('workers_org_township_idx').on(t.organisationId, t.townshipCode),
    index('workers_org_name_idx').on(t.organisationId, t.name),
    index('workers_org_phone_idx').on(t.organisationId, t.phone),
    check('workers_sex_check', inList(t.sex, SEXES)),
    check('workers_household_check', inList(t.householdStatus, HOUSEHOLD_STATUSES)),
    check('workers_employment_status_check', inList(t.employmentStatus, EMPLOYMENT_STATUSES)),
    check('workers_employment_need_check', inList(t.employmentNeed, EMPLOYMENT_NEEDS)),
    check('workers_skill_level_check', inList(t.skillLevel, SKILL_LEVELS)),
  ],
)

/** An employer a Shandong bureau posts vacancies for. */
export const employers = sqliteTable(
  'employers',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The bureau that manages this employer; every query is scoped by it. */
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    /** 统一社会信用代码 (GB 32100), normalised; one employer record per code in the whole portal. */
    uscc: text().notNull(),
    industry: text().notNull(),
    address: text().notNull(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('employers_uscc_uq').on(t.uscc), index('employers_org_idx').on(t.organisationId, t.name)],
)

export const VACANCY_STATUSES = ['draft', 'published', 'closed', 'filled'] as const
export type VacancyStatus = (typeof VACANCY_STATUSES)[number]

/**
 * A vacancy (岗位) posted by a bureau on behalf of an employer. "Expired" is not stored: a published post
 * whose valid-until date has passed (Asia/Shanghai) is expired everywhere by the queries themselves.
 * Salaries are monthly, in fen, whole yuan as typed.
 */
export const vacancies = sqliteTable(
  'vacancies',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    employerId: integer()
      .notNull()
      .references(() => employers.id),
    /** The bureau's city (GB/T 2260), denormalised for the public board's city filter. */
    cityCode: text()
      .notNull()
      .references(() => areas.code),
    title: text().notNull(),
    industry: text().notNull(),
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
    publishedAt: integer({ mode: 'timestamp_ms' }),
    closedAt: integer({ mode: 'timestamp_ms' }),
    /** Why the bureau closed the post, as typed; kept here, not in the append-only audit log. */
    closeReason: text(),
    copiedFromId: integer().references((): AnySQLiteColumn => vacancies.id),
    createdByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('vacancies_org_status_idx').on(t.organisationId, t.status),
    index('vacancies_board_idx').on(t.status, t.validUntil, t.publishedAt),
    index('vacancies_city_idx').on(t.cityCode, t.status),
    index('vacancies_employer_idx').on(t.employerId),
    // The public board (searchPublicVacancies): both cover every column its filters and sorts read, so
    // counting and paging 100,000 posts never reads a table row. The filter index serves browsing; the
    // id-led one checks each full-text hit by rowid without visiting the row.
    index('vacancies_board_filter_idx').on(t.status, t.validUntil, t.cityCode, t.industry, t.providesMeals, t.providesHousing, t.salaryMaxFen, t.publishedAt),
    index('vacancies_board_lookup_idx').on(t.id, t.status, t.validUntil, t.cityCode, t.industry, t.providesMeals, t.providesHousing, t.salaryMaxFen, t.publishedAt),
    check('vacancies_status_check', inList(t.status, VACANCY_STATUSES)),
    check('vacancies_salary_check', sql`${t.salaryMinFen} > 0 and ${t.salaryMinFen} <= ${t.salaryMaxFen}`),
    check('vacancies_headcount_check', sql`${t.headcount} between 1 and 10000`),
  ],
)

/** Which paired counties a vacancy is open to (the paired county by default). */
export const vacancyTargets = sqliteTable(
  'vacancy_targets',
  {
    vacancyId: integer()
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    countyCode: text()
      .notNull()
      .references(() => areas.code),
  },
  (t) => [primaryKey({ columns: [t.vacancyId, t.countyCode] }), index('vacancy_targets_county_idx').on(t.countyCode)],
)

export const APPLICATION_STATUSES = ['submitted', 'contacted', 'hired', 'declined'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]
export const APPLICATION_SOURCES = ['self', 'recommended'] as const

/** A worker's application to a vacancy, by the worker or recommended by county staff; once per post. */
export const applications = sqliteTable(
  'applications',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    vacancyId: integer()
      .notNull()
      .references(() => vacancies.id),
    /** The ledger row of the applicant (the person, whichever way the application came). */
    workerId: integer()
      .notNull()
      .references(() => workers.id),
    source: text({ enum: APPLICATION_SOURCES }).notNull(),
    recommendedByUserId: integer().references(() => users.id),
    note: text(),
    status: text({ enum: APPLICATION_STATUSES }).notNull().default('submitted'),
    /** The bureau's note on a decline, as typed; kept here, not in the append-only audit log. */
    decisionNote: text(),
    statusChangedAt: integer({ mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('applications_vacancy_worker_uq').on(t.vacancyId, t.workerId),
    index('applications_worker_idx').on(t.workerId),
    index('applications_vacancy_status_idx').on(t.vacancyId, t.status),
    check('applications_status_check', inList(t.status, APPLICATION_STATUSES)),
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
    id: integer().primaryKey({ autoIncrement: true }),
    workerId: integer()
      .notNull()
      .references(() => workers.id),
    applicationId: integer().references(() => applications.id),
    employerId: integer()
      .notNull()
      .references(() => employers.id),
    cityCode: text()
      .notNull()
      .references(() => areas.code),
    startDate: text().notNull(),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('employment_records_application_uq').on(t.applicationId), index('employment_records_worker_idx').on(t.workerId, t.startDate)],
)

export const REPORT_REASONS = ['fake', 'fees', 'wage', 'mismatch', 'other'] as const

/** A worker's report of a suspicious post (举报); the owning bureau sees and resolves it. */
export const vacancyReports = sqliteTable(
  'vacancy_reports',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    vacancyId: integer()
      .notNull()
      .references(() => vacancies.id),
    reporterUserId: integer()
      .notNull()
      .references(() => users.id),
    reason: text({ enum: REPORT_REASONS }).notNull(),
    note: text(),
    resolvedAt: integer({ mode: 'timestamp_ms' }),
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

/**
 * A registration refused because its ID number already has an account (issue 7 §6): the caller was told
 * only "已受理" and that the county centre will call back, so the name and phone they typed are kept here
 * for the centre of the existing account to do so. The typed ID number is not stored — `userId` names the
 * account that holds it. One open referral per account and phone (a partial unique index), so a refresh
 * or a double submit never makes two; the per-address registration throttle bounds how many one address
 * can leave. Handling closes it, with an optional short note kept here, not in the audit log.
 */
export const registrationReferrals = sqliteTable(
  'registration_referrals',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The county centre of the existing account; every query is scoped by it. */
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    /** The account that already holds the typed ID number. */
    userId: integer()
      .notNull()
      .references(() => users.id),
    /** As typed at registration (validated like any registration). */
    name: text().notNull(),
    /** Normalised mainland mobile number, as typed at registration. */
    phone: text().notNull(),
    createdAt: timestamps.createdAt,
    handledAt: integer({ mode: 'timestamp_ms' }),
    handledByUserId: integer().references(() => users.id),
    handlingNote: text(),
  },
  (t) => [
    uniqueIndex('registration_referrals_open_uq').on(t.userId, t.phone).where(sql`${t.handledAt} is null`),
    index('registration_referrals_org_idx').on(t.organisationId, t.handledAt, t.createdAt),
  ],
)

export type SelectArea = typeof areas.$inferSelect
export type InsertArea = typeof areas.$inferInsert
export type SelectPairing = typeof pairings.$inferSelect
export type InsertPairing = typeof pairings.$inferInsert
export type SelectOrganisation = typeof organisations.$inferSelect
export type InsertOrganisation = typeof organisations.$inferInsert
export type SelectUser = typeof users.$inferSelect
export type InsertUser = typeof users.$inferInsert
export type SelectSession = typeof sessions.$inferSelect
export type SelectAuditEntry = typeof auditLog.$inferSelect
export type InsertAuditEntry = typeof auditLog.$inferInsert
export type SelectWorker = typeof workers.$inferSelect
export type InsertWorker = typeof workers.$inferInsert
export type SelectEmployer = typeof employers.$inferSelect
export type InsertEmployer = typeof employers.$inferInsert
export type SelectVacancy = typeof vacancies.$inferSelect
export type InsertVacancy = typeof vacancies.$inferInsert
export type SelectApplication = typeof applications.$inferSelect
export type SelectEmploymentRecord = typeof employmentRecords.$inferSelect
export type SelectRegistrationReferral = typeof registrationReferrals.$inferSelect
