import type { Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, signIn, useBrowser, withDatabase } from './browser'

// Every page, opened with JavaScript by the role it belongs to: it must answer 200, hydrate, and log no
// error — a page can render on the server and still break in the browser (a .server import used in a
// component, a hydration mismatch, a CSP violation). The sweep's own first test breaks pages on purpose
// (in the browser, not in the app) to show that it reports each kind of breakage.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

/** The id in the first row `sql` selects from the e2e server's database. */
function firstId(sql: string) {
  return withDatabase((db) => (db.prepare(sql).get() as { id: number }).id, { readonly: true })
}

/**
 * Opens `paths` in order as `username` (null: signed out) and returns every script error and console error
 * the pages logged; each page must answer 200 at the path asked and hydrate. `prepare` may change the page
 * before it signs in (the self-test's breakage).
 */
async function problemsOf(username: string | null, paths: string[], prepare?: (page: Page) => Promise<void>) {
  const page = await freshPage(DESKTOP)
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: console ${m.text().slice(0, 200)}`)
  })
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message.slice(0, 200)}`))
  try {
    await prepare?.(page)
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
  return problems
}

async function sweep(username: string | null, paths: string[]) {
  expect(await problemsOf(username, paths)).toEqual([])
}

test('自检：故意出错的页面被查出 / self-test: the sweep reports a page that throws, logs an error or breaks the CSP', async () => {
  const problems = await problemsOf(null, ['/jobs', '/jobs?selftest=throw', '/jobs?selftest=console', '/jobs?selftest=csp'], async (page) => {
    // In the browser only: a script that throws once the page has loaded, one that logs an error …
    await page.addInitScript(() => {
      const kind = new URLSearchParams(location.search).get('selftest')
      if (kind === 'throw')
        window.addEventListener('load', () => {
          throw new Error('selftest: thrown in the browser')
        })
      if (kind === 'console') console.error('selftest: logged in the browser')
    })
    // … and an inline script without the page's nonce or hash, which the CSP refuses.
    await page.route(
      (url) => url.searchParams.get('selftest') === 'csp',
      async (route) => {
        const response = await route.fetch()
        const body = (await response.text()).replace('</body>', '<script>window.selftest = 1</script></body>')
        await route.fulfill({ response, body })
      },
    )
  })
  expect(
    problems.some((p) => p.includes('selftest=throw') && p.includes('selftest: thrown in the browser')),
    problems.join('\n'),
  ).toBe(true)
  expect(
    problems.some((p) => p.includes('selftest=console') && p.includes('selftest: logged in the browser')),
    problems.join('\n'),
  ).toBe(true)
  expect(
    problems.some((p) => p.includes('selftest=csp') && /Content Security Policy/i.test(p)),
    problems.join('\n'),
  ).toBe(true)
  // The plain page among them logged nothing: the sweep does not cry wolf.
  expect(problems.filter((p) => !p.includes('selftest='))).toEqual([])
})

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
    '/west/settings',
    `/west/jobs/${job}/recommend/print`,
    '/west/batches',
    '/west/batches/new',
  ])
  // The transport subsidy's pages (issue 13), on the demo's claims and payouts.
  const claim = firstId(
    "select c.id from subsidy_claims c join organisations o on o.id = c.organisation_id where o.area_code = '500154' and c.state = 'submitted' order by c.id limit 1",
  )
  const payout = firstId(
    "select p.id from subsidy_payouts p join organisations o on o.id = p.organisation_id where o.area_code = '500154' order by p.id limit 1",
  )
  await sweep('kaizhou', [
    '/west/claims',
    `/west/claims/${claim}`,
    '/west/claims/proactive',
    `/west/claims/new?worker=${worker}`,
    '/west/payouts',
    `/west/payouts/${payout}`,
    `/west/payouts/${payout}/notice`,
    '/west/subsidy-policy',
    `/west/subsidy-policy/${new Date().getFullYear()}`,
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
    '/east/arrivals',
  ])
})

test('务工人员和平台的每个页面无脚本错误 / every worker and platform page loads without script errors', async () => {
  const claim = firstId(
    "select c.id from subsidy_claims c join workers w on w.id = c.worker_id join users u on u.id = w.user_id where u.username = '13996000001' and c.state in ('returned', 'draft') order by c.id limit 1",
  )
  await sweep('13996000001', ['/me', '/me/profile', '/me/applications', '/me/trips', '/me/claims', `/me/claims/${claim}`, `/me/claims/${claim}/submit`])
  await sweep('admin', ['/admin', '/admin/audit', '/admin/pairings', '/admin/organisations/new', '/admin/subsidy-policies'])
})
