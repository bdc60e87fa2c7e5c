import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, PHONE, screenshot, signIn, useBrowser } from './browser'

// Issue 9 §12 on a 360 px phone, with and without JavaScript, against the production server: the whole job
// card opens the post (one link, named by the title); a signed-in worker sees first the posts they can
// apply to, with one tap to all; the pay filter's label, chip and results agree.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

/** Taps a card far from its title (bottom right, on the deadline line) and returns the path it opened. */
async function tapCardCorner(page: Page, index: number) {
  const card = page.locator('li.job-card').nth(index)
  await card.scrollIntoViewIfNeeded()
  const box = (await card.boundingBox())!
  expect(box.width).toBeGreaterThan(300)
  // The point is on the card's deadline line, far from the title's text.
  await Promise.all([page.waitForURL(/\/jobs\/\d+$/), card.click({ position: { x: box.width - 12, y: box.height - 10 } })])
  return new URL(page.url()).pathname
}

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled ? 'js' : 'nojs'

  test(`整张岗位卡片都能点开，只有一个以标题为名的链接（${js}）/ the whole card opens the post through its one link named by the title (${js})`, async () => {
    try {
      const page = await freshPage({ ...PHONE, javaScriptEnabled })
      await page.goto(`${baseURL}/jobs`)
      await screenshot(page, `board-phone-signed-out-${js}`)
      const cards = page.locator('li.job-card')
      expect(await cards.count()).toBeGreaterThan(0)
      for (let i = 0; i < Math.min(await cards.count(), 5); i++) {
        const card = cards.nth(i)
        const links = card.getByRole('link')
        expect(await links.count()).toBe(1)
        const title = (await card.locator('h2').innerText()).trim()
        expect(await card.getByRole('link', { name: title, exact: true }).count()).toBe(1)
        expect(await card.locator('button, input, select, textarea, [tabindex]').count()).toBe(0)
      }
      const href = await cards.nth(1).getByRole('link').getAttribute('href')
      expect(await tapCardCorner(page, 1)).toBe(href)
    } finally {
      await closeAll()
    }
  })

  test(`务工人员先看到能报名的岗位，一点就看全部（${js}）/ a worker sees first the posts they can apply to, one tap to all (${js})`, async () => {
    try {
      const page = await freshPage({ ...PHONE, javaScriptEnabled })
      await signIn(page, baseURL, '13996000001', DEMO_PASSWORD)
      await page.goto(`${baseURL}/jobs`)
      const scopes = page.getByRole('navigation', { name: '岗位范围' })
      const mine = scopes.getByRole('link', { name: /我能报名的/ })
      const all = scopes.getByRole('link', { name: /全部岗位/ })
      expect(await mine.getAttribute('aria-current')).toBe('page')
      const count = async (link: typeof mine) => Number((await link.locator('strong').innerText()).trim())
      const [mineCount, allCount] = [await count(mine), await count(all)]
      expect(mineCount).toBeGreaterThan(0)
      expect(mineCount).toBeLessThan(allCount)
      expect(await page.getByText('不面向您的区县', { exact: true }).count()).toBe(0)
      await screenshot(page, `board-phone-worker-mine-${js}`)

      await Promise.all([page.waitForURL(/scope=all/), all.click()])
      // With JavaScript the URL changes before the new page is rendered: wait for the render, not the URL.
      await expect.poll(() => scopes.getByRole('link', { name: /全部岗位/ }).getAttribute('aria-current')).toBe('page')
      await expect.poll(() => page.getByText(`共有 ${allCount} 个岗位`).count()).toBe(1)
      expect(await page.getByText('不面向您的区县', { exact: true }).count()).toBeGreaterThan(0)
      await screenshot(page, `board-phone-worker-all-${js}`)
    } finally {
      await closeAll()
    }
  })
}

test('“月薪最高可达”：标签、已选条件和结果一致 / "pay can reach": the label, the chosen-condition chip and the results agree', async () => {
  try {
    const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await page.goto(`${baseURL}/jobs?minSalary=6000`)
    expect(await page.getByLabel('月薪最高可达（元）').inputValue()).toBe('6000')
    expect(await page.getByRole('list', { name: '已选条件' }).innerText()).toContain('月薪最高可达 6,000 元')
    const salaries = await page.locator('.job-card__salary').allInnerTexts()
    expect(salaries.length).toBeGreaterThan(0)
    for (const s of salaries) {
      const top = Number(
        s
          .replace(/[¥,/月]/g, '')
          .split('–')
          .at(-1),
      )
      expect(top, s).toBeGreaterThanOrEqual(6000)
    }
    await screenshot(page, 'board-phone-pay-filter-nojs')
  } finally {
    await closeAll()
  }
})
