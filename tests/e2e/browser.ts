import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'

export const SCREENSHOT_DIR = path.resolve('tests/e2e/screenshots')

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, locale: 'zh-CN' }

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, baseURL: string, username: string, password: string) {
  await page.goto(`${baseURL}/login`)
  await page.getByLabel('用户名或手机号').fill(username)
  await page.getByLabel('密码').fill(password)
  await Promise.all([
    // With JavaScript the form submits by fetch and the URL changes after; without it, a full load.
    page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(() => undefined),
    page.getByRole('button', { name: '登录' }).click(),
  ])
  await page.waitForLoadState('networkidle')
}

export const DEMO_PASSWORD = 'Luyu@2026'

/** A post as the 发布新岗位 form asks for it. Left out: 物流运输, 3 people, 6,500–8,000 yuan a month, no meals or housing, no requirements. */
export type PostFields = {
  title: string
  address: string
  contactName: string
  contactPhone: string
  industry?: string
  headcount?: string
  salaryMin?: string
  salaryMax?: string
  meals?: boolean
  housing?: boolean
  requirements?: string
}

/** Fills the 发布新岗位 form already open on `page` with `post`, choosing the first employer on the list, as a person types it; does not save. */
export async function fillPostForm(page: Page, { industry = '物流运输', headcount = '3', salaryMin = '6500', salaryMax = '8000', ...post }: PostFields) {
  await page.getByLabel('岗位名称').fill(post.title)
  await page.getByLabel('用人单位').selectOption({ index: 1 })
  await page.getByLabel('行业').selectOption({ label: industry })
  await page.getByLabel('招聘人数').fill(headcount)
  await page.getByLabel('最低月薪（元）').fill(salaryMin)
  await page.getByLabel('最高月薪（元）').fill(salaryMax)
  await page.getByLabel('详细地址').fill(post.address)
  if (post.meals) await page.getByLabel('包吃').check()
  if (post.housing) await page.getByLabel('包住').check()
  if (post.requirements) await page.getByLabel('岗位要求（选填）').fill(post.requirements)
  await page.getByLabel('联系人').fill(post.contactName)
  await page.getByLabel('联系电话').fill(post.contactPhone)
}

/** Opens the confirm step whose summary reads exactly `summary` (e.g. '录用…', '不录用…') in an applicant's `row`: the step holds that action's form. */
export async function openConfirmStep(row: Locator, summary: string) {
  await row
    .locator('summary')
    .filter({ hasText: new RegExp(`^${summary}$`) })
    .click()
}

/**
 * One browser per test file, and a fresh context (no cookies carried over) per journey. Call at the top
 * level of a test file; closeAll() in a journey's `finally` closes the contexts it opened.
 */
export function useBrowser() {
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  async function freshContextPage(options: BrowserContextOptions) {
    const context = await browser!.newContext(options)
    contexts.push(context)
    return { context, page: await context.newPage() }
  }
  return {
    freshContextPage,
    freshPage: async (options: BrowserContextOptions) => (await freshContextPage(options)).page,
    closeAll: async () => {
      while (contexts.length) await contexts.pop()!.close()
    },
  }
}

/** The e2e server's database, opened for a moment (read-only unless asked), for setting up and checking. */
export function withDatabase<T>(run: (db: Database.Database) => T, { readonly = false } = {}): T {
  const db = new Database(inject('databasePath'), { readonly })
  db.pragma('busy_timeout = 5000')
  try {
    return run(db)
  } finally {
    db.close()
  }
}
