import { afterEach, expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser } from './browser'

// Issue 15 §2 and §4 in the real browser: each home shows the month's charts with JavaScript off (they are
// SVG drawn on the server), the month picker works as a plain GET form, and the monthly report of a county
// and of a city prints on one A4 page.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()
afterEach(closeAll)

/** How many pages a PDF has (Chromium writes one `/Type /Page` object per page). */
function pdfPages(pdf: Buffer) {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0
}

test('没有 JavaScript 也能看到本月统计图表并切换月份 / without JavaScript the charts show and the month picker works', async () => {
  const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
  await signIn(page, baseURL, 'kaizhou', DEMO_PASSWORD)
  await page.goto(`${baseURL}/west`)
  const stats = page.locator('#stats')
  await expect.poll(() => stats.locator('svg[role="img"]').count()).toBe(3)
  // Every figure linked to its list has a number link.
  expect(await stats.locator('.figure__value a').count()).toBeGreaterThanOrEqual(7)
  await stats.locator('input[name="month"]').fill('2026-10')
  await stats.getByRole('button', { name: '查看' }).click()
  await page.waitForURL(/month=2026-10/)
  await expect.poll(() => page.locator('#stats-head').textContent()).toContain('2026年10月')
  // 360 px: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, 'statistics-west-phone-nojs')
})

test('月度报告打印为一页 A4 / the monthly report prints on one A4 page', async () => {
  for (const username of ['kaizhou', 'weifang']) {
    const page = await freshPage(DESKTOP)
    await signIn(page, baseURL, username, DEMO_PASSWORD)
    const side = username === 'kaizhou' ? 'west' : 'east'
    await page.goto(`${baseURL}/${side}/report?month=2026-11`)
    await expect.poll(() => page.locator('h1').textContent()).toContain('2026年11月')
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, `statistics-report-${side}-print`)
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true })
    expect(pdfPages(pdf), username).toBe(1)
  }
})
