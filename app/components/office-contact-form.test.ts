import fs from 'node:fs'
import { expect, test } from 'vitest'
import { OFFICE_CONTACT_HINTS } from './office-contact-form'

// Issue 11 follow-up: a Shandong bureau's contact form read like a Chongqing county's (023 numbers, 汉丰街道,
// "印在岗位公告和账号告知单上"). The hints follow the organisation's kind.

test('山东人社局的联系方式提示用山东示例，不提区县的告知单 / a bureau sees Shandong examples and no county-only wording', () => {
  const bureau = OFFICE_CONTACT_HINTS.bureau
  expect(bureau.phone).toContain('0536-')
  expect(bureau.address).toContain('潍坊市')
  for (const text of [bureau.phone, bureau.address]) expect(text).not.toMatch(/023-|汉丰|开州|告知单/)
  expect(OFFICE_CONTACT_HINTS.centre.phone).toContain('印在岗位公告和账号告知单上')
  // The operator's organisation page passes the organisation's kind, and its username example is neutral.
  const page = fs.readFileSync('app/routes/admin.organisations.$orgId.tsx', 'utf8')
  expect(page).toContain('kind={org.kind}')
  expect(page).not.toContain('wuxi_li')
})
