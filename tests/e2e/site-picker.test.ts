import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, screenshot, signIn, useBrowser } from './browser'

// Issue 14 §1: on the site form the picker's marker and line show the point the two inputs hold. A new user
// saw the marker one tap behind the inputs (and, editing, one tap's latitude with the next one's longitude):
// conform's field values lag a programmatic update, so the picker now reads the inputs themselves.
const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

test('站点表单：每点一次地图，纬度、经度和地图上显示的位置一致 / each tap on the site form’s map shows the point the inputs hold', async () => {
  try {
    const page = await freshPage(DESKTOP)
    await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
    await page.goto(`${baseURL}/east/sites/new`)
    const map = page.locator('.point-picker__map.leaflet-container')
    await map.waitFor({ timeout: 30_000 })
    await map.scrollIntoViewIfNeeded()
    const box = (await map.boundingBox())!
    const line = page.locator('.point-picker__bar [aria-live]')
    for (const [dx, dy] of [
      [0.3, 0.4],
      [0.7, 0.6],
      [0.5, 0.3],
    ]) {
      await page.mouse.click(box.x + box.width * dx, box.y + box.height * dy)
      await expect.poll(() => page.inputValue('input[name=lat]')).not.toBe('')
      const lat = await page.inputValue('input[name=lat]')
      const lng = await page.inputValue('input[name=lng]')
      await expect.poll(() => line.innerText()).toBe(`已选位置：北纬 ${Number(lat).toFixed(6)}，东经 ${Number(lng).toFixed(6)}`)
    }
    await page.fill('input[name=lat]', '36.7')
    await page.fill('input[name=lng]', '119.1')
    await expect.poll(() => line.innerText()).toBe('已选位置：北纬 36.700000，东经 119.100000')
    await screenshot(page, 'site-form-picked')
  } finally {
    await closeAll()
  }
})
