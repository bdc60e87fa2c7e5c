import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// Issue 9 §1 as people live it: a worker forgot the password and comes to the Kaizhou centre; the clerk
// checks the ID card and the phone's last digits, reads out a one-time password, and the worker, on a
// 360 px phone, signs in with it and is taken straight to setting a new one. With and without JavaScript.

const baseURL = inject('baseURL')

const { freshPage, closeAll } = useBrowser()

/**
 * A seeded verified Kaizhou worker account that no other journey signs in with (the last by id), fresh for each
 * run. Only accounts whose username is a mobile number, as the demo's are: other journeys make verified workers
 * of their own (username trip-…, no phone), which a clerk could not check by the phone's last digits.
 */
function kaizhouWorker(skip: number) {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `select u.id, u.username as phone, u.id_number as idNumber, u.display_name as name from users u
             join organisations o on o.id = u.organisation_id
            where o.area_code = '500154' and u.role = 'worker' and u.verified_at is not null and u.disabled_at is null
              and length(u.username) = 11 and u.username glob '1[3-9][0-9]*'
            order by u.id desc limit 1 offset ?`,
        )
        .get(skip) as { id: number; phone: string; idNumber: string; name: string },
  )
}

async function signInAs(page: Page, username: string, password: string) {
  await signIn(page, baseURL, username, password)
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(() => undefined)
  await page.waitForLoadState('networkidle')
}

for (const [javaScriptEnabled, skip] of [
  [true, 0],
  [false, 1],
] as const) {
  const mode = javaScriptEnabled ? 'js' : 'nojs'
  test(`忘记密码：县里核对身份后重设，本人用临时密码登录后先设新密码（${mode}）/ a forgotten password: the county resets it, the worker signs in and must set a new one first (${mode})`, async () => {
    const worker = kaizhouWorker(skip)
    try {
      const clerk = await freshPage({ ...PHONE, javaScriptEnabled })
      await signInAs(clerk, 'kaizhou', DEMO_PASSWORD)
      await clerk.goto(`${baseURL}/west/accounts/${worker.id}`)
      await clerk.getByRole('heading', { level: 1, name: `账号：${worker.name}` }).waitFor()
      await screenshot(clerk, `account-page-${mode}`)
      await clerk.getByRole('link', { name: '重设密码' }).click()
      await clerk.getByRole('heading', { level: 1, name: `重设密码：${worker.name}` }).waitFor()
      // A wrong phone tail is said beside the field and changes nothing.
      await clerk.getByLabel('身份证号码后 4 位').fill(worker.idNumber.slice(-4).toLowerCase())
      await clerk.getByLabel('手机号后 4 位').fill(worker.phone.slice(-4) === '0000' ? '1111' : '0000')
      await clerk.getByRole('button', { name: '核对并重设密码' }).click()
      await clerk.getByText('与账号登记的手机号后 4 位不一致').waitFor()
      await screenshot(clerk, `account-reset-mismatch-${mode}`)
      await clerk.getByLabel('手机号后 4 位').fill(worker.phone.slice(-4))
      await clerk.getByRole('button', { name: '核对并重设密码' }).click()
      await clerk.getByRole('heading', { level: 1, name: '密码已重设' }).waitFor()
      const otp = (await clerk.locator('dt:has-text("临时密码") + dd').innerText()).trim()
      expect(otp).toMatch(/^[a-z]{4}[2-9]{4}$/)
      expect(clerk.url()).not.toContain(otp)
      await screenshot(clerk, `account-reset-done-${mode}`)
      // Shown once: reloading the page (a GET) does not bring it back.
      await clerk.goto(`${baseURL}/west/accounts/${worker.id}/reset`)
      expect(await clerk.content()).not.toContain(otp)

      const phone = await freshPage({ ...PHONE, javaScriptEnabled })
      await signInAs(phone, worker.phone, otp)
      await phone.goto(`${baseURL}/me/applications`)
      await phone.getByRole('heading', { level: 1, name: '设置新密码' }).waitFor()
      expect(new URL(phone.url()).pathname).toBe('/me/profile')
      await screenshot(phone, `must-change-password-${mode}`)
      const form = phone.locator('form', { has: phone.getByRole('button', { name: '修改密码' }) })
      await form.getByLabel('当前密码（工作人员给您的密码）').fill(otp)
      await form.getByLabel('新密码', { exact: true }).fill(`Mima${mode}2027`)
      await form.getByLabel('再次输入新密码').fill(`Mima${mode}2027`)
      await form.getByRole('button', { name: '修改密码' }).click()
      await phone.getByRole('heading', { level: 1, name: '账号与联系方式' }).waitFor()
      await phone.goto(`${baseURL}/me/applications`)
      expect(new URL(phone.url()).pathname).toBe('/me/applications')
      const state = withDatabase((db) => db.prepare('select must_change_password as mustChange from users where id = ?').get(worker.id))
      expect(state).toEqual({ mustChange: 0 })
    } finally {
      await closeAll()
    }
  }, 120_000)
}
