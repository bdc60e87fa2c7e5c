import { shortAreaName } from '~/rules/areas'
import type { Actor } from '~/rules/permissions'
import { env } from '~/utils/env.server'
import { listEmployerChoices } from './employer.server'
import { getPairingsOfArea } from './pairing.server'
import { getCityCentre } from './vacancy.server'

// Shandong's rough centre, for a city whose centre is missing from the areas table.
const SHANDONG = { name: '山东省', lat: 36.4, lng: 118.2 }

/**
 * What the posting form (new and edit) needs from the actor's bureau: its employers, the counties paired
 * with its city (the only ones a post may target), the city's centre (the map's start, and the point of
 * a post sent without one) and the map tiles' URL (null: no map).
 */
export function getVacancyFormContext(actor: Actor) {
  const cityCode = actor.areaCode
  const centre = getCityCentre(cityCode)
  return {
    employers: listEmployerChoices(actor),
    counties: getPairingsOfArea(cityCode)
      .filter((p) => p.cityCode === cityCode)
      .map((p) => ({ code: p.countyCode, name: shortAreaName(p.countyName) })),
    city: centre ? { ...centre, name: shortAreaName(centre.name) } : SHANDONG,
    tileUrl: env.MAP_TILE_URL ?? null,
    tiles: env.mapTiles,
  }
}
