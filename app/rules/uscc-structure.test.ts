import fc from 'fast-check'
import { expect, test } from 'vitest'
import { makeUscc, parseUscc, REGISTRATION_AUTHORITIES } from './uscc'

// GB 32100-2015: authority (1), organisation type (1), division (6), organisation code (9), check (1).

test('问题 9-8 的输入：身份证号和区划码是字母的代码被拒绝 / issue 9 item 8: a resident ID and a code with letters for a division are refused', () => {
  expect(parseUscc('370702198805170658')).toEqual({ ok: false, message: '这是身份证号码，请填写单位的统一社会信用代码（营业执照上的 18 位代码）' })
  expect(parseUscc('91ABCDEFMA0000001K')).toEqual({ ok: false, message: '统一社会信用代码第 3–8 位“ABCDEF”应为登记机关所在地的 6 位行政区划代码' })
})

test('每种结构错误各有一句话 / each structural fault has its own message', () => {
  // Check characters are recomputed so only the named part is wrong.
  expect(parseUscc(makeUscc('B1370700MA0000001'))).toEqual({ ok: false, message: '统一社会信用代码第 1 位“B”不是登记管理部门代码（应为 1–9、A、N 或 Y）' })
  expect(parseUscc(makeUscc('94370700MA0000001'))).toEqual({
    ok: false,
    message: '统一社会信用代码第 2 位“4”不是工商（市场监管）部门登记的机构类别（应为 1、2 或 3）',
  })
  expect(parseUscc(makeUscc('54370700MA0000001'))).toEqual({ ok: false, message: '统一社会信用代码第 2 位“4”不是民政部门登记的机构类别（应为 1、2、3 或 9）' })
  expect(parseUscc(makeUscc('91990700MA0000001'))).toEqual({ ok: false, message: '统一社会信用代码第 3–8 位“990700”不是有效的行政区划代码' })
  expect(parseUscc(makeUscc('911000001000001A1')).ok).toBe(true) // 100000: registered nationally
  expect(parseUscc(makeUscc('91100100MA0000001'))).toEqual({ ok: false, message: '统一社会信用代码第 3–8 位“100100”不是有效的行政区划代码' })
  expect(parseUscc('91370700MA0000001')).toEqual({ ok: false, message: '统一社会信用代码应为 18 位数字或大写字母' })
  expect(parseUscc('91370700MA00000O1X')).toEqual({ ok: false, message: '统一社会信用代码应为 18 位数字或大写字母' })
})

test('各类真实代码的开头都认 / real codes of every authority and type are accepted', () => {
  for (const head of [
    '11',
    '12',
    '13',
    '19',
    '21',
    '31',
    '32',
    '33',
    '34',
    '35',
    '41',
    '51',
    '52',
    '53',
    '59',
    '61',
    '62',
    '71',
    '72',
    '81',
    '91',
    '92',
    '93',
    'A1',
    'N1',
    'N2',
    'N3',
    'Y1',
  ]) {
    expect(parseUscc(makeUscc(`${head}370700MA0000001`)).ok, head).toBe(true)
  }
  // Published enterprise codes.
  for (const code of ['91350100M000100Y43', '914403001922038216', '91110108551385082Q']) expect(parseUscc(code).ok).toBe(true)
})

test('演示数据和测试工厂的代码仍然有效 / the demo seed and the factories still make valid codes', () => {
  for (const city of ['370700', '371400', '370400']) {
    for (const n of [0, 1, 99_999])
      expect(parseUscc(makeUscc(`91${city}MA${String(3 + (n % 20)).padStart(2, '0')}${String(10000 + n).slice(-5)}`)).ok).toBe(true)
  }
  expect(parseUscc(makeUscc('91370700MA0000042')).ok).toBe(true)
})

test('性质：结构正确的代码都通过，任意一位改坏都被拒绝 / property: well-formed codes pass and any single change is refused', () => {
  const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const heads = Object.entries(REGISTRATION_AUTHORITIES).flatMap(([a, { types }]) => Object.keys(types).map((t) => a + t))
  const body = fc.string({ unit: fc.constantFrom(...CHARSET), minLength: 9, maxLength: 9 })
  const division = fc.constantFrom('500154', '370700', '110000', '650102', '100000')
  const code = fc.tuple(fc.constantFrom(...heads), division, body).map(([h, d, b]) => makeUscc(h + d + b))
  fc.assert(
    fc.property(code, (c) => {
      expect(parseUscc(c)).toEqual({ ok: true, value: c })
    }),
  )
  fc.assert(
    fc.property(code, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (c, index, shift) => {
      const replacement = CHARSET[(CHARSET.indexOf(c[index]) + shift) % 31]
      expect(parseUscc(c.slice(0, index) + replacement + c.slice(index + 1)).ok).toBe(false)
    }),
  )
})
