import { and, asc, eq, like } from 'drizzle-orm'
import { areas } from '../../db/schema'
import type { DivisionResolver } from '~/rules/registry'
import { db } from '~/utils/db.server'

export type Township = { code: string; name: string }
export type Village = { code: string; name: string; townshipCode: string }

/** Townships (乡镇/街道) of a county, in code order as the statistics office lists them. */
export function listTownships(countyCode: string): Township[] {
  return db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.parentCode, countyCode), eq(areas.level, 'township')))
    .orderBy(asc(areas.code))
    .all()
}

/** Villages and communities of a county, each with its township. */
export function listVillages(countyCode: string): Village[] {
  return db
    .select({ code: areas.code, name: areas.name, townshipCode: areas.parentCode })
    .from(areas)
    .where(and(eq(areas.level, 'village'), like(areas.code, `${countyCode}%`)))
    .orderBy(asc(areas.code))
    .all()
    .map((v) => ({ ...v, townshipCode: v.townshipCode ?? '' }))
}

export function getAreaName(code: string) {
  return db.select({ name: areas.name }).from(areas).where(eq(areas.code, code)).get()?.name ?? null
}

/**
 * Finds the township and village a form or a spreadsheet row names, by code or by name, within one
 * county. A village must lie in the township. Returns field messages in Chinese when it does not.
 */
export function createDivisionResolver(countyCode: string): DivisionResolver {
  const towns = listTownships(countyCode)
  const villages = listVillages(countyCode)
  const townByKey = new Map<string, Township>()
  for (const t of towns) {
    townByKey.set(t.code, t)
    townByKey.set(t.name, t)
  }
  return function resolve(township, village) {
    const town = townByKey.get(township.trim())
    if (!town) return { ok: false, field: 'township', message: `本县没有“${township.slice(0, 20)}”这个乡镇（街道）` }
    if (!village) return { ok: true, townshipCode: town.code, villageCode: null }
    const v = village.trim()
    const found = villages.find(
      (x) => x.townshipCode === town.code && (x.code === v || x.name === v || x.name === `${v}村` || x.name.replace(/社区$/, '') === v),
    )
    if (!found) return { ok: false, field: 'village', message: `${town.name}没有“${v.slice(0, 20)}”这个村（社区）` }
    return { ok: true, townshipCode: town.code, villageCode: found.code }
  }
}
