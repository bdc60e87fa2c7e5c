import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, signIn, useBrowser } from './browser'

// Issue 14 §1: on the site form a tap on the map sets 纬度 and 经度 and never leaves a message that says they are
// missing. The form validated both fields in the same tick as it wrote them, before conform had put the values
// in the inputs, so the first tap on a fresh form showed "请在地图上选点…" and "请填写经度" beside the picked
// point. A refused save's message beside 纬度 (here a point outside 潍坊 and 开州) goes once a point is picked.
const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

test('站点表单：点地图选点后纬度、经度旁没有“请选点”的提示；被拒的位置提示在选点后消失 / a tap on the site form’s map leaves no “missing point” message, and clears a refused save’s one', async () => {
  try {
    const page = await freshPage(DESKTOP)
    await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
    await page.goto(`${baseURL}/east/sites/new`)
    const map = page.locator('.point-picker__map.leaflet-container')
    await map.waitFor({ timeout: 30_000 })
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
