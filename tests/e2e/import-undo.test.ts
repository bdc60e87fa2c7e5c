import fs from 'node:fs'
import path from 'node:path'
import { expect, inject, test } from 'vitest'
import { makeIdNumber } from '~/rules/id-number'
import { csvText, ledgerRow } from '../fixtures/spreadsheets'
import { TEST_TMP } from '../setup/paths'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// Issue 11 §1 follow-up in Chromium without JavaScript: undoing a ledger import is two steps. The import's
// 撤销这次导入… opens a confirmation view saying exactly how many people are removed and restored; 取消 goes
// back and changes nothing, 确认撤销 undoes and says what it did.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()
const inLedger = (idNumber: string) => withDatabase((db) => db.prepare('select 1 from workers where id_number = ?').get(idNumber) != null, { readonly: true })

test('撤销导入先到确认页：说明删除和恢复的人数，取消不改动，确认后撤销（无脚本）/ undoing an import goes through a confirmation view that counts what it removes and restores; cancel changes nothing, confirm undoes (no JavaScript)', async () => {
  try {
    const clerk = await freshPage({ ...DESKTOP, javaScriptEnabled: false })
    await signIn(clerk, baseURL, 'kaizhou', DEMO_PASSWORD)
    // Two people new to the ledger, numbered from the clock so a re-run on the same server finds them new.
    const base = 601 + 2 * (Math.floor(Date.now() / 1000) % 150)
    const ids = [base, base + 2].map((sequence) => makeIdNumber({ areaCode: '500154', birthDate: '1988-03-05', sequence }))
    const file = path.join(TEST_TMP, `undo-${Date.now()}.csv`)
    fs.writeFileSync(file, csvText(ids.map((id, i) => ledgerRow(0, { 姓名: i ? '谭确认' : '冉确认', 身份证号码: id }))))
    await clerk.goto(`${baseURL}/west/workers/import`)
    await clerk.getByLabel('台账文件').setInputFiles(file)
    await clerk.getByRole('button', { name: '检查并预览' }).click()
    await clerk.getByRole('button', { name: '确认导入' }).click()
    await clerk.getByText('已导入：新增 2 人').waitFor()
    expect(ids.map(inLedger)).toEqual([true, true])
    const importUrl = clerk.url()

    await clerk.getByRole('link', { name: '撤销这次导入…' }).click()
    await clerk.getByRole('heading', { name: '确认撤销这次导入？' }).waitFor()
    const confirmation = await clerk.getByRole('region', { name: '确认撤销这次导入？' }).innerText()
    expect(confirmation).toContain('删除这次新增的 2 人')
    expect(confirmation).toContain('更新过的 0 人恢复')
    await screenshot(clerk, 'import-undo-confirm-1280')
    await clerk.getByRole('link', { name: '取消' }).click()
    await clerk.getByRole('link', { name: '撤销这次导入…' }).waitFor()
    expect(clerk.url()).toBe(importUrl)
    expect(ids.map(inLedger)).toEqual([true, true])

    const phone = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await signIn(phone, baseURL, 'kaizhou', DEMO_PASSWORD)
    await phone.goto(`${importUrl}?confirm=undo`)
    await phone.getByRole('heading', { name: '确认撤销这次导入？' }).waitFor()
    await screenshot(phone, 'import-undo-confirm-360')
    await phone.getByRole('button', { name: '确认撤销' }).click()
    await phone.getByText('已撤销这次导入：删除新增的 2 人，恢复 0 人原来的内容。').waitFor()
    expect(ids.map(inLedger)).toEqual([false, false])
    await expect(phone.getByRole('link', { name: '撤销这次导入…' }).count()).resolves.toBe(0)
    fs.rmSync(file, { force: true })
  } finally {
    await closeAll()
  }
})
