import { and, asc, desc, eq, gte, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { applications, areas, batchEmployers, batches, employers, employmentRecords, organisations, pairings, sites, vacancies, workers } from '../../db/schema'
import places from '~/data/map-places.json'
import { shortAreaName } from '~/rules/areas'
import { todayInShanghai } from '~/rules/dates'
import { distanceMetres, isStaffOfPair, type LatLng, type MapPairData, type MapRoute, type MapSite, type MapVacancy } from '~/rules/map'
import type { Actor } from '~/rules/permissions'
import type { SiteType } from '~/rules/site-enums'
import { storedServices } from '~/rules/site-labels'
import { db } from '~/utils/db.server'
import { pageParam, paginate, parseListParams, type Page } from '~/utils/list'
import { isOpenVacancy } from './rule-sql.server'

// What the public map reads (issue 14 §2, §4, §5, §6): one pair's sites, open posts and — for the pair's
// staff — upcoming batch routes; the page's no-JavaScript list; and "nearest help" from a typed place or a
// worker's workplace. Sites and posts are public (a site exists to be reached); batches are not.

/** The most a pair's answer carries, so one request stays bounded however big the tables grow (issue 14 §6). */
export const MAX_MAP_SITES = 10_000
export const MAX_MAP_VACANCIES = 5_000
export const MAX_MAP_ROUTES = 500

const county = alias(areas, 'county')
const city = alias(areas, 'city')

/** A pairing with both sides' names and centres (null when the areas table has none). */
function pairOf(pairId: number) {
  return (
    db
      .select({
        id: pairings.id,
        countyCode: pairings.countyCode,
        countyName: county.name,
        cityCode: pairings.cityCode,
        cityName: city.name,
        cityLat: city.lat,
        cityLng: city.lng,
      })
      .from(pairings)
      .innerJoin(county, eq(county.code, pairings.countyCode))
      .innerJoin(city, eq(city.code, pairings.cityCode))
      .where(eq(pairings.id, pairId))
      .get() ?? null
  )
}

/** Every pair for the page's select, labelled "开州 ↔ 潍坊" (short names without 区/县/市), with both area codes. */
export function listMapPairs() {
  return db
    .select({ id: pairings.id, countyCode: pairings.countyCode, countyName: county.name, cityCode: pairings.cityCode, cityName: city.name })
    .from(pairings)
    .innerJoin(county, eq(county.code, pairings.countyCode))
    .innerJoin(city, eq(city.code, pairings.cityCode))
    .orderBy(pairings.id)
    .all()
    .map((p) => ({ ...p, label: `${placeStem(shortAreaName(p.countyName))} ↔ ${placeStem(p.cityName)}` }))
}

/** 开州区 → 开州, 潍坊市 → 潍坊, 秀山县 → 秀山: the name people say. */
function placeStem(name: string) {
  return name.length > 2 ? name.replace(/(区|县|市)$/, '') : name
}

const siteColumns = {
  id: sites.id,
  type: sites.type,
  siteNumber: sites.siteNumber,
  name: sites.name,
  address: sites.address,
  lat: sites.lat,
  lng: sites.lng,
  contactName: sites.contactName,
  contactPhone: sites.contactPhone,
  openingHours: sites.openingHours,
  services: sites.services,
  workersHelped: sites.workersHelped,
  areaCode: sites.areaCode,
  areaName: areas.name,
  ownerName: organisations.name,
}

type SiteRow = Omit<MapSite, 'services'> & { services: string }

function toMapSite(row: SiteRow): MapSite {
  return { ...row, areaName: shortAreaName(row.areaName), services: storedServices(row.services) }
}

function sitesFrom() {
  return db
    .select(siteColumns)
    .from(sites)
    .innerJoin(areas, eq(areas.code, sites.areaCode))
    .innerJoin(organisations, eq(organisations.id, sites.organisationId))
}

/** The SQL for the destination of a batch: the newest open post of its first linked employer, if any. */
function employerPointSql(column: 'lat' | 'lng', today: string) {
  const col = column === 'lat' ? vacancies.lat : vacancies.lng
  return sql<
    number | null
  >`(select ${col} from ${vacancies} where ${vacancies.employerId} = (select ${batchEmployers.employerId} from ${batchEmployers} where ${batchEmployers.batchId} = ${batches.id} order by ${batchEmployers.employerId} limit 1) and ${isOpenVacancy(today)} order by ${vacancies.id} desc limit 1)`
}

/**
 * One pair's map data (issue 14 §2, §6), what `/map/data/:pairId` answers. Takes the pairing id and the
 * signed-in actor (null: anonymous). Returns the pair's active sites of both sides (at most MAX_MAP_SITES),
 * the city's open posts today in Shanghai (at most MAX_MAP_VACANCIES; `approximate` when the point is the
 * city centre, decision 007) and — only when the actor is staff of the pair (isStaffOfPair) — its upcoming
 * batches (departing today or later, not cancelled) as pickup → destination routes; the destination is the
 * newest open post of the batch's employer when it links one, else the city centre. Null for no such pair.
 */
export function pairMapData(pairId: number, actor: Pick<Actor, 'role' | 'areaCode'> | null): MapPairData | null {
  const pair = pairOf(pairId)
  if (!pair) return null
  const today = todayInShanghai()
  const siteRows = sitesFrom()
    .where(and(inArray(sites.areaCode, [pair.countyCode, pair.cityCode]), eq(sites.status, 'active')))
    .orderBy(asc(sites.id))
    .limit(MAX_MAP_SITES)
    .all()
  const vacancyRows = db
    .select({
      id: vacancies.id,
      title: vacancies.title,
      employerName: employers.name,
      lat: vacancies.lat,
      lng: vacancies.lng,
      headcount: vacancies.headcount,
      salaryMinFen: vacancies.salaryMinFen,
      salaryMaxFen: vacancies.salaryMaxFen,
    })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.cityCode, pair.cityCode), isOpenVacancy(today)))
    .orderBy(desc(vacancies.id))
    .limit(MAX_MAP_VACANCIES)
    .all()
  const isCentre = (p: LatLng) => pair.cityLat != null && pair.cityLng != null && p.lat === pair.cityLat && p.lng === pair.cityLng
  const vacanciesOut: MapVacancy[] = vacancyRows.map((v) => ({ ...v, approximate: isCentre(v) }))
  return {
    pair: { id: pair.id, countyCode: pair.countyCode, countyName: shortAreaName(pair.countyName), cityCode: pair.cityCode, cityName: pair.cityName },
    sites: siteRows.map(toMapSite),
    vacancies: vacanciesOut,
    routes: isStaffOfPair(actor, pair) ? routesOf(pair, today) : [],
  }
}

