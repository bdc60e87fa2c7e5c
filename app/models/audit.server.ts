import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { auditLog, organisations, users } from '../../db/schema'
import { recordLabelOf, recordNamesOf } from './audit-names.server'
import { ACTION_LABELS } from '~/rules/audit-actions'
import { ENTITY_LABELS, plainIp, reasonLabelOf } from '~/rules/audit-reasons'
import { AUDIT_PARAMS, shanghaiRange } from '~/rules/audit-search'
import { maskMobile } from '~/rules/mobile'
import { can, type Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'
import { parseListParams } from '~/utils/list'

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
// audit_log_at_idx, audit_log_target_org_idx; migrations 0026–0027 and 0047), the page stops at its rows,
// and the count stops at a cap.

/** What the operator searches by; null is "any". Moments are ms since the epoch, `toMs` excluded. */
export type AuditFilters = {
  organisationId: number | null
  actorUserId: number | null
  action: string | null
  fromMs: number | null
  toMs: number | null
}

/**
 * The conditions of a search; the organisation is matched on `by` — the acting organisation
 * (organisation_id) or the organisation acted on (target_organisation_id).
 */
function auditWhere(f: AuditFilters, by: 'actor' | 'target' = 'actor'): SQL | undefined {
  const conditions: SQL[] = []
  if (f.organisationId != null) conditions.push(eq(by === 'actor' ? auditLog.organisationId : auditLog.targetOrganisationId, f.organisationId))
  if (f.actorUserId != null) conditions.push(eq(auditLog.actorUserId, f.actorUserId))
  if (f.action != null) conditions.push(eq(auditLog.action, f.action))
  // Always a lower bound on `at` (0 when none is asked: every moment is after 1970): without a range on
  // it, SQLite reads one organisation's entries through audit_log_org_id_idx and sorts them all (220,000 in
  // 开州), instead of walking audit_log_org_idx newest first.
  conditions.push(gte(auditLog.at, new Date(f.fromMs ?? 0)))
  if (f.toMs != null) conditions.push(lt(auditLog.at, new Date(f.toMs)))
  return and(...conditions)
}

/**
 * The newest `n` matching entries (id and moment), as a subquery. With an organisation, the entries it
 * did and those done to it are two index walks of at most `n` each, merged: target_organisation_id is
 * only set when it is not the acting organisation, so the two never hold the same entry.
 */
function newestMatches(f: AuditFilters, n: number, { ordered = true } = {}) {
  const side = (by: 'actor' | 'target') => {
    const rows = db.select({ id: auditLog.id, at: auditLog.at }).from(auditLog).where(auditWhere(f, by))
    // A count needs any n matches, not the newest: no ORDER BY lets SQLite stop at the first n it meets.
    return ordered ? rows.orderBy(desc(auditLog.at), desc(auditLog.id)).limit(n) : rows.limit(n)
  }
  if (f.organisationId == null) return sql`${side('actor')}`
  return sql`select * from (${side('actor')}) union all select * from (${side('target')})`
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
  return db.get<{ n: number }>(sql`select count(*) as n from (${newestMatches(f, cap + 1, { ordered: false })})`).n
}

const targetUser = alias(users, 'target_user')
const targetOrganisation = alias(organisations, 'target_organisation')

/** A login name as the trail shows it: a worker's (their phone) with its middle hidden. */
const shownLogin = (login: string | null, role: string | null) => (role === 'worker' && login ? maskMobile(login) : login)

/**
 * One page of matching entries, newest first (time, then id): when, the organisation (and the one acted
 * on, when another), who (name, login name — a worker's phone with its middle hidden — and role), the
 * action and its label, the record (an account by its name and login name), the reason by its label and
 * the address as plain IPv4. Null when not the operator.
 */
export function searchAuditForAdmin(actor: Actor, f: AuditFilters, { limit, offset }: { limit: number; offset: number }) {
  if (!can(actor, 'administer:platform')) return null
  // The page's ids first, from the filter's index alone (a deep page skips index entries, not joined rows),
  // then only those rows with their names.
  const pageIds = sql`select id from (${newestMatches(f, offset + limit)}) order by at desc, id desc limit ${limit} offset ${offset}`
  const rows = db
    .select({
      ...entryFields,
      detail: auditLog.detail,
      ip: auditLog.ip,
      organisationId: auditLog.organisationId,
      organisationName: organisations.shortName,
      targetOrganisationId: auditLog.targetOrganisationId,
      targetOrganisationName: targetOrganisation.shortName,
      actorUserId: auditLog.actorUserId,
      actorName: users.displayName,
      actorLogin: users.username,
      actorRole: users.role,
      targetName: targetUser.displayName,
      targetLogin: targetUser.username,
      targetRole: targetUser.role,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .leftJoin(targetOrganisation, eq(targetOrganisation.id, auditLog.targetOrganisationId))
    // entity_id is text; compared with the integer key it is read as a number (SQLite's numeric affinity).
    .leftJoin(targetUser, and(eq(auditLog.entity, 'user'), eq(targetUser.id, auditLog.entityId)))
    .where(sql`${auditLog.id} in (${pageIds})`)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .all()
  // Every other record by its name: one primary-key read per kind on the page, not a join per row.
  const names = recordNamesOf(rows)
  return rows.map(({ detail, targetName, targetLogin, targetRole, ...row }) => ({
    ...row,
    actorLogin: shownLogin(row.actorLogin, row.actorRole),
    actionLabel: actionLabelOf(row.action, detail),
    reasonLabel: reasonLabelOf(row.action, row.reason),
    ip: plainIp(row.ip),
    target: targetName ? { name: targetName, login: shownLogin(targetLogin, targetRole) } : null,
    targetLabel: targetName
      ? `${targetName}（${shownLogin(targetLogin, targetRole)}）`
      : row.entity === 'user' && row.entityId
        ? `${ENTITY_LABELS.user} #${row.entityId}（已删除）`
        : recordLabelOf(names, row.entity, row.entityId),
  }))
}

/**
 * An action's label; a password change written before it had its own action (`account.profile_update`
 * with the field `password`) reads 修改密码 too.
 */
function actionLabelOf(action: string, detail: Record<string, unknown> | null) {
  const fields = detail?.fields
  if (action === 'account.profile_update' && Array.isArray(fields) && fields.includes('password')) return ACTION_LABELS['account.password_change']
  return ACTION_LABELS[action] ?? action
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

/** The message beside 从 / 到 when what was typed is not a real calendar day. */
export const INVALID_DATE_MESSAGE = '请填写有效的日期（年-月-日）'

/**
 * The audit search of a URL (the page and its export read the same one): each parameter parsed by
 * AUDIT_PARAMS (one that does not parse is dropped), the 账号 field's login name resolved to its account
 * (an unknown one matches nothing), the dates turned into Shanghai moments. Returns the filters for the
 * query, the values to show again in the form, and `errors` by field — a date that is not a real day, or
 * a range given backwards (从 after 到), is not searched: the caller answers 400 with the message beside it.
 */
export function auditSearchOf(search: URLSearchParams) {
  const p = parseListParams(search, AUDIT_PARAMS)
  const typed = (name: 'from' | 'to') => (search.get(name) ?? '').trim().slice(0, 20)
  const whoId = p.who ? findAccountIdByLoginName(p.who) : null
  const range = shanghaiRange(p.from ?? null, p.to ?? null)
  const filters: AuditFilters = {
    organisationId: p.org ?? null,
    // An unknown login name matches no entry (id 0 is never an account), rather than every entry.
    actorUserId: p.who ? (whoId ?? 0) : (p.actor ?? null),
    action: p.action ?? null,
    fromMs: range.ok ? range.fromMs : null,
    toMs: range.ok ? range.toMs : null,
  }
  const values = {
    org: p.org ?? null,
    actor: p.who ? null : (p.actor ?? null),
    who: p.who ?? '',
    action: p.action ?? '',
    from: p.from ?? typed('from'),
    to: p.to ?? typed('to'),
  }
  const filtered = Object.values(values).some((v) => v != null && v !== '')
  // A date typed but not a real day (2024-02-30, 2024-13-01…) is the person's mistake too: named beside its
  // field, never silently dropped (which would search every day).
  const badDate = (name: 'from' | 'to') => (search.get(name)?.trim() && p[name] == null ? [INVALID_DATE_MESSAGE] : undefined)
  const errors: { from?: string[]; to?: string[] } = { from: badDate('from'), to: badDate('to') ?? (range.ok ? undefined : [range.message]) }
  if (!errors.from) delete errors.from
  if (!errors.to) delete errors.to
  return { filters, values, filtered, errors }
}
