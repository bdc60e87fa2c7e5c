import { test, expect } from 'vitest'
import { z } from 'zod'
import { makeIdNumber } from './id-number'
import { formatDate } from './dates'
import { bankCardField, idNumberField, labourerIdNumberField, mobileField, requiredText, usccField, yuanToFenField } from './fields'

function messages(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => i.message)
}

test('身份证字段输出规范化号码 / the ID field outputs the normalised number', () => {
  expect(idNumberField.parse(' 11010519491231002x ')).toBe('11010519491231002X')
})

test('身份证字段给出中文错误 / the ID field reports the Chinese parser message', () => {
  expect(messages(idNumberField, '110105194912310021')).toEqual(['身份证号码校验位不正确，请核对'])
  expect(messages(idNumberField, '')).toEqual(['请填写身份证号码'])
})

test('缺少字段时提示填写而不是英文默认信息 / a missing field says 请填写 instead of zod English', () => {
  expect(messages(idNumberField, undefined)).toEqual(['请填写身份证号码'])
  expect(messages(labourerIdNumberField, undefined)).toEqual(['请填写身份证号码'])
  expect(messages(mobileField, undefined)).toEqual(['请填写手机号码'])
  expect(messages(usccField, undefined)).toEqual(['请填写统一社会信用代码'])
  expect(messages(bankCardField, undefined)).toEqual(['请填写银行卡号'])
  expect(messages(yuanToFenField, undefined)).toEqual(['请填写金额'])
  expect(messages(requiredText('姓名', 20), undefined)).toEqual(['请填写姓名'])
  expect(messages(mobileField, null)).toEqual(['请填写手机号码'])
})

test('对象里的字段错误带路径 / issues inside an object carry the field path', () => {
  const schema = z.object({ name: requiredText('姓名', 20), phone: mobileField })
  const r = schema.safeParse({ name: '张三' })
  expect(r.success).toBe(false)
  expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['phone', '请填写手机号码']])
})

test('劳动力身份证字段按今天检查年龄 / the labourer ID field checks age against today', () => {
  const today = formatDate(new Date())
  const tenYearsOld = makeIdNumber({ areaCode: '500101', birthDate: `${Number(today.slice(0, 4)) - 10}-01-01`, sequence: 1 })
  const thirtyYearsOld = makeIdNumber({ areaCode: '500101', birthDate: `${Number(today.slice(0, 4)) - 30}-01-01`, sequence: 1 })
  expect(messages(labourerIdNumberField, tenYearsOld)).toEqual(['劳动力年龄应在 16 至 65 周岁之间'])
  expect(labourerIdNumberField.parse(thirtyYearsOld)).toBe(thirtyYearsOld)
})

test('手机号字段输出 11 位数字 / the mobile field outputs 11 digits', () => {
  expect(mobileField.parse('+86 138-1234-5678')).toBe('13812345678')
  expect(messages(mobileField, '12812345678')).toEqual(['手机号码应为 11 位，以 13–19 开头'])
})

test('信用代码字段输出大写 / the USCC field outputs upper case', () => {
  expect(usccField.parse('91350100m000100y43')).toBe('91350100M000100Y43')
  expect(messages(usccField, '91350100M000100Y44')).toEqual(['统一社会信用代码校验位不正确，请核对'])
})

test('银行卡字段输出纯数字 / the bank card field outputs digits only', () => {
  expect(bankCardField.parse('6200 0000 0000 0005')).toBe('6200000000000005')
  expect(messages(bankCardField, '6200000000000006')).toEqual(['银行卡号校验不通过，请核对'])
})

test('金额字段输出整数分 / the amount field outputs integer fen', () => {
  expect(yuanToFenField.parse('6,000.5')).toBe(600050)
  expect(messages(yuanToFenField, '-1')).toEqual(['金额不能为负数'])
})

test('必填文本去掉首尾空白 / required text is trimmed', () => {
  expect(requiredText('姓名', 20).parse('  张三 \u3000')).toBe('张三')
})

test('必填文本为空提示填写 / empty required text asks to fill it in', () => {
  expect(messages(requiredText('企业名称', 50), '')).toEqual(['请填写企业名称'])
  expect(messages(requiredText('企业名称', 50), ' \u3000 ')).toEqual(['请填写企业名称'])
})

test('必填文本超长被拒绝，恰好等于上限可以 / over-long text is rejected, exactly the limit is fine', () => {
  const schema = requiredText('姓名', 4)
  expect(schema.parse('欧阳娜娜')).toBe('欧阳娜娜')
  expect(messages(schema, '欧阳娜娜娜')).toEqual(['姓名不能超过 4 个字'])
})

test('扩展区汉字按一个字计数 / characters outside the BMP count as one character', () => {
  // '𠮷' is two UTF-16 code units but one character.
  expect(requiredText('姓名', 3).parse('𠮷𠮷𠮷')).toBe('𠮷𠮷𠮷')
  expect(messages(requiredText('姓名', 3), '𠮷𠮷𠮷𠮷')).toEqual(['姓名不能超过 3 个字'])
})

test('含控制字符被拒绝 / control characters are rejected', () => {
  const schema = requiredText('备注', 100)
  for (const raw of ['张\u0000三', '张\t三', '第一行\n第二行', '张\u001b三', '张\u007f三']) {
    expect(messages(schema, raw)).toEqual(['包含无法识别的字符'])
  }
})
