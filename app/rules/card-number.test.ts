import fc from 'fast-check'
import { expect, test } from 'vitest'
import { testExamples } from '../../tests/examples'
import { oneCharChanged } from '../../tests/property'
import { makeBankCard } from './bank-card'
import { makeIdNumber } from './id-number'
import { luhnValid, maskCard, parseCardNumber } from './card-number'

// The card the subsidy is paid to (issue 13 §3): typed twice, checked by Luhn per kind (see card-number.ts for
// why a social-security card is checked too), masked `**** 0018` everywhere after.

// A valid ID number that is all digits (500154199003041232), which fails Luhn as well.
const ID_NUMBER = makeIdNumber({ areaCode: '500154', birthDate: '1990-03-04', sequence: 123 })

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
const validCard = fc.oneof(digits(15), digits(18)).map(makeBankCard)

testExamples('Luhn 校验 / the Luhn check', luhnValid, [
  ['4111111111111111', true],
  ['6222020200000003018', true],
  ['6222020200000000018', false],
  ['0', true],
  ['', false],
  ['4111 1111 1111 1111', false],
  ['41111111111111a1', false],
] as const)

test('性质：改动任意一位都不通过 / property: any single-digit typo fails', () => {
  fc.assert(
    fc.property(
      oneCharChanged(validCard, () => '0123456789'),
      ({ original, mutated }) => {
        expect([luhnValid(original), luhnValid(mutated)]).toEqual([true, false])
      },
    ),
  )
})

testExamples(
  '两次输入，按卡种给出提示 / typed twice, the message per kind',
  ([kind, raw, again]: readonly ['bank' | 'social_security', string, string]) => parseCardNumber(kind, raw, again),
  [
    [['bank', '6222 0202 0000 0003 018', '６２２２０２０２０００００００３０１８'], { ok: true, value: '6222020200000003018' }],
    [['social_security', '6222020200000003018', '6222-0202-0000-0003-018'], { ok: true, value: '6222020200000003018' }],
    [['bank', '', ''], { ok: false, message: '请填写银行卡号' }],
    [['bank', '62220202', '62220202'], { ok: false, message: '银行卡号应为 16 至 19 位数字' }],
    [['social_security', ID_NUMBER, ID_NUMBER], { ok: false, message: '请填写社保卡背面的 16 至 19 位银行账号（不是身份证号或社会保障号码）' }],
    [['bank', '6222020200000000018', '6222020200000000018'], { ok: false, message: '银行卡号校验不通过，请核对是否输错' }],
    [['social_security', '6222020200000000018', '6222020200000000018'], { ok: false, message: '社保卡银行账号校验不通过，请核对是否输错' }],
    [
      ['social_security', '50015419900304123X', '50015419900304123X'],
      { ok: false, message: '请填写社保卡背面的 16 至 19 位银行账号（不是身份证号或社会保障号码）' },
    ],
    [['bank', '6222020200000003018', '4111111111111111'], { ok: false, message: '两次输入的银行卡号不一致' }],
  ] as const,
)

testExamples('脱敏 / masking', maskCard, [
  ['6222020200000003018', '**** 3018'],
  ['6222 0200 0000 0001 8', '**** 0018'],
  ['1234567', '****'],
] as const)
