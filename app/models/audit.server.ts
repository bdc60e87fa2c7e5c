import { desc, eq } from 'drizzle-orm'
import { auditLog, users } from '../../db/schema'
import { db } from '~/utils/db.server'

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败',
  'auth.login_throttled': '登录被限制',
  'system.seed': '初始化演示数据',
}

/** The newest audit entries of one organisation (its own staff and workers), or of all when null. */
export function listRecentAudit(organisationId: number | null, limit = 8) {
  const query = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      reason: auditLog.reason,
      actorName: users.displayName,
      actorRole: users.role,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
  return (organisationId == null ? query : query.where(eq(auditLog.organisationId, organisationId))).all()
}
