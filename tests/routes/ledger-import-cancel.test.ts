import { count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { ledgerImportRows, ledgerImports } from '../../db/schema'
import { action as importPageAction, loader as importLoader } from '~/routes/west.imports.$importId'
import { loader as listLoader } from '~/routes/west.imports._index'
import { db } from '~/utils/db.server'
import { csvText, ledgerRow } from '../fixtures/spreadsheets'
import { ledgerUpload, postImportIntent, previewIdOf, runImport } from '../ledger-import'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { BASE, callLoader, context, cookieFor, settle } from '../request'

// Issue 11 follow-up: 取消，重新上传 on a preview is a POST (no JavaScript needed) that marks it 已取消 and
// deletes its kept rows, audited; a cancelled preview can no longer be confirmed; a preview past its
// window reads 未确认 in the list instead of 待确认 forever.

function postCancel(importId: number, cookie: string) {
  const request = new Request(`${BASE}/west/imports/${importId}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'cancel' }),
  })
  return settle(() => importPageAction({ request, context: context(), params: { importId: String(importId) } }))
}

function answerStatus(result: Awaited<ReturnType<typeof postCancel>>) {
  return 'value' in result ? (result.value as { init?: { status?: number } }).init?.status : result.thrown.status
}

async function preview(cookie: string, sequence: number) {
  return previewIdOf(await runImport(ledgerUpload(csvText([ledgerRow(sequence, { 姓名: '谭取消' })]), '开州台账.csv', cookie)))
}

test('取消预览：标为已取消、删掉暂存的行、记审计，回到上传页并提示；再确认被拒 / cancelling a preview marks it cancelled, deletes its rows, audits, and a confirm is refused', async () => {
  const cookie = await cookieFor('kaizhou')
  const id = await preview(cookie, 301)
  const params = { importId: String(id) }
  const page = await callLoader(importLoader, { path: `/west/imports/${id}`, cookie, params })
  expect('value' in page && page.value.mayCancel).toBe(true)

  const other = await postCancel(id, await cookieFor('xiushan'))
  expect(answerStatus(other)).toBe(404)
  expect(db.select().from(ledgerImports).where(eq(ledgerImports.id, id)).get()!.status).toBe('previewed')

  const cancelled = await postCancel(id, cookie)
  if (!('thrown' in cancelled)) throw new Error(`cancel answered ${JSON.stringify(cancelled.value)}`)
  expect(await noticeOf(cancelled.thrown)).toEqual({ location: '/west/workers/import', text: '已取消这次预览，没有写入任何数据；请重新上传文件。' })
  const row = db.select().from(ledgerImports).where(eq(ledgerImports.id, id)).get()!
  expect([row.status, row.rowsKept]).toEqual(['cancelled', false])
  expect(db.select({ n: count() }).from(ledgerImportRows).where(eq(ledgerImportRows.importId, id)).get()!.n).toBe(0)
  expect(auditOf('registry.import_cancel', id).at(-1)!.detail).toEqual({ new: 1, changed: 0 })

  // Sent again: told so, nothing audited twice.
  const again = await postCancel(id, cookie)
  expect('thrown' in again && (await noticeOf(again.thrown)).text).toBe('这次预览已经取消过了。')
  expect(auditOf('registry.import_cancel', id)).toHaveLength(1)

  const confirm = await postImportIntent(id, 'confirm', cookie)
  expect(answerStatus(confirm)).toBe(409)
  expect(JSON.stringify('value' in confirm && confirm.value)).toContain('这次预览已取消，不能再确认导入')
  const after = await callLoader(importLoader, { path: `/west/imports/${id}`, cookie, params })
  expect('value' in after && [after.value.import.status, after.value.mayConfirm, after.value.mayCancel]).toEqual(['cancelled', false, false])
})

test('已写入的导入不能取消；过期的预览在列表里显示未确认 / an applied import cannot be cancelled, and a stale preview lists as expired', async () => {
  const cookie = await cookieFor('kaizhou')
  const applied = await preview(cookie, 303)
  expect('thrown' in (await postImportIntent(applied, 'confirm', cookie))).toBe(true)
  expect(answerStatus(await postCancel(applied, cookie))).toBe(409)
  expect(db.select().from(ledgerImports).where(eq(ledgerImports.id, applied)).get()!.status).toBe('applied')

  const stale = await preview(cookie, 305)
  db.update(ledgerImports)
    .set({ createdAt: new Date(Date.now() - 2 * 60 * 60_000) })
    .where(eq(ledgerImports.id, stale))
    .run()
  const list = await callLoader(listLoader, { path: '/west/imports', cookie })
  if (!('value' in list)) throw new Error('no list')
  expect(list.value.rows.find((r) => r.id === stale)?.status).toBe('expired')
  expect(list.value.rows.find((r) => r.id === applied)?.status).toBe('applied')
})
