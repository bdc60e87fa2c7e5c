import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { createElement } from 'react'
import { expect, test } from 'vitest'
import { subsidyClaimEvents, subsidyClaims, subsidyPayoutRows, subsidyPayouts, users } from '../../db/schema'
import { PayoutMoney, PayoutRowsSection } from '~/components/payout-detail'
import { PayoutNoticeSheet } from '~/components/payout-notice'
import { createStaffAccount } from '~/models/account-admin.server'
import { addClaimsToPayout, createPayout } from '~/models/payout.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { maskIdNumber } from '~/rules/id-number'
import { formatFen } from '~/rules/money'
import { noticePeriod } from '~/rules/working-days'
import { db } from '~/utils/db.server'
import { action as payoutAction, loader as payoutLoader } from '~/routes/west.payouts.$payoutId._index'
import { action as exportAction, loader as exportLoader } from '~/routes/west.payouts.$payoutId.export[.xlsx]'
import { loader as noticeLoader } from '~/routes/west.payouts.$payoutId.notice'
import { action as newAction, loader as listLoader } from '~/routes/west.payouts._index'
import { actorFor } from '../factories'
import { createTestClaim, eligibleClaimant } from '../factories-subsidy'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { renderAt, textOf } from '../render'
import { actionAs, BASE, callAction, callLoader, context, cookieFor, settle, unwrapData } from '../request'

// The county's payout batches (/west/payouts, issue 13 §7) through real requests: a payout made by its form with a
// 5-working-day notice, approved claims added and removed, the xlsx for finance read back with exceljs, rows
// marked paid or failed, the public notice masked, separation of duties (issue 13 §6) with a second staff user of
// the county, a claim never in two open payouts, and another county's payout a 404.

const CARD = '6222020200000003018'

let staffCount = 0
/** A second west staff user of `centre`'s county (made by the operator, password already chosen): its username. */
async function secondStaff(centre = 'kaizhou') {
  staffCount += 1
  const username = `${centre}cashier${staffCount}`
  const made = await createStaffAccount(actorFor('admin'), actorFor(centre).organisationId, {
    username,
    displayName: `出纳${staffCount}`,
    contactPhone: '13800002222',
  })
  if (!made?.ok) throw new Error(`createStaffAccount: ${JSON.stringify(made)}`)
  db.update(users).set({ mustChangePassword: false }).where(eq(users.id, made.userId)).run()
  return username
}

/** A notice start two weeks before today (Shanghai): its 5 working days are over, results may be recorded. */
const NOTICE_OVER = () => addDays(todayInShanghai(), -14)

/** A new open payout of `centre`'s county made by createPayout; its id. By default its notice has ended. */
function newPayout(centre = 'kaizhou', noticeFrom = NOTICE_OVER()) {
  const made = createPayout(actorFor(centre), { title: '测试发放批次', noticeFrom })
  if (!made.ok) throw new Error(made.message)
  return made.id
}

