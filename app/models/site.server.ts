import { and, asc, eq, like, or, sql, type SQL } from 'drizzle-orm'
import { sites, type SelectSite } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import type { Actor } from '~/rules/permissions'
import { pointInAreas } from '~/models/site-area.server'
import { SITE_STATUS, storedServices, type SiteFields, type SiteService, type SiteStatus, type SiteType } from '~/rules/site'
import { canMoveStatus } from '~/rules/status'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { getAreaName } from './area.server'
import { getPairingsOfArea } from './pairing.server'
import { countRows, findOwned } from './query.server'

// Service sites (issue 14 §1) kept by their owner: a Shandong city's bureau (east) keeps its city's
// sites, a Chongqing county's centre (west) its county's. Every read and write here is scoped to the
// actor's organisation; another owner's site answers exactly like a missing one (null → 404). The xlsx
// import (./site-import.server.ts) writes through createSite and updateSite, never the table another way.

/** A site as the owner's pages show it: the row with its services read back into codes. */
export type OwnSite = Omit<SelectSite, 'services'> & { services: SiteService[] }

/** The message beside 站点编号 when another site already has the number (the unique index decides). */
export const SITE_NUMBER_TAKEN = '站点编号已被使用'

/** The message when the form was opened before someone else saved the site. */
export const SITE_STALE = '该站点在您打开表单后已被他人修改，请重新打开页面核对后再保存'

function withServices(row: SelectSite): OwnSite {
  return { ...row, services: storedServices(row.services) }
}

/**
 * One site kept by the actor's organisation (issue 14 §1). Takes the actor and the site id; returns the
 * site with its services as codes, or null when there is no such site or another organisation keeps it
 * (the route answers 404 either way).
 */
export function getOwnSite(actor: Actor, id: number, q: Queryable = db): OwnSite | null {
  const row = findOwned(q, sites, actor, id)
  return row ? withServices(row) : null
}

/** The list's filters: a type, a status and a search over name, number and address (empty = any). */
export type SiteFilters = { type?: SiteType; status?: SiteStatus; q?: string }

function siteConditions(actor: Actor, f: SiteFilters): SQL {
  const conditions: SQL[] = [eq(sites.organisationId, actor.organisationId)]
  if (f.type) conditions.push(eq(sites.type, f.type))
  if (f.status) conditions.push(eq(sites.status, f.status))
  const raw = (f.q ?? '').trim()
  const term = raw.replace(/[%_\\]/g, '')
  if (term) conditions.push(or(like(sites.name, `%${term}%`), like(sites.siteNumber, `%${term.toUpperCase()}%`), like(sites.address, `%${term}%`))!)
  // A query of only wildcard characters finds nothing, rather than every site.
  else if (raw !== '') conditions.push(sql`0`)
  return and(...conditions)!
}

/** How many of the actor's organisation's sites match the filters. */
export function countOwnSites(actor: Actor, f: SiteFilters): number {
  return countRows(db, sites, siteConditions(actor, f))
}

/** A site number without its trailing digits; those digits are then compared by value (WF-GZZ-9 before WF-GZZ-10). */
const SITE_NUMBER_STEM = sql`rtrim(${sites.siteNumber}, '0123456789')`

/**
 * `limit` (at most 100) of the actor's organisation's sites matching the filters from `offset`: open ones
 * first, then by site number in natural order — the part before its trailing digits, then those digits by
 * value (WF-GZZ-2, WF-GZZ-10, WF-LG-1). The list and its export both read this order (the list says it).
 * Returns the rows with services as codes.
 */
export function listOwnSites(actor: Actor, f: SiteFilters, { limit, offset }: { limit: number; offset: number }): OwnSite[] {
  return db
    .select()
    .from(sites)
    .where(siteConditions(actor, f))
    .orderBy(
      asc(sites.status),
      asc(SITE_NUMBER_STEM),
      asc(sql`cast(substr(${sites.siteNumber}, length(${SITE_NUMBER_STEM}) + 1) as integer)`),
      asc(sites.siteNumber),
    )
    .limit(Math.min(Math.max(limit, 0), 100))
    .offset(Math.max(offset, 0))
    .all()
    .map(withServices)
}

