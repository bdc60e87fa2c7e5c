import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { searchDocument } from '../../app/rules/cjk-search'
import { todayInShanghai } from '../../app/rules/dates'
import { vacancySearchFields } from '../../app/rules/vacancy'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, useBrowser, withDatabase } from './browser'

const baseURL = inject('baseURL')

const { freshPage, closeAll } = useBrowser()

/** A fresh Weifang post for Kaizhou, written and indexed as the bureau's form would, so the journey never depends on the demo's random titles. */
function addWeldingPost(title: string) {
  return withDatabase((db) => {
    const bureau = db.prepare(`select id from organisations where area_code = '370700' and kind = 'bureau'`).get() as { id: number }
    const employer = db.prepare('select id, name, industry from employers where organisation_id = ? order by id limit 1').get(bureau.id) as {
      id: number
      name: string
      industry: string
    }
    const validUntil = new Date(Date.parse(`${todayInShanghai()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10)
    const requirements = '会二氧化碳保护焊，有焊工证优先；无证可以先培训'
    const now = Date.now()
    return db.transaction(() => {
      const { id } = db
        .prepare(
          `insert into vacancies (organisation_id, employer_id, city_code, title, industry, headcount, salary_min_fen, salary_max_fen, address, lat, lng,
             provides_meals, provides_housing, contract_months, working_hours, age_min, age_max, requirements, benefits, contact_name, contact_phone,
             valid_until, status, published_at, created_at, updated_at)
           values (?, ?, '370700', ?, ?, 8, 700000, 950000, '山东省潍坊市潍城区望留街道工业园', 36.71, 119.1, 1, 1, 12, '早 8 点至晚 6 点，月休 4 天', 18, 50, ?,
             '缴纳五险，提供夫妻房，满一年报销往返车费', '招聘专员', '0536-8123456', ?, 'published', ?, ?, ?) returning id`,
        )
        .get(bureau.id, employer.id, title, employer.industry, requirements, validUntil, now, now, now) as { id: number }
      db.prepare(`insert into vacancy_targets (vacancy_id, county_code) values (?, '500154')`).run(id)
      const doc = searchDocument(...vacancySearchFields({ title, employerName: employer.name, industry: employer.industry, requirements }))
      db.prepare('insert into vacancy_search (rowid, uni, bi) values (?, ?, ?)').run(id, doc.uni, doc.bi)
      return id
    })()
  })
}

function pathOf(page: Page) {
  const url = new URL(page.url())
  return decodeURIComponent(url.pathname + url.search)
}

/** Nothing may stick out sideways on a 360 px phone: no sideways scrolling to read a salary. */
async function expectNoSidewaysScroll(page: Page, step: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width, `${step}: page width`).toBeLessThanOrEqual(360)
}

test('不开 JavaScript 的手机：搜“焊工”、看岗位、登录、报名、在“我的报名”看到 / on a 360 px phone without JavaScript: search 焊工, open a post, sign in, apply, see it in my applications', async () => {
  const title = '管道电焊工'
  const id = addWeldingPost(title)
  try {
    const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await page.goto(`${baseURL}/`)
    await screenshot(page, 'jobs-0-landing-phone-nojs')
    await page.getByRole('link', { name: '查看岗位' }).click()
    await page.waitForURL(`${baseURL}/jobs`)
    await page.getByRole('heading', { level: 1, name: '山东岗位' }).waitFor()
    await expectNoSidewaysScroll(page, 'board')
    await screenshot(page, 'jobs-1-board-phone-nojs')

    await page.getByRole('searchbox', { name: '搜索岗位' }).fill('焊工')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/jobs' && url.searchParams.get('q') === '焊工')
    const results = page.getByRole('list', { name: '岗位列表' })
    await results.getByRole('link', { name: title }).waitFor()
    expect(await page.getByText(/找到 \d+ 个岗位/).innerText()).toContain('焊工')
    for (const card of await results.getByRole('heading', { level: 2 }).allInnerTexts()) expect.soft(card).toMatch(/焊|工/)
    await expectNoSidewaysScroll(page, 'search')
    await screenshot(page, 'jobs-2-search-hangong-phone-nojs')

    await results.getByRole('link', { name: title }).click()
    await page.waitForURL(`${baseURL}/jobs/${id}`)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    const main = page.getByRole('main')
    expect(await main.innerText()).toContain('¥7,000–9,500/月')
    expect(await main.innerText()).not.toContain('0536-8123456')
    await expectNoSidewaysScroll(page, 'detail')
    await screenshot(page, 'jobs-3-detail-anonymous-phone-nojs')

    await page.getByRole('link', { name: '登录后报名' }).click()
    await page.waitForURL((url) => url.pathname === '/login')
    expect(pathOf(page)).toBe(`/login?redirectTo=/jobs/${id}`)
    await page.getByLabel('用户名或手机号').fill('13996000001')
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(`${baseURL}/jobs/${id}`)
    await page.getByRole('button', { name: '我要报名' }).waitFor()
    expect(await main.innerText()).toContain('0536-8123456')
    await screenshot(page, 'jobs-4-detail-worker-phone-nojs')

    await page.getByLabel('给招聘单位留言（可不填）').fill('干过三年电焊，有焊工证')
    await page.getByRole('button', { name: '我要报名' }).click()
    await page.waitForURL((url) => url.pathname === '/me/applications')
    await page.getByRole('status').getByText(`报名成功：${title}`).waitFor()
    const mine = page
      .getByRole('list', { name: '报名记录' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: title }) })
    expect(await mine.innerText()).toContain('已报名')
    await expectNoSidewaysScroll(page, 'my applications')
    await screenshot(page, 'jobs-5-my-applications-phone-nojs')

    // Back on the post, the form has become a note that the worker already applied; the row exists once.
    await page.goto(`${baseURL}/jobs/${id}`)
    await page.getByText('您已报名此岗位').waitFor()
    const rows = withDatabase((db) =>
      db
        .prepare(`select a.note, u.username from applications a join workers w on w.id = a.worker_id join users u on u.id = w.user_id where a.vacancy_id = ?`)
        .all(id),
    )
    expect(rows).toEqual([{ note: '干过三年电焊，有焊工证', username: '13996000001' }])
  } finally {
    await closeAll()
  }
})

test('手机上举报一个收费岗位；过期岗位显示横幅、不能报名 / on a phone a worker reports a post asking for fees; an expired post shows a banner and no form', async () => {
  const today = todayInShanghai()
  const { expired, open } = withDatabase((db) => ({
    expired: (
      db.prepare(`select id from vacancies where city_code = '370700' and status = 'published' and valid_until < ? order by id limit 1`).get(today) as {
        id: number
      }
    ).id,
    open: (
      db.prepare(`select id from vacancies where city_code = '370700' and status = 'published' and valid_until >= ? order by id desc limit 1`).get(today) as {
        id: number
      }
    ).id,
  }))
  try {
    const page = await freshPage(PHONE)
    await page.goto(`${baseURL}/login?redirectTo=/jobs/${expired}`)
    await page.getByLabel('用户名或手机号').fill('13996000001')
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(`${baseURL}/jobs/${expired}`)
    await page.getByRole('status').getByText('此岗位已过期，不再接受报名。').waitFor()
    expect(await page.getByRole('button', { name: '我要报名' }).count()).toBe(0)
    await expectNoSidewaysScroll(page, 'expired')
    await screenshot(page, 'jobs-8-expired-worker-phone')

    await page.goto(`${baseURL}/jobs/${open}`)
    await page.getByText('举报此岗位').click()
    await page.getByLabel('举报原因').selectOption({ label: '收取押金或中介费' })
    await page.getByLabel('补充说明（可不填）').fill('电话里让先交 500 元押金')
    await screenshot(page, 'jobs-9-report-form-phone')
    await page.getByRole('button', { name: '提交举报' }).click()
    // Back on the post (the same URL, no flag in it), with the one-time notice the root shows.
    await page.waitForURL(`${baseURL}/jobs/${open}`)
    await page.getByRole('status').getByText('举报已收到').waitFor()
    await screenshot(page, 'jobs-10-reported-phone')
    const reports = withDatabase((db) =>
      db
        .prepare(`select reason, note from vacancy_reports r join users u on u.id = r.reporter_user_id where r.vacancy_id = ? and u.username = '13996000001'`)
        .all(open),
    )
    expect(reports).toEqual([{ reason: 'fees', note: '电话里让先交 500 元押金' }])
  } finally {
    await closeAll()
  }
})

test('电脑上按条件筛选，没有结果时有提示 / on a desktop the filters narrow the board and an empty result says what to do', async () => {
  try {
    const page = await freshPage(DESKTOP)
    await page.goto(`${baseURL}/jobs?city=370700&meals=1&housing=1&sort=salary`)
    await page.getByRole('list', { name: '岗位列表' }).waitFor()
    expect(await page.getByLabel('包吃').isChecked()).toBe(true)
    expect(await page.getByLabel('城市').inputValue()).toBe('370700')
    await screenshot(page, 'jobs-6-filters-desktop')
    await page.goto(`${baseURL}/jobs?q=${encodeURIComponent('宇航员')}`)
    await page.getByText('没有找到符合条件的岗位。').waitFor()
    await screenshot(page, 'jobs-7-empty-desktop')
  } finally {
    await closeAll()
  }
})

test('真实服务器的缓存和跨域头 / the real server sends the cache and CORS headers', async () => {
  const anonymous = await fetch(`${baseURL}/jobs?q=${encodeURIComponent('焊工')}`)
  expect(anonymous.status).toBe(200)
  expect(anonymous.headers.get('cache-control')).toBe('public, max-age=60')
  expect(anonymous.headers.get('vary')).toContain('Cookie')
  const signIn = await fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: '13996000002', password: DEMO_PASSWORD, redirectTo: '/jobs' }),
  })
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]
  const signedIn = await fetch(`${baseURL}/jobs`, { headers: { Cookie: cookie } })
  expect(signedIn.status).toBe(200)
  expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
  const data = await fetch(`${baseURL}/jobs.data?q=${encodeURIComponent('焊工')}`, { headers: { Cookie: cookie } })
  expect(data.headers.get('cache-control')).toBe('private, no-store')

  const feed = await fetch(`${baseURL}/api/v1/vacancies?q=${encodeURIComponent('焊工')}&pageSize=5`, { headers: { Origin: 'https://jobs.example.gov.cn' } })
  expect(feed.status).toBe(200)
  expect(feed.headers.get('access-control-allow-origin')).toBe('*')
  expect(feed.headers.get('cache-control')).toBe('public, max-age=60')
  const body = (await feed.json()) as { data: { url: string }[]; total: number; pageSize: number }
  expect(body.pageSize).toBe(5)
  expect(body.data.length).toBeGreaterThan(0)
  expect(body.data[0].url).toMatch(new RegExp(`^${baseURL}/jobs/\\d+$`))
  const bad = await fetch(`${baseURL}/api/v1/vacancies?pageSize=500`)
  expect(bad.status).toBe(400)
  expect(((await bad.json()) as { error: Record<string, string> }).error.pageSize).toContain('每页条数')
})
