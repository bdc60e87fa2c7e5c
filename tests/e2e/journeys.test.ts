import Database from 'better-sqlite3'
import type { Locator, Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser } from './browser'

const baseURL = inject('baseURL')

const { freshContextPage: freshPage, closeAll } = useBrowser()

/** What the page under test exposes on `window`: Remix's hydration globals and the CSP violations recorded by the init script. */
type RemixWindow = { __remixRouter?: unknown; __remixContext?: unknown; __cspViolations: string[] }

/** The staff accounts (east, west and the operator) in the seeded database, read straight from it. */
function staffAccounts(): number {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    return (db.prepare("select count(*) as n from users where role in ('east', 'west', 'admin')").get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** Reads figures straight from the seeded database, so the page is compared with the truth. */
function workersOfArea(areaCode: string) {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    return db
      .prepare(
        `select count(*) as total, count(u.verified_at) as verified
           from users u join organisations o on o.id = u.organisation_id
          where u.role = 'worker' and o.area_code = ?`,
      )
      .get(areaCode) as { total: number; verified: number }
  } finally {
    db.close()
  }
}

/** The number shown in the figure item whose label is `label`, inside the figures list named `listName`. */
async function figure(page: Page, listName: string, label: string) {
  const item = page
    .getByRole('list', { name: listName })
    .getByRole('listitem')
    .filter({ has: page.getByText(label, { exact: true }) })
  const text = (await item.innerText()).replace(/\s+/g, ' ').trim()
  const match = new RegExp(`^${label} (\\d+)`).exec(text)
  return match ? Number(match[1]) : NaN
}

function pathOf(page: Page) {
  const url = new URL(page.url())
  return url.pathname + url.search
}

/**
 * The shared signIn helper, then a wait for the app to leave /login. With JavaScript on, Remix submits
 * the form with fetch and navigates on the client, so the document's 'networkidle' the helper waits
 * for may already have been reached before the click; waiting for the URL makes the journey deterministic.
 */
async function signInAs(page: Page, username: string) {
  await signIn(page, baseURL, username, DEMO_PASSWORD)
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(() => undefined)
  await page.waitForLoadState('networkidle')
}

async function text(locator: Locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ')
}

type Account = {
  username: string
  home: string
  organisation: string
  pair: string | null
  side: string
  check: (page: Page) => Promise<void>
}

const countyFigures = (areaCode: string) => async (page: Page) => {
  const truth = workersOfArea(areaCode)
  expect(truth.total).toBeGreaterThan(0)
  await page.getByRole('heading', { level: 1, name: /工作台/ }).waitFor()
  expect.soft(await figure(page, '本县概况', '注册务工人员')).toBe(truth.total)
  expect.soft(await figure(page, '本县概况', '已核验')).toBe(truth.verified)
  expect.soft(await figure(page, '本县概况', '待核验')).toBe(truth.total - truth.verified)
  expect.soft(await figure(page, '本县概况', '台账人数')).toBeGreaterThanOrEqual(200)
}

const cityFigures = (countyCode: string) => async (page: Page) => {
  const truth = workersOfArea(countyCode)
  await page.getByRole('heading', { level: 1, name: /工作台/ }).waitFor()
  expect.soft(await figure(page, '对口协作概况', '对口区县注册务工人员')).toBe(truth.total)
  expect.soft(await figure(page, '对口协作概况', '招聘中岗位')).toBeGreaterThan(0)
  expect.soft(await figure(page, '对口协作概况', '报名已录用')).toBeGreaterThan(0)
}

// The header line is meant to read e.g. "潍坊市人社局 · 对口 开州区" (db/seed.ts: short names for the header).
const ACCOUNTS: Account[] = [
  {
    username: 'admin',
    home: '/admin',
    organisation: '协作平台',
    pair: null,
    side: '平台管理',
    check: async (page) => {
      await page.getByRole('heading', { level: 1, name: '平台总览' }).waitFor()
      expect.soft(await figure(page, '平台概况', '结对关系')).toBe(3)
      expect.soft(await figure(page, '平台概况', '单位')).toBe(7)
      // Seven offices' accounts plus each county's second account (the payout maker, issue 13 §6).
      expect.soft(await figure(page, '平台概况', '工作人员账号')).toBe(staffAccounts())
      expect.soft(staffAccounts()).toBe(10)
      expect.soft(await figure(page, '平台概况', '务工人员账号')).toBeGreaterThan(0)
    },
  },
  { username: 'weifang', home: '/east', organisation: '潍坊市人社局', pair: '对口 开州区', side: '东部 · 输入地', check: cityFigures('500154') },
  { username: 'dezhou', home: '/east', organisation: '德州市人社局', pair: '对口 秀山县', side: '东部 · 输入地', check: cityFigures('500241') },
  { username: 'zaozhuang', home: '/east', organisation: '枣庄市人社局', pair: '对口 丰都县', side: '东部 · 输入地', check: cityFigures('500230') },
  { username: 'kaizhou', home: '/west', organisation: '开州区就业和人才中心', pair: '对口 潍坊市', side: '西部 · 输出地', check: countyFigures('500154') },
  { username: 'xiushan', home: '/west', organisation: '秀山县就业和人才中心', pair: '对口 德州市', side: '西部 · 输出地', check: countyFigures('500241') },
  { username: 'fengdu', home: '/west', organisation: '丰都县就业和人才中心', pair: '对口 枣庄市', side: '西部 · 输出地', check: countyFigures('500230') },
  {
    username: '13996000001',
    home: '/me',
    organisation: '开州区就业和人才中心',
    pair: '对口 潍坊市',
    side: '务工人员',
    check: async (page) => {
      await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor()
      expect.soft(await page.getByText('已核验', { exact: true }).isVisible()).toBe(true)
      expect.soft(await text(page.getByRole('main'))).toMatch(/通过.+核验/)
      expect.soft(await text(page.getByRole('main'))).not.toContain('待核验')
    },
  },
]

test('七个工作人员账号和一名务工人员登录后各到自己的首页 / each staff account and a worker sign in and land on their own home with header and real figures', async () => {
  try {
    for (const account of ACCOUNTS) {
      const { page } = await freshPage(DESKTOP)
      await signInAs(page, account.username)
      expect(pathOf(page), `${account.username} lands on ${account.home}`).toBe(account.home)
      await screenshot(page, `home-${account.username}`)
      const header = await text(page.getByRole('banner'))
      expect.soft(header, `${account.username}: header names the organisation`).toContain(account.organisation)
      expect.soft(header, `${account.username}: header names the side`).toContain(account.side)
      if (account.pair) expect.soft(header, `${account.username}: header names the pair`).toContain(account.pair)
      expect.soft(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true)
      await account.check(page)
      await closeAll()
    }
  } finally {
    await closeAll()
  }
}, 180_000)

test('西部账号打开东部和管理页面看到 403 / a west user opening /east or /admin sees the 403 page', async () => {
  try {
    const { page } = await freshPage(DESKTOP)
    await signInAs(page, 'kaizhou')
    expect(pathOf(page)).toBe('/west')
    for (const path of ['/east', '/admin']) {
      const response = await page.goto(baseURL + path)
      expect(response!.status(), path).toBe(403)
      expect(pathOf(page)).toBe(path)
      await page.getByRole('heading', { level: 1, name: '无权访问' }).waitFor()
      expect(await text(page.getByRole('main'))).toContain('当前账号无权查看此页面')
      // Nothing of the east side leaks onto the page.
      expect(await text(page.getByRole('main'))).not.toMatch(/对口协作概况|平台概况|单位与账号/)
      await screenshot(page, `forbidden${path.replace('/', '-')}`)
    }
    await page.getByRole('link', { name: '返回首页' }).click()
    await page.waitForURL(`${baseURL}/`)
  } finally {
    await closeAll()
  }
})

test('匿名访问 /west 先去登录，登录后回到 /west / an anonymous visitor to /west signs in and comes back to /west', async () => {
  try {
    const { page } = await freshPage(DESKTOP)
    await page.goto(`${baseURL}/west`)
    expect(pathOf(page)).toBe('/login?redirectTo=%2Fwest')
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor()
    await page.getByLabel('用户名或手机号').fill('kaizhou')
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(`${baseURL}/west`)
    await page.getByRole('heading', { level: 1, name: '开州区就业和人才中心 工作台' }).waitFor()
    await screenshot(page, 'redirect-back-west')
  } finally {
    await closeAll()
  }
})

test('退出登录结束会话，旧 cookie 失效 / logging out ends the session and the old cookie stops working', async () => {
  try {
    const { context, page } = await freshPage(DESKTOP)
    await signInAs(page, 'xiushan')
    expect(pathOf(page)).toBe('/west')
    const session = (await context.cookies(baseURL)).find((c) => c.name === '__session')
    expect(session?.value).toBeTruthy()
    expect(session!.httpOnly).toBe(true)

    await page.getByRole('button', { name: '退出登录' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    await page.getByRole('banner').getByRole('link', { name: '登录' }).waitFor()
    await page.getByRole('status').getByText('您已安全退出登录。').waitFor()
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(0)
    await screenshot(page, 'after-logout')

    await page.goto(`${baseURL}/west`)
    expect(pathOf(page)).toBe('/login?redirectTo=%2Fwest')

    const replay = await fetch(`${baseURL}/west`, { redirect: 'manual', headers: { Cookie: `__session=${session!.value}` } })
    expect(replay.status).toBe(302)
    expect(replay.headers.get('location')).toMatch(/^\/login/)
  } finally {
    await closeAll()
  }
})

test('密码错误时在表单旁提示且保留用户名 / a wrong password shows the message beside the form and keeps the username', async () => {
  try {
    for (const javaScriptEnabled of [true, false]) {
      const { page } = await freshPage({ ...PHONE, javaScriptEnabled })
      await page.goto(`${baseURL}/login`)
      await page.getByLabel('用户名或手机号').fill('dezhou')
      await page.getByLabel('密码').fill('not-the-password')
      await page.getByRole('button', { name: '登录' }).click()
      const form = page.locator('form', { has: page.getByRole('button', { name: '登录' }) })
      const alert = form.getByRole('alert').getByText('用户名或密码不正确。')
      await alert.waitFor()
      expect(pathOf(page), `js=${javaScriptEnabled}`).toBe('/login')
      expect(await page.getByLabel('用户名或手机号').inputValue(), `js=${javaScriptEnabled}: username kept`).toBe('dezhou')
      await screenshot(page, `login-wrong-password${javaScriptEnabled ? '' : '-nojs'}`)
    }
  } finally {
    await closeAll()
  }
})

test('不开 JavaScript 的手机也能看首页和登录 / without JavaScript on a 360 px phone the landing page shows the pairs and sign-in works', async () => {
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
  try {
    const { page } = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await page.goto(`${baseURL}/`)
    await page.getByRole('heading', { level: 2, name: '结对关系' }).waitFor()
    const pairs = page.getByRole('listitem').filter({ has: page.getByLabel('对口') })
    expect(await pairs.count()).toBe(3)
    for (const [county, city] of [
      ['开州区', '潍坊市'],
      ['秀山土家族苗族自治县', '德州市'],
      ['丰都县', '枣庄市'],
    ]) {
      const pair = pairs.filter({ hasText: county })
      expect(await pair.count(), county).toBe(1)
      expect(await text(pair)).toContain(city)
    }
    await screenshot(page, 'landing-phone')
    expect(await noHorizontalScroll(page), 'landing page has no horizontal scroll at 360 px').toBe(true)

    await page.getByRole('main').getByRole('link', { name: '登录' }).click()
    await page.waitForURL(`${baseURL}/login`)
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor()
    await screenshot(page, 'login-phone')
    expect(await noHorizontalScroll(page), 'login page has no horizontal scroll at 360 px').toBe(true)

    await signInAs(page, '13996000002')
    expect(pathOf(page)).toBe('/me')
    await page.getByText('待核验', { exact: true }).waitFor()
    expect(await text(page.getByRole('banner'))).toContain('对口 潍坊市')
    await screenshot(page, 'me-phone-unverified')
    expect(await noHorizontalScroll(page), '/me has no horizontal scroll at 360 px').toBe(true)
  } finally {
    await closeAll()
  }
})

test('首页、登录页、工作台无控制台错误和 CSP 违规，且完成水合 / landing, login and a home page have no console errors or CSP violations and hydrate', async () => {
  try {
    const { context, page } = await freshPage(PHONE)
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`))
    // Record CSP violations reported by the document itself (they also surface as console errors in Chromium).
    await context.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] }
      w.__cspViolations = []
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} in ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`)
      })
    })
    const hydrated = async () => {
      await page.waitForLoadState('networkidle')
      await page.waitForFunction(() => Boolean((window as unknown as RemixWindow).__remixRouter), undefined, { timeout: 10_000 })
      expect(await page.evaluate(() => Boolean((window as unknown as RemixWindow).__remixContext)), `__remixContext on ${page.url()}`).toBe(true)
      expect.soft(await page.evaluate(() => (window as unknown as RemixWindow).__cspViolations), `CSP violations on ${page.url()}`).toEqual([])
    }

    await page.goto(`${baseURL}/`)
    await hydrated()
    // A client-side navigation only works once React has taken over the page.
    await page.getByRole('main').getByRole('link', { name: '登录' }).click()
    await page.waitForURL(`${baseURL}/login`)
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor()

    await page.goto(`${baseURL}/login`)
    await hydrated()

    await signInAs(page, 'fengdu')
    expect(pathOf(page)).toBe('/west')
    await hydrated()
    await screenshot(page, 'home-fengdu-phone')

    expect(problems).toEqual([])
  } finally {
    await closeAll()
  }
})
