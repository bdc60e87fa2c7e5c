import fc from 'fast-check'
import { expect, test } from 'vitest'
import { OrganisationSchema } from './organisation-admin'
import { parseOfficePhone } from './office-phone'

test('单位电话：带区号的固话或手机号，统一写法 / an office phone is a landline with its area code or a mobile, written one way', () => {
  expect(parseOfficePhone('023-52222608')).toEqual({ ok: true, value: '023-52222608' })
  expect(parseOfficePhone('0536 8789660')).toEqual({ ok: true, value: '0536-8789660' })
  expect(parseOfficePhone('05368789660')).toEqual({ ok: true, value: '0536-8789660' })
  expect(parseOfficePhone('０２３－５２２２２６０８')).toEqual({ ok: true, value: '023-52222608' })
  expect(parseOfficePhone('010-62345678-801')).toEqual({ ok: true, value: '010-62345678-801' })
  expect(parseOfficePhone('139 9600 0001')).toEqual({ ok: true, value: '13996000001' })
  for (const bad of ['', '52222608', '023-123', '12345678901', '023-5222260a', '0536-0789660']) expect(parseOfficePhone(bad).ok, bad).toBe(false)
  expect(parseOfficePhone('52222608')).toEqual({ ok: false, message: '联系电话应为 11 位手机号，或带区号的固定电话（区号和号码之间可加短横线）' })
})

test('新建单位表单的电话用同一条规则：可不填，填了就要是手机号或带区号的固定电话 / a new organisation’s phone follows the same rule: optional, else a mobile or a landline with its area code', () => {
  const base = { kind: 'centre', areaCode: '500238', name: '巫溪县就业和人才服务局', shortName: '巫溪' }
  expect(OrganisationSchema.safeParse({ ...base, contactPhone: '' })).toMatchObject({ success: true, data: { contactPhone: null } })
  expect(OrganisationSchema.safeParse({ ...base, contactPhone: '023 51523366' })).toMatchObject({ success: true, data: { contactPhone: '023-51523366' } })
  const bad = OrganisationSchema.safeParse({ ...base, contactPhone: '12345' })
  expect(bad.success).toBe(false)
  expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['contactPhone', '联系电话应为 11 位手机号，或带区号的固定电话（区号和号码之间可加短横线）'],
  ])
})

test('带国家码的手机号也收（安全要求 §18）：+86、0086、86，空格、短横线、全角都行 / a mobile with +86, 0086 or 86, any spacing, dashes or full width is accepted', () => {
  for (const typed of [
    '+86 139 9600 0001',
    '＋８６１３９９６０００００１',
    '86-13996000001',
    '0086 13996000001',
    '+86-139-9600-0001',
    '(+86) 13996000001',
    '+86\u3000139\u30009600\u30000001',
  ])
    expect(parseOfficePhone(typed), typed).toEqual({ ok: true, value: '13996000001' })
  // A prefix is removed only when 11 digits remain: a shortened number is never made valid.
  for (const bad of ['+86 139 9600 001', '+86 1399600000', '86139960000012', '+87 13996000001']) expect(parseOfficePhone(bad).ok, bad).toBe(false)
  // Landlines keep working, with the area code in brackets as business cards print it.
  expect(parseOfficePhone('(023) 52222608')).toEqual({ ok: true, value: '023-52222608' })
  expect(parseOfficePhone('（0536）8789660')).toEqual({ ok: true, value: '0536-8789660' })
  expect(parseOfficePhone('0536 8789660 转 801')).toEqual({ ok: false, message: expect.any(String) })
})

test('任意写法的手机号都读成同一个 11 位号码 / any way of writing a mobile reads as its 11 digits', () => {
  const fullWidth = (s: string) => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
  const mobile = fc
    .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
    .map(([second, rest]) => `1${second}${rest.join('')}`)
  const separator = fc.constantFrom('', ' ', '-', '\u3000', '－', '\u00a0')
  const prefix = fc.constantFrom('', '+86', '0086', '86', '+86 ', '(+86)', '86-')
  fc.assert(
    fc.property(mobile, prefix, fc.array(separator, { minLength: 11, maxLength: 11 }), fc.boolean(), (digits, pre, seps, wide) => {
      const typed = pre + [...digits].map((d, i) => (i > 0 ? seps[i] : '') + d).join('')
      expect(parseOfficePhone(wide ? fullWidth(typed) : typed)).toEqual({ ok: true, value: digits })
    }),
  )
})

test('任意写法的固话都读成“区号-号码” / any way of writing a landline reads as area-number', () => {
  const area = fc.oneof(
    fc.constantFrom('010', '020', '021', '023', '029'),
    fc.integer({ min: 300, max: 999 }).map((n) => `0${n}`),
  )
  const number = fc
    .tuple(fc.integer({ min: 2, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 7 }))
    .map(([first, rest]) => `${first}${rest.join('')}`)
  const joint = fc.constantFrom('', '-', ' ', '－', '\u3000')
  fc.assert(
    fc.property(area, number, joint, fc.boolean(), (a, n, j, bracket) => {
      const typed = bracket ? `(${a})${j}${n}` : `${a}${j}${n}`
      // 3-digit area codes are 010 and 02X only, so 0XXX with a 7-digit number never reads as 02X.
      expect(parseOfficePhone(typed)).toEqual({ ok: true, value: `${a}-${n}` })
    }),
  )
})
