import { expect, test } from 'vitest'
import { pointInAreas } from './site-area.server'

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