function routesOf(pair: NonNullable<ReturnType<typeof pairOf>>, today: string): MapRoute[] {
  const rows = db
    .select({
      id: batches.id,
      departureDate: batches.departureDate,
      departureTime: batches.departureTime,
      pickupName: batches.pickupName,
      pickupLat: batches.pickupLat,
      pickupLng: batches.pickupLng,
      employerName: sql<
        string | null
      >`(select ${employers.name} from ${batchEmployers} join ${employers} on ${employers.id} = ${batchEmployers.employerId} where ${batchEmployers.batchId} = ${batches.id} order by ${batchEmployers.employerId} limit 1)`,
      employerLat: employerPointSql('lat', today),
      employerLng: employerPointSql('lng', today),
    })
    .from(batches)
    .innerJoin(organisations, eq(organisations.id, batches.organisationId))
    .where(
      and(
        eq(batches.cityCode, pair.cityCode),
        gte(batches.departureDate, today),
        // A draft is not a planned trip yet: the receiving bureau does not see it anywhere else either.
        notInArray(batches.state, ['cancelled', 'draft']),
        eq(organisations.areaCode, pair.countyCode),
      ),
    )
    .orderBy(asc(batches.departureDate), asc(batches.id))
    .limit(MAX_MAP_ROUTES)
    .all()
  const cityName = shortAreaName(pair.cityName)
  const routes: MapRoute[] = []
  for (const b of rows) {
    // A pickup not yet picked on the map has no line to draw; a city without a centre has no end.
    if (b.pickupLat == null || b.pickupLng == null) continue
    const atEmployer = b.employerLat != null && b.employerLng != null
    if (!atEmployer && (pair.cityLat == null || pair.cityLng == null)) continue
    routes.push({
      id: b.id,
      title: `${b.departureDate} ${b.departureTime} ${b.pickupName} → ${atEmployer && b.employerName ? b.employerName : cityName}`,
      departureDate: b.departureDate,
      pickupName: b.pickupName,
      pickup: { lat: b.pickupLat, lng: b.pickupLng },
      destinationName: atEmployer && b.employerName ? b.employerName : cityName,
      destination: atEmployer ? { lat: b.employerLat!, lng: b.employerLng! } : { lat: pair.cityLat!, lng: pair.cityLng! },
    })
  }
  return routes
}