/**
 * Where a site of an owner in `areaCode` may stand (issue 14 §1): the owner's county or city and the area(s)
 * it is paired with (a 潍坊 劳务工作站 in 开州 is usual). Takes the owner's GB/T 2260 code; returns the codes
 * (owner first) and their full names (潍坊市, 开州区), from the pairings table.
 */
export function siteAreasOf(areaCode: string): { codes: string[]; names: string[] } {
  const codes = [areaCode]
  const names = [getAreaName(areaCode) ?? areaCode]
  for (const p of getPairingsOfArea(areaCode)) {
    const [code, name] = p.countyCode === areaCode ? [p.cityCode, p.cityName] : [p.countyCode, p.countyName]
    if (!codes.includes(code)) {
      codes.push(code)
      names.push(name)
    }
  }
  return { codes, names }
}

/**
 * The problem with a site's point for an owner in `areaCode` (issue 14 §1), or null when the point lies in
 * the owner's area or a paired one (pointInAreas: the bundled outline with its 3 km margin). Takes the
 * owner's code and a WGS-84 point; returns the message shown beside 纬度, e.g.
 * "位置不在潍坊市或开州区境内，请核对纬度、经度".
 */
export function siteAreaProblem(areaCode: string, point: { lat: number; lng: number }): string | null {
  const { codes, names } = siteAreasOf(areaCode)
  if (pointInAreas(point, codes)) return null
  const full = names.map(shortAreaName)
  const listed = full.length > 1 ? `${full.slice(0, -1).join('、')}或${full.at(-1)}` : full[0]
  return `位置不在${listed}境内，请核对纬度、经度`
}

function columnsOf(fields: SiteFields) {
  return { ...fields, services: JSON.stringify(fields.services) }
}

/**
 * Adds a site kept by the actor's organisation, in the actor's city or county (issue 14 §1). Takes the
 * actor and siteFieldsSchema's values; returns the new id, or a Failure (400 beside siteNumber) when the
 * number is taken — caught from the unique index sites_number_uq, so two saves at once cannot both win —
 * or beside lat when the point is outside the owner's area and its pair (siteAreaProblem). Audited site.create. Inside an open transaction (the import) it nests as a savepoint.
 */
export function createSite(actor: Actor, fields: SiteFields): Result<{ id: number }> {
  const outside = siteAreaProblem(actor.areaCode, fields)
  if (outside) return failure(outside, { field: 'lat' })
  try {
    return writeTransaction((tx) => {
      const { id } = tx
        .insert(sites)
        .values({
          ...columnsOf(fields),
          organisationId: actor.organisationId,
          areaCode: actor.areaCode,
          createdByUserId: actor.userId,
          updatedByUserId: actor.userId,
        })
        .returning({ id: sites.id })
        .get()
      writeActorAudit(tx, actor, { action: 'site.create', entity: 'site', entityId: id, detail: { siteNumber: fields.siteNumber } })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure(SITE_NUMBER_TAKEN, { field: 'siteNumber' })
    throw error
  }
}

/** Sites one multi-row insert of createSites writes: 13 columns each, well below SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200

/**
 * Adds many sites kept by the actor's organisation at once (the xlsx import, issue 14 §1): the same rules as
 * createSite — each point in the owner's area or its pair (siteAreaProblem), each number unique (the
 * index sites_number_uq) — with one multi-row insert per INSERT_CHUNK sites, so 2,000 sites hold the write
 * lock for tens of milliseconds, not seconds; each audited site.create. Takes the actor and the rows'
 * values in order; returns ok, or the Failure of the first row refused with its `index` in `rows` (beside
 * lat or siteNumber). Meant for an open transaction (the import's): a refusal leaves earlier chunks for
 * the caller to roll back.
 */
export function createSites(actor: Actor, rows: readonly SiteFields[]): { ok: true } | (Failure & { index: number }) {
  const { codes } = siteAreasOf(actor.areaCode)
  const outside = rows.findIndex((fields) => !pointInAreas(fields, codes))
  if (outside >= 0) return { ...failure(siteAreaProblem(actor.areaCode, rows[outside])!, { field: 'lat' }), index: outside }
  return writeTransaction((tx) => {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK)
      let inserted: { id: number; siteNumber: string }[]
      try {
        inserted = tx
          .insert(sites)
          .values(
            chunk.map((fields) => ({
              ...columnsOf(fields),
              organisationId: actor.organisationId,
              areaCode: actor.areaCode,
              createdByUserId: actor.userId,
              updatedByUserId: actor.userId,
            })),
          )
          .returning({ id: sites.id, siteNumber: sites.siteNumber })
          .all()
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        // The statement was undone; the first row whose number is already there is the one to name.
        const taken = chunk.findIndex((fields) => tx.select({ id: sites.id }).from(sites).where(eq(sites.siteNumber, fields.siteNumber)).get())
        return { ...failure(SITE_NUMBER_TAKEN, { field: 'siteNumber' }), index: start + Math.max(taken, 0) }
      }
      for (const { id, siteNumber } of inserted) writeActorAudit(tx, actor, { action: 'site.create', entity: 'site', entityId: id, detail: { siteNumber } })
    }
    return { ok: true as const }
  })
}

