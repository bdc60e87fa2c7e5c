import { check, index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { AREA_LEVELS, ORGANISATION_KINDS } from '../../app/rules/organisation-enums'
import { inList, requiredCode, serialId, timestamps } from './columns'

export { AREA_LEVELS, ORGANISATION_KINDS, type AreaLevel, type OrganisationKind } from '../../app/rules/organisation-enums'

/**
 * Administrative divisions by GB/T 2260 code (6 digits); townships and villages use the 9- and 12-digit
 * statistical division codes.
 */
export const areas = sqliteTable(
  'areas',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    level: text({ enum: AREA_LEVELS }).notNull(),
    parentCode: text().references((): AnySQLiteColumn => areas.code),
    lat: real(),
    lng: real(),
  },
  (t) => [index('areas_parent_idx').on(t.parentCode), check('areas_level_check', inList(t.level, AREA_LEVELS))],
)

/** East–west pairing (对口协作): a Chongqing county and the Shandong city that receives its workers. */
export const pairings = sqliteTable(
  'pairings',
  {
    id: serialId(),
    countyCode: requiredCode(() => areas.code),
    cityCode: requiredCode(() => areas.code),
    sinceYear: integer().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('pairings_county_uq').on(t.countyCode), index('pairings_city_idx').on(t.cityCode)],
)

/** A bureau, county centre or the platform (kinds in app/rules/organisation-enums.ts). */
export const organisations = sqliteTable(
  'organisations',
  {
    id: serialId(),
    kind: text({ enum: ORGANISATION_KINDS }).notNull(),
    name: text().notNull(),
    shortName: text().notNull(),
    areaCode: requiredCode(() => areas.code),
    contactPhone: text(),
    address: text(),
    ...timestamps,
  },
  (t) => [uniqueIndex('organisations_area_kind_uq').on(t.areaCode, t.kind), check('organisations_kind_check', inList(t.kind, ORGANISATION_KINDS))],
)

export type SelectArea = typeof areas.$inferSelect
export type InsertArea = typeof areas.$inferInsert
export type SelectPairing = typeof pairings.$inferSelect
export type InsertPairing = typeof pairings.$inferInsert
export type SelectOrganisation = typeof organisations.$inferSelect
export type InsertOrganisation = typeof organisations.$inferInsert