/**
 * A cheap fingerprint of what pairMapData would answer, for the data route's ETag (issue 14 §6). Takes the
 * pairing id and whether routes are included. Returns a string that changes when a site, an open post or
 * (with `staff`) a batch of the pair changes, or when the Shanghai day turns (posts expire by day); null for
 * no such pair. Counts and max(updated_at) from the same indexes the reads use.
 */
export function mapDataVersion(pairId: number, staff: boolean): string | null {
  const pair = pairOf(pairId)
  if (!pair) return null
  const today = todayInShanghai()
  const s = db
    .select({ n: sql<number>`count(*)`, at: sql<number | null>`max(${sites.updatedAt})`, edits: sql<number>`total(${sites.version})` })
    .from(sites)
    .where(inArray(sites.areaCode, [pair.countyCode, pair.cityCode]))
    .get()!
  const v = db
    .select({ n: sql<number>`count(*)`, at: sql<number | null>`max(${vacancies.updatedAt})` })
    .from(vacancies)
    .where(and(eq(vacancies.cityCode, pair.cityCode), isOpenVacancy(today)))
    .get()!
  // Names shown beside the rows change without touching them: an employer renamed (posts, route ends) or an
  // office renamed (a site's owner). Their latest change moves the version too.
  const named = db
    .select({
      employers: sql<
        number | null
      >`(select max(e.updated_at) from employers e join organisations o on o.id = e.organisation_id where o.area_code = ${pair.cityCode})`,
      offices: sql<number | null>`max(${organisations.updatedAt})`,
    })
    .from(organisations)
    .where(inArray(organisations.areaCode, [pair.countyCode, pair.cityCode]))
    .get()!
  const parts = [
    pair.id,
    pair.countyCode,
    pair.cityCode,
    today,
    s.n,
    s.at ?? 0,
    s.edits,
    v.n,
    v.at ?? 0,
    named.employers ?? 0,
    named.offices ?? 0,
    staff ? 'staff' : 'public',
  ]
  if (staff) {
    const b = db
      .select({ n: sql<number>`count(*)`, at: sql<number | null>`max(${batches.updatedAt})` })
      .from(batches)
      .where(and(eq(batches.cityCode, pair.cityCode), gte(batches.departureDate, today)))
      .get()!
    // A linked employer's newest post moves a route's end; the posts' own count and time above cover it.
    parts.push(b.n, b.at ?? 0)
  }
  return parts.join(':')
}

// ——— The page's list without JavaScript (issue 14 §4) ———

/** Rows per page of the site list. */
export const SITE_LIST_PAGE_SIZE = 50

/**
 * The site list's page from the URL's search parameters (`page`, 1 when absent or unreadable). Read here,
 * on the server, so the /map route module imports no validation library into the browser (issue 14 §6).
 */
export function siteListPage(search: URLSearchParams): number {
  return parseListParams(search, { page: pageParam }).page ?? 1
}

/**
 * The active sites of the chosen pairs and types matching `q` (name, address or site number), ordered by
 * area (the county first, then the city, pair by pair), then by type and name — or, given `near` (a typed
 * place, WGS-84), nearest first — one page of SITE_LIST_PAGE_SIZE. Takes the area codes to show (both sides
 * of the chosen pair, or of every pair), the site types (none: an empty page), the text (trimmed, ≤40
 * characters), the page asked for and `near`. Returns the Page of MapSite rows.
 */
