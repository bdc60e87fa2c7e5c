import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import outlineData from '~/data/map-outline.json'
import type { LatLng } from '~/rules/map'

// Where a site may stand (issue 14 §1): a bureau's or county centre's sites serve its pair, so a site lies in
// the owner's county or city or in the paired one (a 潍坊 workstation in 开州 is usual: 劳务工作站 are set up
// where the workers are). The bundled outline (decision 028) is simplified to about 1 km and rounded to
// 3 decimals, so a point up to PAIR_AREA_MARGIN_KM outside a boundary still counts as inside.

/** How far outside the outline a point may be and still count as inside, in kilometres. */
export const PAIR_AREA_MARGIN_KM = 3

type AreaFeature = Feature<Polygon | MultiPolygon, { code: string; name: string; level: string }>

const outline = outlineData as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; level: string }>

/** About PAIR_AREA_MARGIN_KM in degrees, generously (a degree of longitude is at least 75 km below 48°N). */
const MARGIN_DEGREES = PAIR_AREA_MARGIN_KM / 75

/** Each area's shapes with their bounding boxes widened by the margin, by code: built once, on first use. */
let shapesByCode: Map<string, { feature: AreaFeature; box: [number, number, number, number] }[]> | null = null

function areaShapes(code: string) {
  if (!shapesByCode) {
    shapesByCode = new Map()
    for (const feature of outline.features) {
      const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
      for (const [lng, lat] of polygons.flat(2)) {
        box[0] = Math.min(box[0], lng)
        box[1] = Math.min(box[1], lat)
        box[2] = Math.max(box[2], lng)
        box[3] = Math.max(box[3], lat)
      }
      const widened: [number, number, number, number] = [box[0] - MARGIN_DEGREES, box[1] - MARGIN_DEGREES, box[2] + MARGIN_DEGREES, box[3] + MARGIN_DEGREES]
      shapesByCode.set(feature.properties.code, [...(shapesByCode.get(feature.properties.code) ?? []), { feature, box: widened }])
    }
  }
  return shapesByCode.get(code) ?? []
}

/**
 * Whether a WGS-84 point lies in one of the given areas (GB/T 2260 codes of a county or a city), using the
 * bundled outline with a PAIR_AREA_MARGIN_KM margin. Returns true when none of the codes has an outline (a
 * new pair's area the outline lacks: nothing to check against). Fast enough for an import's every row
 * (microseconds for a point far away or inside): a bounding box first, then point-in-polygon, and the
 * distance to the boundary (the slow part: ~1 ms, planar, which at 3 km differs from the great circle by
 * metres) only for a point near an area but outside it; an answer
 * is remembered (up to MAX_REMEMBERED), so the same point checked twice is measured once.
 */
export function pointInAreas(point: LatLng, areaCodes: readonly string[]): boolean {
  const key = `${areaCodes.join(',')}|${point.lat},${point.lng}`
  const known = answers.get(key)
  if (known !== undefined) return known
  if (answers.size >= MAX_REMEMBERED) answers.clear()
  const answer = measurePointInAreas(point, areaCodes)
  answers.set(key, answer)
  return answer
}

/**
 * Answers already given, by codes and point: the outline never changes while the portal runs, so an import
 * that checks its rows before its write transaction pays nothing to check them again inside it.
 */
const answers = new Map<string, boolean>()
const MAX_REMEMBERED = 10_000

function measurePointInAreas(point: LatLng, areaCodes: readonly string[]): boolean {
  const shapes = areaCodes.flatMap(areaShapes)
  if (shapes.length === 0) return true
  const at: [number, number] = [point.lng, point.lat]
  const near = shapes.filter(({ box }) => at[0] >= box[0] && at[0] <= box[2] && at[1] >= box[1] && at[1] <= box[3])
  if (near.some(({ feature }) => booleanPointInPolygon(at, feature))) return true
  return near.some(({ feature }) => pointToPolygonDistance(at, feature, { units: 'kilometers', method: 'planar' }) <= PAIR_AREA_MARGIN_KM)
}
