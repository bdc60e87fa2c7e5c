import fs from 'node:fs'
import { expect, test } from 'vitest'
import { officeContactHints } from './office-contact-form'

// Issue 11 follow-up: a Shandong bureau's contact form read like a Chongqing county's (023 numbers, 汉丰街道,
// "印在岗位公告和账号告知单上"). Issue 14 review: and every bureau read like Weifang's, every county like 开州's.
// The hints follow the organisation's kind and its own area.

test('山东人社局的联系方式提示用本市示例，不提区县的告知单 / a bureau sees its own city’s examples and no county-only wording', () => {
  const weifang = officeContactHints('bureau', '370700')
  expect(weifang.phone).toContain('0536-')
  expect(weifang.address).toContain('潍坊市')
  for (const text of [weifang.phone, weifang.address]) expect(text).not.toMatch(/023-|汉丰|开州|告知单/)
  const dezhou = officeContactHints('bureau', '371400')
  expect(dezhou.phone).toContain('0534-')
  expect(dezhou.address).toContain('德州市')
  for (const text of [dezhou.phone, dezhou.address]) expect(text).not.toMatch(/0536|潍坊|023-/)
  expect(officeContactHints('centre', '500154').phone).toContain('印在岗位公告和账号告知单上')
  const xiushan = officeContactHints('centre', '500241')
  expect(`${xiushan.phone}${xiushan.address}`).toContain('秀山县')
  expect(`${xiushan.phone}${xiushan.address}`).not.toMatch(/开州|汉丰|0536/)
  // The operator's organisation page passes the organisation's kind and area, and its username example is neutral.
  const page = fs.readFileSync('app/routes/admin.organisations.$orgId.tsx', 'utf8')
  expect(page).toContain('kind={org.kind}')
  expect(page).toContain('areaCode={org.areaCode}')
  expect(page).not.toContain('wuxi_li')
})
