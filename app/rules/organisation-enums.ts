// Stored codes of areas and organisations (issue 8 §8: enums live in app/rules, db/schema imports them).
// No imports, so the schema, drizzle-kit and the browser bundle can all read this file.

/** Levels of an administrative division (GB/T 2260 and the statistical division codes). */
export const AREA_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const
export type AreaLevel = (typeof AREA_LEVELS)[number]

/**
 * bureau: a Shandong city HR bureau (人社局, east side);
 * centre: a Chongqing county employment centre (就业和人才中心, west side);
 * platform: the municipal operator.
 */
export const ORGANISATION_KINDS = ['bureau', 'centre', 'platform'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

/** Each organisation kind as the operator's pages and exports name it. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = { bureau: '山东人社局', centre: '重庆区县就业和人才中心', platform: '平台' }
