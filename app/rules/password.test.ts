import crypto from 'node:crypto'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { checkNewPassword, checkPasswordPersonal, checkPasswordStrength, generateInitialPassword, newPasswordField } from './password'

test('字母加数字、8 位以上的密码通过 / letters and digits of 8 or more characters pass', () => {
  for (const ok of ['shan9dong', 'Chongqing2026', 'ab3def7h', 'z'.repeat(63) + '1', '带字母a1的中文密码也行']) {
    expect(checkPasswordStrength(ok), ok).toBeNull()
  }
})

test('太短、太长、只有字母或只有数字被拒绝 / too short, too long, letters only or digits only are refused', () => {
  expect(checkPasswordStrength('')).toBe('请设置密码')
  expect(checkPasswordStrength('ab1')).toBe('密码至少 8 位')
  expect(checkPasswordStrength('a1'.repeat(33))).toBe('密码不能超过 64 位')
  expect(checkPasswordStrength('abcdefghij')).toBe('密码须同时包含字母和数字')
  expect(checkPasswordStrength('2718281828')).toBe('密码须同时包含字母和数字')
  // Length counts characters, not UTF-16 units: seven rare characters are still too short.
  expect(checkPasswordStrength('𠮷𠮷𠮷𠮷𠮷a1')).toBe('密码至少 8 位')
})

test('常见密码不分大小写被拒绝 / common passwords are refused in any letter case', () => {
  for (const common of ['Password1', 'ABCD1234', 'woaini1314', 'Luyu@2026', '1qaz2wsx']) {
    expect(checkPasswordStrength(common), common).toBe('这个密码太常见，容易被猜到，请换一个')
  }
})

test('控制字符（含 NUL）被拒绝 / control characters, NUL included, are refused', () => {
  expect(checkPasswordStrength('abc\u0000d1234')).toBe('密码包含无法识别的字符')
  expect(checkPasswordStrength('abcd\n1234')).toBe('密码包含无法识别的字符')
})

test('不能包含本人手机号或身份证号码 / the own phone or ID number may not be in the password', () => {
  const personal = { phone: '13996000002', idNumber: '50023419900512123X' }
  expect(checkPasswordPersonal('a13996000002', personal)).toBe('密码不能包含手机号或身份证号码')
  expect(checkPasswordPersonal('50023419900512123x', personal)).toBe('密码不能包含手机号或身份证号码')
  expect(checkPasswordPersonal('shan9dong', personal)).toBeNull()
  expect(checkNewPassword('id50023419900512123X', personal)).toBe('密码不能包含手机号或身份证号码')
  expect(checkNewPassword('short1', personal)).toBe('密码至少 8 位')
})

test('表单字段给出同样的中文提示 / the form field gives the same Chinese messages', () => {
  expect(newPasswordField.safeParse(undefined).error?.issues[0].message).toBe('请设置密码')
  expect(newPasswordField.safeParse('abc').error?.issues[0].message).toBe('密码至少 8 位')
  expect(newPasswordField.safeParse('shan9dong').data).toBe('shan9dong')
})

test('初始密码为 4 个字母加 4 个数字，无易混字符，且符合密码规则 / initial passwords are 4 letters + 4 digits without look-alikes and meet the rule', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (draws) => {
      let i = 0
      const password = generateInitialPassword((n) => draws[i++] % n)
      expect(password).toMatch(/^[a-z]{4}[2-9]{4}$/)
      expect(password).not.toMatch(/[ilo01]/)
      expect(checkPasswordStrength(password)).toBeNull()
    }),
  )
  const seen = new Set(Array.from({ length: 200 }, () => generateInitialPassword(crypto.randomInt)))
  expect(seen.size).toBeGreaterThan(195)
})

test('任意输入都不抛异常 / any input gives a message or null, never a throw', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string(), (password, phone) => {
      const message = checkNewPassword(password, { phone, idNumber: null })
      expect(message === null || typeof message === 'string').toBe(true)
    }),
  )
})
