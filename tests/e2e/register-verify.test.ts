import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { makeIdNumber } from '../../app/rules/id-number'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

const baseURL = inject('baseURL')

const { freshPage, closeAll } = useBrowser()

/**
 * A person the county already keeps in its ledger but who has no account: a new row in the e2e
 * database with a fresh ID number, and a phone number nobody uses.
 */
function addKaizhouLedgerRow(name: string) {
  return withDatabase((db) => {
    const centre = db.prepare(`select id from organisations where area_code = '500154' and kind = 'centre'`).get() as { id: number }
    const township = db.prepare(`select code from areas where parent_code = '500154' and level = 'township' order by code limit 1`).get() as { code: string }
    const idTaken = db.prepare('select 1 from workers where id_number = ? union select 1 from users where id_number = ?')
    const phoneTaken = db.prepare('select 1 from users where username = ?')
    let idNumber = ''
    for (let sequence = 802; ; sequence += 2) {
      idNumber = makeIdNumber({ areaCode: '500154', birthDate: '1992-04-18', sequence })
      if (!idTaken.get(idNumber, idNumber)) break
    }
    let phone = ''
    for (let n = 7001; ; n++) {
      phone = `1399600${n}`
      if (!phoneTaken.get(phone)) break
    }
    const now = Date.now()
    db.prepare(
      `insert into workers (organisation_id, name, id_number, sex, birth_date, township_code, household_status,
         employment_status, employment_need, skill_level, created_at, updated_at)
       values (?, ?, ?, 'female', '1992-04-18', ?, 'alleviated', 'unemployed', 'to_shandong', 'none', ?, ?)`,
    ).run(centre.id, name, idNumber, township.code, now, now)
    return { idNumber, phone }
  })
}

function accountState(phone: string) {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `select u.id, u.verified_at as verifiedAt, u.rejection_reason as rejectionReason, u.must_change_password as mustChange, w.id as workerId
             from users u left join workers w on w.user_id = u.id where u.username = ?`,
        )
        .get(phone) as { id: number; verifiedAt: number | null; rejectionReason: string | null; mustChange: number; workerId: number | null } | undefined,
  )
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

async function signInAs(page: Page, username: string, password: string) {
  await signIn(page, baseURL, username, password)
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(() => undefined)
  await page.waitForLoadState('networkidle')
}

async function mainText(page: Page) {
  return (await page.getByRole('main').innerText()).replace(/\s+/g, ' ')
}

