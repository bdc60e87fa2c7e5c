import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { auditLog, organisations, users } from '../../db/schema'
import { AUDIT_PARAMS, shanghaiRange } from '~/rules/audit-search'
import { maskMobile } from '~/rules/mobile'
import { can, type Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'
import { parseListParams } from '~/utils/list'

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败',
  'auth.login_throttled': '登录被限制',
  'auth.current_password_failed': '当前密码核对失败',
  'auth.current_password_throttled': '核对当前密码被限制',
  'system.seed': '初始化演示数据',
  'registry.create': '新增台账',
  'registry.update': '修改台账',
  'registry.import': '批量导入台账',
  'registry.reveal': '查看完整号码',
  'registry.export_full': '导出台账（完整信息）',
  'registry.duplicate_check': '核对到外区县台账人员',
  'registry.duplicate_check_refused': '身份证号码核对被限制',
  'account.register': '注册账号',
  'account.register_conflict': '身份证号码已有账号的注册（待联系）',
  'account.register_refused': '注册未受理（手机号已被使用）',
  'account.register_throttled': '注册被限制',
  'referral.reveal': '查看注册受理的完整手机号',
  'referral.handle': '注册受理已处理',
  'account.verify': '核验账号',
  'account.reject': '退回注册',
  'account.assisted_create': '代办注册',
  'account.profile_update': '修改联系方式',
  'account.phone_change_refused': '改手机号被拒（号码已被使用）',
  'account.password_reset': '重设密码（工作人员核对身份后）',
  'account.phone_change': '工作人员代改手机号',
  'account.disable': '停用账号',
  'account.enable': '重新启用账号',
  'account.identity_check_failed': '核对身份未通过',
  'account.identity_check_throttled': '核对身份被限制',
  'vacancy.create': '新建岗位',
  'vacancy.update': '修改岗位',
  'vacancy.publish': '发布岗位',
  'vacancy.close': '关闭岗位',
  'vacancy.fill': '岗位已招满',
  'vacancy.copy': '复制岗位',
  'vacancy.delete': '删除草稿',
  'vacancy.report': '举报岗位',
  'vacancy.report_resolve': '处理举报',
  'application.create': '报名岗位',
  'application.contact_consent': '同意提供联系方式',
  'application.recommend': '推荐报名',
  'application.contacted': '联系报名人',
  'application.hired': '录用',
  'application.declined': '未录用',
  'application.undo': '撤销录用/不录用',
  'application.withdraw': '撤回报名',
  'application.reapply': '重新报名',
  'application.reveal': '查看报名人完整手机号',
  'vacancy.reopen': '岗位重新招聘',
  'employer.create': '新增用人单位',
  'employer.update': '修改用人单位',
  'employer.archive': '归档用人单位',
  'employer.restore': '恢复用人单位',
  'registry.archive': '归档台账',
  'registry.restore': '恢复台账',
  'registry.employment_kept': '确认就业状态',
  'registry.prefill': '按注册信息预填台账',
  'registry.import_preview': '预览导入台账',
  'registry.import_undo': '撤销导入台账',
  'hire.export_full': '导出录用人员（完整信息）',
  'account.staff_create': '新建工作人员账号',
  'account.staff_password_reset': '重设工作人员密码',
  'organisation.create': '新建单位',
  'pairing.create': '新建结对关系',
}

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
