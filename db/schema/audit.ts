import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { organisations } from './areas-organisations'
import { moment, serialId } from './columns'

/**
 * Append-only audit trail (MLPS 2.0 security audit): who did what to which record, when and why.
 * Triggers in migration 0001 refuse UPDATE and DELETE. `action` and `entity` are an open vocabulary
 * (app/utils/audit.server.ts), deliberately without a CHECK: a new capability adds actions, never a migration.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: serialId(),
    at: moment()
      .notNull()
      .$defaultFn(() => new Date()),
    actorUserId: integer().references(() => users.id),
    /** The organisation on whose behalf the actor acted; used to show each side its own trail. */
    organisationId: integer().references(() => organisations.id),
    /**
     * The organisation the record acted on belongs to, when it is not the acting one (the operator resetting
     * a county's staff password, a city deciding on a county's applicant); null otherwise, so the two never
     * hold the same organisation. An organisation's trail is what it did and what was done to it (issue 11).
     */
    targetOrganisationId: integer().references(() => organisations.id),
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
    // Each side's home shows its newest entries (listRecentAudit, ORDER BY id DESC): an index on the
    // organisation alone is kept in rowid (= id) order within it, so the newest are read from its end and
    // the read stops at the limit, instead of sorting a county's 220,000 entries each view (issue 10).
    index('audit_log_org_id_idx').on(t.organisationId),
    index('audit_log_action_idx').on(t.action, t.at),
    // The admin's audit search (issue 11 §6) reads newest first by time under each filter and stops at the
    // page: the whole trail by time, one person's, and one organisation's entries of one action.
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
    index('audit_log_org_action_idx').on(t.organisationId, t.action, t.at),
    // What was done to an organisation, newest first (the search's organisation filter, second walk), alone,
    // by person and by action. Partial: only the few entries with a target organisation are in them.
    index('audit_log_target_org_idx')
      .on(t.targetOrganisationId, t.at)
      .where(sql`${t.targetOrganisationId} is not null`),
    index('audit_log_target_org_actor_idx')
      .on(t.targetOrganisationId, t.actorUserId, t.at)
      .where(sql`${t.targetOrganisationId} is not null`),
    index('audit_log_target_org_action_idx')
      .on(t.targetOrganisationId, t.action, t.at)
      .where(sql`${t.targetOrganisationId} is not null`),
    // A person under an organisation, and a person's one action: without these a person of another
    // organisation, or an action the person rarely takes, walked all of their 137,000 entries (0.8 s).
    index('audit_log_org_actor_idx').on(t.organisationId, t.actorUserId, t.at),
    index('audit_log_actor_action_idx').on(t.actorUserId, t.action, t.at),
  ],
)

export type SelectAuditEntry = typeof auditLog.$inferSelect
export type InsertAuditEntry = typeof auditLog.$inferInsert
