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

const outline = outlineData as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; level: string }>

/**
 * Whether a WGS-84 point lies in one of the given areas (GB/T 2260 codes of a county or a city), using the
 * bundled outline with a PAIR_AREA_MARGIN_KM margin. Returns true when none of the codes has an outline (a
 * new pair's area the outline lacks: nothing to check against).
 */
export function pointInAreas(point: LatLng, areaCodes: readonly string[]): boolean {
  const shapes = outline.features.filter((f): f is Feature<Polygon | MultiPolygon, { code: string; name: string; level: string }> =>
    areaCodes.includes(f.properties.code),
  )
  if (shapes.length === 0) return true
  const at: [number, number] = [point.lng, point.lat]
  return shapes.some((f) => pointToPolygonDistance(at, f, { units: 'kilometers' }) <= PAIR_AREA_MARGIN_KM)
}
