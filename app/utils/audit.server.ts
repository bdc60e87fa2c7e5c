import type Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { auditLog } from '../../db/schema'
import { plainIp } from '~/rules/audit-reasons'
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
 * The organisation a record belongs to, for the records whose owner another organisation may act on:
 * an account (the operator resets a county's staff password), an organisation (the operator creates it),
 * a ledger row and a post (a worker reports it), a county's subsidy policy (the operator edits it). Null for any other record — an application belongs to
 * both the city's post and the county's person, and each side's own decisions are already its own entries
 * (back-filling 705,000 of them took 53 s on the benchmark database). One primary-key read.
 */
function ownerOrganisationOf(tx: Queryable, entity: string, entityId: string): number | null {
  const id = Number(entityId)
  if (!Number.isSafeInteger(id)) return null
  switch (entity) {
    case 'organisation':
      return id
    case 'user':
      return tx.get<{ o: number } | undefined>(sql`select organisation_id as o from users where id = ${id}`)?.o ?? null
    case 'worker':
      return tx.get<{ o: number } | undefined>(sql`select organisation_id as o from workers where id = ${id}`)?.o ?? null
    case 'vacancy':
      return tx.get<{ o: number } | undefined>(sql`select organisation_id as o from vacancies where id = ${id}`)?.o ?? null
    case 'subsidy_policy':
      return tx.get<{ o: number } | undefined>(sql`select organisation_id as o from subsidy_policies where id = ${id}`)?.o ?? null
    default:
      return null
  }
}

/**
 * Writes one audit row. Call it inside the same transaction as the change it records, so the change
 * and its record land together or not at all. Never put personal numbers (ID, phone, bank) in detail.
 * The address is stored plain (plainIp); the record's organisation is stored as the target organisation
 * when it is not the actor's own, so that organisation's trail shows what was done to its records.
 */
export function writeAudit(tx: Queryable, input: AuditInput) {
  const organisationId = input.organisationId ?? null
  const owner = input.entityId == null ? null : ownerOrganisationOf(tx, input.entity, String(input.entityId))
  const row = {
    at: Date.now(),
    actorUserId: input.actorUserId ?? null,
    organisationId,
    targetOrganisationId: owner != null && owner !== organisationId ? owner : null,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    reason: input.reason ?? null,
    detail: input.detail == null ? null : JSON.stringify(input.detail),
    ip: plainIp(input.ip),
  }
  const insert = preparedInsertOf(tx)
  if (insert) insert.run(row)
  else
    tx.insert(auditLog)
      .values({ ...row, at: new Date(row.at), detail: input.detail ?? null })
      .run()
}

/** The audit insert prepared once per connection (a drizzle insert built anew cost a booking about 0.1 ms). */
const preparedInserts = new WeakMap<Database.Database, Database.Statement>()

/**
 * The prepared insert of `tx`'s connection: the portal's connection (and any other opened with
 * openDatabase) has its `$client`; a drizzle transaction object has none and is answered null — the
 * caller builds the insert with drizzle as before. The columns are audit_log's own, values as drizzle
 * stores them: `at` in ms, `detail` as JSON text.
 */
function preparedInsertOf(tx: Queryable) {
  const client = (tx as { $client?: Database.Database }).$client
  if (!client) return null
  let insert = preparedInserts.get(client)
  if (!insert) {
    insert = client.prepare(
      `insert into audit_log (at, actor_user_id, organisation_id, target_organisation_id, action, entity, entity_id, reason, detail, ip)
       values (@at, @actorUserId, @organisationId, @targetOrganisationId, @action, @entity, @entityId, @reason, @detail, @ip)`,
    )
    preparedInserts.set(client, insert)
  }
  return insert
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