test('本人在手机上注册，县里核验后再登录显示已核验 / a person registers on a phone, the county confirms, and the next sign-in shows verified', async () => {
  const name = '郑春燕'
  const { idNumber, phone } = addKaizhouLedgerRow(name)
  const password = 'chunyan2026'
  try {
    // 1. Registration on a 360 px phone without JavaScript: the plain HTML form must carry it.
    const worker = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await worker.goto(`${baseURL}/register`)
    await worker.getByRole('heading', { level: 1, name: '注册务工人员账号' }).waitFor()
    expect(await mainText(worker)).toContain('核验通过后')
    await screenshot(worker, 'register-phone')
    expect(await noHorizontalScroll(worker), '/register has no horizontal scroll at 360 px').toBe(true)

    await worker.getByLabel('姓名').fill(name)
    await worker.getByLabel('身份证号码').fill(idNumber)
    await worker.getByLabel('手机号码').fill(phone)
    await worker.getByLabel('户籍所在区县').selectOption({ label: '开州区' })
    await worker.getByLabel('设置密码').fill(password)
    await worker.getByLabel('再次输入密码').fill('chunyan2025')
    await worker.getByRole('button', { name: '注册' }).click()
    await worker.getByText('两次输入的密码不一致').waitFor()
    expect(await worker.getByLabel('姓名').inputValue(), 'the name is kept after an error').toBe(name)
    expect(await worker.getByLabel('再次输入密码').getAttribute('aria-invalid')).toBe('true')
    await screenshot(worker, 'register-error-phone')

    await worker.getByLabel('设置密码').fill(password)
    await worker.getByLabel('再次输入密码').fill(password)
    await worker.getByRole('button', { name: '注册' }).click()
    await worker.waitForURL(`${baseURL}/me`)
    await worker.getByText('待核验', { exact: true }).waitFor()
    expect(await worker.getByRole('banner').innerText()).toContain('开州区就业和人才中心')
    await screenshot(worker, 'register-done-me-unverified')
    expect(accountState(phone)?.verifiedAt).toBeNull()

    await worker.goto(`${baseURL}/me/profile`)
    await worker.getByRole('heading', { level: 1, name: '账号与联系方式' }).waitFor()
    expect(await mainText(worker)).toContain('正在把您的注册信息与本县务工人员台账核对')
    await screenshot(worker, 'profile-waiting-phone')
    expect(await noHorizontalScroll(worker), '/me/profile has no horizontal scroll at 360 px').toBe(true)

    // 2. The Kaizhou clerk opens 账号核验, finds the registration with its ledger row, and confirms.
    const clerk = await freshPage(DESKTOP)
    await signInAs(clerk, 'kaizhou', DEMO_PASSWORD)
    await clerk.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '账号核验' }).click()
    await clerk.getByRole('heading', { level: 1, name: '账号核验' }).waitFor()
    const row = clerk.getByRole('row').filter({ hasText: name })
    expect(await row.count()).toBe(1)
    const rowText = (await row.innerText()).replace(/\s+/g, ' ')
    expect(rowText).toContain('姓名一致')
    expect(rowText).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
    expect(rowText).not.toContain(phone)
    expect(rowText).not.toContain(idNumber)
    await screenshot(clerk, 'verification-queue')

    await row.getByRole('link', { name: `核验 ${name}` }).click()
    await clerk.getByRole('heading', { level: 1, name: `核验：${name}` }).waitFor()
    expect(await mainText(clerk)).not.toContain(idNumber)
    await screenshot(clerk, 'verification-detail')
    await clerk.getByRole('button', { name: '确认核验并关联台账' }).click()
    await clerk.waitForURL(`${baseURL}/west/verifications`)
    await clerk.getByRole('status').getByText('已确认核验').waitFor()
    expect(await clerk.getByRole('row').filter({ hasText: name }).count()).toBe(0)
    await screenshot(clerk, 'verification-confirmed')
    const state = accountState(phone)!
    expect(state.verifiedAt).not.toBeNull()
    expect(state.workerId).not.toBeNull()

    // 3. The worker signs in again, on a phone with JavaScript this time, and sees 已核验.
    const again = await freshPage(PHONE)
    await signInAs(again, phone, password)
    expect(new URL(again.url()).pathname).toBe('/me')
    await again.getByText('已核验', { exact: true }).waitFor()
    expect(await mainText(again)).not.toContain('待核验')
    await screenshot(again, 'me-verified-phone')
  } finally {
    await closeAll()
  }
}, 120_000)

test('县里代为开通账号，初始密码只显示一次，本人登录后被提示改密码 / the county opens an account, the initial password shows once, and the worker is asked to change it', async () => {
  const name = '郑秋生'
  addKaizhouLedgerRow(name)
  const phone = withDatabase((db) => {
    for (let n = 7501; ; n++) if (!db.prepare('select 1 from users where username = ?').get(`1399600${n}`)) return `1399600${n}`
  })
  try {
    const clerk = await freshPage(DESKTOP)
    await signInAs(clerk, 'kaizhou', DEMO_PASSWORD)
    await clerk.goto(`${baseURL}/west/accounts/new`)
    await clerk.getByRole('heading', { level: 1, name: '代为开通账号' }).waitFor()
    await clerk.getByLabel('姓名').fill(name)
    await clerk.getByRole('button', { name: '查找' }).click()
    await clerk.getByRole('radio', { name: new RegExp(name) }).check()
    // The name searched for never appears in the address bar.
    expect(clerk.url()).toBe(`${baseURL}/west/accounts/new`)
    await clerk.getByLabel('本人手机号（登录账号）').fill(phone)
    await screenshot(clerk, 'assisted-pick')
    await clerk.getByRole('button', { name: '开通账号' }).click()
    await clerk.getByRole('heading', { level: 1, name: '账号已开通' }).waitFor()
    const initialPassword = (await clerk.locator('dt:has-text("初始密码") + dd').innerText()).trim()
    expect(initialPassword).toMatch(/^[a-z]{4}[2-9]{4}$/)
    expect(clerk.url()).not.toContain(initialPassword)
    await screenshot(clerk, 'assisted-created')
    // Gone for good once the clerk moves on: the page, reloaded, does not have it.
    await clerk.getByRole('link', { name: '继续为下一位开通' }).click()
    await clerk.getByRole('heading', { level: 1, name: '代为开通账号' }).waitFor()
    await clerk.reload()
    expect(await clerk.content()).not.toContain(initialPassword)
    expect(accountState(phone)).toMatchObject({ mustChange: 1 })

    const worker = await freshPage(PHONE)
    await signInAs(worker, phone, initialPassword)
    // Until the worker sets a password of their own, every page leads to the password form (issue 9 §1).
    await worker.getByRole('heading', { level: 1, name: '设置新密码' }).waitFor()
    expect(new URL(worker.url()).pathname).toBe('/me/profile')
    await worker.goto(`${baseURL}/me`)
    expect(new URL(worker.url()).pathname).toBe('/me/profile')
    await worker.getByText('请先设置新密码').waitFor()
    const form = worker.locator('form', { has: worker.getByRole('button', { name: '修改密码' }) })
    await form.getByLabel('当前密码').fill('not-it-1234')
    await form.getByLabel('新密码', { exact: true }).fill('qiusheng2026')
    await form.getByLabel('再次输入新密码').fill('qiusheng2026')
    await form.getByRole('button', { name: '修改密码' }).click()
    await form.getByText('当前密码不正确').waitFor()
    await screenshot(worker, 'profile-password-error-phone')
    await form.getByLabel('当前密码').fill(initialPassword)
    await form.getByLabel('新密码', { exact: true }).fill('qiusheng2026')
    await form.getByLabel('再次输入新密码').fill('qiusheng2026')
    await form.getByRole('button', { name: '修改密码' }).click()
    await worker.getByRole('status').getByText('密码已修改').waitFor()
    expect(await worker.getByText('请先设置新密码').count()).toBe(0)
    for (const label of ['当前密码', '再次输入新密码']) expect(await form.getByLabel(label).inputValue(), `${label} is cleared`).toBe('')
    await screenshot(worker, 'profile-password-changed-phone')
    expect(accountState(phone)).toMatchObject({ mustChange: 0 })
    // Now the rest of the portal opens: the account page says it is verified.
    await worker.goto(`${baseURL}/me`)
    await worker.getByText('已核验', { exact: true }).waitFor()
  } finally {
    await closeAll()
  }
}, 120_000)

