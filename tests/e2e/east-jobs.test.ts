import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { makeUscc } from '../../app/rules/uscc'
import { DEMO_PASSWORD, DESKTOP, fillPostForm, PHONE, screenshot, signIn, useBrowser } from './browser'

const baseURL = inject('baseURL')
const databasePath = inject('databasePath')

const { freshPage, closeAll } = useBrowser()

function post(id: number) {
  const db = new Database(databasePath, { readonly: true })
  try {
    return db.prepare('select status, lat, lng, title, salary_min_fen as salaryMinFen, employer_id as employerId from vacancies where id = ?').get(id) as
      { status: string; lat: number; lng: number; title: string; salaryMinFen: number; employerId: number } | undefined
  } finally {
    db.close()
  }
}

/** A statutory code nobody has: 17 random characters of the alphabet plus the GB 32100 check character. */
function freshUscc() {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const body = Array.from(crypto.randomBytes(8), (b) => alphabet[b % alphabet.length]).join('')
  return makeUscc(`91370700M${body}`)
}

function idInPath(page: Page) {
  return Number(/\/east\/jobs\/(\d+)/.exec(new URL(page.url()).pathname)![1])
}

async function noSidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
}

test('潍坊登记用人单位、在地图上点选地点发布岗位，在“招聘中”看到它，再关闭 / Weifang registers an employer, posts a job with a point picked on the map, finds it under 招聘中 and closes it', async () => {
  try {
    const page = await freshPage(DESKTOP)
    await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
    await page.waitForURL((url) => url.pathname === '/east')

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用人单位' }).click()
    await page.getByRole('heading', { level: 1, name: '用人单位' }).waitFor()
    await screenshot(page, 'east-employers')

    const employerName = `潍坊昌乐蓝海食品有限公司${crypto.randomInt(100, 999)}`
    await page.getByRole('link', { name: '登记用人单位' }).click()
    await page.getByRole('heading', { level: 1, name: '登记用人单位' }).waitFor()
    // A wrong check character first: the message sits next to the field.
    const code = freshUscc()
    await page.getByLabel('单位名称').fill(employerName)
    await page.getByLabel('统一社会信用代码').fill(code.slice(0, 17) + (code[17] === '1' ? '2' : '1'))
    await page.getByLabel('行业').selectOption({ label: '食品加工' })
    await page.getByLabel('单位地址').fill('山东省潍坊市昌乐县宝石城大街 66 号')
    await page.getByLabel('联系人').fill('高经理')
    await page.getByLabel('联系电话').fill('0536-6281234')
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('.field__errors').getByText('统一社会信用代码校验位不正确，请核对').waitFor()
    await screenshot(page, 'east-employer-new-error')
    await page.getByLabel('统一社会信用代码').fill(code)
    await page.getByRole('button', { name: '保存' }).click()
    await page.waitForURL((url) => url.pathname === '/east/employers' && url.search === '')
    await page.getByRole('status').getByText('用人单位已登记。').waitFor()

    // 发布岗位 on the employer's row starts a post pre-filled from it.
    const row = page.getByRole('row').filter({ hasText: employerName })
    await row.getByRole('link', { name: '发布岗位' }).click()
    await page.getByRole('heading', { level: 1, name: '发布新岗位' }).waitFor()
    expect(await page.getByLabel('用人单位').inputValue()).not.toBe('')
    expect(await page.getByLabel('详细地址').inputValue()).toBe('山东省潍坊市昌乐县宝石城大街 66 号')
    expect(await page.getByLabel('开州区').isChecked()).toBe(true)

    const title = `食品包装工${crypto.randomInt(100, 999)}`
    await page.getByLabel('岗位名称').fill(title)
    await page.getByLabel('招聘人数').fill('8')
    await page.getByLabel('最低月薪（元）').fill('6000')
    await page.getByLabel('最高月薪（元）').fill('5000')
    await page.getByLabel('最低月薪（元）').focus()
    await page.locator('.field__errors').getByText('最高月薪不能低于最低月薪').waitFor()
    await page.getByLabel('最高月薪（元）').fill('7500')
    await page.getByLabel('包住').check()

    // The map loads after hydration; a click places the workplace.
    const map = page.locator('.point-picker__map')
    await map.waitFor()
    await page.getByText('未选位置，保存时使用潍坊市中心').waitFor()
    const box = (await map.boundingBox())!
    await map.click({ position: { x: box.width * 0.7, y: box.height * 0.3 } })
    await page.getByText(/已选位置：北纬 [\d.]+，东经 [\d.]+/).waitFor()
    const lat = Number(await page.locator('input[name="lat"]').inputValue())
    const lng = Number(await page.locator('input[name="lng"]').inputValue())
    expect(lat).toBeGreaterThan(36.71)
    expect(lng).toBeGreaterThan(119.16)
    await screenshot(page, 'east-job-new')

    await page.getByRole('button', { name: '保存为草稿' }).click()
    await page.waitForURL((url) => /^\/east\/jobs\/\d+$/.test(url.pathname) && url.search === '')
    await page.getByRole('status').getByText('岗位草稿已保存。核对无误后点“发布”。').waitFor()
    const id = idInPath(page)
    expect(post(id)).toMatchObject({ status: 'draft', title, salaryMinFen: 600_000, lat, lng })
    await page
      .getByRole('heading', { level: 1, name: new RegExp(title) })
      .getByText('草稿')
      .waitFor()
    await screenshot(page, 'east-job-draft')

    await page.getByRole('button', { name: '发布' }).click()
    await page
      .getByRole('status')
      .getByText(/岗位已发布/)
      .waitFor()
    await page
      .getByRole('heading', { level: 1, name: new RegExp(title) })
      .getByText('招聘中')
      .waitFor()
    expect(post(id)?.status).toBe('published')

    await page.goto(`${baseURL}/east/jobs?status=published`)
    const tab = page.getByRole('navigation', { name: '岗位状态' }).getByRole('link', { name: /招聘中/ })
    expect(await tab.getAttribute('aria-current')).toBe('page')
    const listed = page.getByRole('row').filter({ hasText: title })
    await listed.waitFor()
    expect(await listed.innerText()).toContain('¥6,000–7,500/月')
    await screenshot(page, 'east-jobs-published')

    await listed.getByRole('link', { name: title }).click()
    await page.waitForURL((url) => url.pathname === `/east/jobs/${id}`)
    await page.getByLabel('关闭原因（选填）').fill('用人单位已通过其他渠道招满')
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: '关闭岗位' }).click()
    await page.getByRole('status').getByText('岗位已关闭，不再接受报名。').waitFor()
    await page
      .getByRole('heading', { level: 1, name: new RegExp(title) })
      .getByText('已关闭')
      .waitFor()
    expect(post(id)?.status).toBe('closed')
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '关闭岗位' }).count()).toBe(0)
    await screenshot(page, 'east-job-closed')

    await page.goto(`${baseURL}/east/jobs?status=published`)
    expect(await page.getByRole('row').filter({ hasText: title }).count()).toBe(0)
  } finally {
    await closeAll()
  }
})

