import { pointToPolygonDistance } from '@turf/point-to-polygon-distance'
import fc from 'fast-check'
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { expect, test } from 'vitest'
import { PAIR_AREA_MARGIN_KM, pointInAreas } from './site-area.server'
import outlineData from '~/data/map-outline.json'

const WEIFANG_PAIR = ['370700', '500154']

test('站点位置须在本对口地区境内 / a site stands in its own pair’s county or city', () => {
  expect(pointInAreas({ lat: 36.7069, lng: 119.1618 }, WEIFANG_PAIR)).toBe(true) // 潍坊 奎文区
  expect(pointInAreas({ lat: 31.1606, lng: 108.3937 }, WEIFANG_PAIR)).toBe(true) // 开州 汉丰街道
  expect(pointInAreas({ lat: 37.5665, lng: 126.978 }, WEIFANG_PAIR)).toBe(false) // 首尔
  expect(pointInAreas({ lat: 29.65, lng: 91.1 }, WEIFANG_PAIR)).toBe(false) // 拉萨
  expect(pointInAreas({ lat: 37.45, lng: 116.36 }, WEIFANG_PAIR)).toBe(false) // 德州: another pair
  expect(pointInAreas({ lat: 36.67, lng: 117.02 }, WEIFANG_PAIR)).toBe(false) // 济南: next door, not the pair
})

test('界线附近的点按简化边界的误差放宽 / a point just outside the simplified boundary still counts', () => {
  // 寿光 on the coast, and a point about 1 km off the outline's edge near 昌邑.
  expect(pointInAreas({ lat: 36.881, lng: 118.791 }, ['370700'])).toBe(true)
  expect(pointInAreas({ lat: 20, lng: 110 }, ['999999'])).toBe(true) // no outline: nothing to check against
})

test('快速判断与逐点量距离的结果一致 / the bounding-box fast path answers as measuring every point would', () => {
  const outline = outlineData as FeatureCollection<Polygon | MultiPolygon, { code: string }>
  const measured = (lat: number, lng: number, codes: readonly string[]) =>
    outline.features
      .filter((f) => codes.includes(f.properties.code))
      .some((f) => pointToPolygonDistance([lng, lat], f, { units: 'kilometers', method: 'planar' }) <= PAIR_AREA_MARGIN_KM)
  // Points around the three pairs (boxes a little wider than their cities and counties), where the answer turns.
  const around = fc.oneof(
    fc.record({
      lat: fc.double({ min: 35.6, max: 37.4, noNaN: true }),
      lng: fc.double({ min: 118.0, max: 120.1, noNaN: true }),
      codes: fc.constant(WEIFANG_PAIR),
    }),
    fc.record({
      lat: fc.double({ min: 30.7, max: 31.6, noNaN: true }),
      lng: fc.double({ min: 107.9, max: 108.9, noNaN: true }),
      codes: fc.constant(WEIFANG_PAIR),
    }),
    fc.record({
      lat: fc.double({ min: 28.1, max: 28.9, noNaN: true }),
      lng: fc.double({ min: 108.6, max: 109.4, noNaN: true }),
      codes: fc.constant(['371400', '500241']),
    }),
    fc.record({
      lat: fc.double({ min: 34.2, max: 35.4, noNaN: true }),
      lng: fc.double({ min: 116.9, max: 118.0, noNaN: true }),
      codes: fc.constant(['370400', '500230']),
    }),
  )
  fc.assert(
    fc.property(around, ({ lat, lng, codes }) => pointInAreas({ lat, lng }, codes) === measured(lat, lng, codes)),
    { numRuns: 400 },
  )
})