test('县里退回注册，本人在“联系方式”页看到原因和办法 / the county turns a registration down and the worker reads the reason and what to do', async () => {
  // A seeded registration whose person is not in Kaizhou's ledger.
  const target = withDatabase(
    (db) =>
      db
        .prepare(
          `select u.username as phone, u.display_name as name from users u join organisations o on o.id = u.organisation_id
            where o.area_code = '500154' and u.role = 'worker' and u.verified_at is null and u.rejected_at is null
              and not exists (select 1 from workers w where w.id_number = u.id_number) order by u.id limit 1`,
        )
        .get() as { phone: string; name: string },
  )
  try {
    const clerk = await freshPage(DESKTOP)
    await signInAs(clerk, 'kaizhou', DEMO_PASSWORD)
    await clerk.goto(`${baseURL}/west/verifications`)
    const row = clerk.getByRole('row').filter({ hasText: target.name }).filter({ hasText: '台账中无此人' })
    await row
      .getByRole('link', { name: `核验 ${target.name}` })
      .first()
      .click()
    await clerk.getByRole('heading', { level: 1, name: `核验：${target.name}` }).waitFor()
    expect(await mainText(clerk)).toContain('本县台账中没有此身份证号码')
    await clerk.getByRole('link', { name: '加入台账' }).waitFor()
    expect(await clerk.getByRole('button', { name: '确认核验并关联台账' }).count()).toBe(0)
    await screenshot(clerk, 'verification-missing')
    await clerk.getByRole('button', { name: '退回此注册' }).click()
    await clerk.getByText('请选择退回原因').waitFor()
    await clerk.getByRole('radio', { name: '台账中无此人' }).check()
    await clerk.getByLabel(/^说明/).fill('请带身份证到镇劳动保障所登记')
    await clerk.getByRole('button', { name: '退回此注册' }).click()
    await clerk.waitForURL(`${baseURL}/west/verifications`)
    await clerk.getByRole('table', { name: '已退回的注册' }).getByText('台账中无此人：请带身份证到镇劳动保障所登记').waitFor()
    await screenshot(clerk, 'verification-rejected')

    const worker = await freshPage(PHONE)
    await signInAs(worker, target.phone, DEMO_PASSWORD)
    await worker.goto(`${baseURL}/me/profile`)
    await worker.getByText('核验未通过', { exact: true }).waitFor()
    expect(await mainText(worker)).toContain('台账中无此人：请带身份证到镇劳动保障所登记')
    await screenshot(worker, 'profile-rejected-phone')
  } finally {
    await closeAll()
  }
}, 120_000)
