import { auditLog } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
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

/** What an actor's audit row says beyond who, for whom and from where (those come from the actor). */
export type ActorAuditInput = Omit<AuditInput, 'actorUserId' | 'organisationId' | 'ip'>

/**
 * Writes one audit row for something `actor` did: their user id, organisation and address, with the
 * action, entity, id, reason and detail of `input`. Same rules as writeAudit: inside the transaction of
 * the change, and never a personal number in detail.
 */
export function writeActorAudit(tx: Queryable, actor: Pick<Actor, 'userId' | 'organisationId' | 'ip'>, input: ActorAuditInput) {
  writeAudit(tx, { ...input, actorUserId: actor.userId, organisationId: actor.organisationId, ip: actor.ip })
}
