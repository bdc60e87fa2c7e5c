import { test, expect } from 'vitest'
import fc from 'fast-check'
import { ageOn, idCheckChar, makeIdNumber, maskIdNumber, normalizeIdNumber, parseIdNumber, parseLabourerIdNumber } from './id-number'
import { testExamples, testRefusals } from '../../tests/examples'
import { assertMaskRule, oneCharChanged } from '../../tests/property'

// The province-level divisions of GB/T 2260 by name, as published (plus 83, the residence permits of
// Hong Kong, Macao and Taiwan residents, 2018): an oracle of its own for the module's prefix set.
const PROVINCES: Record<string, string> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '港澳台居民居住证',
}
const PREFIXES = Object.keys(PROVINCES)
const TODAY = new Date('2025-06-15T12:00:00+08:00')
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'))

function withCheck(first17: string): string {
  return first17 + idCheckChar(first17)
}

function toFullWidth(s: string): string {
  return s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
}

const validIdParts = fc
  .record({
    prefix: fc.constantFrom(...PREFIXES),
    county: fc.integer({ min: 0, max: 9999 }),
    dayNumber: fc.integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2008, 11, 31) / 86_400_000 }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ prefix, county, dayNumber, sequence }) => ({
    areaCode: prefix + String(county).padStart(4, '0'),
    birthDate: new Date(dayNumber * 86_400_000).toISOString().slice(0, 10),
    sequence,
  }))

test('公开样例 11010519491231002X 能解析出地区、生日与性别 / the public sample 11010519491231002X parses into area, birth date and sex', () => {
  expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
    ok: true,
    value: { idNumber: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
  })
})

// Published samples; Σ = 0 gives index 0, written '1'.
testExamples('校验位按 MOD 11-2 计算，与公开样例一致 / check char follows MOD 11-2 and matches published samples', idCheckChar, [
  ['11010519491231002', 'X'],
  ['44052418800101001', '4'],
  ['00000000000000000', '1'],
])

test.each(['1101051949123100', '1101051949123100X'])('校验位函数拒绝不是 17 位数字的输入 / idCheckChar rejects input that is not 17 digits: %s', (raw) => {
  expect(() => idCheckChar(raw)).toThrow(RangeError)
})

test('生成的重庆男性号码可解析且顺序码奇数为男 / a generated Chongqing number with odd sequence parses as male', () => {
  const id = makeIdNumber({ areaCode: '500101', birthDate: '1990-03-07', sequence: 123 })
  expect(id).toBe('500101199003071236')
  expect(parseIdNumber(id, TODAY)).toEqual({
    ok: true,
    value: { idNumber: id, areaCode: '500101', birthDate: '1990-03-07', sex: 'male' },
  })
})

test('顺序码补足三位，偶数为女 / sequence is zero-padded to three digits and even means female', () => {
  const id = makeIdNumber({ areaCode: '370102', birthDate: '1985-11-30', sequence: 4 })
  expect(id.slice(14, 17)).toBe('004')
  const r = parseIdNumber(id, TODAY)
  expect(r.ok && r.value.sex).toBe('female')
})

test.each([
  { areaCode: '5001', birthDate: '1990-03-07', sequence: 1 },
  { areaCode: '500101', birthDate: '19900307', sequence: 1 },
  { areaCode: '500101', birthDate: '1990-03-07', sequence: 1000 },
  { areaCode: '500101', birthDate: '1990-03-07', sequence: 1.5 },
])('生成函数拒绝不合法的参数 / makeIdNumber rejects malformed input: %o', (input) => {
  expect(() => makeIdNumber(input)).toThrow(RangeError)
})

test.each([' 110105 19491231 002x ', '１１０１０５１９４９１２３１００２ｘ', '11010519491231002Ｘ', '110105\u300019491231002X'])(
  '规范化去空格、转半角并把 x 大写 / normalisation strips spaces, converts full-width and upper-cases x: %j',
  (raw) => {
    expect(normalizeIdNumber(raw)).toBe('11010519491231002X')
  },
)

testRefusals('空白输入提示填写 / empty or blank input asks to fill it in', (raw) => parseIdNumber(raw, TODAY), '请填写身份证号码', ['', ' \u3000 '])

