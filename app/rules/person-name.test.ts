import fc from 'fast-check'
import { expect, test } from 'vitest'
import { maskPersonName, MIDDLE_DOT_LOOKALIKES, normalisePersonName, parsePersonName } from './person-name'
import { RegistryRowSchema } from './registry'

test('问题 9-7 的输入：全角空格和片假名中点 / issue 9 item 7: a full-width space and the katakana middle dot', () => {
  expect(parsePersonName('张　三')).toEqual({ ok: true, value: '张三' })
  expect(parsePersonName('阿依・木拉提')).toEqual({ ok: true, value: '阿依·木拉提' })
  // The ledger form, the import and registration all read names through the ledger row's schema.
  expect(RegistryRowSchema.shape.name.parse('张　三')).toBe('张三')
  expect(RegistryRowSchema.shape.name.parse('阿依・木拉提')).toBe('阿依·木拉提')
})

test('名字中间的各种空格都去掉 / every kind of space inside a name is dropped', () => {
  for (const space of [' ', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u202f', '\u205f', '\t', '  ']) {
    expect(parsePersonName(`${space}欧阳${space}娜娜${space}`)).toEqual({ ok: true, value: '欧阳娜娜' })
  }
})

test('中点的每种写法都归为“·” / every look-alike of the middle dot folds to "·"', () => {
  expect(MIDDLE_DOT_LOOKALIKES).toContain('\u30fb')
  for (const dot of [...MIDDLE_DOT_LOOKALIKES, '\uff65', '\u0387', '\uff0e', '\uff61']) {
    expect(parsePersonName(`阿依${dot}木拉提`), `U+${dot.codePointAt(0)!.toString(16)}`).toEqual({ ok: true, value: '阿依·木拉提' })
  }
  expect(normalisePersonName('买买提 • 吐尔逊')).toBe('买买提·吐尔逊')
})

test('拒绝时说出被拒绝的值 / a refused name says which value was refused', () => {
  expect(parsePersonName('Tom')).toEqual({ ok: false, message: '姓名“Tom”含有不能识别的字符“T”，姓名应为汉字，少数民族姓名可用“·”分隔' })
  expect(parsePersonName('张三3')).toEqual({ ok: false, message: '姓名“张三3”含有不能识别的字符“3”，姓名应为汉字，少数民族姓名可用“·”分隔' })
  expect(parsePersonName('张\u0007三')).toEqual({ ok: false, message: '姓名“张三”含有不能识别的字符“U+0007”，姓名应为汉字，少数民族姓名可用“·”分隔' })
  expect(parsePersonName('张')).toEqual({ ok: false, message: '姓名“张”太短，应为 2–20 个字' })
  expect(parsePersonName('张'.repeat(21))).toEqual({ ok: false, message: `姓名“${'张'.repeat(21)}”太长，应为 2–20 个字` })
  expect(parsePersonName('·阿依')).toEqual({ ok: false, message: '姓名“·阿依”中的“·”只能写在两个字之间' })
  expect(parsePersonName('阿依··木拉提')).toEqual({ ok: false, message: '姓名“阿依··木拉提”中的“·”只能写在两个字之间' })
  expect(parsePersonName(' \u200b ')).toEqual({ ok: false, message: '请填写姓名' })
  // A very long value is shown cut, never whole.
  const long = parsePersonName('Ａ'.repeat(500))
  expect(!long.ok && [...long.message].length).toBeLessThan(80)
})

test('生僻字（扩展区）算一个字 / a rare character outside the BMP counts as one', () => {
  expect(parsePersonName('𠮷'.repeat(20))).toEqual({ ok: true, value: '𠮷'.repeat(20) })
  expect(parsePersonName('〇三')).toEqual({ ok: true, value: '〇三' })
})

test('性质：在汉字名里插入空格和中点写法，结果只差规范化 / property: spaces and dot look-alikes typed into a valid name normalise away', () => {
  const han = fc.constantFrom(...'张王李赵欧阳娜阿依木拉提买吐尔逊𠮷冉秀英')
  const part = fc.array(han, { minLength: 1, maxLength: 6 }).map((a) => a.join(''))
  const spaces = fc.array(fc.constantFrom(' ', '\u00a0', '\u3000', '\u2003'), { maxLength: 2 }).map((a) => a.join(''))
  fc.assert(
    fc.property(part, part, fc.constantFrom(...MIDDLE_DOT_LOOKALIKES), spaces, spaces, (a, b, dot, s1, s2) => {
      const expected = `${a}·${b}`
      fc.pre([...expected].length <= 20)
      expect(parsePersonName(`${s1}${a}${s2}${dot}${s1}${b}${s2}`)).toEqual({ ok: true, value: expected })
    }),
  )
})

test('遮挡姓名只留第一个字 / a masked name keeps only its first character', () => {
  expect(maskPersonName('王小明')).toBe('王**')
  expect(maskPersonName('欧阳娜娜')).toBe('欧***')
  expect(maskPersonName('𠮷野')).toBe('𠮷*')
  expect(maskPersonName('李')).toBe('李')
  expect(maskPersonName('')).toBe('')
})