/** Posts the payout page's form as `as`, with `ticked` repeated fields (ticked boxes) as a browser sends them. */
async function onPage(as: string, payoutId: number, fields: Record<string, string>, ticked: [string, string][] = []) {
  const body = new URLSearchParams(fields)
  for (const [k, v] of ticked) body.append(k, v)
  const request = new Request(`${BASE}/west/payouts/${payoutId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await cookieFor(as) },
    body,
  })
  return settle(() => payoutAction({ request, context: context(), params: { payoutId: String(payoutId) } }))
}

function claimOf(id: number) {
  return db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)).get()!
}

function rowsOf(payoutId: number) {
  return db.select().from(subsidyPayoutRows).where(eq(subsidyPayoutRows.payoutId, payoutId)).orderBy(subsidyPayoutRows.id).all()
}

function replyOf(result: Awaited<ReturnType<typeof onPage>>) {
  if (!('value' in result)) throw new Error(`expected a reply, got ${result.thrown.status}`)
  return unwrapData<{ intent: string; result: { error: Record<string, string[]> } }>(result.value)
}

async function workbookOf(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(await response.arrayBuffer()).slice().buffer)
  return workbook.worksheets[0]
}

test('新建发放批次：公示期为 5 个工作日，日期不对时字段旁提示 400 / a new payout gets a 5-working-day notice; a bad date is a 400 beside its field', async () => {
  const page = await callLoader(listLoader, { path: '/west/payouts', cookie: await cookieFor('kaizhou') })
  if (!('value' in page)) throw new Error('expected the page')
  const bad = await actionAs('kaizhou', newAction, { path: '/west/payouts', fields: { title: '第一批', noticeFrom: '2026-13-01' } })
  if (!('value' in bad)) throw new Error('expected a reply')
  expect(unwrapData(bad.value)).toMatchObject({ status: 400, data: { error: { noticeFrom: ['公示开始日期应为 YYYY-MM-DD 格式的日期'] } } })
  // Thursday 2026-12-10: Thu, Fri, Mon, Tue, Wed.
  const fields = { title: '2026年第一批', noticeFrom: '2026-12-10', formToken: page.value.formToken }
  const made = await actionAs('kaizhou', newAction, { path: '/west/payouts', fields })
  if (!('thrown' in made)) throw new Error('expected a redirect')
  const { location, text } = await noticeOf(made.thrown)
  expect(text).toBe('发放批次已建立。请勾选审核通过的申领编入。')
  const id = Number(location!.split('/').pop())
  expect(db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, id)).get()).toMatchObject({
    state: 'open',
    title: '2026年第一批',
    noticeFrom: '2026-12-10',
    noticeUntil: '2026-12-16',
  })
  // The same form sent again (a double click) opens the same payout.
  const again = await actionAs('kaizhou', newAction, { path: '/west/payouts', fields })
  if (!('thrown' in again)) throw new Error('expected a redirect')
  expect((await noticeOf(again.thrown)).location).toBe(`/west/payouts/${id}`)
  expect(auditOf('payout.create', id)).toHaveLength(1)
})

test('职责分离：审核人不能编入自己审核的申领，另一位工作人员可以 / separation of duties: the approver cannot add the claim, a second staff user can', async () => {
  const cashier = await secondStaff()
  const { claim } = await createTestClaim('kaizhou', { state: 'approved', claimant: await eligibleClaimant('kaizhou', { ledger: { name: '张小三' } }) })
  const payoutId = newPayout()
  const page = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie: await cookieFor('kaizhou'), params: { payoutId: String(payoutId) } })
  if (!('value' in page)) throw new Error('expected the page')
  expect(page.value.addable.find((c) => c.id === claim.id)).toMatchObject({ decidedByViewer: true, name: '张小三' })

  const refused = replyOf(await onPage('kaizhou', payoutId, { intent: 'add' }, [['claimId', String(claim.id)]]))
  expect(refused.status).toBe(403)
  expect(refused.data.result.error.claimId).toEqual([
    '张小三的申领是您审核通过的。按职责分离规定，审核人不能把自己审核的申领编入发放批次，请由本中心其他工作人员编入',
  ])
  expect(claimOf(claim.id).state).toBe('approved')
  expect(rowsOf(payoutId)).toEqual([])

  const added = await onPage(cashier, payoutId, { intent: 'add' }, [['claimId', String(claim.id)]])
  if (!('thrown' in added)) throw new Error(`expected a redirect: ${JSON.stringify(replyOf(added).data)}`)
  expect((await noticeOf(added.thrown)).text).toBe('已编入 1 笔申领。')
  expect(claimOf(claim.id).state).toBe('in_payout')
  expect(rowsOf(payoutId)).toMatchObject([{ claimId: claim.id, amountFen: claim.approvedFen, result: 'pending' }])
  const event = db
    .select()
    .from(subsidyClaimEvents)
    .where(and(eq(subsidyClaimEvents.claimId, claim.id), eq(subsidyClaimEvents.toState, 'in_payout')))
    .get()
  expect(event).toMatchObject({ fromState: 'approved', actorUserId: actorFor(cashier).userId })
  expect(auditOf('payout.add_claim', claim.id)).toMatchObject([{ actorUserId: actorFor(cashier).userId, entity: 'claim' }])
})

test('同一申领不能在两个未办结的发放批次中；越过检查的竞争由唯一索引拦下并提示 400 / a claim is never in two open payouts; a race past the check meets the unique index as a 400', async () => {
  const cashier = await secondStaff()
  const { claim } = await createTestClaim('kaizhou', { state: 'approved' })
  const [first, second] = [newPayout(), newPayout()]
  expect('thrown' in (await onPage(cashier, first, { intent: 'add' }, [['claimId', String(claim.id)]]))).toBe(true)
  // The page of the second payout no longer offers it.
  const page = await callLoader(payoutLoader, { path: `/west/payouts/${second}`, cookie: await cookieFor(cashier), params: { payoutId: String(second) } })
  if (!('value' in page)) throw new Error('expected the page')
  expect(page.value.addable.map((c) => c.id)).not.toContain(claim.id)
  const stale = replyOf(await onPage(cashier, second, { intent: 'add' }, [['claimId', String(claim.id)]]))
  expect(stale.status).toBe(400)
  expect(stale.data.result.error.claimId).toEqual(['测试工人的申领现在不能编入发放批次，请刷新页面后重新选择'])
  // A second process that read the claim as approved before the first add committed: only the index stops it.
  db.update(subsidyClaims).set({ state: 'approved' }).where(eq(subsidyClaims.id, claim.id)).run()
  const raced = addClaimsToPayout(actorFor(cashier), second, [claim.id])
  expect(raced).toMatchObject({ ok: false, field: 'claimId', message: expect.stringContaining('同一笔申领不能同时编入两个发放批次') })
  expect(rowsOf(second)).toEqual([])
  expect(
    db
      .select()
      .from(subsidyClaimEvents)
      .where(eq(subsidyClaimEvents.claimId, claim.id))
      .all()
      .filter((e) => e.toState === 'in_payout'),
  ).toHaveLength(1)
})

test('编制中可以移出，申领回到原状态；导出后不能移出 / a row is removed while open and the claim returns to its state; not once exported', async () => {
  const cashier = await secondStaff()
  const { claim: a } = await createTestClaim('kaizhou', { state: 'partially_approved' })
  const { claim: b } = await createTestClaim('kaizhou', { state: 'approved' })
  const payoutId = newPayout()
  await onPage(cashier, payoutId, { intent: 'add' }, [
    ['claimId', String(a.id)],
    ['claimId', String(b.id)],
  ])
  const [rowA, rowB] = rowsOf(payoutId)
  const removed = await onPage(cashier, payoutId, { intent: 'remove', rowId: String(rowA.id) })
  if (!('thrown' in removed)) throw new Error('expected a redirect')
  expect(claimOf(a.id).state).toBe('partially_approved')
  expect(rowsOf(payoutId).map((r) => r.claimId)).toEqual([b.id])
  expect(auditOf('payout.remove_claim', a.id)).toHaveLength(1)
  const exported = await callAction(exportAction, {
    path: `/west/payouts/${payoutId}/export.xlsx`,
    fields: {},
    cookie: await cookieFor(cashier),
    params: { payoutId: String(payoutId) },
  })
  expect('value' in exported && exported.value.status).toBe(200)
  const late = replyOf(await onPage(cashier, payoutId, { intent: 'remove', rowId: String(rowB.id) }))
  expect(late.status).toBe(400)
  expect(late.data.result.error['']).toEqual(['发放批次已导出，不能再移出。请标记为发放失败'])
  const added = replyOf(await onPage(cashier, payoutId, { intent: 'add' }, [['claimId', String(a.id)]]))
  expect(added.data.result.error['']).toEqual(['发放批次已导出，不能再加入申领。请新建发放批次'])
})

test('导出 xlsx：默认版含完整卡号（文本）、身份证打码、金额精确到分、合计相加；完整版须选用途；每次导出都记录 / the default xlsx holds the full card as text and the ID masked, yuan exact to the fen and a total that adds up; the full file needs a purpose; every export is audited', async () => {
  const cashier = await secondStaff()
  const people = [
    await createTestClaim('kaizhou', { state: 'approved', approvedFen: 45_650 }),
    await createTestClaim('kaizhou', { state: 'partially_approved', approvedFen: 33_333 }),
    await createTestClaim('kaizhou', { state: 'approved', approvedFen: 1 }),
  ]
  const payoutId = newPayout()
  await onPage(
    cashier,
    payoutId,
    { intent: 'add' },
    people.map((p) => ['claimId', String(p.claim.id)]),
  )
  const params = { payoutId: String(payoutId) }
  const cookie = await cookieFor(cashier)
  const noReason = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: { full: '1' }, cookie, params })
  if (!('value' in noReason)) throw new Error('expected a reply')
  expect(noReason.value.status).toBe(400)
  expect(await noReason.value.text()).toBe('请选择导出完整号码的用途，将记录在操作记录中')
  expect(db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, payoutId)).get()!.state).toBe('open')

  const masked = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie, params })
  if (!('value' in masked)) throw new Error('expected the file')
  expect(masked.value.headers.get('Content-Disposition')).toContain('payout-')
  const sheet = await workbookOf(masked.value)
  const payout = db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, payoutId)).get()!
  expect(sheet.getCell('A1').value).toBe(
    `开州区测试发放批次跨省务工一次性交通补助发放名单 · 日期范围：公示期 ${payout.noticeFrom} 至 ${payout.noticeUntil} · 导出于 ${todayInShanghai()}`,
  )
  expect(sheet.getRow(2).values).toEqual([undefined, '序号', '姓名', '身份证号码', '乡镇（街道）', '务工地', '卡类型', '卡号', '金额（元）'])
  const body = [3, 4, 5].map((r) => sheet.getRow(r))
  // Finance pays to the card: the default file carries it in full, as a text cell (no 6.22202E+18).
  expect(body.map((r) => r.getCell(7).value)).toEqual([CARD, CARD, CARD])
  expect(body.map((r) => r.getCell(7).type)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.String, ExcelJS.ValueType.String])
  expect(body[0].getCell(7).numFmt).toBe('@')
  for (const [i, p] of people.entries()) expect(body[i].getCell(3).value).toBe(maskIdNumber(p.claimant.worker.idNumber))
  expect(body.map((r) => r.getCell(8).value)).toEqual([456.5, 333.33, 0.01])
  expect(body.map((r) => r.getCell(8).numFmt)).toEqual(['0.00', '0.00', '0.00'])
  expect(body[0].getCell(5).value).toBe('潍坊市')
  const total = sheet.getRow(6)
  expect(total.getCell(1).value).toBe('合计')
  expect(total.getCell(2).value).toBe('3 人')
  expect(total.getCell(8).value).toBe(789.84)
  expect(Math.round(body.reduce((n, r) => n + Number(r.getCell(8).value) * 100, 0))).toBe(78_984)
  expect(db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, payoutId)).get()!.state).toBe('exported')
  const list = await callLoader(listLoader, { path: '/west/payouts', cookie })
  if (!('value' in list)) throw new Error('expected the list')
  expect(list.value.rows.find((r) => r.id === payoutId)).toMatchObject({ rows: 3, pending: 3, totalFen: 78_984, paidFen: 0, failed: 0, state: 'exported' })
  expect(auditOf('payout.export', payoutId)).toMatchObject([{ detail: { rows: 3, from: 'open' } }])

  const full = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: { full: '1', reason: 'finance' }, cookie, params })
  if (!('value' in full)) throw new Error('expected the file')
  const fullSheet = await workbookOf(full.value)
  expect(fullSheet.getRow(3).getCell(7).value).toBe(CARD)
  expect(fullSheet.getRow(3).getCell(7).type).toBe(ExcelJS.ValueType.String)
  expect(fullSheet.getRow(3).getCell(3).value).toBe(people[0].claimant.worker.idNumber)
  expect(auditOf('payout.export_full', payoutId)).toMatchObject([{ reason: 'finance', actorUserId: actorFor(cashier).userId }])
  // Exported again: audited again. A GET (a bookmarked link) gives no file, only the way to the export section.
  const again = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie, params })
  expect('value' in again && again.value.status).toBe(200)
  expect(auditOf('payout.export', payoutId)).toMatchObject([{ detail: { from: 'open' } }, { detail: { from: 'exported' } }])
  const copy = await callLoader(exportLoader, { path: `/west/payouts/${payoutId}/export.xlsx`, cookie, params })
  expect('value' in copy && copy.value.status).toBe(302)
  expect('value' in copy && copy.value.headers.get('Location')).toBe(`/west/payouts/${payoutId}#export`)
  expect(auditOf('payout.export', payoutId)).toHaveLength(2)
})

