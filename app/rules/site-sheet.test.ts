import { expect, test } from 'vitest'
import { SITE_FIELD_BY_HEADER, siteStatusOfCell } from './site-sheet'
import { headerKey } from './sheet-header'

test('“状态”一格：运营中、已关闭和常见的说法，空着为不改 / a 状态 cell: the labels and the usual words, blank for no change', () => {
  for (const word of ['运营中', '开放', '正常', '启用', ' 营业中 ', 'active', 'Open']) expect(siteStatusOfCell(word), word).toBe('active')
  for (const word of ['已关闭', '关闭', '停用', '关停', '暂停', '（已关闭）', 'closed']) expect(siteStatusOfCell(word), word).toBe('closed')
  for (const word of ['', '  ', '\u3000']) expect(siteStatusOfCell(word), JSON.stringify(word)).toBe('')
  for (const word of ['半开', '待定', '运营中/已关闭']) expect(siteStatusOfCell(word), word).toBeNull()
  expect(SITE_FIELD_BY_HEADER.get(headerKey('状态'))).toBe('status')
  expect(SITE_FIELD_BY_HEADER.get(headerKey('站点状态'))).toBe('status')
})
