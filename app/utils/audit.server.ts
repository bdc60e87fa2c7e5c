import { auditLog } from '../../db/schema'
import type { Queryable } from './db.server'

export type AuditInput = {
  actorUserId?: number | null
  organisationId?: number | null
  action: string
  entity: string
  entityId?: string | number | null
  reason?: string | null
  detail?: Record<string, unknown> | null
  ip?: string | null
}

/**
 * Writes one audit row. Call it inside the same transaction as the change it records, so the change
 * and its record land together or not at all. Never put personal numbers (ID, phone, bank) in detail.
 */
export function writeAudit(tx: Queryable, input: AuditInput) {
  tx.insert(auditLog)
    .values({
      actorUserId: input.actorUserId ?? null,
      organisationId: input.organisationId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId == null ? null : String(input.entityId),
      reason: input.reason ?? null,
      detail: input.detail ?? null,
      ip: input.ip ?? null,
    })
    .run()
}
