import fc from 'fast-check'
import { expect, test } from 'vitest'
import { addDays } from './dates'
import { firstWorkingDayFrom, isWeekend, noticePeriod, workingDaysBetween } from './working-days'

// Issue 13 §7: the public notice (公示) of a payout lasts 5 working days; weekends are not counted.

test('周六、周日是周末，周一到周五不是 / Saturday and Sunday are the weekend, Monday to Friday are not', () => {
  // 2026-12-05 is a Saturday.
  expect(['2026-12-05', '2026-12-06'].map(isWeekend)).toEqual([true, true])
  expect(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map(isWeekend)).toEqual([false, false, false, false, false])
})

test('公示 5 个工作日：周一开始到周五结束 / a notice from a Monday ends on the Friday', () => {
  expect(noticePeriod('2026-12-07')).toEqual({ from: '2026-12-07', until: '2026-12-11' })
})

test('周四开始跨过周末到下周三 / a notice from a Thursday skips the weekend and ends on the Wednesday', () => {
  expect(noticePeriod('2026-12-10')).toEqual({ from: '2026-12-10', until: '2026-12-16' })
})

test('周六开始从下周一算起 / a notice set to start on a Saturday starts on the Monday', () => {
  expect(noticePeriod('2026-12-12')).toEqual({ from: '2026-12-14', until: '2026-12-18' })
  expect(firstWorkingDayFrom('2026-12-13')).toBe('2026-12-14')
})

test('跨年也按工作日算 / the count runs across the year end', () => {
  // 2026-12-31 is a Thursday: Thu, Fri, Mon 01-04, Tue, Wed.
  expect(noticePeriod('2026-12-31')).toEqual({ from: '2026-12-31', until: '2027-01-06' })
})

test('天数少于 1 报错 / fewer than one day throws', () => {
  expect(() => noticePeriod('2026-12-07', 0)).toThrow(RangeError)
  expect(noticePeriod('2026-12-07', 1)).toEqual({ from: '2026-12-07', until: '2026-12-07' })
})

test('性质：公示期内恰好 n 个工作日，首尾都是工作日 / property: the period holds exactly n working days and starts and ends on one', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 30 }), (offset, days) => {
      const start = addDays('2024-01-01', offset)
      const { from, until } = noticePeriod(start, days)
      expect(from >= start).toBe(true)
      expect(isWeekend(from) || isWeekend(until)).toBe(false)
      expect(workingDaysBetween(from, until)).toBe(days)
      expect(workingDaysBetween(start, addDays(from, -1))).toBe(0)
    }),
  )
})
