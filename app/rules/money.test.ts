import { test, expect } from 'vitest'
import fc from 'fast-check'
import { formatFen, formatYuan, parseYuanToFen } from './money'

test('分格式化为带千分位的元 / fen format as yuan with thousands separators', () => {
  expect(formatFen(123450)).toBe('¥1,234.50')
  expect(formatFen(0)).toBe('¥0.00')
  expect(formatFen(5)).toBe('¥0.05')
  expect(formatFen(100)).toBe('¥1.00')
  expect(formatFen(99999)).toBe('¥999.99')
  expect(formatFen(10_000_000_000)).toBe('¥100,000,000.00')
})

test('负数前面加减号 / negative amounts get a leading minus', () => {
  expect(formatFen(-123450)).toBe('-¥1,234.50')
  expect(formatFen(-5)).toBe('-¥0.05')
})

test('非整数分直接报错 / non-integer fen throws', () => {
  expect(() => formatFen(1.5)).toThrow(RangeError)
  expect(() => formatFen(Number.NaN)).toThrow(RangeError)
})

test('整元金额格式化 / whole-yuan amounts format without decimals', () => {
  expect(formatYuan(6000)).toBe('¥6,000')
  expect(formatYuan(0)).toBe('¥0')
  expect(formatYuan(1_234_567)).toBe('¥1,234,567')
  expect(formatYuan(-1500)).toBe('-¥1,500')
})

test('带小数的元退回到分的格式 / fractional yuan falls back to two decimals', () => {
  expect(formatYuan(12.5)).toBe('¥12.50')
  expect(() => formatYuan(Number.POSITIVE_INFINITY)).toThrow(RangeError)
})

test('接受常见写法 / common spellings are accepted', () => {
  expect(parseYuanToFen('1234')).toEqual({ ok: true, value: 123400 })
  expect(parseYuanToFen('1,234.5')).toEqual({ ok: true, value: 123450 })
  expect(parseYuanToFen('1234.50')).toEqual({ ok: true, value: 123450 })
  expect(parseYuanToFen(' ¥1,234.50 ')).toEqual({ ok: true, value: 123450 })
  expect(parseYuanToFen('￥6000元')).toEqual({ ok: true, value: 600000 })
  expect(parseYuanToFen('１２３４．５')).toEqual({ ok: true, value: 123450 })
  expect(parseYuanToFen('0')).toEqual({ ok: true, value: 0 })
  expect(parseYuanToFen('007.1')).toEqual({ ok: true, value: 710 })
})

test('不会出现浮点舍入误差 / no floating-point rounding errors', () => {
  // 0.29 * 100 === 28.999999999999996 and 1.15 * 100 === 114.99999999999999 in IEEE 754.
  expect(parseYuanToFen('0.29')).toEqual({ ok: true, value: 29 })
  expect(parseYuanToFen('1.15')).toEqual({ ok: true, value: 115 })
  expect(parseYuanToFen('4.35')).toEqual({ ok: true, value: 435 })
  expect(parseYuanToFen('99999999.99')).toEqual({ ok: true, value: 9_999_999_999 })
})

test('空白输入提示填写 / empty input asks to fill it in', () => {
  expect(parseYuanToFen('')).toEqual({ ok: false, message: '请填写金额' })
  expect(parseYuanToFen('  ')).toEqual({ ok: false, message: '请填写金额' })
  expect(parseYuanToFen('¥')).toEqual({ ok: false, message: '请填写金额' })
})

test('负数被拒绝 / negative amounts are rejected', () => {
  expect(parseYuanToFen('-5')).toEqual({ ok: false, message: '金额不能为负数' })
  expect(parseYuanToFen('－5')).toEqual({ ok: false, message: '金额不能为负数' })
})

test('超过两位小数被拒绝 / more than two decimals are rejected', () => {
  expect(parseYuanToFen('1.234')).toEqual({ ok: false, message: '金额最多精确到分（小数点后两位）' })
  expect(parseYuanToFen('0.001')).toEqual({ ok: false, message: '金额最多精确到分（小数点后两位）' })
})

test('超过 1 亿元被拒绝，1 亿元本身可以 / more than 100 million yuan is rejected, exactly 100 million is fine', () => {
  expect(parseYuanToFen('100000000')).toEqual({ ok: true, value: 10_000_000_000 })
  expect(parseYuanToFen('100,000,000.00')).toEqual({ ok: true, value: 10_000_000_000 })
  expect(parseYuanToFen('100000000.01')).toEqual({ ok: false, message: '金额不能超过 1 亿元' })
  expect(parseYuanToFen('1000000000')).toEqual({ ok: false, message: '金额不能超过 1 亿元' })
  expect(parseYuanToFen('1'.repeat(40))).toEqual({ ok: false, message: '金额不能超过 1 亿元' })
})

test('格式不对被拒绝 / malformed amounts are rejected', () => {
  const message = '请输入正确的金额，例如 1234.50'
  for (const raw of ['abc', '1.2.3', '12,34', '1,2345', ',123', '.5', '5.', '1e5', '0x10', '12元5角', 'NaN']) {
    expect(parseYuanToFen(raw)).toEqual({ ok: false, message })
  }
})

test('性质：分格式化后再解析得到原值 / property: formatFen then parseYuanToFen round-trips', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
      expect(parseYuanToFen(formatFen(fen))).toEqual({ ok: true, value: fen })
    }),
  )
})

test('性质：元和角分拆开写的字符串解析为精确的分 / property: "yuan.ff" strings parse to exact fen', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
      const raw = `${yuan}.${String(cents).padStart(2, '0')}`
      expect(parseYuanToFen(raw)).toEqual({ ok: true, value: yuan * 100 + cents })
    }),
  )
})
