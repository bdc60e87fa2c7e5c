import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, BrowserContextOptions } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, launchBrowser, PHONE, screenshot, SCREENSHOT_DIR, signIn } from './browser'

// Issue 11 §4 in a browser: county staff tick several people on the recommend page and recommend them in
// one submission, with and without JavaScript; the list prints on A4.

const baseURL = inject('baseURL')

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

async function signedIn(options: BrowserContextOptions) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await signIn(page, baseURL, 'kaizhou', DEMO_PASSWORD)
  return { context, page }
}

/** The recommend page of the first post on 开州's 对口岗位 list, with every age listed. */
async function openRecommend(page: import('playwright-core').Page) {
  await page.goto(`${baseURL}/west/jobs`)
  const href = await page
    .getByRole('link', { name: /^为“.+”推荐人员$/ })
    .first()
    .getAttribute('href')
  await page.goto(`${baseURL}${href!}?ages=all`)
  await page.getByRole('heading', { level: 1, name: /^推荐人员：/ }).waitFor()
  return Number(/\/west\/jobs\/(\d+)\/recommend/.exec(page.url())![1])
}

for (const javaScriptEnabled of [true, false]) {
  test(`开州区勾选两人一次推荐（${javaScriptEnabled ? '有' : '无'} JavaScript）/ kaizhou ticks two people and recommends both at once (${javaScriptEnabled ? 'js' : 'no js'})`, async () => {
    const { context, page } = await signedIn({ ...DESKTOP, javaScriptEnabled })
    try {
      const jobId = await openRecommend(page)
      const boxes = page.getByRole('checkbox', { disabled: false })
      const picked: number[] = []
      for (const i of [0, 1]) {
        picked.push(Number(await boxes.nth(i).getAttribute('value')))
        await boxes.nth(i).check()
      }
      const button = page.getByRole('button', { name: /^推荐所选/ })
      if (javaScriptEnabled) expect(await button.textContent()).toBe('推荐所选（2 人）')
      await page.getByLabel('推荐说明（选填）').fill('两人都有电焊证')
      await button.click()
      await page.getByRole('status').filter({ hasText: '已推荐 2 人' }).waitFor()
      // Back on the same list (every age), the two are now marked and cannot be ticked again.
      expect(page.url()).toContain('ages=all')
      for (const id of picked) expect(await page.locator(`input[type="checkbox"][value="${id}"]`).isDisabled()).toBe(true)
      await screenshot(page, `recommend-batch-done-${javaScriptEnabled ? 'js' : 'nojs'}`)
      const rows = query<{ source: string; note: string }>(
        `select source, note from applications where vacancy_id = ? and worker_id in (${picked.map(() => '?').join(',')})`,
        jobId,
        ...picked,
      )
      expect(rows).toEqual(picked.map(() => ({ source: 'recommended', note: '两人都有电焊证' })))
    } finally {
      await context.close()
    }
  })
}

test('推荐页在手机上、推荐名单打印成 A4 / the recommend page on a phone, the list printed on A4', async () => {
  const phone = await signedIn(PHONE)
  try {
    const jobId = await openRecommend(phone.page)
    await phone.page.goto(`${baseURL}/west/jobs/${jobId}/recommend`)
    await screenshot(phone.page, 'recommend-batch-phone')
  } finally {
    await phone.context.close()
  }
  const { context, page } = await signedIn(DESKTOP)
  try {
    const jobId = await openRecommend(page)
    await page.goto(`${baseURL}/west/jobs/${jobId}/recommend`)
    await screenshot(page, 'recommend-batch-desktop')
    await page.goto(`${baseURL}/west/jobs/${jobId}/recommend/print?ages=all`)
    await page.getByRole('heading', { level: 1, name: /^推荐名单：/ }).waitFor()
    await page.emulateMedia({ media: 'print' })
    // An A4 sheet at 96 dpi is 794 px wide.
    await page.setViewportSize({ width: 794, height: 1123 })
    await screenshot(page, 'recommend-print-a4')
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true })
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'recommend-print.pdf'), pdf)
    // Every page of the PDF is A4 (595 × 842 points).
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ])
    expect(boxes.length).toBeGreaterThan(0)
    for (const box of boxes) expect(box).toEqual([595, 842])
  } finally {
    await context.close()
  }
})