test('登记发放结果：批量已发放、失败写原因退回审核队列、审核人不能登记、全部登记后办结 / results: paid in bulk, failed with a reason back to the queue, the approver cannot mark, closed once all are settled', async () => {
  const cashier = await secondStaff()
  const claims = [
    (await createTestClaim('kaizhou', { state: 'approved' })).claim,
    (await createTestClaim('kaizhou', { state: 'approved' })).claim,
    (await createTestClaim('kaizhou', { state: 'approved' })).claim,
  ]
  const payoutId = newPayout()
  await onPage(
    cashier,
    payoutId,
    { intent: 'add' },
    claims.map((c) => ['claimId', String(c.id)]),
  )
  const rows = rowsOf(payoutId)
  const early = replyOf(await onPage(cashier, payoutId, { intent: 'mark_paid' }, [['rowId', String(rows[0].id)]]))
  expect(early.data.result.error['']).toEqual(['请先导出发放名单交财政，再登记发放结果'])
  await callAction(exportAction, {
    path: `/west/payouts/${payoutId}/export.xlsx`,
    fields: {},
    cookie: await cookieFor(cashier),
    params: { payoutId: String(payoutId) },
  })

  const approver = replyOf(await onPage('kaizhou', payoutId, { intent: 'mark_paid' }, [['rowId', String(rows[0].id)]]))
  expect(approver.status).toBe(403)
  expect(approver.data.result.error.rowId).toEqual([
    '测试工人的申领是您审核通过的。按职责分离规定，审核人不能登记自己审核的申领的发放结果，请由本中心其他工作人员登记',
  ])
  expect(claimOf(claims[0].id).state).toBe('in_payout')

  const paid = await onPage(cashier, payoutId, { intent: 'mark_paid' }, [
    ['rowId', String(rows[0].id)],
    ['rowId', String(rows[1].id)],
  ])
  if (!('thrown' in paid)) throw new Error('expected a redirect')
  expect((await noticeOf(paid.thrown)).text).toBe('已登记 2 人发放成功。')
  expect(claimOf(claims[0].id)).toMatchObject({ state: 'paid', paidAt: expect.any(Date) })
  expect(auditOf('payout.mark_paid', claims[1].id)).toHaveLength(1)

  const noReason = replyOf(await onPage(cashier, payoutId, { intent: 'mark_failed', message: '' }, [['rowId', String(rows[2].id)]]))
  expect(noReason.status).toBe(400)
  expect(noReason.data.result.error.message).toEqual(['请填写失败原因'])
  const twice = replyOf(await onPage(cashier, payoutId, { intent: 'mark_failed', message: '户名不符' }, [['rowId', String(rows[0].id)]]))
  expect(twice.status).toBe(409)

  const closeEarly = replyOf(await onPage(cashier, payoutId, { intent: 'close' }))
  expect(closeEarly.data.result.error['']).toEqual(['还有 1 人没有登记发放结果，全部登记后才能办结'])

  const failed = await onPage(cashier, payoutId, { intent: 'mark_failed', message: '账户已销户' }, [['rowId', String(rows[2].id)]])
  if (!('thrown' in failed)) throw new Error('expected a redirect')
  expect(claimOf(claims[2].id).state).toBe('payment_failed')
  expect(rowsOf(payoutId)[2]).toMatchObject({ result: 'failed', failureMessage: '账户已销户', markedByUserId: actorFor(cashier).userId })
  const timeline = db.select().from(subsidyClaimEvents).where(eq(subsidyClaimEvents.claimId, claims[2].id)).all().at(-1)
  expect(timeline).toMatchObject({ fromState: 'in_payout', toState: 'payment_failed', message: '发放失败：账户已销户' })

  // A failed claim returns to the review queue only: no payout offers it or takes it until a reviewer has decided
  // it again (issue 13 §7 "failed rows return to the queue"); its failed row stays in the old payout as history.
  const next = newPayout()
  const nextPage = await callLoader(payoutLoader, { path: `/west/payouts/${next}`, cookie: await cookieFor(cashier), params: { payoutId: String(next) } })
  if (!('value' in nextPage)) throw new Error('expected the page')
  expect(nextPage.value.addable.map((c) => c.id)).not.toContain(claims[2].id)
  expect(addClaimsToPayout(actorFor(cashier), next, [claims[2].id])).toMatchObject({ ok: false, field: 'claimId' })
  expect(claimOf(claims[2].id).state).toBe('payment_failed')
  expect(
    db
      .select()
      .from(subsidyPayoutRows)
      .where(eq(subsidyPayoutRows.claimId, claims[2].id))
      .all()
      .map((r) => r.result),
  ).toEqual(['failed'])

  const closed = await onPage(cashier, payoutId, { intent: 'close' })
  if (!('thrown' in closed)) throw new Error('expected a redirect')
  expect(db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, payoutId)).get()!.state).toBe('closed')
  expect(auditOf('payout.close', payoutId)).toMatchObject([{ detail: { paid: 2, failed: 1 } }])
})