export function listMapSites({
  areaCodes,
  types,
  q,
  page,
  near,
}: {
  areaCodes: string[]
  types: readonly SiteType[]
  q: string
  page: number
  near?: LatLng | null
}): Page<MapSite> {
  if (areaCodes.length === 0 || types.length === 0) return paginate({ page: 1, pageSize: SITE_LIST_PAGE_SIZE, total: 0, rows: () => [] })
  const conditions: SQL[] = [inArray(sites.areaCode, areaCodes), eq(sites.status, 'active'), inArray(sites.type, [...types])]
  const text = q.trim().slice(0, 40)
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(
      or(
        sql`${sites.name} like ${pattern} escape '\\'`,
        sql`${sites.address} like ${pattern} escape '\\'`,
        sql`${sites.siteNumber} like ${pattern} escape '\\'`,
      )!,
    )
  }
  const where = and(...conditions)
  const areaOrder = sql`case ${sites.areaCode} ${sql.join(
    areaCodes.map((code, i) => sql`when ${code} then ${i}`),
    sql` `,
  )} end`
  // With a place, each area's sites nearest first: the squared flat-earth distance orders as the great
  // circle does over one area's few dozen kilometres.
  const k = near ? Math.cos((near.lat * Math.PI) / 180) ** 2 : 0
  const within = near
    ? [sql`(${sites.lat} - ${near.lat}) * (${sites.lat} - ${near.lat}) + (${sites.lng} - ${near.lng}) * (${sites.lng} - ${near.lng}) * ${k}`]
    : [asc(sites.type), asc(sites.name)]
  return paginate({
    page,
    pageSize: SITE_LIST_PAGE_SIZE,
    total: () =>
      db
        .select({ n: sql<number>`count(*)` })
        .from(sites)
        .where(where)
        .get()!.n,
    rows: (limit, offset) =>
      sitesFrom()
        .where(where)
        .orderBy(areaOrder, ...within, asc(sites.id))
        .limit(limit)
        .offset(offset)
        .all()
        .map(toMapSite),
  })
}

// ——— Nearest help (issue 14 §5) ———

/** A site with its great-circle distance from the asked point, in metres. */
export type NearSite = MapSite & { distance: number }

/** Half-widths of the box searched, in degrees of latitude (~11, 44, 178, 710 km); then the whole table up to MAX_NEAR_SCAN rows. */
const NEAR_BOXES = [0.1, 0.4, 1.6, 6.4]
const MAX_NEAR_SCAN = 20_000

/**
 * The active sites nearest `point` (WGS-84), sorted by great-circle distance (distanceMetres), nearest
 * first. Takes the point and options: `types` (default every type), `limit` (default 5, at most 50) and
 * `areaCodes` (only sites of these areas). Searches a latitude/longitude box that widens fourfold until
 * it holds `limit` sites whose distance is within the box's radius, so a far site never beats a near one
 * and no step reads more than the box; the last step reads at most MAX_NEAR_SCAN rows. Returns at most
 * `limit` NearSite rows.
 */
export function nearestSites(
  point: LatLng,
  { types, limit = 5, areaCodes }: { types?: readonly SiteType[]; limit?: number; areaCodes?: string[] } = {},
): NearSite[] {
  const n = Math.min(Math.max(1, Math.trunc(limit)), 50)
  const base: SQL[] = [eq(sites.status, 'active')]
  if (types) base.push(inArray(sites.type, types.length ? [...types] : ['__none__' as SiteType]))
  if (areaCodes) base.push(inArray(sites.areaCode, areaCodes.length ? areaCodes : ['__none__']))
  const sorted = (rows: SiteRow[]) =>
    rows.map((r) => ({ ...toMapSite(r), distance: distanceMetres(point, r) })).sort((a, b) => a.distance - b.distance || a.id - b.id)
  for (const half of NEAR_BOXES) {
    // Longitude degrees shrink with latitude; widen them so the box is at least `half` degrees of latitude
    // (≈ 111 km each) in every direction.
    const lngHalf = half / Math.max(0.2, Math.cos((point.lat * Math.PI) / 180))
    const rows = sitesFrom()
      .where(
        and(
          ...base,
          sql`${sites.lat} between ${point.lat - half} and ${point.lat + half}`,
          sql`${sites.lng} between ${point.lng - lngHalf} and ${point.lng + lngHalf}`,
        ),
      )
      .limit(MAX_NEAR_SCAN)
      .all()
    // Only distances inside the box's inscribed circle are certain to beat every site outside the box.
    const certain = sorted(rows).filter((s) => s.distance <= half * 111_000)
    if (certain.length >= n) return certain.slice(0, n)
  }
  return sorted(
    sitesFrom()
      .where(and(...base))
      .limit(MAX_NEAR_SCAN)
      .all(),
  ).slice(0, n)
}

