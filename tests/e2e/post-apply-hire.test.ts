import Database from 'better-sqlite3'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { DESKTOP, launchBrowser, openConfirmStep, PHONE, screenshot, signIn } from './browser'

const baseURL = inject('baseURL')
const DEMO_PASSWORD = 'Luyu@2026'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** Reads the server's database directly, so what the page claims is compared with the truth. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

function todayInShanghai() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

async function signedIn(options: BrowserContextOptions, username: string) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await signIn(page, baseURL, username, DEMO_PASSWORD)
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 })
  return { context, page }
}

async function openAndShoot(page: Page, path: string, name: string) {
  await page.goto(baseURL + path)
  await page.waitForLoadState('networkidle')
  await screenshot(page, name)
}

test('潍坊打开岗位的报名人员，先标记已联系，再录用并填到岗日期 / weifang moves a submitted applicant to contacted, then hired with a start date', async () => {
  // A published, open post of Weifang with a submitted applicant whose name is unique on that post.
  const [target] = query<{ vacancyId: number; applicationId: number; name: string; title: string }>(
    `select v.id as vacancyId, a.id as applicationId, w.name as name, v.title as title
       from applications a
       join vacancies v on v.id = a.vacancy_id
       join organisations o on o.id = v.organisation_id
       join workers w on w.id = a.worker_id
      where o.area_code = '370700' and v.status = 'published' and v.valid_until >= ? and a.status = 'submitted'
        and (select count(*) from applications a2 join workers w2 on w2.id = a2.worker_id where a2.vacancy_id = v.id and w2.name = w.name) = 1
      order by a.id limit 1`,
    todayInShanghai(),
  )
  expect(target).toBeTruthy()
  const { context, page } = await signedIn(DESKTOP, 'weifang')
  try {
    await page.goto(`${baseURL}/east/jobs/${target.vacancyId}/applicants`)
    await page.getByRole('heading', { level: 1, name: `报名人员：${target.title}` }).waitFor()
    await screenshot(page, 'applicants-weifang')
    const row = () => page.getByRole('row').filter({ hasText: target.name })
    await row().getByRole('button', { name: '标记已联系' }).click()
    await page.getByRole('status').filter({ hasText: '已标记为“已联系”' }).waitFor()
    expect(await row().getByText('已联系', { exact: true }).isVisible()).toBe(true)
    await screenshot(page, 'applicants-contacted')

    const startDate = todayInShanghai()
    await openConfirmStep(row(), '录用…')
    const dateInput = row().getByLabel('到岗日期')
    expect(await dateInput.inputValue()).toBe(startDate)
    await dateInput.fill(startDate)
    await row()
      .getByRole('button', { name: `确认录用 ${target.name}` })
      .click()
    await page.getByRole('status').filter({ hasText: '已录用，并生成了就业记录' }).waitFor()
    expect(await row().getByText(`到岗 ${startDate}`).isVisible()).toBe(true)
    await screenshot(page, 'applicants-hired')

    const records = query<{ startDate: string; cityCode: string }>(
      'select start_date as startDate, city_code as cityCode from employment_records where application_id = ?',
      target.applicationId,
    )
    expect(records).toEqual([{ startDate, cityCode: '370700' }])
    // Nothing on the page is a full personal number.
    const [person] = query<{ idNumber: string; phone: string | null }>(
      'select w.id_number as idNumber, w.phone as phone from applications a join workers w on w.id = a.worker_id where a.id = ?',
      target.applicationId,
    )
    const html = await page.content()
    expect(html).not.toContain(person.idNumber)
    if (person.phone) expect(html).not.toContain(person.phone)

    await openAndShoot(page, '/east/reports', 'reports-weifang')
    await page.getByRole('heading', { level: 1, name: '举报处理' }).waitFor()
    expect(await page.getByText('收取押金或中介费').first().isVisible()).toBe(true)
  } finally {
    await context.close()
  }
  const phone = await signedIn(PHONE, 'weifang')
  try {
    await openAndShoot(phone.page, `/east/jobs/${target.vacancyId}/applicants`, 'applicants-weifang-phone')
    await openAndShoot(phone.page, '/east/reports', 'reports-weifang-phone')
  } finally {
    await phone.context.close()
  }
})

test("开州区在对口岗位里为一名台账人员推荐岗位 / kaizhou opens its pair's posts and recommends a ledger worker", async () => {
  const { context, page } = await signedIn(DESKTOP, 'kaizhou')
  try {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '对口岗位' }).click()
    await page.getByRole('heading', { level: 1, name: '对口岗位' }).waitFor()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'west-jobs-kaizhou')
    const first = page.getByRole('link', { name: /^为“.+”推荐人员$/ }).first()
    await first.click()
    await page.getByRole('heading', { level: 1, name: /^推荐人员：/ }).waitFor()
    const jobId = Number(/\/west\/jobs\/(\d+)\/recommend/.exec(page.url())![1])
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'recommend-kaizhou')

    // Pick the first person on the list who has not applied yet.
    const box = page.getByRole('checkbox', { disabled: false }).first()
    const label = (await box.getAttribute('aria-label'))!
    const workerId = Number(await box.getAttribute('value'))
    await box.check()
    await page.getByLabel('推荐说明（选填）').fill('有电焊证，愿意去山东')
    await page.getByRole('button', { name: /^推荐所选/ }).click()
    await page.getByRole('status').filter({ hasText: '已推荐' }).waitFor()
    const name = label.replace(/^选择 /, '')
    expect(
      await page
        .getByRole('region', { name: /本县已报名此岗位/ })
        .getByText(name)
        .first()
        .isVisible(),
    ).toBe(true)
    expect(page.url()).not.toMatch(/workerId|note/)
    await screenshot(page, 'recommend-done')

    const rows = query<{ source: string; note: string }>('select source, note from applications where vacancy_id = ? and worker_id = ?', jobId, workerId)
    expect(rows).toEqual([{ source: 'recommended', note: '有电焊证，愿意去山东' }])
  } finally {
    await context.close()
  }
  const phone = await signedIn(PHONE, 'kaizhou')
  try {
    await openAndShoot(phone.page, '/west/jobs', 'west-jobs-kaizhou-phone')
    const href = await phone.page
      .getByRole('link', { name: /^为“.+”推荐人员$/ })
      .first()
      .getAttribute('href')
    await openAndShoot(phone.page, href!, 'recommend-kaizhou-phone')
  } finally {
    await phone.context.close()
  }
})
