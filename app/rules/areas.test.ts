import { expect, test } from 'vitest'
import { shortAreaName } from './areas'

test('自治县用简称，其他名称不变 / autonomous counties get their short name, others stay', () => {
  expect(shortAreaName('秀山土家族苗族自治县')).toBe('秀山县')
  expect(shortAreaName('石柱土家族自治县')).toBe('石柱县')
  expect(shortAreaName('丰都县')).toBe('丰都县')
  expect(shortAreaName('开州区')).toBe('开州区')
  expect(shortAreaName('潍坊市')).toBe('潍坊市')
})
