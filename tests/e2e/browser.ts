import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
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
