import { expect, test } from 'vitest'
import { batchTitle, monthDay } from './batch-title'

test('批次标题按日期和线路，不用编号 / a batch title reads by date and route, not by id', () => {
  expect(monthDay('2026-12-02')).toBe('12月2日')
  expect(monthDay('2027-01-15')).toBe('1月15日')
  expect(batchTitle({ departureDate: '2026-12-12', countyName: '开州区', cityName: '潍坊市' })).toBe('12月12日 开州区→潍坊市')
})