/** A place found by findPlace: its point (WGS-84) and, when the point stands for a larger area, the note saying so. */
export type FoundPlace = { code: string; name: string; level: 'city' | 'county' | 'township'; lat: number; lng: number; estimate: string | null }

export type PlaceResult =
  | { kind: 'found'; place: FoundPlace }
  | { kind: 'choices'; text: string; choices: { code: string; label: string }[] }
  | { kind: 'none'; text: string; message: string }

type PlaceEntry = { code: string; name: string; level: 'city' | 'county' | 'township'; lat: number | null; lng: number | null; parentCode: string | null }

const PLACE_SUFFIX = /(土家族苗族自治县|苗族土家族自治县|自治县|街道|街道办事处|新区|开发区|区|县|市|镇|乡)$/
const MAX_CHOICES = 12

function stemOf(name: string) {
  return name.length > 2 ? name.replace(PLACE_SUFFIX, '') : name
}

/** The division data's places (map-places.json, committed), indexed by code; the areas table's centres win where it has them. */
function placeIndex() {
  const byCode = new Map<string, PlaceEntry>()
  for (const p of places as { code: string; name: string; level: string; lat: number; lng: number }[]) {
    if (p.level !== 'city' && p.level !== 'county') continue
    byCode.set(p.code, {
      code: p.code,
      name: p.name,
      level: p.level,
      lat: p.lat,
      lng: p.lng,
      parentCode: p.level === 'county' && p.code.startsWith('37') ? `${p.code.slice(0, 4)}00` : null,
    })
  }
  return byCode
}

let placesByCode: Map<string, PlaceEntry> | null = null

function areaPlaces(where: SQL) {
  return db
    .select({ code: areas.code, name: areas.name, level: areas.level, lat: areas.lat, lng: areas.lng, parentCode: areas.parentCode })
    .from(areas)
    .where(and(inArray(areas.level, ['city', 'county', 'township']), where))
    .limit(200)
    .all() as PlaceEntry[]
}

/** The point of a place and what it was estimated from; null when neither it nor its county has a centre. */
function resolvePlace(entry: PlaceEntry, byCode: Map<string, PlaceEntry>): FoundPlace | null {
  const level = entry.level
  if (level === 'township') {
    // A township has no point of its own in the division data: its county's centre, and say so.
    const parent = entry.parentCode ? (areaPlaces(eq(areas.code, entry.parentCode))[0] ?? byCode.get(entry.parentCode)) : undefined
    if (!parent || parent.lat == null || parent.lng == null) return null
    return {
      code: entry.code,
      name: `${entry.name}（${shortAreaName(parent.name)}）`,
      level,
      lat: parent.lat,
      lng: parent.lng,
      estimate: `按${shortAreaName(parent.name)}中心估算`,
    }
  }
  if (entry.lat == null || entry.lng == null) return null
  const parent = entry.parentCode ? byCode.get(entry.parentCode) : undefined
  // map-places gives most Shandong counties their city's centre: say the distance is from the city's.
  const estimate = parent && parent.lat === entry.lat && parent.lng === entry.lng ? `按${parent.name}中心估算` : null
  return { code: entry.code, name: parent ? `${entry.name}（${parent.name}）` : entry.name, level, lat: entry.lat, lng: entry.lng, estimate }
}

/**
 * Resolves a typed place (issue 14 §5) — a county or city (map-places.json and the areas table) or a
 * township of the paired counties (areas table) — or a code chosen from an earlier list of choices. Takes
 * the text as typed (trimmed, NFKC). Matches a full name or a name without its 区/县/市/镇/乡/街道 first,
 * else names containing the text. Returns `found` with the point (a township's is its county's centre, with
 * the note "按开州区中心估算"), `choices` when several places match (each labelled with its city or county),
 * or `none` with a Chinese message. Never throws.
 */
