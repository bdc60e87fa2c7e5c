import { maskNumbersInText } from '~/rules/personal-numbers'
import ExcelJS from 'exceljs'
import { eq } from 'drizzle-orm'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { subsidyPayouts, users } from '../../db/schema'
import { PayoutExportSection } from '~/components/payout-detail'
import { createStaffAccount } from '~/models/account-admin.server'
import { addClaimsToPayout, closePayout, createPayout, exportPayout, getPayoutForCounty, markPayoutRows } from '~/models/payout.server'
import { maskCard } from '~/rules/card-number'
import { addDays, todayInShanghai } from '~/rules/dates'
import { maskIdNumber } from '~/rules/id-number'
import { db } from '~/utils/db.server'
import { loader as payoutLoader } from '~/routes/west.payouts.$payoutId._index'
import { action as exportAction } from '~/routes/west.payouts.$payoutId.export[.xlsx]'
import { actorFor } from '../factories'
import { createTestClaim } from '../factories-subsidy'
import { auditOf } from '../lookups'
import { renderAt, textOf } from '../render'
import { callAction, callLoader, cookieFor } from '../request'

// A closed payout (办结) still exports its list — a county finance officer files it and reconciles against the
// bank's report — as the record copy: each person's result and failure reason, the ID and card numbers masked
// (nothing is left to pay to them), the payout staying closed, audited like every export. The file with full
// numbers is refused once closed, with the reason. Another county's closed payout is a 404; east staff 403.

const CARD = '6222020200000003018'

/** A second west staff user of kaizhou (the approver of a claim may neither add it nor mark it): its username. */
async function cashier() {
  const username = `kaizhouclosed${Math.random().toString(36).slice(2, 8)}`
  const made = await createStaffAccount(actorFor('admin'), actorFor('kaizhou').organisationId, {
    username,
    displayName: '出纳',
    contactPhone: '13800002222',
  })
  if (!made?.ok) throw new Error(`createStaffAccount: ${JSON.stringify(made)}`)
  db.update(users).set({ mustChangePassword: false }).where(eq(users.id, made.userId)).run()
  return username
}

/** A kaizhou payout of two claims, exported, one paid and one failed, then closed; its id and the people. */
async function closedPayout(staff: string, failureMessage = '账户已销户') {
  const people = [
    await createTestClaim('kaizhou', { state: 'approved', approvedFen: 45_650 }),
    await createTestClaim('kaizhou', { state: 'approved', approvedFen: 1 }),
  ]
  const actor = actorFor(staff)
  const made = createPayout(actor, { title: '办结导出', noticeFrom: addDays(todayInShanghai(), -14) })
  if (!made.ok) throw new Error(made.message)
  const payoutId = made.id
  expect(
    addClaimsToPayout(
      actor,
      payoutId,
      people.map((p) => p.claim.id),
    ),
  ).toMatchObject({ ok: true })
  expect(exportPayout(actor, payoutId, { full: false })).toMatchObject({ ok: true })
  const rows = getPayoutForCounty(actor, payoutId)!.rows
  const rowOf = (claimId: number) => rows.find((r) => r.claimId === claimId)!.id
  expect(markPayoutRows(actor, payoutId, [rowOf(people[0].claim.id)], { result: 'paid' })).toMatchObject({ ok: true })
  expect(markPayoutRows(actor, payoutId, [rowOf(people[1].claim.id)], { result: 'failed', message: failureMessage })).toMatchObject({ ok: true })
  expect(closePayout(actor, payoutId)).toMatchObject({ ok: true })
  return { payoutId, people }
}

async function sheetOf(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(await response.arrayBuffer()).slice().buffer)
  return workbook.worksheets[0]
}

