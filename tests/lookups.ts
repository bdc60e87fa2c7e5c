import { and, asc, eq } from 'drizzle-orm'
import { auditLog, users, vacancyTargets } from '../db/schema'
import { getOrganisationByArea } from '~/models/organisation.server'
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

/** The county codes a post is open to (vacancy_targets), in the order they were stored. */
export function targetsOf(vacancyId: number) {
  return db
    .select({ countyCode: vacancyTargets.countyCode })
    .from(vacancyTargets)
    .where(eq(vacancyTargets.vacancyId, vacancyId))
    .all()
    .map((t) => t.countyCode)
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
