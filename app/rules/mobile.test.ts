import { test, expect } from 'vitest'
import fc from 'fast-check'
import { maskMobile, normalizeMobile, parseMobile } from './mobile'

const validMobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`)

test('普通 11 位号码原样通过 / a plain 11-digit number passes unchanged', () => {
  expect(parseMobile('13812345678')).toEqual({ ok: true, value: '13812345678' })
  expect(parseMobile('19912345678')).toEqual({ ok: true, value: '19912345678' })
})

test('去掉空格、横线、括号和全角数字 / spaces, dashes, parentheses and full-width digits are cleaned', () => {
  expect(normalizeMobile(' 138-1234-5678 ')).toBe('13812345678')
  expect(normalizeMobile('(138) 1234 5678')).toBe('13812345678')
  expect(normalizeMobile('（138）1234\u30005678')).toBe('13812345678')
  expect(normalizeMobile('１３８１２３４５６７８')).toBe('13812345678')
})

test('去掉 +86、0086、86 国家码 / the +86, 0086 and 86 country prefixes are removed', () => {
  expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678')
  expect(normalizeMobile('＋８６１３８１２３４５６７８')).toBe('13812345678')
  expect(normalizeMobile('0086-13812345678')).toBe('13812345678')
  expect(normalizeMobile('8613812345678')).toBe('13812345678')
})

test('剩余不是 11 位时不去国家码 / the country prefix stays when the rest is not 11 digits', () => {
  expect(normalizeMobile('861381234567')).toBe('861381234567')
  expect(parseMobile('861381234567')).toEqual({ ok: false, message: '手机号码应为 11 位，以 13–19 开头' })
})

test('空白输入提示填写 / empty input asks to fill it in', () => {
  expect(parseMobile('')).toEqual({ ok: false, message: '请填写手机号码' })
  expect(parseMobile('  - ')).toEqual({ ok: false, message: '请填写手机号码' })
})

test('位数、号段或字符不对被拒绝 / wrong length, block or characters are rejected', () => {
  const message = '手机号码应为 11 位，以 13–19 开头'
  for (const raw of ['1381234567', '138123456789', '12812345678', '10812345678', '23812345678', '1381234567a', '023-12345678']) {
    expect(parseMobile(raw)).toEqual({ ok: false, message })
  }
})

test('脱敏为 138****5678 / masking gives 138****5678', () => {
  expect(maskMobile('13812345678')).toBe('138****5678')
  expect(maskMobile('+86 138-1234-5678')).toBe('138****5678')
})

test('非 11 位的值只露出最后 2 位 / values that are not 11 characters show only the last 2', () => {
  expect(maskMobile('12345')).toBe('***45')
  expect(maskMobile('1')).toBe('*')
})

test('性质：有效号码加各种前缀和分隔后仍解析为原号码 / property: valid numbers with prefixes and separators parse back to themselves', () => {
  fc.assert(
    fc.property(validMobile, fc.constantFrom('', '+86', '0086', '86', '+86 '), fc.constantFrom('', ' ', '-'), (mobile, prefix, sep) => {
      const raw = prefix + mobile.slice(0, 3) + sep + mobile.slice(3, 7) + sep + mobile.slice(7)
      expect(parseMobile(raw)).toEqual({ ok: true, value: mobile })
    }),
  )
})

test('性质：脱敏结果不多于保留的字符 / property: the mask never reveals more than the kept characters', () => {
  fc.assert(
    fc.property(validMobile, (mobile) => {
      expect(maskMobile(mobile)).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`)
    }),
  )
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'0123456789a+ -'), maxLength: 20 }), (s) => {
      const masked = [...maskMobile(s)]
      const revealed = masked.filter((c) => c !== '*').length
      expect(revealed).toBeLessThanOrEqual(masked.length === 11 ? 7 : 2)
    }),
  )
})
