import { test, expect } from 'vitest'
import fc from 'fast-check'
import { makeBankCard, maskBankCard, parseBankCard } from './bank-card'
import { testAccepts, testExamples, testRefusals } from '../../tests/examples'
import { oneCharChanged } from '../../tests/property'

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
const validCard = fc.oneof(digits(15), digits(18)).map(makeBankCard)

testExamples(
  '公开的测试卡号通过 Luhn 校验 / published test card numbers pass Luhn',
  parseBankCard,
  ['4111111111111111', '5555555555554444', '6200000000000005', '6205500000000000004'].map((card) => [card, { ok: true, value: card }] as const),
)

testAccepts('去掉空格、横线并转半角 / spaces, dashes and full-width digits are cleaned', parseBankCard, '6200000000000005', [
  ' 6200 0000 0000 0005 ',
  '6200-0000-0000-0005',
  '６２０００００００００００００５',
])

testRefusals('空白输入提示填写 / empty input asks to fill it in', parseBankCard, '请填写银行卡号', ['', ' - '])

testRefusals('位数不在 16 至 19 或含字母被拒绝 / lengths outside 16–19 or letters are rejected', parseBankCard, '银行卡号应为 16 至 19 位数字', [
  '411111111111111',
  '41111111111111111111',
  '411111111111111a',
  '4111.1111.1111.1111',
])

testRefusals('Luhn 不通过提示核对 / a failing Luhn check asks to double-check', parseBankCard, '银行卡号校验不通过，请核对', ['4111111111111112'])

test('生成函数补上 Luhn 校验位 / makeBankCard appends the Luhn digit', () => {
  expect(makeBankCard('411111111111111')).toBe('4111111111111111')
  expect(makeBankCard('620550000000000000')).toBe('6205500000000000004')
  expect(() => makeBankCard('4111111111111')).toThrow(RangeError)
  expect(() => makeBankCard('41111111111111a')).toThrow(RangeError)
})

test('性质：生成的卡号有效 / property: generated card numbers are valid', () => {
  fc.assert(
    fc.property(validCard, (card) => {
      expect(parseBankCard(card)).toEqual({ ok: true, value: card })
    }),
  )
})

test('性质：改动任意一位数字都会使卡号无效 / property: changing any single digit makes a valid card invalid', () => {
  const typo = oneCharChanged(validCard, () => '0123456789')
  fc.assert(
    fc.property(typo, ({ mutated }) => {
      expect(parseBankCard(mutated)).toEqual({ ok: false, message: '银行卡号校验不通过，请核对' })
    }),
  )
})

testExamples('脱敏只露出后 4 位 / masking shows only the last 4 digits', maskBankCard, [
  ['6222020000000018', '**** 0018'],
  ['6222 0200 0000 0001 8', '**** 0018'],
  ['123', '****'],
])

test('性质：脱敏结果最多露出 4 位 / property: the mask never reveals more than 4 digits', () => {
  fc.assert(
    fc.property(fc.oneof(validCard, fc.string({ maxLength: 25 })), (s) => {
      const masked = maskBankCard(s)
      expect(masked.replace(/[* ]/g, '').length).toBeLessThanOrEqual(4)
      expect(masked.startsWith('****')).toBe(true)
    }),
  )
})
