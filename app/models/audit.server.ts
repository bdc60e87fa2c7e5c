import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { auditLog, organisations, users } from '../../db/schema'
import { AUDIT_PARAMS, shanghaiRange } from '~/rules/audit-search'
import { maskMobile } from '~/rules/mobile'
import { can, type Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'
import { parseListParams } from '~/utils/list'

import { ACTION_LABELS } from '~/rules/audit-actions'

/** What every list of the trail shows of an entry: its id, moment, action, record and reason. */
const entryFields = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  reason: auditLog.reason,
}

/**
 * The newest `limit` audit entries the actor may see: the platform operator's are everyone's, anyone
 * else's are those of their own organisation (its staff and workers).
 */
export function listRecentAudit(actor: Actor, limit = 8) {
  const organisationId = can(actor, 'administer:platform') ? null : actor.organisationId
  const query = db
    .select({ ...entryFields, actorName: users.displayName, actorRole: users.role })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
  return (organisationId == null ? query : query.where(eq(auditLog.organisationId, organisationId))).all()
}

// ——— The operator's search of the whole trail (issue 11 §6) ———
// 805,000 rows at a county's size: each filter is read newest first from an index that starts with it and
// ends in `at` (audit_log_org_idx, audit_log_actor_idx, audit_log_action_idx, audit_log_org_action_idx,
// audit_log_at_idx; migrations 0026–0027), the page stops at its rows, and the count stops at a cap.

/** What the operator searches by; null is "any". Moments are ms since the epoch, `toMs` excluded. */
export type AuditFilters = {
  organisationId: number | null
  actorUserId: number | null
  action: string | null
  fromMs: number | null
  toMs: number | null
}

function auditWhere(f: AuditFilters): SQL | undefined {
  const conditions: SQL[] = []
  if (f.organisationId != null) conditions.push(eq(auditLog.organisationId, f.organisationId))
  if (f.actorUserId != null) conditions.push(eq(auditLog.actorUserId, f.actorUserId))
  if (f.action != null) conditions.push(eq(auditLog.action, f.action))
  // Always a lower bound on `at` (0 when none is asked: every moment is after 1970): without a range on
  // it, SQLite reads one organisation's entries through audit_log_org_id_idx and sorts them all (220,000 in
  // 开州), instead of walking audit_log_org_idx newest first.
  conditions.push(gte(auditLog.at, new Date(f.fromMs ?? 0)))
  if (f.toMs != null) conditions.push(lt(auditLog.at, new Date(f.toMs)))
  return and(...conditions)
}

/** The account id of a staff login name, for the search's 账号 field; null when there is none. */
export function findAccountIdByLoginName(loginName: string) {
  return db.select({ id: users.id }).from(users).where(eq(users.username, loginName)).get()?.id ?? null
}

/**
 * How many entries match, counted up to `cap` + 1 and no further, so a search over the whole trail
 * costs the same as a narrow one: a result above `cap` means "more than cap". Null when not the operator.
 */
export function countAuditForAdmin(actor: Actor, f: AuditFilters, cap: number) {
  if (!can(actor, 'administer:platform')) return null
  const inner = db
    .select({ one: sql`1` })
    .from(auditLog)
    .where(auditWhere(f))
    .limit(cap + 1)
  return db.get<{ n: number }>(sql`select count(*) as n from (${inner})`).n
}

/**
 * One page of matching entries, newest first (time, then id): when, the organisation, who (name, login
 * name — a worker's phone with its middle hidden — and role), the action and its label, the record, the
 * reason and the address. Null when not the operator.
 */
export function searchAuditForAdmin(actor: Actor, f: AuditFilters, { limit, offset }: { limit: number; offset: number }) {
  if (!can(actor, 'administer:platform')) return null
  // The page's ids first, from the filter's index alone (a deep page skips index entries, not joined rows),
  // then only those rows with their names.
  const pageIds = db.select({ id: auditLog.id }).from(auditLog).where(auditWhere(f)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset)
  return db
    .select({
      ...entryFields,
      ip: auditLog.ip,
      organisationId: auditLog.organisationId,
      organisationName: organisations.shortName,
      actorUserId: auditLog.actorUserId,
      actorName: users.displayName,
      actorLogin: users.username,
      actorRole: users.role,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .where(inArray(auditLog.id, pageIds))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .all()
    .map((row) => ({
      ...row,
      actorLogin: row.actorRole === 'worker' && row.actorLogin ? maskMobile(row.actorLogin) : row.actorLogin,
      actionLabel: ACTION_LABELS[row.action] ?? row.action,
    }))
}

export type AuditSearchRow = NonNullable<ReturnType<typeof searchAuditForAdmin>>[number]

/**
 * The matching entries for a download, newest first, at most `max`, read 1,000 at a time so the export
 * streams with flat memory. Yields nothing when not the operator.
 */
export function* listAuditForExport(actor: Actor, f: AuditFilters, max: number) {
  for (let offset = 0; offset < max; offset += 1000) {
    const rows = searchAuditForAdmin(actor, f, { limit: Math.min(1000, max - offset), offset }) ?? []
    yield* rows
    if (rows.length < 1000) return
  }
}

/**
 * The audit search of a URL (the page and its export read the same one): each parameter parsed by
 * AUDIT_PARAMS (one that does not parse is dropped), the 账号 field's login name resolved to its account
 * (an unknown one matches nothing), the dates turned into Shanghai moments. Returns the filters for the
 * query and the values to show again in the form.
 */
export function auditSearchOf(search: URLSearchParams) {
  const p = parseListParams(search, AUDIT_PARAMS)
  const whoId = p.who ? findAccountIdByLoginName(p.who) : null
  const { fromMs, toMs } = shanghaiRange(p.from ?? null, p.to ?? null)
  const filters: AuditFilters = {
    organisationId: p.org ?? null,
    // An unknown login name matches no entry (id 0 is never an account), rather than every entry.
    actorUserId: p.who ? (whoId ?? 0) : (p.actor ?? null),
    action: p.action ?? null,
    fromMs,
    toMs,
  }
  const values = { org: p.org ?? null, actor: p.who ? null : (p.actor ?? null), who: p.who ?? '', action: p.action ?? '', from: p.from ?? '', to: p.to ?? '' }
  const filtered = Object.values(values).some((v) => v != null && v !== '')
  return { filters, values, filtered }
}
