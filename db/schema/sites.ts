import { sql } from 'drizzle-orm'
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { SITE_STATUSES, SITE_TYPES } from '../../app/rules/site-enums'
import { users } from './accounts'
import { areas, organisations } from './areas-organisations'
import { inList, moment, requiredCode, requiredId, serialId, timestamps } from './columns'

export { SITE_SERVICES, SITE_STATUSES, SITE_TYPES, type SiteService, type SiteStatus, type SiteType } from '../../app/rules/site-enums'

/**
 * A service site on the map (issue 14 §1): a labour workstation, workshop, base or service point, kept by
 * the bureau or county centre that owns it. The point is WGS-84 (shifted to GCJ-02 only for display on
 * tiles that use it).
 */
export const sites = sqliteTable(
  'sites',
  {
    id: serialId(),
    /** The bureau or county centre that maintains it; every staff query is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    /** The owner's city or county (GB/T 2260), denormalised for the map's pair filter. */
    areaCode: requiredCode(() => areas.code),
    type: text({ enum: SITE_TYPES }).notNull(),
    /** 站点编号 as the owner numbers it (letters, digits, hyphens), unique in the whole portal. */
    siteNumber: text().notNull(),
    name: text().notNull(),
    address: text().notNull(),
    /** WGS-84 latitude and longitude, 6 decimals. */
    lat: real().notNull(),
    lng: real().notNull(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    /** As typed, e.g. "周一至周五 8:30-17:30". */
    openingHours: text().notNull(),
    /** The services offered: a JSON array of codes from SITE_SERVICES, in that order. */
    services: text().notNull().default('[]'),
    /** 服务人数: workers helped so far, as the owner reports it. */
    workersHelped: integer().notNull().default(0),
    status: text({ enum: SITE_STATUSES }).notNull().default('active'),
    closedAt: moment(),
    /** Bumped on every edit, so a stale form is refused rather than overwriting a colleague's change. */
    version: integer().notNull().default(1),
    createdByUserId: integer().references(() => users.id),
    updatedByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('sites_number_uq').on(t.siteNumber),
    index('sites_org_idx').on(t.organisationId, t.status, t.type, t.name),
    index('sites_area_idx').on(t.areaCode, t.status, t.type),
    check('sites_type_check', inList(t.type, SITE_TYPES)),
    check('sites_status_check', inList(t.status, SITE_STATUSES)),
    check('sites_point_check', sql`${t.lat} between -90 and 90 and ${t.lng} between -180 and 180`),
    check('sites_workers_helped_check', sql`${t.workersHelped} >= 0`),
    check('sites_services_check', sql`json_valid(${t.services}) and json_type(${t.services}) = 'array'`),
  ],
)

export type SelectSite = typeof sites.$inferSelect
export type InsertSite = typeof sites.$inferInsert