test('公示名单：姓名中间打码，无身份证号和卡号，有公示期和联系电话 / the public notice masks the middle of names, shows no ID or card, and gives the period and contact', async () => {
  const cashier = await secondStaff()
  const names = ['张小三', '李四', '欧阳娜娜']
  const claims = []
  for (const name of names)
    claims.push(await createTestClaim('kaizhou', { state: 'approved', claimant: await eligibleClaimant('kaizhou', { ledger: { name } }) }))
  const payoutId = newPayout('kaizhou', '2026-12-07')
  await onPage(
    cashier,
    payoutId,
    { intent: 'add' },
    claims.map((c) => ['claimId', String(c.claim.id)]),
  )
  const page = await callLoader(noticeLoader, {
    path: `/west/payouts/${payoutId}/notice`,
    cookie: await cookieFor(cashier),
    params: { payoutId: String(payoutId) },
  })
  if (!('value' in page)) throw new Error('expected the page')
  const text = textOf(await renderAt(createElement(PayoutNoticeSheet, { notice: page.value }), `/west/payouts/${payoutId}/notice`))
  expect(text).toContain('张*三')
  expect(text).toContain('李*')
  expect(text).toContain('欧**娜')
  for (const name of names) expect(text).not.toContain(name)
  for (const c of claims) {
    expect(text).not.toContain(c.claimant.worker.idNumber)
    expect(text).not.toContain(maskIdNumber(c.claimant.worker.idNumber))
  }
  expect(text).not.toContain('3018')
  expect(text).toContain('公示期：2026-12-07 至 2026-12-11（5 个工作日）')
  expect(text).toContain('潍坊市')
  expect(text).toContain(`合计 3 人 ${(claims.reduce((n, c) => n + c.claim.approvedFen!, 0) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`)
  if (page.value.county.phone) expect(text).toContain(page.value.county.phone)
  expect(text).toContain('如对名单有异议，请向')
})