/**
 * Saves a site of the actor's organisation (issue 14 §1). Takes the actor, the site id, siteFieldsSchema's
 * values and the `version` the form was opened at. Returns null when the site is not this organisation's
 * (→ 404); a Failure 409 when someone saved it since (a stale form is refused, never overwrites); a
 * Failure 400 beside siteNumber when the new number is taken, beside lat when the point is outside the
 * site's area and its pair (siteAreaProblem). Bumps the version; audited site.update with
 * the changed field names.
 */
export function updateSite(actor: Actor, id: number, fields: SiteFields, version: number): Result<{ id: number }> | null {
  try {
    return writeTransaction((tx): Result<{ id: number }> | null => {
      const current = getOwnSite(actor, id, tx)
      if (!current) return null
      if (current.version !== version) return failure(SITE_STALE, { status: 409 })
      const outside = siteAreaProblem(current.areaCode, fields)
      if (outside) return failure(outside, { field: 'lat' })
      const changed = (Object.keys(fields) as (keyof SiteFields)[]).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(fields[k]))
      tx.update(sites)
        .set({ ...columnsOf(fields), version: current.version + 1, updatedByUserId: actor.userId })
        .where(and(eq(sites.id, id), eq(sites.version, version)))
        .run()
      writeActorAudit(tx, actor, { action: 'site.update', entity: 'site', entityId: id, detail: { fields: changed } })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure(SITE_NUMBER_TAKEN, { field: 'siteNumber' })
    throw error
  }
}

function setSiteStatus(actor: Actor, id: number, to: SiteStatus, version: number): Result | null {
  return writeTransaction((tx): Result | null => {
    const current = findOwned(tx, sites, actor, id, { status: sites.status, version: sites.version })
    if (!current) return null
    if (current.version !== version) return failure(SITE_STALE, { status: 409 })
    if (!canMoveStatus(SITE_STATUS, current.status, to)) return failure(to === 'closed' ? '该站点已经关闭' : '该站点正在运营中')
    tx.update(sites)
      .set({ status: to, closedAt: to === 'closed' ? new Date() : null, version: current.version + 1, updatedByUserId: actor.userId })
      .where(eq(sites.id, id))
      .run()
    writeActorAudit(tx, actor, { action: to === 'closed' ? 'site.close' : 'site.reopen', entity: 'site', entityId: id })
    return { ok: true }
  })
}

/**
 * Closes a site of the actor's organisation (issue 14 §1): kept, no longer on the public map. Takes the
 * actor, the id and the version the page showed. Null when not this organisation's (→ 404); a Failure 409
 * for a stale page, 400 when already closed. Audited site.close.
 */
export function closeSite(actor: Actor, id: number, version: number): Result | null {
  return setSiteStatus(actor, id, 'closed', version)
}

/** Reopens a closed site of the actor's organisation; as closeSite, audited site.reopen (400 when already open). */
export function reopenSite(actor: Actor, id: number, version: number): Result | null {
  return setSiteStatus(actor, id, 'active', version)
}
