import type { BrowserContext, Locator, Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser } from './browser'

// Issue 14 §1: the site form's point picker (a new user's and a helper's findings).
// - The picker's marker and line show the point the two inputs hold: the marker trailed a tap (and, editing,
//   mixed one tap's latitude with the next one's longitude) because conform's field values lag a
//   programmatic update, so the picker now reads the inputs themselves.
// - A tap sets 纬度 and 经度 and never leaves a message that says they are missing: the form validated both
//   fields in the same tick as it wrote them, so the first tap on a fresh form showed "请在地图上选点…" and
//   "请填写经度" beside the picked point. A refused save's message beside 纬度 (a point outside 潍坊 and 开州)
//   goes once a point is picked.
// - On a phone the site form's and the post form's pickers trapped a one-finger swipe (the page did not scroll)
//   and opened so far in that the box was all one colour inside the city's fill; they now use /map's gesture
//   handling (one finger scrolls the page, two move the map) and open on the owner's whole city, its outline in
//   view. Their zoom buttons are named in Chinese.
const baseURL = inject('baseURL')
const { freshPage, freshContextPage, closeAll } = useBrowser()

/** weifang's new-site form with its map loaded; returns the page and the map. */
async function newSiteForm() {
  const page: Page = await freshPage(DESKTOP)
  await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
  await page.goto(`${baseURL}/east/sites/new`)
  const map = page.locator('.point-picker__map.leaflet-container')
  await map.waitFor({ timeout: 30_000 })
  return { page, map }
}

test('站点表单：每点一次地图，纬度、经度和地图上显示的位置一致 / each tap on the site form’s map shows the point the inputs hold', async () => {
  try {
    const { page, map } = await newSiteForm()
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

test('站点表单：点地图选点后纬度、经度旁没有“请选点”的提示；被拒的位置提示在选点后消失 / a tap on the site form’s map leaves no “missing point” message, and clears a refused save’s one', async () => {
  try {
    const { page, map } = await newSiteForm()
    const messages = () => page.locator('#site [id$="-error"]').allInnerTexts()
    const tap = async () => {
      await map.scrollIntoViewIfNeeded()
      const box = (await map.boundingBox())!
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      await expect.poll(() => page.inputValue('input[name=lat]')).toMatch(/^3\d\.\d+$/)
    }
    await tap()
    await page.waitForTimeout(500)
    expect((await messages()).filter(Boolean)).toEqual([])

    await page.selectOption('select[name=type]', 'workstation')
    await page.fill('input[name=siteNumber]', `PICK-${Date.now().toString(36)}`)
    await page.fill('input[name=name]', '选点测试站')
    await page.fill('input[name=address]', '潍坊市奎文区东风东街 1 号')
    await page.fill('input[name=lat]', '37.5665')
    await page.fill('input[name=lng]', '126.978')
    await page.fill('input[name=contactName]', '王敏')
    await page.fill('input[name=contactPhone]', '0536-8888888')
    await page.fill('input[name=openingHours]', '周一至周五 8:30-17:30')
    await page.check('input[name=services] >> nth=0')
    await page.click('button[type=submit]:has-text("保存")')
    await expect.poll(messages).toEqual(['位置不在潍坊市或开州区境内，请核对纬度、经度'])
    await tap()
    await page.waitForTimeout(500)
    expect((await messages()).filter(Boolean)).toEqual([])
    await Promise.all([page.waitForURL(/\/east\/sites\/\d+$/), page.click('button[type=submit]:has-text("保存")')])
  } finally {
    await closeAll()
  }
})

/** A one-finger swipe up over `target`, as a thumb scrolls a page (Chromium's touch input, not script events). */
async function swipeUp(context: BrowserContext, page: Page, target: Locator) {
  const box = (await target.boundingBox())!
  const cdp = await context.newCDPSession(page)
  const x = box.x + box.width / 2
  const y = box.y + box.height * 0.7
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] })
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - i * 15 }] })
    await page.waitForTimeout(16)
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await page.waitForTimeout(500)
}

for (const [form, path] of [
  ['站点表单 / site form', '/east/sites/new'],
  ['岗位表单 / post form', '/east/jobs/new'],
] as const) {
  test(`${form}：手机上单指滑过地图会滚动页面，地图打开时看得到整个潍坊市的轮廓 / on a phone a swipe over the picker scrolls the page, and it opens on the whole city's outline`, async () => {
    try {
      const { context, page } = await freshContextPage(PHONE)
      await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
      await page.goto(`${baseURL}${path}`)
      const map = page.locator('.point-picker__map.leaflet-container')
      await map.waitFor({ timeout: 30_000 })
      await page.waitForTimeout(500)
      await map.evaluate((el) => el.scrollIntoView({ block: 'center' }))
      // The city (潍坊市, filled) is whole inside the map, so its outline shows where to tap.
      // The largest filled area drawn is 潍坊市 (the paired areas away from it are clipped to nothing).
      await map.locator('path.map-outline__paired').first().waitFor({ state: 'attached' })
      const boxes = (await Promise.all((await map.locator('path.map-outline__paired').all()).map((p) => p.boundingBox()))).filter((b) => b != null)
      const cityBox = boxes.sort((a, b) => b.width * b.height - a.width * a.height)[0]
      const mapBox = (await map.boundingBox())!
      expect(cityBox.x).toBeGreaterThanOrEqual(mapBox.x - 1)
      expect(cityBox.y).toBeGreaterThanOrEqual(mapBox.y - 1)
      expect(cityBox.x + cityBox.width).toBeLessThanOrEqual(mapBox.x + mapBox.width + 1)
      expect(cityBox.y + cityBox.height).toBeLessThanOrEqual(mapBox.y + mapBox.height + 1)
      expect(cityBox.width).toBeGreaterThan(mapBox.width / 3)
      expect(await map.locator('.leaflet-control-zoom-in').getAttribute('title')).toBe('放大')
      expect(await map.locator('.leaflet-control-zoom-out').getAttribute('title')).toBe('缩小')
      await screenshot(page, `picker-360${path.replaceAll('/', '-')}`)

      const before = await page.evaluate(() => window.scrollY)
      await swipeUp(context, page, map)
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 60)
      // A tap still places the point.
      await map.scrollIntoViewIfNeeded()
      const box = (await map.boundingBox())!
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2)
      await expect.poll(() => page.locator('.point-picker__bar [aria-live]').innerText()).toMatch(/^已选位置：北纬 3\d\./)
    } finally {
      await closeAll()
    }
  })
}
