import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { todayInShanghai } from '~/rules/dates'
import { trainTicketPng } from '../fixtures/claims/images'
import { DEMO_PASSWORD, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// Issue 13 §3 on a 360 px phone without JavaScript, against the production server: a 脱贫人口 worker of 开州区
// with an employment record in 潍坊 starts a claim, adds an outbound and a return ticket each with a photo
// picked from the phone, types the card twice, sees per ticket whether it is paid and the expected amount,
// signs the 承诺书 and submits; the claim then reads 已提交 with its timeline.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

/** A verified kaizhou worker (脱贫人口) with an employment record and no claim yet, and a policy for this year. */
function claimantWithPolicy() {
  const year = Number(todayInShanghai().slice(0, 4))
  return withDatabase((db) => {
    const worker = db
      .prepare(
        `select u.username, w.name, w.organisation_id as org from users u join workers w on w.user_id = u.id join organisations o on o.id = w.organisation_id
         join users staff on staff.organisation_id = o.id and staff.username = 'kaizhou'
         where u.role = 'worker' and u.verified_at is not null and w.household_status = 'alleviated'
           and exists (select 1 from employment_records e where e.worker_id = w.id)
           and not exists (select 1 from subsidy_claims c where c.worker_id = w.id)
         order by u.id limit 1`,
      )
      .get() as { username: string; name: string; org: number }
    const now = Date.now()
    db.prepare(
      `insert into subsidy_policies (organisation_id, year, version, opens_on, closes_on, eligible_modes, flat_outside_chongqing_fen, flat_outside_county_fen, accepted_proofs, created_at, updated_at)
       select ?, ?, 1, ?, ?, ?, 20000, 5000, ?, ?, ? where not exists (select 1 from subsidy_policies where organisation_id = ? and year = ?)`,
    ).run(
      worker.org,
      year,
      `${year}-01-01`,
      `${year}-12-31`,
      JSON.stringify(['train_hard_seat', 'train_hard_sleeper', 'hsr_second', 'coach']),
      JSON.stringify(['employment_record', 'employer_certificate', 'labour_contract', 'wage_records', 'social_insurance']),
      now,
      now,
      worker.org,
      year,
    )
    return worker
  })
}

async function addTicket(page: Page, t: { direction: string; mode: string; from: string; to: string; fare: string; number: string; photo: Buffer }) {
  const form = page.locator('form[action*="form=ticket-new"]')
  await form.getByLabel('去程还是返程').selectOption({ label: t.direction })
  await form.getByLabel('乘坐方式').selectOption({ label: t.mode })
  await form.getByLabel('乘车日期').fill(todayInShanghai())
  await form.getByLabel('出发地').fill(t.from)
  await form.getByLabel('到达地').fill(t.to)
  await form.getByLabel('票价（元）').fill(t.fare)
  await form.getByLabel('票号').fill(t.number)
  await form.getByLabel('车票照片或 PDF').setInputFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: t.photo })
  await Promise.all([page.waitForLoadState('load'), form.getByRole('button', { name: '添加这张车票' }).click()])
}

