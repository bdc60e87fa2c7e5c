import { expect, test } from 'vitest'
import { normalizeLoginName } from './login-name'

test('工作人员用户名去空格并转小写 / staff names are trimmed and lower-cased', () => {
  expect(normalizeLoginName('  KaiZhou ')).toBe('kaizhou')
  expect(normalizeLoginName('ＷＥＩＦＡＮＧ')).toBe('weifang')
})

test('手机号的各种写法归一 / every way of typing a phone number reduces to 11 digits', () => {
  for (const typed of ['13996000001', '139 9600 0001', '+86 139-9600-0001', '０086１３９９６０００００１', '８６13996000001']) {
    expect(normalizeLoginName(typed)).toBe('13996000001')
  }
})

test('不像手机号的数字串原样保留 / digit strings that are not phone numbers stay as typed', () => {
  expect(normalizeLoginName('12345')).toBe('12345')
  expect(normalizeLoginName('23996000001')).toBe('23996000001')
})
