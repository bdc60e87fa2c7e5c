import { desc, eq } from 'drizzle-orm'
import { auditLog, users } from '../../db/schema'
import { can, type Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'

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
}

/**
 * The newest `limit` audit entries the actor may see: the platform operator's are everyone's, anyone
 * else's are those of their own organisation (its staff and workers).
 */
export function listRecentAudit(actor: Actor, limit = 8) {
  const organisationId = can(actor, 'administer:platform') ? null : actor.organisationId
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