test('手机不用 JavaScript 填两张车票和照片并提交交通补助 / on a 360 px phone without JavaScript a worker files a claim with two tickets and photos', async () => {
  try {
    const worker = claimantWithPolicy()
    const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await signIn(page, baseURL, worker.username, DEMO_PASSWORD)
    await page.goto(`${baseURL}/me/claims`)
    await screenshot(page, 'claim-phone-list')
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '申请交通补助' }).click()])
    expect(page.url()).toMatch(/\/me\/claims\/\d+/)
    const claimId = Number(new URL(page.url()).pathname.split('/').pop())

    const photo = await trainTicketPng()
    await addTicket(page, { direction: '去程（家→务工地）', mode: '高铁/动车二等座', from: '重庆北', to: '潍坊', fare: '456.5', number: 'E123456789', photo })
    await screenshot(page, 'claim-phone-first-ticket')
    await page.locator('summary', { hasText: '添加一张车票' }).click()
    await addTicket(page, {
      direction: '返程（务工地→家）',
      mode: '高铁/动车一等座（不予补助）',
      from: '潍坊',
      to: '重庆北',
      fare: '720',
      number: 'E987654321',
      photo,
    })

    const card = page.locator('form[action*="form=card"]')
    await card.getByLabel('收款卡').selectOption({ label: '本人银行卡' })
    await card.getByLabel('卡号', { exact: true }).fill('6222 0202 0000 0000 014')
    await card.getByLabel('再输入一次卡号').fill('6222020200000000014')
    await Promise.all([page.waitForLoadState('load'), card.getByRole('button', { name: '保存卡号' }).click()])
    await screenshot(page, 'claim-phone-editor')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    // Nothing the worker chooses from is cut (a long employer name in a select was): every select's chosen text
    // fits inside it, and the employment record, offered as a radio, wraps in full within the screen.
    const cut = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!
      return [...document.querySelectorAll('main select')].flatMap((el) => {
        const select = el as HTMLSelectElement
        const style = getComputedStyle(select)
        ctx.font = `${style.fontSize} ${style.fontFamily}`
        const text = select.selectedOptions[0]?.text ?? ''
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20
        return ctx.measureText(text).width > room ? [text] : []
      })
    })
    expect(cut).toEqual([])
    const record = page.locator('#proof-section label', { hasText: '起）' }).first()
    expect(await record.isVisible()).toBe(true)
    expect((await record.boundingBox())!.x + (await record.boundingBox())!.width).toBeLessThanOrEqual(360)
    const body = await page.locator('main').innerText()
    expect(body).toContain('**** 0014')
    expect(body).not.toContain('6222020200000000014')
    expect(body).toContain('¥456.50')
    expect(await page.getByText('不予补助').count()).toBeGreaterThan(0)

    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: '填好了，去提交' }).click()])
    await page.getByLabel('我已阅读并同意以上承诺').check()
    await page.getByLabel('本人姓名').fill(worker.name)
    await screenshot(page, 'claim-phone-confirm')
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '确认提交' }).click()])
    await screenshot(page, 'claim-phone-submitted')
    expect(new URL(page.url()).pathname).toBe(`/me/claims/${claimId}`)
    expect(await page.locator('main').innerText()).toContain('已提交')

    const stored = withDatabase(
      (db) => ({
        claim: db.prepare('select state, expected_fen as expectedFen from subsidy_claims where id = ?').get(claimId) as { state: string; expectedFen: number },
        tickets: (db.prepare('select count(*) as n from subsidy_tickets where claim_id = ?').get(claimId) as { n: number }).n,
        files: (db.prepare('select count(*) as n from subsidy_files where claim_id = ?').get(claimId) as { n: number }).n,
      }),
      { readonly: true },
    )
    expect(stored).toEqual({ claim: { state: 'submitted', expectedFen: 45650 }, tickets: 2, files: 2 })
  } finally {
    await closeAll()
  }
})

test('手机有 JavaScript 时边填边保存，断网后恢复自动补存 / with JavaScript a corrected ticket saves as it is typed and a dropped network saves on return (issue 13 §3 draft saved as it goes)', async () => {
  try {
    const worker = claimantWithPolicy()
    const page = await freshPage(PHONE)
    await signIn(page, baseURL, worker.username, DEMO_PASSWORD)
    await page.goto(`${baseURL}/me/claims`)
    await Promise.all([page.waitForURL(/\/me\/claims\/\d+/), page.getByRole('button', { name: '申请交通补助' }).click()])
    const claimId = Number(new URL(page.url()).pathname.split('/').pop())
    const photo = await trainTicketPng()
    await addTicket(page, { direction: '去程（家→务工地）', mode: '高铁/动车二等座', from: '重庆北', to: '潍坊', fare: '456.5', number: 'E55501', photo })
    await page.waitForSelector('summary:has-text("修改这张车票")')
    const ticketOf = () =>
      withDatabase((db) => db.prepare('select from_place as fromPlace, ticket_number as ticketNumber from subsidy_tickets where claim_id = ?').get(claimId), {
        readonly: true,
      }) as { fromPlace: string; ticketNumber: string }

    // Typed, not sent by a button: saved without a page load.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
    await page.locator('summary', { hasText: '修改这张车票' }).click()
    const edit = page.locator('form[action*="form=ticket-"]:not([action*="ticket-new"])')
    await edit.getByLabel('出发地').fill('开州')
    await edit.getByText('已保存').waitFor()
    expect(ticketOf().fromPlace).toBe('开州')
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)

    // The network drops while typing: the page says so, keeps the value, and saves it when the network is back.
    await page.context().setOffline(true)
    await edit.getByLabel('票号').fill('E55502')
    await edit.getByText('网络不好').waitFor()
    expect(ticketOf().ticketNumber).toBe('E55501')
    await page.context().setOffline(false)
    await edit.getByText('已保存').waitFor({ timeout: 15_000 })
    expect(ticketOf().ticketNumber).toBe('E55502')
  } finally {
    await closeAll()
  }
})
