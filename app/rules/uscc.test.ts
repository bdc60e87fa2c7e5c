import { test, expect } from 'vitest'
import fc from 'fast-check'
import { makeUscc, normalizeUscc, parseUscc } from './uscc'
import { testExamples, testRefusals } from '../../tests/examples'
import { oneCharChanged } from '../../tests/property'

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const first17 = fc.string({ unit: fc.constantFrom(...CHARSET), minLength: 17, maxLength: 17 })
/** A head the GB 32100 structure allows (authority + type, a division, nine characters), so only the check character decides. */
const wellFormed17 = fc
  .tuple(
    fc.constantFrom('11', '12', '51', '52', '53', '91', '92', '93', 'Y1'),
    fc.constantFrom('500154', '370700', '110000', '650102'),
    fc.string({ unit: fc.constantFrom(...CHARSET), minLength: 9, maxLength: 9 }),
  )
  .map((parts) => parts.join(''))

testExamples(
  '公开的企业代码全部有效 / published company codes are all valid',
  parseUscc,
  ['91350100M000100Y43', '914403001922038216', '91330100799655058B', '9144030071526726XG', '91110108551385082Q'].map(
    (code) => [code, { ok: true, value: code }] as const,
  ),
)

test('生成函数补上正确校验位 / makeUscc appends the right check character', () => {
  expect(makeUscc('91350100M000100Y4')).toBe('91350100M000100Y43')
  expect(makeUscc('91110000600037341')).toBe('91110000600037341L')
})

test('加权和模 31 为 0 时校验位写作 0 / when the weighted sum is 0 mod 31 the check character is 0', () => {
  expect(makeUscc('00000000000000000')).toBe('000000000000000000')
})

test('生成函数拒绝字符集外的输入 / makeUscc rejects input outside the alphabet', () => {
  expect(() => makeUscc('9135010OM000100Y4')).toThrow(RangeError)
  expect(() => makeUscc('91350100M000100Y')).toThrow(RangeError)
})

test('小写、全角和空格规范化 / lowercase, full-width and spaces are normalised', () => {
  expect(normalizeUscc(' 9144030071526726xg ')).toBe('9144030071526726XG')
  expect(normalizeUscc('９１４４０３００７１５２６７２６ＸＧ')).toBe('9144030071526726XG')
  expect(parseUscc('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' })
})

testRefusals('空白输入提示填写 / empty input asks to fill it in', parseUscc, '请填写统一社会信用代码', ['', '   '])

testRefusals(
  '长度不对或含 I、O、Z、S、V 被拒绝 / wrong length or the letters I, O, Z, S, V are rejected',
  parseUscc,
  '统一社会信用代码应为 18 位数字或大写字母',
  [
    '91350100M000100Y4',
    '91350100M000100Y431',
    // One character of a valid code replaced by a letter the code never uses, or a dash.
    ...[...'IOZSV-'].map((c) => `91350100${c}000100Y43`),
  ],
)

testRefusals('校验位错误提示核对 / a wrong check character asks to double-check', parseUscc, '统一社会信用代码校验位不正确，请核对', ['91350100M000100Y44'])

test('性质：结构正确的代码补上校验位后有效 / property: a well-formed head with its check character is valid', () => {
  fc.assert(
    fc.property(wellFormed17, (head) => {
      const code = makeUscc(head)
      expect(code.slice(0, 17)).toBe(head)
      expect(parseUscc(code)).toEqual({ ok: true, value: code })
    }),
  )
})

test('性质：改动任意一个字符都会使代码无效 / property: changing any single character makes a valid code invalid', () => {
  fc.assert(
    fc.property(
      oneCharChanged(first17.map(makeUscc), () => CHARSET),
      ({ mutated }) => {
        expect(parseUscc(mutated).ok).toBe(false)
      },
    ),
  )
})