// The last one is a 15-digit first-generation number, no longer accepted.
testRefusals(
  '长度或字符不对提示 18 位 / wrong length or characters ask for 18 characters',
  (raw) => parseIdNumber(raw, TODAY),
  '身份证号码应为 18 位，最后一位可以是 X',
  ['1101051949123100', '11010519491231002X1', '110105194912310X2X', '11010519491231002Y', '110105491231002'],
)

test.each(TWO_DIGITS.filter((prefix) => !(prefix in PROVINCES)))('不存在的省级地区码被拒绝 / non-existent province prefixes are rejected: %s', (prefix) => {
  expect(parseIdNumber(withCheck(`${prefix}010519900307123`), TODAY)).toEqual({
    ok: false,
    message: '身份证号码的地区码不正确',
  })
})

test.each(Object.entries(PROVINCES))('所有省级地区码都被接受 / every listed province prefix is accepted: %s %s', (prefix) => {
  expect(parseIdNumber(withCheck(`${prefix}010519900307123`), TODAY).ok).toBe(true)
})

test.each(['19990230', '19000229', '20230229', '19990431', '19991301', '19990001', '19990100', '18991231'])(
  '不存在的日期和 1900 年前的年份被拒绝 / impossible calendar dates and years before 1900 are rejected: %s',
  (date) => {
    expect(parseIdNumber(withCheck(`500101${date}123`), TODAY)).toEqual({ ok: false, message: '身份证号码中的出生日期不存在' })
  },
)

test.each([
  ['20000229', '2000-02-29'],
  ['19000101', '1900-01-01'],
])('闰年 2 月 29 日与 1900-01-01 有效 / 29 February in a leap year and 1900-01-01 are accepted: %s', (date, birthDate) => {
  const parsed = parseIdNumber(withCheck(`500101${date}123`), TODAY)
  expect(parsed.ok && parsed.value.birthDate).toBe(birthDate)
})

test('出生日期晚于今天被拒绝 / a birth date after today is rejected', () => {
  expect(parseIdNumber(withCheck('50010120250616123'), TODAY)).toEqual({
    ok: false,
    message: '身份证号码中的出生日期不能晚于今天',
  })
  expect(parseIdNumber(withCheck('50010120250615123'), TODAY).ok).toBe(true)
})

test('“今天”按上海日历计算 / "today" is the Asia/Shanghai calendar day', () => {
  // 16:30 UTC on 14 June is already 00:30 on 15 June in Shanghai.
  const justAfterMidnightShanghai = new Date('2025-06-14T16:30:00Z')
  expect(parseIdNumber(withCheck('50010120250615123'), justAfterMidnightShanghai).ok).toBe(true)
  const justBeforeMidnightShanghai = new Date('2025-06-14T15:59:00Z')
  expect(parseIdNumber(withCheck('50010120250615123'), justBeforeMidnightShanghai)).toEqual({
    ok: false,
    message: '身份证号码中的出生日期不能晚于今天',
  })
})

testRefusals('校验位错误提示核对 / a wrong check character asks to double-check', (raw) => parseIdNumber(raw, TODAY), '身份证号码校验位不正确，请核对', [
  '110105194912310021',
  '50010119900307123X',
])

// Someone born on 29 February turns a year older on 1 March in common years.
test.each([
  ['1990-03-07', '2025-03-06', 34],
  ['1990-03-07', '2025-03-07', 35],
  ['1990-03-07', '1990-03-07', 0],
  ['1990-12-31', '1991-12-30', 0],
  ['2000-02-29', '2017-02-28', 16],
  ['2000-02-29', '2017-03-01', 17],
  ['2000-02-29', '2020-02-29', 20],
])(
  '周岁在生日当天增加，2 月 29 日出生者在平年 3 月 1 日满岁 / age in whole years goes up on the birthday (1 March for 29 February): %s on %s is %i',
  (birthDate, on, age) => {
    expect(ageOn(birthDate, on)).toBe(age)
  },
)

test('年龄函数拒绝格式错误的日期 / ageOn rejects malformed dates', () => {
  expect(() => ageOn('19900307', '2025-01-01')).toThrow(RangeError)
})

