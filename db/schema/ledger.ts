import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'
import { ARCHIVE_REASONS } from '../../app/rules/ledger-archive-enums'
import { EMPLOYMENT_NEEDS, EMPLOYMENT_STATUSES, HOUSEHOLD_STATUSES, SEXES, SKILL_LEVELS } from '../../app/rules/registry-enums'
import { users } from './accounts'
import { areas, organisations } from './areas-organisations'
import { inList, moment, requiredCode, requiredId, serialId, timestamps } from './columns'

// The "five clears" (五清) of the Kaizhou survey, seed 003: employment status, employment need, skill
// level, difficulties and assistance measures. Codes are stored (app/rules/registry-enums.ts); labels
// live in app/rules/registry.ts.
export {
  EMPLOYMENT_NEEDS,
  EMPLOYMENT_STATUSES,
  HOUSEHOLD_STATUSES,
  SEXES,
  SKILL_LEVELS,
  type EmploymentNeed,
  type EmploymentStatus,
  type HouseholdStatus,
  type Sex,
  type SkillLevel,
} from '../../app/rules/registry-enums'

/** The county's ledger (台账): one row per labourer, kept by the county employment centre. */
export const workers = sqliteTable(
  'workers',
  {
    id: serialId(),
    /** The county centre that keeps this row; every query is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    name: text().notNull(),
    /** GB 11643, normalised; one person appears once in the whole registry. */
    idNumber: text().notNull(),
    /** Derived from the ID number and stored so lists can filter and sort without parsing. */
    sex: text({ enum: SEXES }).notNull(),
    birthDate: text().notNull(),
    phone: text(),
    townshipCode: requiredCode(() => areas.code),
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
    /**
     * Set when staff archive the row (issue 11 §2: moved away, died, registered twice, over age): an
     * archived row leaves the list, the county's figure (ledger_counts) and the search index
     * (workers_search) — their triggers test this column — and cannot be recommended; null again on restore.
     */
    archivedAt: moment(),
    /** Why it was archived (ARCHIVE_REASONS, checked by the form); null unless archived. */
    archiveReason: text({ enum: ARCHIVE_REASONS }),
    /** The note typed with the reason (required for 其他); kept here, not in the append-only audit log. */
    archiveNote: text(),
    archivedByUserId: integer().references(() => users.id),
    /**
     * When staff last answered the question "hired through the portal — update 就业状态?" on this row
     * (issue 11 §3, decision 017): a hire recorded after it asks again.
     */
    employmentCheckedAt: moment(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('workers_id_number_uq').on(t.idNumber),
    uniqueIndex('workers_user_uq').on(t.userId),
    // The list walks one of these in its order (newest change first: updated_at, then the rowid every
    // index ends with) and stops after a page; each choice filter has its own, so its count is an index
    // range and a filtered page never sorts the county (issue 10).
    // The default order also carries every choice filter, so a list or count with several filters (or
    // the account filter) is answered from this index alone, never from the county's rows.
    // archived_at ends each of them (issue 11 §2): the list and its counts leave archived rows out while
    // still reading the index alone. Archived rows are found through the small partial index below.
    index('workers_org_updated_idx').on(
      t.organisationId,
      t.updatedAt,
      t.townshipCode,
      t.householdStatus,
      t.employmentStatus,
      t.employmentNeed,
      t.userId,
      t.archivedAt,
    ),
    index('workers_org_township_idx').on(t.organisationId, t.townshipCode, t.updatedAt, t.archivedAt),
    index('workers_org_household_idx').on(t.organisationId, t.householdStatus, t.updatedAt, t.archivedAt),
    index('workers_org_employment_status_idx').on(t.organisationId, t.employmentStatus, t.updatedAt, t.archivedAt),
    index('workers_org_employment_need_idx').on(t.organisationId, t.employmentNeed, t.updatedAt, t.archivedAt),
    index('workers_org_user_idx').on(t.organisationId, t.userId, t.archivedAt),
    index('workers_org_name_idx').on(t.organisationId, t.name, t.archivedAt),
    index('workers_org_phone_idx').on(t.organisationId, t.phone),
    index('workers_org_archived_idx')
      .on(t.organisationId, t.archivedAt)
      .where(sql`${t.archivedAt} is not null`),
    // The recommend page's pick list (issue 11 §4, app/models/recommend-candidates.server.ts): every column it
    // filters on, over live rows only, newest change first, so its pages and counts read index entries only.
    index('workers_org_recommend_idx')
      .on(t.organisationId, t.updatedAt, t.townshipCode, t.employmentStatus, t.employmentNeed, t.skillLevel, t.birthDate, t.skills, t.name, t.phone, t.idNumber)
      .where(sql`${t.archivedAt} is null`),
    // Created by the custom migration 0048 (the recommend page's skill filter, decision 019); declared here so
    // drizzle-kit's snapshot knows it.
    index('workers_org_skills_idx')
      .on(t.organisationId, t.skills, t.skillLevel, t.employmentStatus, t.employmentNeed, t.birthDate, t.townshipCode, t.updatedAt)
      .where(sql`${t.archivedAt} is null and ${t.skills} is not null`),
    check('workers_sex_check', inList(t.sex, SEXES)),
    check('workers_household_check', inList(t.householdStatus, HOUSEHOLD_STATUSES)),
    check('workers_employment_status_check', inList(t.employmentStatus, EMPLOYMENT_STATUSES)),
    check('workers_employment_need_check', inList(t.employmentNeed, EMPLOYMENT_NEEDS)),
    check('workers_skill_level_check', inList(t.skillLevel, SKILL_LEVELS)),
  ],
)

/**
 * How many ledger rows each county centre keeps, so the county's figure is one row read instead of a
 * count over a few hundred thousand (issue 10). Kept by triggers on `workers` (migration
 * 0016_ledger_counts_triggers), never written by the application.
 */
export const ledgerCounts = sqliteTable('ledger_counts', {
  organisationId: integer()
    .primaryKey()
    .references(() => organisations.id),
  workers: integer().notNull(),
})

export type SelectWorker = typeof workers.$inferSelect
export type InsertWorker = typeof workers.$inferInsert