test('另一个区县的发放批次是 404：页面、操作、导出、公示 / another county’s payout is a 404 for its page, its actions, its file and its notice', async () => {
  const payoutId = newPayout('kaizhou')
  const params = { payoutId: String(payoutId) }
  const cookie = await cookieFor('xiushan')
  for (const loader of [payoutLoader, exportLoader, noticeLoader]) {
    const answer = await callLoader(loader as typeof payoutLoader, { path: `/west/payouts/${payoutId}`, cookie, params })
    expect('thrown' in answer && answer.thrown.status).toBe(404)
  }
  const posted = await onPage('xiushan', payoutId, { intent: 'close' })
  expect('thrown' in posted && posted.thrown.status).toBe(404)
  const exported = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie, params })
  expect('thrown' in exported && exported.thrown.status).toBe(404)
  const list = await callLoader(listLoader, { path: '/west/payouts', cookie })
  if (!('value' in list)) throw new Error('expected the list')
  expect(list.value.rows.map((r) => r.id)).not.toContain(payoutId)
  // A claim of another county cannot be added to one's own payout.
  const { claim } = await createTestClaim('xiushan', { state: 'approved' })
  expect(addClaimsToPayout(actorFor(await secondStaff()), payoutId, [claim.id])).toMatchObject({ ok: false, field: 'claimId' })
  const east = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie: await cookieFor('weifang'), params })
  expect('thrown' in east).toBe(true)
})