export function findPlace(raw: string): PlaceResult {
  const text = raw.normalize('NFKC').replace(/\s+/g, '').slice(0, 30)
  if (!text) return { kind: 'none', text, message: '请输入区县、乡镇或城市的名称。' }
  placesByCode ??= placeIndex()
  const byCode = placesByCode
  if (/^\d{6}(\d{3})?$/.test(text)) {
    const entry = areaPlaces(eq(areas.code, text))[0] ?? byCode.get(text)
    const found = entry ? resolvePlace(entry, byCode) : null
    return found ? { kind: 'found', place: found } : { kind: 'none', text, message: `没有找到编码为 ${text} 的地方。` }
  }
  if (text.length < 2) return { kind: 'none', text, message: '请至少输入两个字，例如“开州”“汉丰街道”“潍坊”。' }
  const stem = stemOf(text)
  const candidates = new Map<string, PlaceEntry>()
  const pattern = `%${stem.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  for (const a of areaPlaces(sql`${areas.name} like ${pattern} escape '\\'`)) candidates.set(a.code, a)
  for (const p of byCode.values()) if (p.name.includes(stem) && !candidates.has(p.code)) candidates.set(p.code, p)
  const all = [...candidates.values()]
  const exact = all.filter((p) => p.name === text || stemOf(p.name) === stem)
  const matches = exact.length ? exact : all
  if (matches.length === 0) return { kind: 'none', text, message: `没有找到“${text}”。请输入区县、乡镇（街道）或城市的名称，例如“开州区”“汉丰街道”“潍坊市”。` }
  if (matches.length === 1) {
    const found = resolvePlace(matches[0], byCode)
    return found ? { kind: 'found', place: found } : { kind: 'none', text, message: `“${matches[0].name}”没有中心位置，无法计算距离。` }
  }
  const choices = matches
    .sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.code.localeCompare(b.code))
    .slice(0, MAX_CHOICES)
    .map((p) => ({ code: p.code, label: choiceLabel(p, byCode) }))
  return { kind: 'choices', text, choices }
}

function levelRank(level: string) {
  return level === 'city' ? 0 : level === 'county' ? 1 : 2
}

function choiceLabel(p: PlaceEntry, byCode: Map<string, PlaceEntry>) {
  const parentName = p.parentCode ? (byCode.get(p.parentCode)?.name ?? areaPlaces(eq(areas.code, p.parentCode))[0]?.name) : null
  return parentName ? `${p.name}（${shortAreaName(parentName)}）` : p.name
}

/** A worker's workplace point for nearest help, and whether it is only the city's centre. */
export type Workplace = { lat: number; lng: number; label: string; approximate: boolean }

/**
 * A worker account's workplace (issue 14 §5): its ledger row's latest employment record (newest start day)
 * → the post it was hired through → that post's point; a record without a post, or a post whose point is the
 * city centre (decision 007), gives the city's centre with `approximate`. Takes the account's user id.
 * Returns null when the account has no ledger row or no employment record (or its city has no centre).
 */
export function workerWorkplace(userId: number): Workplace | null {
  const record = db
    .select({
      employerName: employers.name,
      cityCode: employmentRecords.cityCode,
      cityName: areas.name,
      cityLat: areas.lat,
      cityLng: areas.lng,
      lat: vacancies.lat,
      lng: vacancies.lng,
    })
    .from(workers)
    .innerJoin(employmentRecords, eq(employmentRecords.workerId, workers.id))
    .innerJoin(employers, eq(employers.id, employmentRecords.employerId))
    .innerJoin(areas, eq(areas.code, employmentRecords.cityCode))
    .leftJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .leftJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(eq(workers.userId, userId))
    .orderBy(desc(employmentRecords.startDate), desc(employmentRecords.id))
    .limit(1)
    .get()
  if (!record) return null
  const atCentre = record.lat == null || record.lng == null || (record.lat === record.cityLat && record.lng === record.cityLng)
  if (!atCentre) return { lat: record.lat!, lng: record.lng!, label: record.employerName, approximate: false }
  if (record.cityLat == null || record.cityLng == null) return null
  return { lat: record.cityLat, lng: record.cityLng, label: `${record.employerName}（按${record.cityName}中心估算）`, approximate: true }
}

/** How many workstations the worker's nearest-help card and the map list. */
export const NEAR_WORKSTATIONS = 3

/**
 * The worker's nearest 劳务工作站 to their workplace (issue 14 §5, on /me and the map): workerWorkplace, then
 * the NEAR_WORKSTATIONS nearest active workstations by great-circle distance. Takes the account's user id.
 * Returns the workplace and the sites (nearest first), or null when the worker has no employment record.
 */
export function nearestWorkstationsForWorker(userId: number) {
  const workplace = workerWorkplace(userId)
  if (!workplace) return null
  return { workplace, sites: nearestSites(workplace, { types: ['workstation'], limit: NEAR_WORKSTATIONS }) }
}
