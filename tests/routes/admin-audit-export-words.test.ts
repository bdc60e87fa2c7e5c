import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { auditLog } from '../../db/schema'
import { loader as auditLoader } from '~/routes/admin.audit'
import { loader as exportLoader } from '~/routes/admin.audit[.xlsx]'
import { db } from '~/utils/db.server'
import { createTestClaim } from '../factories-subsidy'
import { userOf } from '../lookups'
import { callLoader, cookieFor, unwrapData } from '../request'

// The audit xlsx speaks the page's words (issue 15 review): 事项 and 对象 are the labels /admin/audit shows for the
// same entries — 登录, not auth.login; 补助申领：name, not subsidy_claim #1 — with the codes kept as the last
// columns for auditors.

const at = (shanghai: string) => new Date(`${shanghai}+08:00`)

test('导出的事项、对象与页面相同（中文），代码放在最后 / the export shows the page’s Chinese 事项 and 对象, codes last', async () => {
  const kaizhou = userOf('kaizhou')
  const { claim, claimant } = await createTestClaim('kaizhou', { state: 'submitted' })
  const entry = { actorUserId: kaizhou.id, organisationId: kaizhou.organisationId }
  db.insert(auditLog)
    .values([
      { ...entry, at: at('2033-05-05T09:00:00'), action: 'auth.login', entity: 'user', entityId: String(kaizhou.id) },
      { ...entry, at: at('2033-05-05T09:05:00'), action: 'claim.assisted_file', entity: 'claim', entityId: String(claim.id) },
      { ...entry, at: at('2033-05-05T09:10:00'), action: 'payout.export', entity: 'payout', entityId: '999999' },
    ])
    .run()
  const query = '?from=2033-05-05&to=2033-05-05'
  const cookie = await cookieFor('admin')

  const page = await callLoader(auditLoader, { path: `/admin/audit${query}`, cookie })
  if (!('value' in page)) throw new Error('expected the page')
  const shown = unwrapData<{ rows: { actionLabel: string; targetLabel: string }[] }>(page.value).data
  expect(shown.rows.map((r) => r.actionLabel)).toEqual(['导出补助发放名单', '代为申报交通补助', '登录'])

  const file = await callLoader(exportLoader, { path: `/admin/audit.xlsx${query}`, cookie })
  if (!('value' in file)) throw new Error('expected the file')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await file.value.arrayBuffer())
  const sheet = book.worksheets[0]
  const headers = (sheet.getRow(2).values as unknown[]).slice(1).map(String)
  expect(headers.slice(-2)).toEqual(['操作代码', '原因代码'])
  const rows = [3, 4, 5].map((n) => Object.fromEntries(headers.map((h, i) => [h, sheet.getRow(n).getCell(i + 1).text])))
  // The same words as the page, row for row, from the one label source.
  expect(rows.map((r) => r['事项'])).toEqual(shown.rows.map((r) => r.actionLabel))
  expect(rows.map((r) => r['对象'])).toEqual(shown.rows.map((r) => r.targetLabel))
  expect(rows.map((r) => r['操作代码'])).toEqual(['payout.export', 'claim.assisted_file', 'auth.login'])
  expect(rows[2]['事项']).toBe('登录')
  expect(rows[1]['对象']).toBe(`补助申领：${claimant.worker.name} ${claim.year}年`)
  expect(rows[0]['对象']).toBe('发放批次 #999999（已删除）')
  for (const r of rows) expect(`${r['事项']}${r['对象']}`).not.toMatch(/[a-z]+[._][a-z]+/)
})