test('公示期内不能导出交财政、不能登记发放结果（400，字段旁提示，不写入），可以移出；公示期满次日起可以 / during the notice the payout cannot go to finance nor have results recorded (400 beside the form, nothing written) and removal stays allowed; from the day after it ends both may', async () => {
  const cashier = await secondStaff()
  const today = todayInShanghai()
  const claims = [(await createTestClaim('kaizhou', { state: 'approved' })).claim, (await createTestClaim('kaizhou', { state: 'approved' })).claim]
  const payoutId = newPayout('kaizhou', today)
  const { until } = noticePeriod(today)
  const opens = addDays(until, 1)
  await onPage(
    cashier,
    payoutId,
    { intent: 'add' },
    claims.map((c) => ['claimId', String(c.id)]),
  )
  // An objection during the notice: the claim is taken out of the open payout.
  const [objected, kept] = rowsOf(payoutId)
  expect('thrown' in (await onPage(cashier, payoutId, { intent: 'remove', rowId: String(objected.id) }))).toBe(true)
  expect(claimOf(claims[0].id).state).toBe('approved')
  const params = { payoutId: String(payoutId) }
  const cookie = await cookieFor(cashier)
  const payoutState = () => db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, payoutId)).get()!.state

  // The first export fixes the rows: not while an objection may still take a claim out.
  const page = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie, params })
  expect('value' in page && page.value).toMatchObject({ state: 'open', exportable: false, opens })
  const early = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie, params })
  if (!('value' in early)) throw new Error('expected a reply')
  expect(early.value.status).toBe(400)
  expect(await early.value.text()).toBe(`公示期到 ${until} 结束，${opens} 起才能导出交财政。公示期间有异议的，可以把该申领移出发放批次`)
  expect(payoutState()).toBe('open')
  expect(auditOf('payout.export', payoutId)).toEqual([])

  // A payout already exported while its notice runs (made so before this rule): results still wait for the notice's end.
  db.update(subsidyPayouts).set({ state: 'exported' }).where(eq(subsidyPayouts.id, payoutId)).run()
  const exportedPage = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie, params })
  expect('value' in exportedPage && exportedPage.value).toMatchObject({ state: 'exported', markable: false, opens })
  const marks: Record<string, string>[] = [{ intent: 'mark_paid' }, { intent: 'mark_failed', message: '户名不符' }]
  for (const fields of marks) {
    const refused = replyOf(await onPage(cashier, payoutId, fields, [['rowId', String(kept.id)]]))
    expect(refused.status).toBe(400)
    expect(refused.data.result.error['']).toEqual([`公示期到 ${until} 结束，${opens} 起才能登记发放结果`])
  }
  expect(rowsOf(payoutId)).toMatchObject([{ id: kept.id, result: 'pending', markedAt: null }])
  expect(claimOf(claims[1].id).state).toBe('in_payout')
  expect(auditOf('payout.mark_paid', claims[1].id)).toEqual([])

  // The notice over (its last day moved back to yesterday): the same row is marked.
  db.update(subsidyPayouts)
    .set({ noticeUntil: addDays(today, -1) })
    .where(eq(subsidyPayouts.id, payoutId))
    .run()
  const after = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie, params })
  expect('value' in after && after.value).toMatchObject({ markable: true, opens: null })
  const paid = await onPage(cashier, payoutId, { intent: 'mark_paid' }, [['rowId', String(kept.id)]])
  expect('thrown' in paid).toBe(true)
  expect(claimOf(claims[1].id).state).toBe('paid')
})

