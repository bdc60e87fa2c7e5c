import { eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, organisations, pairings } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import { db } from '~/utils/db.server'

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
