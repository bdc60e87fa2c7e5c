import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'

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
