import { test, expect } from 'vitest'
import fc from 'fast-check'
import { maskMobile, normalizeMobile, parseMobile } from './mobile'
import { testExamples, testRefusals } from '../../tests/examples'
import { assertMaskRule } from '../../tests/property'

const validMobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`)

testExamples(
  '普通 11 位号码原样通过 / a plain 11-digit number passes unchanged',
  parseMobile,
  ['13812345678', '19912345678'].map((mobile) => [mobile, { ok: true, value: mobile }] as const),
)

// Separators and full-width digits go; so do the +86, 0086 and 86 country prefixes, unless what is left is not 11 digits.
testExamples('去掉空格、横线、括号、全角数字和国家码 / spaces, dashes, parentheses, full-width digits and the country prefix are cleaned', normalizeMobile, [
  ...[' 138-1234-5678 ', '(138) 1234 5678', '（138）1234\u30005678', '１３８１２３４５６７８'].map((raw) => [raw, '13812345678'] as const),
  ...['+86 138 1234 5678', '＋８６１３８１２３４５６７８', '0086-13812345678', '8613812345678'].map((raw) => [raw, '13812345678'] as const),
  ['861381234567', '861381234567'],
])

testRefusals('空白输入提示填写 / empty input asks to fill it in', parseMobile, '请填写手机号码', ['', '  - '])

testRefusals(
  '位数、号段或字符不对被拒绝，剩余不是 11 位时不去国家码 / wrong length, block or characters are rejected; the prefix stays when the rest is not 11 digits',
  parseMobile,
  '手机号码应为 11 位，以 13–19 开头',
  ['1381234567', '138123456789', '12812345678', '10812345678', '23812345678', '1381234567a', '023-12345678', '861381234567'],
)

test('性质：有效号码加各种前缀和分隔后仍解析为原号码 / property: valid numbers with prefixes and separators parse back to themselves', () => {
  fc.assert(
    fc.property(validMobile, fc.constantFrom('', '+86', '0086', '86', '+86 '), fc.constantFrom('', ' ', '-'), (mobile, prefix, sep) => {
      const raw = prefix + mobile.slice(0, 3) + sep + mobile.slice(3, 7) + sep + mobile.slice(7)
      expect(parseMobile(raw)).toEqual({ ok: true, value: mobile })
    }),
  )
})

// Eleven digits keep the first 3 and last 4; anything else shows only its last 2.
testExamples('脱敏为 138****5678，非 11 位的值只露出最后 2 位 / masking gives 138****5678, other values show only the last 2', maskMobile, [
  ['13812345678', '138****5678'],
  ['+86 138-1234-5678', '138****5678'],
  ['12345', '***45'],
  ['1', '*'],
])

test('性质：脱敏结果不多于保留的字符 / property: the mask never reveals more than the kept characters', () => {
  assertMaskRule(maskMobile, validMobile, { fullLength: 11, head: 3, tail: 4, unit: '0123456789a+ -', maxLength: 20 })
})
