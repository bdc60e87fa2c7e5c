import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// Issue 12 §5, §7 and §1 on a 360 px phone without JavaScript, against the production server: the receiving
// bureau's manifest and the county's show every person's tick, name, masked numbers and marks without
// scrolling sideways, and say why a no-show cannot be ticked; the demand form lists every problem at once
// at its top, each a link to its field.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

/** A demo batch of 开州区 (kaizhou, paired with 潍坊 / weifang) that has arrived and has a no-show. */
function arrivedBatchWithNoShow() {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `select b.id from batches b join organisations o on o.id = b.organisation_id join users u on u.organisation_id = o.id
           where u.username = 'kaizhou' and b.state = 'arrived'
             and exists (select 1 from batch_seats s where s.batch_id = b.id and s.boarding = 'no_show') order by b.id limit 1`,
        )
        .get() as { id: number },
    { readonly: true },
  ).id
}

/** The page is no wider than the phone, and each card's cells end inside it. */
async function fitsThePhone(page: Page, cells: string[]) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  const row = page.locator('.manifest__table tbody tr').first()
  for (const cell of cells) {
    const box = await row.locator(cell).boundingBox()
    expect(box, cell).not.toBeNull()
    expect(box!.x + box!.width, cell).toBeLessThanOrEqual(360)
  }
}

test('接收方和区县的乘车名单在 360 px 手机上一人一张卡片，未上车的说明原因 / on a 360 px phone the bureau’s and the county’s manifests show one card per person, and a no-show says why it cannot be ticked', async () => {
  try {
    const batchId = arrivedBatchWithNoShow()
    const east = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await signIn(east, baseURL, 'weifang', DEMO_PASSWORD)
    await east.goto(`${baseURL}/east/arrivals/${batchId}`)
    await screenshot(east, 'manifest-phone-east')
    await fitsThePhone(east, ['.manifest__select input', '.manifest__name', '.manifest__id', '.manifest__phone', '.manifest__marks'])
    const noShow = east.locator('.manifest__table tbody tr', { hasText: '未上车，不能确认到岗' })
    expect(await noShow.count()).toBeGreaterThan(0)
    expect(await noShow.first().locator('input[type=checkbox]').isDisabled()).toBe(true)
    // The blank hand-tick column is for paper only.
    expect(await east.locator('td.manifest__tick').first().isVisible()).toBe(false)

    const west = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await signIn(west, baseURL, 'kaizhou', DEMO_PASSWORD)
    await west.goto(`${baseURL}/west/batches/${batchId}/manifest`)
    await screenshot(west, 'manifest-phone-west')
    await fitsThePhone(west, ['.manifest__name', '.manifest__id', '.manifest__phone', '.manifest__township', '.manifest__marks'])
  } finally {
    await closeAll()
  }
})

test('出行需求表单不用 JavaScript 时一次列出所有错误并链接到字段 / without JavaScript the demand form lists every problem at once at its top, each linked to its field', async () => {
  try {
    const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await signIn(page, baseURL, 'kaizhou', DEMO_PASSWORD)
    await page.goto(`${baseURL}/west/demand/new`)
    await page.getByLabel('身份证号码').fill('123')
    await page.getByLabel('最早出发日期').fill('2026-12-20')
    await page.getByLabel('最晚出发日期').fill('2026-12-10')
    await page.getByLabel('同行人').fill('123')
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '登记出行需求' }).click()])
    await screenshot(page, 'demand-form-errors-nojs')
    const summary = page.getByRole('alert').filter({ hasText: '处需要修改' })
    expect(await summary.locator('h2').innerText()).toBe('有 3 处需要修改')
    const links = summary.getByRole('link')
    const targets = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(targets).toEqual(['#demand-idNumber', '#demand-latestDate', '#demand-companions'])
    for (const target of targets) expect(await page.locator(target!).count()).toBe(1)
    expect(await summary.innerText()).toContain('最晚出发日期不能早于最早出发日期')
    // The summary is on the first screen.
    expect((await summary.boundingBox())!.y).toBeLessThan(740)
  } finally {
    await closeAll()
  }
})
