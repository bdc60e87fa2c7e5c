import fc from 'fast-check'
import { expect, test } from 'vitest'
import { makeIdNumber } from './id-number'
import { maskNumbersInText } from './personal-numbers'
import { testExamples } from '../../tests/examples'

const digitsOf = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[^0-9X]/g, '')

testExamples('备注里的手机号、身份证号、银行卡号被打码 / phone, ID and card numbers in a note are masked', maskNumbersInText, [
  ['请打我电话13996000001，谢谢', '请打我电话139****0001，谢谢'],
  ['身份证500234199001010012', '身份证500***********0012'],
  ['卡号 6222 0212 3456 7890 128', '卡号 *****************28'],
  ['电话 139-9600-0001 或 023 5222 1234', '电话 139****0001 或 *********34'],
  ['全角１３９９６０００００１', '全角139****0001'],
  ['身份证50023419900101001x号', '身份证500***********001X号'],
])

test('夹着不可见字符的号码也打码 / numbers with invisible characters inside are masked too', () => {
  expect(maskNumbersInText('电话139\u200b9600\u200d0001')).toBe('电话139****0001')
  expect(maskNumbersInText('\u202a13996000001\u202c')).toBe('\u202a139****0001\u202c')
})

test("改头换面的号码也打码 / numbers in disguise are masked too (issue 7 §10, the attacker's list)", () => {
  const disguised = [
    '139 - 9600 - 0001',
    '139，9600，0001',
    '139、9600、0001',
    '139_9600_0001',
    '139*9600*0001',
    '139:9600:0001',
    '139   9600   0001',
    '139\u200b\u200b\u200b9600\u200b\u200b\u200b0001',
    '𝟏𝟑𝟗𝟗𝟔𝟎𝟎𝟎𝟎𝟎𝟏',
    '一三九九六〇〇〇〇〇一',
    '幺三九九六零零零零零幺',
    '①③⑨⑨⑥⓪⓪⓪⓪⓪①',
    '¹³⁹⁹⁶⁰⁰⁰⁰⁰¹',
    '١٣٩٩٦٠٠٠٠٠١',
    '१३९९६०००००१',
    '1️⃣3️⃣9️⃣9️⃣6️⃣0️⃣0️⃣0️⃣0️⃣0️⃣1️⃣',
    '1̲3̲9̲9̲6̲0̲0̲0̲0̲0̲1̲',
  ]
  for (const text of disguised) expect(maskNumbersInText(`联系${text}谢谢`), text).toBe('联系139****0001谢谢')
  expect(maskNumbersInText('卡 6222 - 0212 - 3456 - 7890')).toBe('卡 **************90')
  expect(maskNumbersInText('身份证 ５００１５４ - １９９００１０１ - ２１０７')).toBe('身份证 500***********2107')
})

test('短数字、日期和金额不动 / short numbers, dates and amounts stay as typed', () => {
  for (const text of [
    '月薪 6000 元',
    '期望月薪5000-8000元',
    '年龄18-45岁',
    '2026-03-01 到岗',
    '20260301',
    '3 号楼 502 室',
    '工作 8 小时',
    '一个人，两三个月',
    '三、四、五、六月',
    null,
    '',
  ]) {
    expect(maskNumbersInText(text)).toBe(text)
  }
})

test('任意文字里的手机号和身份证号都不会完整出现 / no full mobile or ID number survives in any text', () => {
  const separator = fc
    .array(fc.constantFrom(' ', '-', '\u3000', '\u200b', '\u00a0', '—', '，', '、', '_', '*', ':', '\u0332', '\u20e3'), { maxLength: 3 })
    .map((a) => a.join(''))
  const script = fc.constantFrom(
    (d: string) => d,
    (d: string) => String.fromCodePoint(0xff10 + Number(d)),
    (d: string) => String.fromCodePoint(0x1d7ce + Number(d)),
    (d: string) => String.fromCodePoint(0x0660 + Number(d)),
    (d: string) => '〇一二三四五六七八九'[Number(d)],
  )
  const mobile = fc
    .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
    .map(([b, rest]) => `1${b}${rest.join('')}`)
  const id = fc
    .tuple(fc.date({ min: new Date('1950-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
    .map(([d, seq]) => makeIdNumber({ areaCode: '500234', birthDate: d.toISOString().slice(0, 10), sequence: seq }))
  fc.assert(
    fc.property(fc.string(), fc.oneof(mobile, id), separator, script, fc.string(), (before, number, sep, write, after) => {
      const typed = [...number].map((c, i) => (i > 0 && i % 4 === 0 ? sep : '') + (/\d/.test(c) ? write(c) : c)).join('')
      const shown = maskNumbersInText(`${before}${typed}${after}`)
      expect(digitsOf(shown)).not.toContain(number)
      expect(maskNumbersInText(shown)).toBe(shown)
    }),
  )
})
