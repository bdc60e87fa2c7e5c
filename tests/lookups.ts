import { and, asc, eq, sql } from 'drizzle-orm'
import { auditLog, employers, organisations, users, vacancies, workers } from '../db/schema'
import { getOrganisationByArea } from '~/models/organisation.server'
import { getVacancyForBureau } from '~/models/vacancy.server'
import type { Actor, Role } from '~/rules/permissions'
import { db } from '~/utils/db.server'

// The one place route tests look up the fixed demo organisations and accounts (db/seed.ts) and read back
// what an action wrote. Records a test acts on are made by tests/factories.ts, never picked from the seed.

/** The 人社局 (bureau) of an east city by its area code, e.g. '370700' for Weifang. Throws when there is none. */
export function bureauOf(areaCode: string) {
  const org = getOrganisationByArea(areaCode, 'bureau')
  if (!org) throw new Error(`no bureau for ${areaCode}`)
  return org
}

/** The 就业和人才中心 (centre) of a west county by its area code, e.g. '500154' for Kaizhou. Throws when there is none. */
export function centreOf(areaCode: string) {
  const org = getOrganisationByArea(areaCode, 'centre')
  if (!org) throw new Error(`no centre for ${areaCode}`)
  return org
}

/** The account row with this username (a staff name such as 'kaizhou', or a worker's phone). Throws when there is none. */
export function userOf(username: string) {
  const user = db.select().from(users).where(eq(users.username, username)).get()
  if (!user) throw new Error(`no account ${username}`)
  return user
}

/**
 * The Actor of a demo staff account (or any account) by username, as requireActor builds it for a
 * signed-in request from 127.0.0.1. Throws when there is no such account.
 */
export function actorFor<R extends Role = Role>(username: string): Actor & { role: R } {
  const user = userOf(username)
  const org = db.select().from(organisations).where(eq(organisations.id, user.organisationId)).get()
  if (!org) throw new Error(`account ${username} has no organisation`)
  return { userId: user.id, role: user.role as R, organisationId: org.id, areaCode: org.areaCode, ip: '127.0.0.1' }
}

/** The ids of the ledger rows, employers or posts that belong to one organisation, in id order. */
export function idsOwnedBy(table: typeof workers | typeof employers | typeof vacancies, organisationId: number) {
  return db.all<{ id: number }>(sql`select id from ${table} where organisation_id = ${organisationId} order by id`).map((r) => r.id)
}

/** The county codes a post of `bureau` (an east staff username) is open to, as getVacancyForBureau reads them. Throws when it is not that bureau's post. */
export function targetsOf(bureau: string, vacancyId: number) {
  const post = getVacancyForBureau(actorFor(bureau), vacancyId)
  if (!post) throw new Error(`post ${vacancyId} is not ${bureau}'s`)
  return post.targets
}

/** The audit rows of one action on one record (entity id as stored, a string), oldest first. */
export function auditOf(action: string, entityId: number | string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))))
    .orderBy(asc(auditLog.id))
    .all()
}

/** The audit rows one account wrote for one action (e.g. 'registry.duplicate_check'), oldest first. */
export function auditBy(actorUserId: number, action: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, actorUserId), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id))
    .all()
}
