import { eq } from 'drizzle-orm'
import { areas, sites, type InsertSite } from '../db/schema'
import { db } from '~/utils/db.server'
import { actorFor } from './lookups'

// Service sites for tests (issue 14): one plain insert per site, so a test of the map, the nearest-help
// list or the owner's pages makes exactly the sites it needs, kept by the demo organisation it names.

let counter = 0

/** Options of createTestSite: the owner (a staff username: 'weifang', 'kaizhou' …) and any stored value. */
export type TestSiteOptions = Partial<Omit<InsertSite, 'services'>> & { owner?: string; services?: string[] }

/**
 * A new site inserted directly (no audit row), kept by `owner`'s organisation (default 'weifang') in its
 * city or county, with a unique site number (T-<n>-<time>), a workstation type, the owner's area centre
 * (from the areas table; a point in Weifang when the area has none) shifted a little per site so markers
 * differ, and services job_referral + policy_advice. Any stored value may be overridden. Returns the row.
 */
export function createTestSite({ owner = 'weifang', services = ['job_referral', 'policy_advice'], ...overrides }: TestSiteOptions = {}) {
  const actor = actorFor(owner)
  const area = db.select({ lat: areas.lat, lng: areas.lng }).from(areas).where(eq(areas.code, actor.areaCode)).get()
  counter += 1
  // At most 0.049° (about 5 km) off the centre: inside every demo owner's area, as createSite requires.
  const shift = (counter % 50) * 0.001
  return db
    .insert(sites)
    .values({
      organisationId: actor.organisationId,
      areaCode: actor.areaCode,
      type: 'workstation',
      siteNumber: `T-${counter}-${Date.now().toString(36).toUpperCase()}`,
      name: `测试服务站点${counter}`,
      address: `测试路 ${counter} 号`,
      lat: Math.round(((area?.lat ?? 36.7066) + shift) * 1e6) / 1e6,
      lng: Math.round(((area?.lng ?? 119.1617) + shift) * 1e6) / 1e6,
      contactName: '李站长',
      contactPhone: '0536-8888888',
      openingHours: '周一至周五 8:30-17:30',
      services: JSON.stringify(services),
      workersHelped: 120,
      createdByUserId: actor.userId,
      updatedByUserId: actor.userId,
      ...overrides,
    })
    .returning()
    .get()
}
