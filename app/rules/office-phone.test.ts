import { OrganisationSchema } from './organisation-admin'
import { expect, test } from 'vitest'
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
