import { test, expect } from 'vitest'
import fc from 'fast-check'
import { ageOn, idCheckChar, makeIdNumber, maskIdNumber, normalizeIdNumber, parseIdNumber, parseLabourerIdNumber } from './id-number'

// Independent copy of the province-level prefixes, so a typo in the module's set shows up here.
const PREFIXES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]
const TODAY = new Date('2025-06-15T12:00:00+08:00')

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

test('校验位按 MOD 11-2 计算，与公开样例一致 / check char follows MOD 11-2 and matches published samples', () => {
  expect(idCheckChar('11010519491231002')).toBe('X')
  expect(idCheckChar('44052418800101001')).toBe('4')
  // Σ = 0 → index 0 → '1'
  expect(idCheckChar('00000000000000000')).toBe('1')
})

test('校验位函数拒绝不是 17 位数字的输入 / idCheckChar rejects input that is not 17 digits', () => {
  expect(() => idCheckChar('1101051949123100')).toThrow(RangeError)
  expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError)
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

test('生成函数拒绝不合法的参数 / makeIdNumber rejects malformed input', () => {
  expect(() => makeIdNumber({ areaCode: '5001', birthDate: '1990-03-07', sequence: 1 })).toThrow(RangeError)
  expect(() => makeIdNumber({ areaCode: '500101', birthDate: '19900307', sequence: 1 })).toThrow(RangeError)
  expect(() => makeIdNumber({ areaCode: '500101', birthDate: '1990-03-07', sequence: 1000 })).toThrow(RangeError)
  expect(() => makeIdNumber({ areaCode: '500101', birthDate: '1990-03-07', sequence: 1.5 })).toThrow(RangeError)
})

test('规范化去空格、转半角并把 x 大写 / normalisation strips spaces, converts full-width and upper-cases x', () => {
  expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X')
  expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
  expect(normalizeIdNumber('11010519491231002Ｘ')).toBe('11010519491231002X')
  expect(normalizeIdNumber('110105\u300019491231002X')).toBe('11010519491231002X')
})

test('空白输入提示填写 / empty or blank input asks to fill it in', () => {
  expect(parseIdNumber('', TODAY)).toEqual({ ok: false, message: '请填写身份证号码' })
  expect(parseIdNumber(' \u3000 ', TODAY)).toEqual({ ok: false, message: '请填写身份证号码' })
})

test('长度或字符不对提示 18 位 / wrong length or characters ask for 18 characters', () => {
  const message = '身份证号码应为 18 位，最后一位可以是 X'
  expect(parseIdNumber('1101051949123100', TODAY)).toEqual({ ok: false, message })
  expect(parseIdNumber('11010519491231002X1', TODAY)).toEqual({ ok: false, message })
  expect(parseIdNumber('110105194912310X2X', TODAY)).toEqual({ ok: false, message })
  expect(parseIdNumber('11010519491231002Y', TODAY)).toEqual({ ok: false, message })
  // 15-digit first-generation numbers are no longer accepted.
  expect(parseIdNumber('110105491231002', TODAY)).toEqual({ ok: false, message })
})

test('不存在的省级地区码被拒绝 / non-existent province prefixes are rejected', () => {
  for (const prefix of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '84', '90', '99']) {
    expect(parseIdNumber(withCheck(`${prefix}010519900307123`), TODAY)).toEqual({
      ok: false,
      message: '身份证号码的地区码不正确',
    })
  }
})

test('所有省级地区码都被接受 / every listed province prefix is accepted', () => {
  for (const prefix of PREFIXES) {
    expect(parseIdNumber(withCheck(`${prefix}010519900307123`), TODAY).ok).toBe(true)
  }
})

test('不存在的日期和 1900 年前的年份被拒绝 / impossible calendar dates and years before 1900 are rejected', () => {
  const message = '身份证号码中的出生日期不存在'
  for (const date of ['19990230', '19000229', '20230229', '19990431', '19991301', '19990001', '19990100', '18991231']) {
    expect(parseIdNumber(withCheck(`500101${date}123`), TODAY)).toEqual({ ok: false, message })
  }
})

