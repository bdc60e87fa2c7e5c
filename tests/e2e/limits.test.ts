import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser } from './browser'

// Issue 7 §3 as a person meets it: a file over the import limit, or a form far over the body limit, is
// refused with a Chinese message on the page — with JavaScript (the Remix client reads the refusal) and
// without — never "500 系统出错了" and never a console error.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

const ELEVEN_MB = Buffer.alloc(11 * 1024 * 1024, 0x41)

for (const javaScriptEnabled of [true, false]) {
  test(`超过 10 MB 的台账文件：表单旁提示，不出 500（${javaScriptEnabled ? '有' : '无'} JavaScript） / an 11 MB ledger file gets the message beside the field, never a 500 (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    try {
      const page = await freshPage({ ...(javaScriptEnabled ? DESKTOP : PHONE), javaScriptEnabled })
      const errors: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text())
      })
      page.on('pageerror', (e) => errors.push(e.message))
      await signIn(page, baseURL, 'kaizhou', DEMO_PASSWORD)
      await page.goto(`${baseURL}/west/workers/import`)
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: ELEVEN_MB })
      await page.getByRole('button', { name: '检查并预览' }).click()
      await page.getByText('文件超过 10 MB，请分成几个文件导入').first().waitFor({ timeout: 20_000 })
      expect(await page.getByText('系统出错了').count()).toBe(0)
      await screenshot(page, `limits-import-11mb-${javaScriptEnabled ? 'js' : 'nojs'}`)
      // A refused response shows in the console as a failed resource (413); nothing may throw.
      expect(errors.filter((e) => !/status of 413/.test(e))).toEqual([])
    } finally {
      await closeAll()
    }
  })
}

test('有 JavaScript 时提交远超上限的表单：页面说明内容太大 / with JavaScript, a form far over the body limit shows the refusal on the page', async () => {
  try {
    const page = await freshPage(PHONE)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${baseURL}/login`)
    await page.waitForLoadState('networkidle')
    // A textarea pasted full (about 200 KB): the Remix client posts it to /login.data.
    await page.evaluate(() => {
      const form = document.querySelector('main form')!
      const area = document.createElement('textarea')
      area.name = 'note'
      area.value = '很长的粘贴内容'.repeat(10_000)
      form.appendChild(area)
    })
    await page.getByLabel('用户名或手机号').fill('kaizhou')
    await page.getByLabel('密码').fill('wrong')
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByText('提交的内容太大，请删减后重新提交').waitFor({ timeout: 15_000 })
    expect(await page.getByText('系统出错了').count()).toBe(0)
    expect(errors).toEqual([])
  } finally {
    await closeAll()
  }
})
