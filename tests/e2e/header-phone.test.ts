import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser } from './browser'

// The header on a 360 px phone and a 1280 px screen, for each side (session 9; the bureau's eight since issue
// 15 added 报名记录 and 录用人员, so it folds too): the west staff's eleven menu
// items wrapped to four rows on a phone and pushed every page below the fold. Now a long nav folds into a
// 菜单 disclosure naming the current page (a <details>, so it works without JavaScript); the shorter navs
// wrap to at most two rows; nothing is wider than the screen; every item can be reached.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

const SIDES = [
  { username: 'kaizhou', path: '/west/claims', items: 12, current: '补助审核', follow: { label: '发放批次', path: '/west/payouts' } },
  { username: 'weifang', path: '/east/jobs', items: 8, current: '岗位管理', follow: { label: '录用人员', path: '/east/hires' } },
  { username: 'admin', path: '/admin/audit', items: 4, current: '操作记录' },
  { username: '13996000001', path: '/me/claims', items: 5, current: '交通补助' },
] as const

/** The rows the visible 主导航 links sit on (distinct tops), how many are visible, the header's height and the page's width. */
function headerShape(page: Page) {
  return page.evaluate(() => {
    const links = [...document.querySelectorAll<HTMLElement>('nav[aria-label="主导航"] a')].filter((a) => a.checkVisibility())
    return {
      rows: new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size,
      visible: links.length,
      header: Math.round(document.querySelector('header.site-header')!.getBoundingClientRect().height),
      width: document.documentElement.scrollWidth,
    }
  })
}

test('手机上各方的菜单最多两行，县里的菜单收进“菜单”且不用 JavaScript 也能打开 / on a 360 px phone every side’s menu takes at most two rows, the county’s folds into 菜单 that opens without JavaScript', async () => {
  try {
    for (const side of SIDES) {
      const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
      await signIn(page, baseURL, side.username, DEMO_PASSWORD)
      await page.goto(`${baseURL}${side.path}`)
      const shape = await headerShape(page)
      await screenshot(page, `header-phone-${side.username}`)
      expect(shape.width, side.username).toBeLessThanOrEqual(360)
      if (side.items > 6) {
        // Folded: one row naming where you are, no link showing until it is opened.
        expect(shape.visible, side.username).toBe(0)
        expect(shape.header, side.username).toBeLessThanOrEqual(150)
        const menu = page.locator('summary', { hasText: '菜单' })
        await expect.poll(() => menu.innerText()).toContain(side.current)
        await menu.click()
        const nav = page.getByRole('navigation', { name: '主导航' })
        expect(await nav.getByRole('link').count()).toBe(side.items)
        expect(await nav.locator('a.active').innerText()).toBe(side.current)
        await screenshot(page, `header-phone-${side.username}-open`)
        expect(await headerShape(page)).toMatchObject({ visible: side.items, width: 360 })
        const { follow } = side as { follow: { label: string; path: string } }
        await Promise.all([page.waitForURL(`${baseURL}${follow.path}`), nav.getByRole('link', { name: follow.label }).click()])
        expect(await page.locator('summary', { hasText: '菜单' }).innerText()).toContain(follow.label)
      } else {
        expect(shape, side.username).toMatchObject({ visible: side.items })
        expect(shape.rows, side.username).toBeLessThanOrEqual(2)
      }
    }
  } finally {
    await closeAll()
  }
})

test('手机上有 JavaScript 时点菜单里的链接后菜单收起 / with JavaScript on a phone the menu closes after following one of its links', async () => {
  try {
    const page = await freshPage(PHONE)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await signIn(page, baseURL, 'kaizhou', DEMO_PASSWORD)
    await page.goto(`${baseURL}/west`)
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter != null)
    await page.locator('summary', { hasText: '菜单' }).click()
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '包车批次' }).click()
    await page.waitForURL(`${baseURL}/west/batches`)
    await expect.poll(() => page.locator('details.side-menu').getAttribute('open')).toBeNull()
    expect(await page.locator('summary', { hasText: '菜单' }).innerText()).toContain('包车批次')
    expect(errors).toEqual([])
  } finally {
    await closeAll()
  }
})

test('宽屏上各方的菜单是一行链接，没有“菜单”按钮 / on a 1280 px screen every side’s menu is one row of links without the 菜单 button', async () => {
  try {
    for (const side of SIDES) {
      const page = await freshPage(DESKTOP)
      await signIn(page, baseURL, side.username, DEMO_PASSWORD)
      await page.goto(`${baseURL}${side.path}`)
      await screenshot(page, `header-desktop-${side.username}`)
      expect(await headerShape(page), side.username).toMatchObject({ visible: side.items, rows: 1, width: 1280 })
      expect(await page.locator('summary', { hasText: '菜单' }).isVisible()).toBe(false)
      expect(await page.getByRole('navigation', { name: '主导航' }).locator('a.active').innerText()).toBe(side.current)
    }
  } finally {
    await closeAll()
  }
})