test('闰年 2 月 29 日与 1900-01-01 有效 / 29 February in a leap year and 1900-01-01 are accepted', () => {
  const leap = parseIdNumber(withCheck('50010120000229123'), TODAY)
  expect(leap.ok && leap.value.birthDate).toBe('2000-02-29')
  const first = parseIdNumber(withCheck('50010119000101123'), TODAY)
  expect(first.ok && first.value.birthDate).toBe('1900-01-01')
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

test('校验位错误提示核对 / a wrong check character asks to double-check', () => {
  expect(parseIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, message: '身份证号码校验位不正确，请核对' })
  expect(parseIdNumber('50010119900307123X', TODAY)).toEqual({ ok: false, message: '身份证号码校验位不正确，请核对' })
})

test('周岁在生日当天增加 / age in whole years goes up on the birthday', () => {
  expect(ageOn('1990-03-07', '2025-03-06')).toBe(34)
  expect(ageOn('1990-03-07', '2025-03-07')).toBe(35)
  expect(ageOn('1990-03-07', '1990-03-07')).toBe(0)
  expect(ageOn('1990-12-31', '1991-12-30')).toBe(0)
})

test('2 月 29 日出生者在平年 3 月 1 日满岁 / someone born on 29 February turns a year older on 1 March in common years', () => {
  expect(ageOn('2000-02-29', '2017-02-28')).toBe(16)
  expect(ageOn('2000-02-29', '2017-03-01')).toBe(17)
  expect(ageOn('2000-02-29', '2020-02-29')).toBe(20)
})

test('年龄函数拒绝格式错误的日期 / ageOn rejects malformed dates', () => {
  expect(() => ageOn('19900307', '2025-01-01')).toThrow(RangeError)
})

test('劳动力年龄 16 至 65 周岁含边界 / labourer age bounds 16 and 65 are inclusive', () => {
  const message = '劳动力年龄应在 16 至 65 周岁之间'
  const make = (birthDate: string) => makeIdNumber({ areaCode: '500101', birthDate, sequence: 11 })
  expect(parseLabourerIdNumber(make('2009-06-15'), TODAY).ok).toBe(true) // 16th birthday today
  expect(parseLabourerIdNumber(make('2009-06-16'), TODAY)).toEqual({ ok: false, message }) // 16 tomorrow
  expect(parseLabourerIdNumber(make('1959-06-16'), TODAY).ok).toBe(true) // 65, turns 66 tomorrow
  expect(parseLabourerIdNumber(make('1959-06-15'), TODAY)).toEqual({ ok: false, message }) // 66 today
})

test('劳动力号码先给出身份证本身的错误 / labourer parsing reports ID errors first', () => {
  expect(parseLabourerIdNumber('', TODAY)).toEqual({ ok: false, message: '请填写身份证号码' })
  expect(parseLabourerIdNumber('110105194912310021', TODAY)).toEqual({
    ok: false,
    message: '身份证号码校验位不正确，请核对',
  })
})

test('脱敏保留前 3 位和后 4 位 / masking keeps the first 3 and last 4 characters', () => {
  expect(maskIdNumber('50010119900307123X')).toBe('500***********123X')
  expect(maskIdNumber('11010519491231002x')).toBe('110***********002X')
})

test('非 18 位的值只露出最后 2 位 / values that are not 18 characters show only the last 2', () => {
  expect(maskIdNumber('1234567')).toBe('*****67')
  expect(maskIdNumber('12')).toBe('**')
  expect(maskIdNumber('')).toBe('')
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
  fc.assert(
    fc.property(validIdParts, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (parts, index, shift) => {
      const id = makeIdNumber(parts)
      const alphabet = index === 17 ? '0123456789X' : '0123456789'
      const replacement = alphabet[(alphabet.indexOf(id[index]) + shift) % alphabet.length]
      fc.pre(replacement !== id[index])
      const mutated = id.slice(0, index) + replacement + id.slice(index + 1)
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

test('性质：脱敏结果不多于保留的字符 / property: the mask never reveals more than the kept characters', () => {
  fc.assert(
    fc.property(validIdParts, (parts) => {
      const id = makeIdNumber(parts)
      const masked = maskIdNumber(id)
      expect(masked).toHaveLength(18)
      expect(masked).toBe(id.slice(0, 3) + '*'.repeat(11) + id.slice(14))
    }),
  )
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'0123456789Xab中'), maxLength: 30 }), (s) => {
      const masked = [...maskIdNumber(s)]
      const revealed = masked.filter((c) => c !== '*').length
      expect(revealed).toBeLessThanOrEqual(masked.length === 18 ? 7 : 2)
    }),
  )
})