// Today is 2025-06-15: 16th birthday today, 16 tomorrow, 65 turning 66 tomorrow, 66 today.
test.each([
  ['2009-06-15', true],
  ['2009-06-16', false],
  ['1959-06-16', true],
  ['1959-06-15', false],
])('劳动力年龄 16 至 65 周岁含边界 / labourer age bounds 16 and 65 are inclusive: born %s → %s', (birthDate, ok) => {
  const parsed = parseLabourerIdNumber(makeIdNumber({ areaCode: '500101', birthDate, sequence: 11 }), TODAY)
  expect(parsed).toEqual(ok ? expect.objectContaining({ ok: true }) : { ok: false, message: '劳动力年龄应在 16 至 65 周岁之间' })
})

test('劳动力号码先给出身份证本身的错误 / labourer parsing reports ID errors first', () => {
  expect(parseLabourerIdNumber('', TODAY)).toEqual({ ok: false, message: '请填写身份证号码' })
  expect(parseLabourerIdNumber('110105194912310021', TODAY)).toEqual({
    ok: false,
    message: '身份证号码校验位不正确，请核对',
  })
})

test('性质：生成的有效号码解析回原来的各部分 / property: any generated valid ID parses back to its parts', () => {
  fc.assert(
    fc.property(validIdParts, (parts) => {
      const id = makeIdNumber(parts)
      expect(parseIdNumber(id, TODAY)).toEqual({
        ok: true,
        value: {
          idNumber: id,
          areaCode: parts.areaCode,
          birthDate: parts.birthDate,
          sex: parts.sequence % 2 === 1 ? 'male' : 'female',
        },
      })
    }),
  )
})

test('性质：改动任意一位都会使号码无效 / property: changing any single character makes a valid ID invalid', () => {
  const typo = oneCharChanged(validIdParts.map(makeIdNumber), (index) => (index === 17 ? '0123456789X' : '0123456789'))
  fc.assert(
    fc.property(typo, ({ mutated }) => {
      expect(parseIdNumber(mutated, TODAY).ok).toBe(false)
    }),
  )
})

test('性质：小写 x、全角和空格写法规范化后相同 / property: lowercase x, full-width and spaced variants normalise to the same value', () => {
  fc.assert(
    fc.property(validIdParts, fc.array(fc.constantFrom('ascii', 'full', 'lower', 'spaced'), { minLength: 18, maxLength: 18 }), (parts, styles) => {
      const id = makeIdNumber(parts)
      const variant = [...id]
        .map((c, i) => {
          if (styles[i] === 'full') return toFullWidth(c)
          if (styles[i] === 'lower') return c.toLowerCase()
          if (styles[i] === 'spaced') return ` ${c}`
          return c
        })
        .join('')
      expect(normalizeIdNumber(variant)).toBe(id)
      const parsed = parseIdNumber(variant, TODAY)
      expect(parsed.ok && parsed.value.idNumber).toBe(id)
    }),
  )
})

test('性质：以 X 结尾的号码小写和全角写法都有效 / property: IDs ending in X stay valid written as x or Ｘ', () => {
  fc.assert(
    fc.property(validIdParts, (parts) => {
      const id = makeIdNumber(parts)
      fc.pre(id.endsWith('X'))
      for (const last of ['x', 'Ｘ', 'ｘ']) {
        const parsed = parseIdNumber(id.slice(0, 17) + last, TODAY)
        expect(parsed.ok && parsed.value.idNumber).toBe(id)
      }
    }),
  )
})

// Well-formed values keep the first 3 and last 4 characters; anything else shows only its last 2.
testExamples('脱敏保留前 3 位和后 4 位，非 18 位的值只露出最后 2 位 / masking keeps the first 3 and last 4, other values only the last 2', maskIdNumber, [
  ['50010119900307123X', '500***********123X'],
  ['11010519491231002x', '110***********002X'],
  ['1234567', '*****67'],
  ['12', '**'],
  ['', ''],
])

test('性质：脱敏结果不多于保留的字符 / property: the mask never reveals more than the kept characters', () => {
  assertMaskRule(maskIdNumber, validIdParts.map(makeIdNumber), { fullLength: 18, head: 3, tail: 4, unit: '0123456789Xab中', maxLength: 30 })
})