test('公示名单就是公示出去的名单：发放失败的人仍在，移出的人不在 / the notice is what was published: a failed row stays on it, a removed row is not on it', async () => {
  const cashier = await secondStaff()
  const names = ['王小明', '赵小红', '钱小刚']
  const claims = []
  for (const name of names)
    claims.push((await createTestClaim('kaizhou', { state: 'approved', claimant: await eligibleClaimant('kaizhou', { ledger: { name } }) })).claim)
  const payoutId = newPayout()
  await onPage(
    cashier,
    payoutId,
    { intent: 'add' },
    claims.map((c) => ['claimId', String(c.id)]),
  )
  const [removed, failed, paid] = rowsOf(payoutId)
  await onPage(cashier, payoutId, { intent: 'remove', rowId: String(removed.id) })
  const params = { payoutId: String(payoutId) }
  const cookie = await cookieFor(cashier)
  await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie, params })
  expect('thrown' in (await onPage(cashier, payoutId, { intent: 'mark_failed', message: '账户已销户' }, [['rowId', String(failed.id)]]))).toBe(true)
  expect('thrown' in (await onPage(cashier, payoutId, { intent: 'mark_paid' }, [['rowId', String(paid.id)]]))).toBe(true)

  const page = await callLoader(noticeLoader, { path: `/west/payouts/${payoutId}/notice`, cookie, params })
  if (!('value' in page)) throw new Error('expected the page')
  expect(page.value.rows.map((r) => r.name)).toEqual(['赵小红', '钱小刚'])
  expect(page.value.totalFen).toBe(claims[1].approvedFen! + claims[2].approvedFen!)
  const text = textOf(await renderAt(createElement(PayoutNoticeSheet, { notice: page.value }), `/west/payouts/${payoutId}/notice`))
  expect(text).toContain('赵*红')
  expect(text).toContain('钱*刚')
  expect(text).not.toContain('王*明')
  expect(text).toContain('以下 2 人申领的跨省务工一次性交通补助已经审核')
  expect(text).toContain('开州区测试发放批次跨省务工一次性交通补助发放公示')
  // Dated the day it was published, whenever it is printed again.
  expect(text.trim().endsWith(`开州区就业和人才中心 ${noticePeriod(NOTICE_OVER()).from}`)).toBe(true)

  // One total on the list, the payout page and the notice — every row on the list, as the xlsx's 合计 — with
  // what was paid and what failed beside it; never a second "应发" that leaves the failed row out.
  const list = await callLoader(listLoader, { path: '/west/payouts', cookie })
  if (!('value' in list)) throw new Error('expected the list')
  const listed = list.value.rows.find((r) => r.id === payoutId)!
  expect(listed).toMatchObject({
    rows: 2,
    totalFen: page.value.totalFen,
    paidFen: claims[2].approvedFen,
    failed: 1,
    failedFen: claims[1].approvedFen,
  })
  const payoutPage = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie, params })
  if (!('value' in payoutPage)) throw new Error('expected the payout page')
  expect(payoutPage.value.totals).toMatchObject({ totalFen: page.value.totalFen, paidFen: claims[2].approvedFen, failed: 1 })
  const money = (totals: Parameters<typeof PayoutMoney>[0]['totals']) =>
    renderAt(createElement(PayoutMoney, { totals }), `/west/payouts/${payoutId}`).then(textOf)
  const said = `${formatFen(page.value.totalFen)} 其中已发 ${formatFen(claims[2].approvedFen!)} · 发放失败 ${formatFen(claims[1].approvedFen!)}（1 人）`
  expect(await money(listed)).toBe(said)
  expect(await money(payoutPage.value.totals)).toBe(said)
  const exported = await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie, params })
  if (!('value' in exported)) throw new Error('expected the file')
  const sheet = await workbookOf(exported.value)
  expect(sheet.getRow(5).getCell(1).value).toBe('合计')
  expect(Math.round(Number(sheet.getRow(5).getCell(8).value) * 100)).toBe(page.value.totalFen)
})