test('360 px 手机、不开 JavaScript 也能发布岗位，地图位置用市中心 / on a 360 px phone without JavaScript a post can be written; its point is the city centre', async () => {
  try {
    const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
    await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
    await page.goto(`${baseURL}/east/jobs/new`)
    await page.getByRole('heading', { level: 1, name: '发布新岗位' }).waitFor()
    await page.getByText('保存时使用潍坊市中心作为地图位置').waitFor()
    const title = `叉车司机${crypto.randomInt(100, 999)}`
    await fillPostForm(page, { title, address: '山东省潍坊市奎文区东风东街 1 号', contactName: '刘主管', contactPhone: '13905361234' })
    expect(await noSidewaysScroll(page)).toBe(true)
    await screenshot(page, 'east-job-new-phone-nojs')
    await page.getByRole('button', { name: '保存为草稿' }).click()
    await page.waitForURL((url) => /^\/east\/jobs\/\d+$/.test(url.pathname))
    const id = idInPath(page)
    expect(post(id)).toMatchObject({ status: 'draft', title, lat: 36.71, lng: 119.16 })
    expect(await noSidewaysScroll(page)).toBe(true)
    await screenshot(page, 'east-job-draft-phone-nojs')
  } finally {
    await closeAll()
  }
})

test('岗位和用人单位各页在电脑和 360 px 手机上的截图 / screenshots of every post and employer page on a desktop and a 360 px phone', async () => {
  const db = new Database(databasePath, { readonly: true })
  const sample = db
    .prepare(
      `select v.id from vacancies v join organisations o on o.id = v.organisation_id
        where o.area_code = '370700' and v.status = 'published' order by v.id limit 1`,
    )
    .get() as { id: number }
  const employer = db
    .prepare(`select e.id from employers e join organisations o on o.id = e.organisation_id where o.area_code = '370700' order by e.id limit 1`)
    .get() as { id: number }
  db.close()
  const pages: [string, string][] = [
    ['/east/jobs', 'east-jobs'],
    ['/east/jobs?status=expired', 'east-jobs-expired'],
    [`/east/jobs/${sample.id}`, 'east-job-view'],
    [`/east/jobs/${sample.id}/edit`, 'east-job-edit'],
    ['/east/jobs/new', 'east-job-new-blank'],
    ['/east/employers', 'east-employers-list'],
    ['/east/employers/new', 'east-employer-new'],
    [`/east/employers/${employer.id}/edit`, 'east-employer-edit'],
  ]
  try {
    for (const [options, suffix] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const page = await freshPage(options)
      await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
      for (const [path, name] of pages) {
        const response = await page.goto(baseURL + path)
        expect(response!.status(), path).toBe(200)
        await page.getByRole('heading', { level: 1 }).waitFor()
        if (path.startsWith('/east/jobs') && (path.endsWith('/edit') || path.endsWith('/new'))) await page.locator('.point-picker__map').waitFor()
        if (path === '/east/jobs/new') {
          // Choosing an employer fills the empty fields a post usually shares with it.
          await page.getByLabel('用人单位').selectOption({ index: 1 })
          await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('input[name="address"]')?.value ?? '') !== '')
          expect(await page.getByLabel('联系电话').inputValue()).not.toBe('')
        }
        expect(await noSidewaysScroll(page), `${path} (${suffix})`).toBe(true)
        await screenshot(page, `${name}-${suffix}`)
      }
      await closeAll()
    }
  } finally {
    await closeAll()
  }
}, 120_000)
