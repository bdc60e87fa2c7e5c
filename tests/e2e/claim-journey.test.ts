import crypto from 'node:crypto'
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import type { Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { expect, inject, test } from 'vitest'
import { addDays, todayInShanghai } from '~/rules/dates'
import { coachTicketPng, TRAIN_TICKET, trainTicketPng } from '../fixtures/claims/images'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'
import { newClaimant } from './claimants'

// Issue 13 "Done when", one story in a real browser against the production server: a new 脱贫人口 worker of
// 开州区 (tests/e2e/claimants.ts) on a 360 px phone drafts a claim, adds an outbound and a return ticket with a JPEG photo each, sees
// the expected amount, signs the 承诺书 and submits. Reviewer A of the centre (kaizhou) starts the review,
// passes the outbound ticket, refuses the return one with a reason and partially approves. A cannot put the
// claim in a payout (separation of duties, said on the page); colleague B (kaizhou2, the county's second demo
// account: no new staff account, so the journeys test's count of them holds) creates a payout whose
// 5-working-day notice ended weeks ago, adds the claim, downloads the xlsx for finance (read back with
// exceljs: the card number as text, the amount in yuan, the total, the ID number masked), opens the public
// notice (the name masked) and marks the claim paid. The worker then sees 已发放 with the amount paid, each
// step on the timeline and the refused ticket's reason beside it.

const baseURL = inject('baseURL')
const SECRET = 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz'
const { freshContextPage, closeAll } = useBrowser()

/** A browser context (1280 px, JavaScript on) signed in as the demo's west staff `username` through the form. */
async function signedInStaff(username: string) {
  const { context, page } = await freshContextPage(DESKTOP)
  await signIn(page, baseURL, username, DEMO_PASSWORD)
  return { context, page }
}

/**
 * Clicks `target` (a form's button or a link) and waits for the page it leads to: without JavaScript the next
 * document's load; with it, the form's POST answered and the router idle again (its redirect's loaders read).
 */
async function press(page: Page, target: Locator) {
  // Whether the page runs scripts is known from the document (Remix's inline __remixContext runs only with
  // JavaScript on); hydration may finish later, so wait for it rather than read it once — read too early on a
  // busy machine, it sent the click down the no-JavaScript path and waited for a document load that never came.
  const scripted = await page.evaluate(() => (window as unknown as { __remixContext?: unknown }).__remixContext != null)
  if (scripted) await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter != null)
  if (!scripted) {
    await Promise.all([page.waitForEvent('load'), target.click()])
    return
  }
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(baseURL))
  await target.click()
  await posted
  await page.waitForFunction(
    () => (window as unknown as { __remixRouter: { state: { navigation: { state: string } } } }).__remixRouter.state.navigation.state === 'idle',
  )
}

/** Fills the 添加一张车票 form on the worker's claim page and adds the ticket with its photo. */
async function addTicket(page: Page, t: { direction: string; mode: string; from: string; to: string; fare: string; number: string; photo: Buffer }) {
  const form = page.locator('form[action*="form=ticket-new"]')
  await form.getByLabel('去程还是返程').selectOption({ label: t.direction })
  await form.getByLabel('乘坐方式').selectOption({ label: t.mode })
  await form.getByLabel('乘车日期').fill(todayInShanghai())
  await form.getByLabel('出发地').fill(t.from)
  await form.getByLabel('到达地').fill(t.to)
  await form.getByLabel('票价（元）').fill(t.fare)
  await form.getByLabel('票号').fill(t.number)
  await form.getByLabel('车票照片或 PDF').setInputFiles({ name: `IMG_${t.number}.jpg`, mimeType: 'image/jpeg', buffer: t.photo })
  await press(page, form.getByRole('button', { name: '添加这张车票' }))
}

/** The first sheet of the xlsx that clicking `button` downloads. */
async function workbookOf(page: Page, button: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  const file = await download.path()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(fs.readFileSync(file)).slice().buffer)
  return workbook.worksheets[0]
}

