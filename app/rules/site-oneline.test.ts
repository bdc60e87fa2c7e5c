import { expect, test } from 'vitest'
import { optionalText } from './fields'
import { siteFieldsSchema } from './site'

// Issue 14 §1, the whole kind: a site's one-line fields (number, name, address, contact, phone, hours) — the
// form's and the import's, one schema — never store a line break, a paragraph or line separator, a tab, a
// control or a format character: each is refused beside its field or normalised away.

const good = {
  type: 'workstation',
  siteNumber: 'WF-GZZ-01',
  name: '潍坊高新区劳务工作站',
  address: '潍坊市高新区健康东街 6888 号',
  lat: '36.7066',
  lng: '119.1617',
  contactName: '王敏',
  contactPhone: '0536-8888888',
  openingHours: '周一至周五 8:30-17:30',
  services: ['job_referral'],
  workersHelped: '12',
}

const ONE_LINE = ['siteNumber', 'name', 'address', 'contactName', 'contactPhone', 'openingHours'] as const

/** Line and paragraph breaks of every kind, tab, vertical tab, form feed, NEL, NUL, and format characters (RLO, ZWSP, BOM). */
const BREAKERS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\t', '\u000b', '\u000c', '\u0085', '\u0000', '\u202e', '\u200b', '\ufeff']

test('站点的单行字段不接受换行、段落分隔符和控制字符 / a site’s one-line fields refuse or drop line and paragraph separators and control characters', () => {
  for (const field of ONE_LINE) {
    for (const ch of BREAKERS) {
      // In the middle of the value: "0536-888" + ch + "8888" for the phone, "潍坊高新区" + ch + "劳务工作站" …
      const value = good[field].slice(0, 4) + ch + good[field].slice(4)
      const label = `${field} U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`
      const r = siteFieldsSchema.safeParse({ ...good, [field]: value })
      if (r.success) {
        const stored = String(r.data[field])
        expect(stored, label).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u)
      } else {
        expect(
          r.error.issues.map((i) => i.path[0]),
          label,
        ).toContain(field)
      }
    }
  }
  // Site 34's name: a U+2028 inside a name is refused beside 站点名称.
  const r = siteFieldsSchema.safeParse({ ...good, name: '潍坊\u2028劳务工作站' })
  expect(r.success).toBe(false)
  expect(r.error?.issues[0]).toMatchObject({ path: ['name'], message: '站点名称包含无法识别的字符' })
})

test('多行文字把 U+2028、U+2029 当作换行保留 / a multi-line text keeps U+2028 and U+2029 as line breaks', () => {
  expect(optionalText('备注', 100, { multiline: true }).parse('第一行\u2028第二行\u2029第三行')).toBe('第一行\n第二行\n第三行')
  expect(optionalText('备注', 100).safeParse('第一行\u2028第二行').success).toBe(false)
})
