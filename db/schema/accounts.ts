import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { THROTTLE_SCOPES } from '../../app/rules/account-enums'
import { ROLES } from '../../app/rules/permissions'
import { organisations } from './areas-organisations'
import { inList, moment, requiredId, serialId, timestamps } from './columns'

export { THROTTLE_SCOPES, type ThrottleScope } from '../../app/rules/account-enums'
export { ROLES, type Role } from '../../app/rules/permissions'

/** Staff and worker accounts (roles in app/rules/permissions.ts). */
export const users = sqliteTable(
  'users',
  {
    id: serialId(),
    /** Staff sign in with a chosen name, workers with their mobile number; always stored normalised. */
    username: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** Staff: their bureau/centre/platform. Workers: the employment centre of their home county. */
    organisationId: requiredId(() => organisations.id),
    displayName: text().notNull(),
    /** Workers only: resident ID number (GB 11643), one account per person. */
    idNumber: text(),
    /** Workers only: set when county staff match the account to a registry row. */
    verifiedAt: moment(),
    /** Workers only: set when county staff turn the registration down; the reason is shown to the worker. */
    rejectedAt: moment(),
    rejectionReason: text(),
    /**
     * Set for accounts created by staff (assisted registration) and after staff reset a forgotten password,
     * until the worker sets a new one; while set, every signed-in page leads to the password form.
     */
    mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
    /** Set when staff disable the account: it cannot sign in and its sessions are ended. */
    disabledAt: moment(),
    /** Why staff disabled it (a reason label, and a note), shown to the county's staff; cleared on re-enabling. */
    disabledReason: text(),
    lastLoginAt: moment(),
    /** Staff only: a mobile number to reach them at, kept by the platform operator (issue 11 §6); workers' phone is their login name. */
    contactPhone: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    uniqueIndex('users_id_number_uq').on(t.idNumber),
    // A county's account figures (verified, turned down, waiting) and the platform's per-role summary are
    // counted in these indexes alone, never by reading 50,000 account rows (issue 10). created_at last:
    // the verification queue (waiting = every column before it fixed) is read in registration order from
    // the index and stops at the page, instead of sorting the county's whole queue each view.
    index('users_organisation_idx').on(t.organisationId, t.role, t.verifiedAt, t.rejectedAt, t.disabledAt, t.createdAt),
    index('users_role_idx').on(t.role, t.verifiedAt, t.disabledAt),
    check('users_role_check', inList(t.role, ROLES)),
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
    userId: requiredId(() => users.id, { onDelete: 'cascade' }),
    expiresAt: moment().notNull(),
    createdAt: timestamps.createdAt,
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)

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
    id: serialId(),
    scope: text({ enum: THROTTLE_SCOPES }).notNull(),
    keyHash: text(),
    ip: text().notNull(),
    at: moment().notNull(),
  },
  (t) => [
    index('attempts_key_idx').on(t.scope, t.keyHash, t.at),
    index('attempts_ip_idx').on(t.scope, t.ip, t.at),
    check('attempts_scope_check', inList(t.scope, THROTTLE_SCOPES)),
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
    id: serialId(),
    /** The county centre of the existing account; every query is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    /** The account that already holds the typed ID number. */
    userId: requiredId(() => users.id),
    /** As typed at registration (validated like any registration). */
    name: text().notNull(),
    /** Normalised mainland mobile number, as typed at registration. */
    phone: text().notNull(),
    createdAt: timestamps.createdAt,
    handledAt: moment(),
    handledByUserId: integer().references(() => users.id),
    handlingNote: text(),
  },
  (t) => [
    uniqueIndex('registration_referrals_open_uq')
      .on(t.userId, t.phone)
      .where(sql`${t.handledAt} is null`),
    index('registration_referrals_org_idx').on(t.organisationId, t.handledAt, t.createdAt),
  ],
)

export type SelectUser = typeof users.$inferSelect
export type InsertUser = typeof users.$inferInsert
export type SelectSession = typeof sessions.$inferSelect
export type SelectRegistrationReferral = typeof registrationReferrals.$inferSelect
