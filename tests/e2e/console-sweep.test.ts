import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, signIn, useBrowser, withDatabase } from './browser'

// Every page, opened with JavaScript by the role it belongs to: it must answer 200, hydrate, and log no
// error — a page can render on the server and still break in the browser (a .server import used in a
// component, a hydration mismatch, a CSP violation).

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

/** The id in the first row `sql` selects from the e2e server's database. */
function firstId(sql: string) {
  return withDatabase((db) => (db.prepare(sql).get() as { id: number }).id, { readonly: true })
}

async function sweep(username: string | null, paths: string[]) {
  const page = await freshPage(DESKTOP)
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: console ${m.text().slice(0, 200)}`)
  })
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message.slice(0, 200)}`))
  try {
    if (username) await signIn(page, baseURL, username, DEMO_PASSWORD)
    for (const path of paths) {
      const response = await page.goto(baseURL + path)
      expect(response?.status(), path).toBe(200)
      // Still on the page asked for: a failed sign-in would land every protected page on /login.
      expect(new URL(page.url()).pathname + new URL(page.url()).search, path).toBe(new URL(baseURL + path).pathname + new URL(baseURL + path).search)
      await page.waitForLoadState('networkidle')
      await page.waitForFunction(
        () => document.querySelectorAll('script').length > 0 && (window as unknown as { __remixRouter?: unknown }).__remixRouter != null,
      )
    }
  } finally {
    await closeAll()
  }
  expect(problems).toEqual([])
}

test('公开页面无脚本错误 / public pages load without script errors', async () => {
  const job = firstId("select id from vacancies where status = 'published' and valid_until >= date('now', '+1 day') order by id limit 1")
  await sweep(null, ['/', '/login', '/register', '/jobs', `/jobs/${job}`, '/jobs?q=焊工'])
})

test('县里的每个页面无脚本错误 / every county page loads without script errors', async () => {
  const worker = firstId("select w.id from workers w join organisations o on o.id = w.organisation_id where o.area_code = '500154' order by w.id limit 1")
  const pending = firstId(
    "select u.id from users u join organisations o on o.id = u.organisation_id where o.area_code = '500154' and u.role = 'worker' and u.verified_at is null order by u.id limit 1",
  )
  const job = firstId(
    "select v.id from vacancies v join vacancy_targets t on t.vacancy_id = v.id where t.county_code = '500154' and v.status = 'published' and v.valid_until >= date('now', '+1 day') order by v.id limit 1",
  )
  await sweep('kaizhou', [
    '/west',
    '/west/workers',
    '/west/workers/new',
    `/west/workers/${worker}`,
    `/west/workers/${worker}/edit`,
    '/west/workers/import',
    '/west/verifications',
    `/west/verifications/${pending}`,
    '/west/accounts/new',
    '/west/jobs',
    `/west/jobs/${job}`,
    `/west/jobs/${job}/recommend`,
    `/west/jobs/${job}/notice`,
    `/west/workers/${worker}/archive`,
    '/west/imports',
    '/west/hires',
    '/west/applications',
  ])
})

test('山东人社局的每个页面无脚本错误 / every bureau page loads without script errors', async () => {
  const job = firstId(
    "select v.id from vacancies v join organisations o on o.id = v.organisation_id where o.area_code = '370700' and v.status = 'published' order by v.id limit 1",
  )
  const employer = firstId("select e.id from employers e join organisations o on o.id = e.organisation_id where o.area_code = '370700' order by e.id limit 1")
  await sweep('weifang', [
    '/east',
    '/east/jobs',
    '/east/jobs/new',
    `/east/jobs/${job}`,
    `/east/jobs/${job}/edit`,
    `/east/jobs/${job}/applicants`,
    '/east/employers',
    '/east/employers/new',
    `/east/employers/${employer}/edit`,
    '/east/reports',
  ])
})

test('务工人员和平台的每个页面无脚本错误 / every worker and platform page loads without script errors', async () => {
  await sweep('13996000001', ['/me', '/me/profile', '/me/applications'])
  await sweep('admin', ['/admin', '/admin/audit', '/admin/pairings', '/admin/organisations/new'])
})
