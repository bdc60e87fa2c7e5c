import { test, expect } from 'vitest'
import fc from 'fast-check'
import { makeBankCard, maskBankCard, parseBankCard } from './bank-card'

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
const validCard = fc.oneof(digits(15), digits(18)).map(makeBankCard)

test('公开的测试卡号通过 Luhn 校验 / published test card numbers pass Luhn', () => {
  for (const card of ['4111111111111111', '5555555555554444', '6200000000000005', '6205500000000000004']) {
    expect(parseBankCard(card)).toEqual({ ok: true, value: card })
  }
})

test('去掉空格、横线并转半角 / spaces, dashes and full-width digits are cleaned', () => {
  expect(parseBankCard(' 6200 0000 0000 0005 ')).toEqual({ ok: true, value: '6200000000000005' })
  expect(parseBankCard('6200-0000-0000-0005')).toEqual({ ok: true, value: '6200000000000005' })
  expect(parseBankCard('６２０００００００００００００５')).toEqual({ ok: true, value: '6200000000000005' })
})

test('空白输入提示填写 / empty input asks to fill it in', () => {
  expect(parseBankCard('')).toEqual({ ok: false, message: '请填写银行卡号' })
  expect(parseBankCard(' - ')).toEqual({ ok: false, message: '请填写银行卡号' })
})

test('位数不在 16 至 19 或含字母被拒绝 / lengths outside 16–19 or letters are rejected', () => {
  const message = '银行卡号应为 16 至 19 位数字'
  for (const raw of ['411111111111111', '41111111111111111111', '411111111111111a', '4111.1111.1111.1111']) {
    expect(parseBankCard(raw)).toEqual({ ok: false, message })
  }
})

test('Luhn 不通过提示核对 / a failing Luhn check asks to double-check', () => {
  expect(parseBankCard('4111111111111112')).toEqual({ ok: false, message: '银行卡号校验不通过，请核对' })
})

test('生成函数补上 Luhn 校验位 / makeBankCard appends the Luhn digit', () => {
  expect(makeBankCard('411111111111111')).toBe('4111111111111111')
  expect(makeBankCard('620550000000000000')).toBe('6205500000000000004')
  expect(() => makeBankCard('4111111111111')).toThrow(RangeError)
  expect(() => makeBankCard('41111111111111a')).toThrow(RangeError)
})

test('脱敏只露出后 4 位 / masking shows only the last 4 digits', () => {
  expect(maskBankCard('6222020000000018')).toBe('**** 0018')
  expect(maskBankCard('6222 0200 0000 0001 8')).toBe('**** 0018')
  expect(maskBankCard('123')).toBe('****')
})

test('性质：生成的卡号有效 / property: generated card numbers are valid', () => {
  fc.assert(
    fc.property(validCard, (card) => {
      expect(parseBankCard(card)).toEqual({ ok: true, value: card })
    }),
  )
})

test('性质：改动任意一位数字都会使卡号无效 / property: changing any single digit makes a valid card invalid', () => {
  fc.assert(
    fc.property(validCard, fc.nat(), fc.integer({ min: 1, max: 9 }), (card, rawIndex, shift) => {
      const index = rawIndex % card.length
      const replacement = String((Number(card[index]) + shift) % 10)
      const mutated = card.slice(0, index) + replacement + card.slice(index + 1)
      expect(parseBankCard(mutated)).toEqual({ ok: false, message: '银行卡号校验不通过，请核对' })
    }),
  )
})

test('性质：脱敏结果最多露出 4 位 / property: the mask never reveals more than 4 digits', () => {
  fc.assert(
    fc.property(fc.oneof(validCard, fc.string({ maxLength: 25 })), (s) => {
      const masked = maskBankCard(s)
      expect(masked.replace(/[* ]/g, '').length).toBeLessThanOrEqual(4)
      expect(masked.startsWith('****')).toBe(true)
    }),
  )
})
