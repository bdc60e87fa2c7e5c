import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// Issue 11 §6 in Chromium: the platform operator adds the pair 巫溪县 ⇄ 泰安市 and both organisations, creates
// a staff account for the 巫溪 centre (the one-time password is shown once), and the new staff member, on a
// 360 px phone, signs in, sets their own password and reaches a working county home and ledger.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

async function signInAs(page: Page, username: string, password: string) {
  await signIn(page, baseURL, username, password)
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(() => undefined)
  await page.waitForLoadState('networkidle')
}

const exists = (sql: string, ...args: string[]) => withDatabase((db) => db.prepare(sql).get(...args) != null, { readonly: true })

test('平台管理员新增巫溪县⇄泰安市及其单位和工作人员，新工作人员在手机上登录后进入本县首页 / the admin adds 巫溪县 ⇄ 泰安市, its organisations and staff; the new clerk signs in on a phone to a working county home', async () => {
  try {
    const admin = await freshPage(DESKTOP)
    await signInAs(admin, 'admin', DEMO_PASSWORD)
    if (!exists(`select 1 from pairings where county_code = '500238'`)) {
      await admin.goto(`${baseURL}/admin/pairings`)
      await admin.getByLabel('重庆区县').selectOption('500238')
      await admin.getByLabel('山东城市').selectOption('370900')
      await screenshot(admin, 'admin-pairings-1280')
      await admin.getByRole('button', { name: '新建结对' }).click()
      await admin.getByText('已新建结对关系').waitFor()
    }
    await admin
      .getByRole('cell', { name: /巫溪县/ })
      .first()
      .waitFor()
    for (const [kind, area, name, short] of [
      ['山东人社局（东部）', '370900', '泰安市人力资源和社会保障局', '泰安市人社局'],
      ['重庆区县就业和人才中心（西部）', '500238', '巫溪县就业和人才中心', '巫溪县就业中心'],
    ]) {
      if (exists(`select 1 from organisations where area_code = ?`, area)) continue
      await admin.goto(`${baseURL}/admin/organisations/new`)
      await admin.getByLabel(kind).check()
      await admin.getByLabel('行政区划').selectOption(area)
      await admin.getByLabel('单位全称').fill(name)
      await admin.getByLabel('简称').fill(short)
      await admin.getByRole('button', { name: '新建单位' }).click()
      await admin.getByRole('heading', { level: 1, name }).waitFor()
    }
    const username = `wuxi_${Date.now().toString(36)}`
    await admin.goto(`${baseURL}/admin`)
    await admin.getByRole('link', { name: '巫溪县就业和人才中心' }).click()
    await admin.getByRole('heading', { level: 1, name: '巫溪县就业和人才中心' }).waitFor()
    await admin.getByLabel('登录用户名').fill(username)
    await admin.getByLabel('姓名').fill('巫溪新同事')
    await admin.getByLabel('手机号').fill('13800003333')
    await screenshot(admin, 'admin-organisation-1280')
    await admin.getByRole('button', { name: '新建账号' }).click()
    await admin.getByRole('heading', { level: 1, name: '账号已新建' }).waitFor()
    const otp = (await admin.locator('dt:has-text("临时密码") + dd').innerText()).trim()
    expect(otp).toMatch(/^[a-z]{4}[2-9]{4}$/)
    await screenshot(admin, 'admin-staff-created-1280')

    const phone = await freshPage(PHONE)
    await signInAs(phone, username, otp)
    await phone.getByRole('heading', { level: 1, name: '设置新密码' }).waitFor()
    await screenshot(phone, 'staff-password-360')
    await phone.getByLabel('临时密码').fill(otp)
    await phone.getByLabel('新密码', { exact: true }).fill('Wuxi2026ok')
    await phone.getByLabel('再次输入新密码').fill('Wuxi2026ok')
    await phone.getByRole('button', { name: '保存新密码' }).click()
    await phone.waitForURL((url) => url.pathname === '/west')
    await phone.getByText('泰安市').first().waitFor()
    await screenshot(phone, 'wuxi-west-home-360')
    await phone.goto(`${baseURL}/west/workers`)
    await phone.getByRole('heading', { level: 1 }).first().waitFor()
    expect(new URL(phone.url()).pathname).toBe('/west/workers')

    // The trail shows what the operator did, searchable by person.
    await admin.goto(`${baseURL}/admin/audit?who=admin&action=account.staff_create`)
    await admin.getByRole('cell', { name: '新建工作人员账号' }).first().waitFor()
    await screenshot(admin, 'admin-audit-1280')
    const narrow = await freshPage(PHONE)
    await signInAs(narrow, 'admin', DEMO_PASSWORD)
    await narrow.goto(`${baseURL}/admin/audit?who=admin`)
    await narrow.getByRole('heading', { level: 1, name: '操作记录' }).waitFor()
    await screenshot(narrow, 'admin-audit-360')
  } finally {
    await closeAll()
  }
})
