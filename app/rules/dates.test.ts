import { test, expect } from 'vitest'
import fc from 'fast-check'
import { formatDate, formatDateTime, todayInShanghai } from './dates'

test('UTC 16:00 已是上海的第二天 / 16:00 UTC is already the next day in Shanghai', () => {
  expect(formatDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01')
  expect(formatDate(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31')
})

test('接受毫秒时间戳 / accepts a millisecond timestamp', () => {
  expect(formatDate(0)).toBe('1970-01-01')
  expect(formatDateTime(0)).toBe('1970-01-01 08:00')
})

test('日期时间为 24 小时制 / date-time uses the 24-hour clock', () => {
  expect(formatDateTime(new Date('2025-03-07T15:05:00Z'))).toBe('2025-03-07 23:05')
  expect(formatDateTime(new Date('2025-03-07T16:05:00Z'))).toBe('2025-03-08 00:05')
})

test('1986–1991 夏令时按时区库处理 / the 1986–1991 daylight-saving period follows the tz database', () => {
  expect(formatDateTime(Date.UTC(1988, 6, 1, 0, 0))).toBe('1988-07-01 09:00')
  expect(formatDateTime(Date.UTC(1995, 6, 1, 0, 0))).toBe('1995-07-01 08:00')
})

test('今天按上海日历 / today is the Shanghai calendar day', () => {
  expect(todayInShanghai(new Date('2025-06-14T16:30:00Z'))).toBe('2025-06-15')
  expect(todayInShanghai()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
})

test('无效日期报错 / an invalid date throws', () => {
  expect(() => formatDate(new Date('not a date'))).toThrow(RangeError)
  expect(() => formatDateTime(Number.NaN)).toThrow(RangeError)
})

test('性质：1992 年后等于 UTC+8 的日历 / property: after 1992 the output equals the UTC+8 calendar', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
      const iso = new Date(t + 8 * 3_600_000).toISOString()
      expect(formatDate(t)).toBe(iso.slice(0, 10))
      expect(formatDateTime(t)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 16)}`)
    }),
  )
})

test('性质：任何时刻都与时区库的上海日历一致 / property: at any moment the parts equal the tz database’s Asia/Shanghai calendar', () => {
  const zone = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => {
      expect(formatDateTime(t)).toBe(zone.format(t))
    }),
    { numRuns: 2000 },
  )
})
