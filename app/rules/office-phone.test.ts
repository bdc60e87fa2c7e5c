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
  expect(parseOfficePhone('52222608')).toEqual({ ok: false, message: '联系电话应为手机号，或带区号的固定电话（如 023-52222608）' })
})