describe('已办结的发放批次导出名单存档 / a closed payout exports its record copy', () => {
  test('页面给出导出按钮，不给完整号码版 / the page offers the export, not the full-number file', async () => {
    const staff = await cashier()
    const { payoutId } = await closedPayout(staff)
    const page = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie: await cookieFor(staff), params: { payoutId: String(payoutId) } })
    if (!('value' in page)) throw new Error('expected the page')
    expect(page.value).toMatchObject({ state: 'closed', exportable: true, fullExportable: false })
    const html = await renderAt(
      createElement(PayoutExportSection, { payoutId, state: 'closed', exportable: true, fullExportable: false, opens: null, rows: 2 }),
      `/west/payouts/${payoutId}`,
    )
    const text = textOf(html)
    expect(text).toContain('导出名单（存档）')
    expect(text).toContain('发放结果')
    expect(text).not.toContain('完整身份证号码')
  })

  test('xlsx 读回：发放结果、失败原因、身份证和卡号打码，状态仍为已办结，记入操作记录 / read back: results, reasons, ID and card masked, still closed, audited', async () => {
    const staff = await cashier()
    // The review (session 13): a card number typed into the reason went out in full beside the masked card column.
    const { payoutId, people } = await closedPayout(staff, `卡号${CARD}已销户`)
    const params = { payoutId: String(payoutId) }
    const cookie = await cookieFor(staff)
    const answer = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie, params })
    if (!('value' in answer)) throw new Error(`expected the file, got ${answer.thrown.status}`)
    expect(answer.value.status).toBe(200)
    const sheet = await sheetOf(answer.value)
    expect(sheet.getCell('A1').text).toContain('开州区办结导出跨省务工一次性交通补助发放名单（已办结 · 存档）')
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '序号',
      '姓名',
      '身份证号码',
      '乡镇（街道）',
      '务工地',
      '卡类型',
      '卡号',
      '金额（元）',
      '发放结果',
      '失败原因',
    ])
    const body = [3, 4].map((r) => sheet.getRow(r))
    const byAmount = new Map(body.map((r) => [Number(r.getCell(8).value), r]))
    const paid = byAmount.get(456.5)!
    const failed = byAmount.get(0.01)!
    expect(paid.getCell(9).value).toBe('已发放')
    expect(failed.getCell(9).value).toBe('发放失败')
    expect(failed.getCell(10).value).toBe(`卡号${maskNumbersInText(CARD)}已销户`)
    expect(failed.getCell(10).text).not.toContain(CARD)
    expect(paid.getCell(3).value).toBe(maskIdNumber(people[0].claimant.worker.idNumber))
    expect(body.map((r) => r.getCell(7).value)).toEqual([maskCard(CARD), maskCard(CARD)])
    expect(body.map((r) => r.getCell(7).text).join()).not.toContain(CARD)
    const total = sheet.getRow(5)
    expect(total.getCell(1).value).toBe('合计')
    expect(total.getCell(8).value).toBe(456.51)
    expect(total.getCell(9).value).toBe('已发放 1 人 · 发放失败 1 人')
    expect(db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, payoutId)).get()!.state).toBe('closed')
    expect(auditOf('payout.export', payoutId).at(-1)).toMatchObject({ detail: { rows: 2, from: 'closed' } })
  })

  test('已办结不再导出完整号码（400 说明原因）；另一区县 404；东部 403 / no full file once closed (400 with the reason); another county 404; east staff 403', async () => {
    const staff = await cashier()
    const { payoutId } = await closedPayout(staff)
    const params = { payoutId: String(payoutId) }
    const path = `/west/payouts/${payoutId}/export.xlsx`
    const full = await callAction(exportAction, { path, fields: { full: '1', reason: 'finance' }, cookie: await cookieFor(staff), params })
    if (!('value' in full)) throw new Error('expected a reply')
    expect(full.value.status).toBe(400)
    expect(await full.value.text()).toBe('发放批次已办结，不再导出含完整号码的名单。可以导出打码的名单存档、对账')
    expect(auditOf('payout.export_full', payoutId)).toEqual([])

    const other = await callAction(exportAction, { path, fields: {}, cookie: await cookieFor('xiushan'), params })
    expect('thrown' in other && other.thrown.status).toBe(404)
    const east = await callAction(exportAction, { path, fields: {}, cookie: await cookieFor('weifang'), params })
    expect('thrown' in east && east.thrown.status).toBe(403)
    expect(auditOf('payout.export', payoutId)).toHaveLength(1)
  })
})
