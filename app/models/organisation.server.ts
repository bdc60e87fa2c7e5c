import { count, eq, sql } from 'drizzle-orm'
import { areas, organisations, users } from '../../db/schema'
import { db } from '~/utils/db.server'

/** All organisations with their area and the number of accounts in each — for the platform operator. */
export function listOrganisationsWithCounts() {
  return db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      areaCode: organisations.areaCode,
      areaName: areas.name,
      staff: sql<number>`coalesce(sum(${users.role} <> 'worker'), 0)`,
      workers: sql<number>`coalesce(sum(${users.role} = 'worker'), 0)`,
      accounts: count(users.id),
    })
    .from(organisations)
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .leftJoin(users, eq(users.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(organisations.id)
    .all()
}

export function getOrganisationByArea(areaCode: string, kind: 'bureau' | 'centre') {
  return db
    .select()
    .from(organisations)
    .where(sql`${organisations.areaCode} = ${areaCode} and ${organisations.kind} = ${kind}`)
    .get()
}
