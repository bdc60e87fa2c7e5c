// The public map's shared shapes and its view in the URL (issue 14 §2). Pure: the loader
// (app/routes/map._index.tsx), the data route and the browser map component all read these.
import type { Actor } from './permissions'
import type { SiteFields } from './site'
import { SITE_TYPES } from './site-enums'

/** The layers a visitor can toggle: one per site type, open vacancies, and batch routes (staff of the pair). */
export const MAP_LAYERS = [...SITE_TYPES, 'vacancies', 'routes'] as const
export type MapLayer = (typeof MAP_LAYERS)[number]

/** Layers shown when the URL names none. */
export const DEFAULT_MAP_LAYERS: readonly MapLayer[] = [...SITE_TYPES, 'vacancies', 'routes']

/** A WGS-84 point, degrees. */
export type LatLng = { lat: number; lng: number }

/**
 * A site as the map and the list show it (contact and services are public: the site exists to be reached):
 * its fields, and its owner's city or county (GB/T 2260) with its short name (潍坊市, 开州区) and the owner.
 */
export type MapSite = SiteFields & { id: number; areaCode: string; areaName: string; ownerName: string }

/** An open (published, not expired) post at its workplace point. */
export type MapVacancy = {
  id: number
  title: string
  employerName: string
  lat: number
  lng: number
  headcount: number
  salaryMinFen: number
  salaryMaxFen: number
  /** True when the point is the city centre the form defaults to (decision 007), not a chosen workplace. */
  approximate: boolean
}

/** An upcoming batch's route, pickup → destination; only for signed-in staff of the pair. */
export type MapRoute = {
  id: number
  title: string
  /** YYYY-MM-DD, Asia/Shanghai. */
  departureDate: string
  pickupName: string
  pickup: LatLng
  destinationName: string
  destination: LatLng
}

/** One pair's map data: what `/map/data/:pairId` answers (one cacheable request per pair, issue 14 §6). */
export type MapPairData = {
  pair: { id: number; countyCode: string; countyName: string; cityCode: string; cityName: string }
  sites: MapSite[]
  vacancies: MapVacancy[]
  routes: MapRoute[]
}

/** The operator's tiles (MAP_TILE_URL…); null: no tiles, the bundled outline only. */
export type MapTiles = { url: string; attribution: string; crs: 'wgs84' | 'gcj02'; maxZoom: number }

/** What the map shows, as kept in the URL so a view can be shared (issue 14 §2). */
export type MapView = {
  /** One pair's id, or null for all pairs. */
  pair: number | null
  layers: MapLayer[]
  /** Centre and zoom, or null to fit the shown pairs. */
  centre: LatLng | null
  zoom: number | null
}

/**
 * Reads the map view from a URL's search parameters: `pair` (id), `layers` (comma list of MAP_LAYERS; absent =
 * DEFAULT_MAP_LAYERS, `layers=` = none), `c` ("lat,lng", 5 decimals) and `z` (3–18). Anything unreadable
 * falls back to its default; never throws.
 */
export function parseMapView(params: URLSearchParams): MapView {
  const pairText = params.get('pair')
  const pair = pairText && /^\d{1,9}$/.test(pairText) ? Number(pairText) : null
  const layersText = params.get('layers')
  const layers = layersText == null ? [...DEFAULT_MAP_LAYERS] : MAP_LAYERS.filter((l) => layersText.split(',').includes(l))
  const c = params.get('c')?.split(',').map(Number)
  const centre = c && c.length === 2 && c.every(Number.isFinite) && Math.abs(c[0]) <= 90 && Math.abs(c[1]) <= 180 ? { lat: c[0], lng: c[1] } : null
  const zText = params.get('z')
  const z = zText && /^\d{1,2}$/.test(zText) ? Number(zText) : null
  return { pair, layers, centre, zoom: z != null && z >= 3 && z <= 18 ? z : null }
}

/** The search string (without "?") for a view, the inverse of parseMapView; defaults are left out. */
export function mapViewSearch(view: MapView): string {
  const p = new URLSearchParams()
  if (view.pair != null) p.set('pair', String(view.pair))
  const same = view.layers.length === DEFAULT_MAP_LAYERS.length && DEFAULT_MAP_LAYERS.every((l) => view.layers.includes(l))
  if (!same) p.set('layers', MAP_LAYERS.filter((l) => view.layers.includes(l)).join(','))
  if (view.centre) p.set('c', `${view.centre.lat.toFixed(5)},${view.centre.lng.toFixed(5)}`)
  if (view.zoom != null) p.set('z', String(view.zoom))
  return p.toString()
}

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle (haversine) distance between two WGS-84 points, in metres (issue 14 §5). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A distance for people: "850 米", "3.2 公里", "126 公里". */
export function distanceText(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`
  if (metres < 10_000) return `${(metres / 1000).toFixed(1)} 公里`
  return `${Math.round(metres / 1000)} 公里`
}

/**
 * What the page gives the browser map (app/components/site-map.client.tsx; contract between the /map route and
 * the map component, issue 14 §2–3).
 */
export type SiteMapProps = {
  /** The pairs the page shows (all, or the one chosen); the map fetches `${dataPath}/${id}` for each. */
  pairs: { id: number; label: string }[]
  /** What to show, from the URL (parseMapView). */
  view: MapView
  /** Called (debounced) after the visitor pans or zooms, with the new centre and zoom. */
  onViewChange: (view: MapView) => void
  /** The operator's tiles (env.mapTiles); null: the bundled outline only. */
  tiles: MapTiles | null
  /** Where each pair's MapPairData is fetched from: '/map/data'. */
  dataPath: string
  /** A point to mark and centre on (a worker's workplace, a typed place), WGS-84. */
  focus?: { lat: number; lng: number; label: string } | null
}

/**
 * Whether `actor` is staff of the pair (issue 14 §2: "upcoming batches only for signed-in staff of the pair"):
 * the county's centre (west), the city's bureau (east), or the platform operator. Workers and other
 * sides' staff are not. Pure on the actor's role and area code.
 */
export function isStaffOfPair(actor: Pick<Actor, 'role' | 'areaCode'> | null, pair: { countyCode: string; cityCode: string }) {
  if (!actor) return false
  if (actor.role === 'admin') return true
  if (actor.role === 'west') return actor.areaCode === pair.countyCode
  if (actor.role === 'east') return actor.areaCode === pair.cityCode
  return false
}