test('申领到发放的全过程：手机提交、部分通过、审核人不能编入、另一人发放、工人看到已发放、每一步和不通过的原因 / claim → review → payout → paid in a real browser, with approval and payment by different people', async () => {
  try {
    const worker = await newClaimant(inject('databasePath'), SECRET, Number(todayInShanghai().slice(0, 4)))
    const today = todayInShanghai()
    const outboundNumber = `G${crypto.randomInt(1e8, 1e9)}`
    const returnNumber = `K${crypto.randomInt(1e8, 1e9)}`

    // 1. The worker, on a phone without JavaScript.
    const { context: phoneContext, page: phone } = await freshContextPage({ ...PHONE, javaScriptEnabled: false })
    const [cookieName, cookieValue] = worker.cookie.split(/=(.*)/s)
    await phoneContext.addCookies([{ name: cookieName, value: cookieValue, url: baseURL }])
    await phone.goto(`${baseURL}/me/claims`)
    await press(phone, phone.getByRole('button', { name: '申请交通补助' }))
    expect(phone.url()).toMatch(/\/me\/claims\/\d+$/)
    const claimId = Number(new URL(phone.url()).pathname.split('/').pop())
    const trainJpeg = await sharp(await trainTicketPng({ ...TRAIN_TICKET, number: outboundNumber, fare: '¥456.50' }))
      .jpeg({ quality: 85 })
      .toBuffer()
    const coachJpeg = await sharp(await coachTicketPng())
      .jpeg({ quality: 85 })
      .toBuffer()
    await addTicket(phone, {
      direction: '去程（家→务工地）',
      mode: '高铁/动车二等座',
      from: '重庆北',
      to: '潍坊',
      fare: '456.5',
      number: outboundNumber,
      photo: trainJpeg,
    })
    await phone.locator('summary', { hasText: '添加一张车票' }).click()
    await addTicket(phone, {
      direction: '返程（务工地→家）',
      mode: '长途汽车/省际班车',
      from: '潍坊',
      to: '开州',
      fare: '380',
      number: returnNumber,
      photo: coachJpeg,
    })
    const card = phone.locator('form[action*="form=card"]')
    await card.getByLabel('收款卡').selectOption({ label: '本人银行卡' })
    await card.getByLabel('卡号', { exact: true }).fill('6222 0202 0000 0000 014')
    await card.getByLabel('再输入一次卡号').fill('6222020200000000014')
    await press(phone, card.getByRole('button', { name: '保存卡号' }))
    await screenshot(phone, 'claim-journey-1-worker-editor')
    const editor = await phone.locator('main').innerText()
    // Both tickets are eligible: the expected amount is their sum, shown before submitting.
    expect(editor).toContain('¥836.50')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await press(phone, phone.getByRole('link', { name: '填好了，去提交' }))
    expect(await phone.locator('main').innerText()).toContain('¥836.50')
    await phone.getByLabel('我已阅读并同意以上承诺').check()
    await phone.getByLabel('本人姓名').fill(worker.name)
    await press(phone, phone.getByRole('button', { name: '确认提交' }))
    expect(new URL(phone.url()).pathname).toBe(`/me/claims/${claimId}`)
    expect(await phone.locator('main').innerText()).toContain('已提交')
    await screenshot(phone, 'claim-journey-2-worker-submitted')

    // 2. Reviewer A: start, pass the outbound ticket, refuse the return one, partially approve.
    const a = await signedInStaff('kaizhou')
    await a.page.goto(`${baseURL}/west/claims`)
    expect(await a.page.locator(`a[href="/west/claims/${claimId}"]`).innerText()).toBe(worker.name)
    await a.page.goto(`${baseURL}/west/claims/${claimId}`)
    await press(a.page, a.page.getByRole('button', { name: '开始审核' }))
    const tickets = a.page.locator('li.claim-ticket')
    await expect.poll(() => tickets.count()).toBe(2)
    await tickets.nth(0).getByLabel('通过', { exact: true }).check()
    await tickets.nth(1).getByLabel('不通过', { exact: true }).check()
    await tickets.nth(1).getByLabel('不通过的原因').selectOption({ label: '票据与填写内容不符' })
    await press(a.page, a.page.getByRole('button', { name: '保存车票审核结果' }))
    await screenshot(a.page, 'claim-journey-3-review')
    await press(a.page, a.page.getByRole('button', { name: /^审核通过/ }))
    const decided = await a.page.locator('main').innerText()
    expect(decided).toContain('部分通过')
    expect(decided).toContain('¥456.50')

    // 3. Colleague B creates a payout whose notice period ended last week.
    const b = await signedInStaff('kaizhou2')
    await b.page.goto(`${baseURL}/west/payouts`)
    const create = b.page.locator('details', { hasText: '新建发放批次' })
    if ((await create.getAttribute('open')) == null) await create.locator('summary').click()
    await create.getByLabel('公示开始日期').fill(addDays(today, -21))
    await press(b.page, create.getByRole('button', { name: '建立发放批次' }))
    expect(b.page.url()).toMatch(/\/west\/payouts\/\d+$/)
    const payoutPath = new URL(b.page.url()).pathname

    // A, who approved it, sees it in the payout but may not pick it, and is told why.
    await a.page.goto(`${baseURL}${payoutPath}`)
    const own = a.page.getByRole('checkbox', { name: `${worker.name}（您审核的，须由其他工作人员办理）` })
    expect(await own.isDisabled()).toBe(true)
    expect(await a.page.locator('#add-claims').innerText()).toContain('您审核的，须由其他工作人员办理')
    await screenshot(a.page, 'claim-journey-4-approver-refused')

    // B adds it, exports the file for finance, opens the notice and marks it paid.
    await b.page.goto(`${baseURL}${payoutPath}`)
    await b.page.getByRole('checkbox', { name: `选择 ${worker.name}` }).check()
    await press(b.page, b.page.getByRole('button', { name: '编入所选申领' }))
    await screenshot(b.page, 'claim-journey-5-added')
    await expect.poll(() => b.page.locator('#payout-rows').innerText()).toContain(worker.name)
    const sheet = await workbookOf(b.page, b.page.getByRole('button', { name: /^导出交财政/ }))
    const rows = sheet.getSheetValues() as unknown[][]
    const columns = rows.find((r) => Array.isArray(r) && r.includes('卡号'))!
    const mineAt = rows.findIndex((r) => Array.isArray(r) && r.includes(worker.name))
    const mine = rows[mineAt]
    // Finance pays to the card: every digit kept, as text in a text-formatted cell (never 6.22202E+18).
    expect(mine[columns.indexOf('卡号')]).toBe('6222020200000000014')
    expect(sheet.getRow(mineAt).getCell(columns.indexOf('卡号')).numFmt).toBe('@')
    expect(mine[columns.indexOf('金额（元）')]).toBe(456.5)
    const idNumber = withDatabase((db) => db.prepare('select id_number from users where id = ?').pluck().get(worker.userId) as string, {
      readonly: true,
    })
    expect(JSON.stringify(mine)).not.toContain(idNumber)
    const totalRow = rows.find((r) => Array.isArray(r) && r.includes('合计'))!
    expect(totalRow[columns.indexOf('金额（元）')]).toBe(456.5)

    await b.page.goto(`${baseURL}${payoutPath}/notice`)
    const notice = await b.page.locator('main').innerText()
    expect(notice).not.toContain(worker.name)
    expect(notice).toContain(`${worker.name[0]}*`)
    expect(notice).toContain('456.50')
    await screenshot(b.page, 'claim-journey-6-notice')

    await b.page.goto(`${baseURL}${payoutPath}`)
    await b.page.getByRole('checkbox', { name: `选择 ${worker.name}` }).check()
    await press(b.page, b.page.getByRole('button', { name: '标记为已发放' }))
    await expect.poll(() => b.page.locator('#payout-rows').innerText()).toContain('已发放')
    await screenshot(b.page, 'claim-journey-7-paid')

    // 4. The worker sees 已发放, the amount paid, every step, and why the return ticket was refused.
    await phone.goto(`${baseURL}/me/claims/${claimId}`)
    await screenshot(phone, 'claim-journey-8-worker-paid')
    const page = await phone.locator('main').innerText()
    expect(page).toContain('已发放')
    expect(page).toContain('¥456.50')
    const timeline = await phone.locator('section', { has: phone.getByRole('heading', { name: '办理进度' }) }).innerText()
    for (const step of ['提交申请', '开始审核', '部分通过', '列入发放批次', '已发放']) expect(timeline).toContain(step)
    expect(timeline).toContain('票据与填写内容不符')
    // The refused ticket says why, beside it.
    const ticketCards = phone.getByRole('list', { name: '车票' }).locator('xpath=./li')
    expect(await ticketCards.filter({ hasText: returnNumber }).innerText()).toContain('票据与填写内容不符')
    expect(await ticketCards.filter({ hasText: outboundNumber }).innerText()).not.toContain('票据与填写内容不符')

    const stored = withDatabase(
      (db) =>
        db
          .prepare(
            `select c.state, c.approved_fen as approvedFen, c.decided_by_user_id = r.marked_by_user_id as sameHands, d.username as decider, m.username as marker
             from subsidy_claims c join subsidy_payout_rows r on r.claim_id = c.id join users d on d.id = c.decided_by_user_id join users m on m.id = r.marked_by_user_id
             where c.id = ?`,
          )
          .get(claimId),
      { readonly: true },
    )
    expect(stored).toEqual({ state: 'paid', approvedFen: 45650, sameHands: 0, decider: 'kaizhou', marker: 'kaizhou2' })
  } finally {
    await closeAll()
  }
}, 240_000)