test('另一个区县的发放批次：任何提交都先答 404，不读表单 / another county’s payout answers any post with a 404 before its form is read', async () => {
  const payoutId = newPayout('kaizhou')
  const posts: Record<string, string>[] = [{ intent: 'no-such-intent' }, { intent: 'mark_failed', message: '' }, {}]
  for (const fields of posts) {
    const posted = await onPage('xiushan', payoutId, fields)
    expect('thrown' in posted && posted.thrown.status).toBe(404)
  }
  const exported = await callAction(exportAction, {
    path: `/west/payouts/${payoutId}/export.xlsx`,
    fields: { full: '1' },
    cookie: await cookieFor('xiushan'),
    params: { payoutId: String(payoutId) },
  })
  expect('thrown' in exported && exported.thrown.status).toBe(404)
  expect(db.select().from(subsidyPayouts).where(eq(subsidyPayouts.id, payoutId)).get()!.state).toBe('open')
})

test('审核人打开发放批次：待登记的都是自己审核的，不给登记按钮而说明由谁登记 / the approver opening a payout whose pending rows are all their own decisions is told who marks them, with no buttons that can only be refused', async () => {
  const cashier = await secondStaff()
  const { claim } = await createTestClaim('kaizhou', { state: 'approved' })
  const payoutId = newPayout()
  await onPage(cashier, payoutId, { intent: 'add' }, [['claimId', String(claim.id)]])
  const params = { payoutId: String(payoutId) }
  await callAction(exportAction, { path: `/west/payouts/${payoutId}/export.xlsx`, fields: {}, cookie: await cookieFor(cashier), params })
  const section = async (as: string) => {
    const page = await callLoader(payoutLoader, { path: `/west/payouts/${payoutId}`, cookie: await cookieFor(as), params })
    if (!('value' in page)) throw new Error('expected the page')
    const p = page.value
    const element = createElement(PayoutRowsSection, { rows: p.rows, totals: p.totals, removable: p.open, markable: p.markable, opens: p.opens, errors: {} })
    return textOf(await renderAt(element, `/west/payouts/${payoutId}`))
  }
  const approver = await section('kaizhou')
  expect(approver).toContain('待登记的申领都是您审核通过的。按职责分离规定，发放结果须由本中心其他工作人员登记。')
  expect(approver).not.toContain('标记为已发放')
  const payer = await section(cashier)
  expect(payer).toContain('标记为已发放')
  // The worker's menu item is 交通补助: the fail-reason hint sends the worker there.
  expect(payer).toContain('本人可在“交通补助”看到')
  expect(payer).not.toContain('我的申领')
  expect(payer).not.toContain('待登记的申领都是您审核通过的')
})
