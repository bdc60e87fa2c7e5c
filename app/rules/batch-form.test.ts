import { expect, test } from 'vitest'
import { BatchSchema, POINT_MESSAGE } from './batch-form'
import { addDays, todayInShanghai } from './dates'

// The batch form's schema (issue 12 §2): what a hand-made request may not slip past it.

const base = {
  cityCode: '370700',
  pickupName: '汉丰街道汽车站',
  pickupAddress: '开州区汉丰街道滨湖路 1 号',
  departureDate: addDays(todayInShanghai(), 7),
  departureTime: '07:30',
  escortName: '王干部',
  escortPhone: '13800001111',
}

test('同一用人单位重复提交只算一家，超过 50 家才拒绝 / one employer sent 60 times counts once; over 50 distinct is refused', () => {
  expect(BatchSchema.safeParse({ ...base, employerIds: Array.from({ length: 60 }, () => '7') })).toMatchObject({ success: true, data: { employerIds: [7] } })
  const many = BatchSchema.safeParse({ ...base, employerIds: Array.from({ length: 51 }, (_, i) => String(i + 1)) })
  expect(many.success).toBe(false)
  expect(many.error?.issues.map((i) => i.message)).toEqual(['用人单位最多 50 家'])
})

test('地图位置不对（超出范围、在国外、不是数字、只给一半）是纬度旁的错误，不会被悄悄丢掉 / a map point out of range, abroad, not a number or half given is an error beside 纬度, not dropped', () => {
  const abroad = [
    { lat: '35.68', lng: '139.69' }, // Tokyo
    { lat: '-33.87', lng: '151.21' }, // Sydney
    { lat: '48.86', lng: '2.35' }, // Paris
    { lat: '108.39', lng: '31.16' }, // Kaizhou with the two swapped
  ]
  for (const point of [{ lat: '999', lng: '108.4' }, { lat: 'abc', lng: '108.4' }, { lat: '31.18' }, { lng: '108.4' }, ...abroad]) {
    const parsed = BatchSchema.safeParse({ ...base, ...point })
    expect(parsed.success, JSON.stringify(point)).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['lat', POINT_MESSAGE]])
  }
  expect(BatchSchema.safeParse({ ...base, lat: '31.18', lng: '108.41' }).success).toBe(true)
  expect(BatchSchema.safeParse({ ...base, lat: '', lng: '' }).success).toBe(true)
})
