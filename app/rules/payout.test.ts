import fc from 'fast-check'
import { expect, test } from 'vitest'
import { maskNameForNotice, noticeRefusal, paymentOpensOn, payoutFileKind, payoutLabel, payoutMoneyText, payoutRefusal, payoutTitle, yuanOfFen } from './payout'

// Issue 13 §7: the public notice masks the middle of each name; amounts go to finance in yuan, exact to the fen;
// rows are added while open and marked once exported.

test('公示名单姓名：中间的字打码 / the notice masks the middle of a name', () => {
  expect(maskNameForNotice('张三')).toBe('张*')
  expect(maskNameForNotice('李四')).toBe('李*')
  expect(maskNameForNotice('张小三')).toBe('张*三')
  expect(maskNameForNotice('欧阳娜娜')).toBe('欧**娜')
  expect(maskNameForNotice('阿依古丽·买买提')).toBe('阿******提')
  expect(maskNameForNotice('王𠮷明')).toBe('王*明')
  expect(maskNameForNotice('')).toBe('')
})

test('性质：打码后长度不变，首字保留，三字以上末字保留 / property: masking keeps the length, the first and (from three) the last character', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('张', '李', '𠮷', '·', '娜'), { minLength: 2, maxLength: 20 }), (chars) => {
      const masked = [...maskNameForNotice(chars.join(''))]
      expect(masked).toHaveLength(chars.length)
      expect(masked[0]).toBe(chars[0])
      if (chars.length >= 3) expect(masked.at(-1)).toBe(chars.at(-1))
      expect(masked.slice(1, chars.length >= 3 ? -1 : undefined).every((c) => c === '*')).toBe(true)
    }),
  )
})

test('金额：分除以 100 一次，合计按分相加后再换算 / yuan is fen divided by 100 once; totals are summed in fen', () => {
  expect(yuanOfFen(20_000)).toBe(200)
  expect(yuanOfFen(12_345)).toBe(123.45)
  expect(yuanOfFen(1)).toBe(0.01)
  expect(yuanOfFen(10 + 20)).toBe(0.3)
  expect(() => yuanOfFen(1.5)).toThrow(RangeError)
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
      expect(yuanOfFen(fen).toFixed(2)).toBe(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`)
    }),
  )
})

test('编制中可加人和移出，导出后只能登记结果，办结后只能导出打码的名单存档 / an open payout takes rows; an exported one takes results; a closed one only exports its masked record copy', () => {
  expect(payoutRefusal('open', 'add')).toBeNull()
  expect(payoutRefusal('open', 'remove')).toBeNull()
  expect(payoutRefusal('open', 'mark')).toBe('请先导出发放名单交财政，再登记发放结果')
  expect(payoutRefusal('exported', 'add')).toBe('发放批次已导出，不能再加入申领。请新建发放批次')
  expect(payoutRefusal('exported', 'mark')).toBeNull()
  expect(payoutRefusal('exported', 'export')).toBeNull()
  expect(payoutRefusal('exported', 'close')).toBeNull()
  for (const op of ['add', 'remove', 'mark', 'close'] as const) expect(payoutRefusal('closed', op)).toBe('发放批次已办结，不能再修改')
  // A closed payout's list is still exported, for the record and reconciliation — the masked record copy only.
  expect(payoutRefusal('closed', 'export')).toBeNull()
  expect(payoutRefusal('closed', 'export_full')).toBe('发放批次已办结，不再导出含完整号码的名单。可以导出打码的名单存档、对账')
  expect(payoutRefusal('exported', 'export_full')).toBeNull()
  expect(payoutFileKind('open')).toBe('finance')
  expect(payoutFileKind('exported')).toBe('finance')
  expect(payoutFileKind('closed')).toBe('record')
})

test('公示期内不能登记发放结果，公示期满次日起可以 / results may not be recorded during the notice, from the day after it ends they may', () => {
  // Notice Thursday 2026-12-10 to Wednesday 2026-12-16: results from Thursday 2026-12-17.
  expect(paymentOpensOn('2026-12-16')).toBe('2026-12-17')
  expect(noticeRefusal('2026-12-16', '2026-12-10')).toBe('公示期到 2026-12-16 结束，2026-12-17 起才能登记发放结果')
  expect(noticeRefusal('2026-12-16', '2026-12-16')).not.toBeNull()
  expect(noticeRefusal('2026-12-16', '2026-12-17')).toBeNull()
  expect(noticeRefusal('2026-12-16', '2027-01-04')).toBeNull()
  expect(noticeRefusal(null, '2026-12-01')).toBeNull()
  expect(noticeRefusal('2026-12-16', '2026-12-16', 'export')).toBe(
    '公示期到 2026-12-16 结束，2026-12-17 起才能导出交财政。公示期间有异议的，可以把该申领移出发放批次',
  )
  expect(noticeRefusal('2026-12-16', '2026-12-17', 'export')).toBeNull()
})

test('发放批次只有一个标题写法：列表、批次页、公示、财政名单 / a payout has one title wording for its list, page, notice and finance file', () => {
  expect(payoutTitle('2026年第 1 批')).toBe('2026年第 1 批跨省务工一次性交通补助发放批次')
  expect(payoutTitle('2026年第 1 批', { county: '开州区', kind: 'notice' })).toBe('开州区2026年第 1 批跨省务工一次性交通补助发放公示')
  expect(payoutTitle('2026年第 1 批', { county: '开州区', kind: 'sheet' })).toBe('开州区2026年第 1 批跨省务工一次性交通补助发放名单')
  // The subsidy's name typed into the batch's name is said once, wherever it was typed.
  for (const typed of ['2026年跨省交通补助第 1 批', '2026年第 1 批跨省交通补助', ' 2026年第 1 批 跨省务工一次性交通补助发放批次 '])
    expect(payoutTitle(typed)).toBe('2026年第 1 批跨省务工一次性交通补助发放批次')
  expect(payoutTitle('交通补助')).toBe('跨省务工一次性交通补助发放批次')
  expect(payoutLabel('2026年第 1 批跨省交通补助')).toBe('2026年第 1 批')
})

test('发放批次只有一个合计：全部名单的金额，已发和发放失败写在旁边 / a payout has one total, every row on the list, with what was paid and what failed beside it', () => {
  expect(payoutMoneyText({ totalFen: 241_950, paidFen: 0, failed: 0, failedFen: 0 })).toEqual({ total: '¥2,419.50', split: null })
  expect(payoutMoneyText({ totalFen: 241_950, paidFen: 131_250, failed: 0, failedFen: 0 })).toEqual({ total: '¥2,419.50', split: '其中已发 ¥1,312.50' })
  expect(payoutMoneyText({ totalFen: 104_200, paidFen: 0, failed: 1, failedFen: 104_200 })).toEqual({
    total: '¥1,042.00',
    split: '其中已发 ¥0.00 · 发放失败 ¥1,042.00（1 人）',
  })
})
