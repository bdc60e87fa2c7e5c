import Database from 'better-sqlite3'
import { expect, inject, test } from 'vitest'

const baseURL = inject('baseURL')
const DEMO_PASSWORD = 'Luyu@2026'

function countRows(table: string) {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function signIn(username: string, headers: Record<string, string> = {}) {
  return fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
  })
}

function sessionCookie(response: Response) {
  return response.headers.get('set-cookie')!.split(';')[0]
}

test('健康检查返回 200 JSON / GET /healthz answers 200 JSON when the database answers', async () => {
  const response = await fetch(`${baseURL}/healthz`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const body = (await response.json()) as { status: string; database: string; migrations: number }
  expect(body).toMatchObject({ status: 'ok', database: 'ok' })
  expect(body.migrations).toBeGreaterThanOrEqual(2)
})

test('每个 HTML 响应都带安全头和每次不同的 CSP nonce / every HTML response has the security headers and a fresh CSP nonce', async () => {
  const nonces = new Set<string>()
  for (const path of ['/', '/login', '/no-such-page']) {
    // Any cookie keeps the anonymous page cache out (server/public-cache.ts): these are pages rendered
    // for this request; tests/e2e/board-cache.test.ts checks the CSP of stored ones.
    const response = await fetch(baseURL + path, { headers: { Cookie: 'probe=1' } })
    const html = await response.text()
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain("'unsafe-eval'")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]
    nonces.add(nonce)
    // Every inline script carries the nonce; none runs without it.
    const scripts = html.match(/<script[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('x-powered-by')).toBeNull()
  }
  expect(nonces.size).toBe(3)
})

test('生产环境的会话 cookie 为 HttpOnly、SameSite=Lax、Secure / the production session cookie is HttpOnly, SameSite=Lax and Secure', async () => {
  const response = await signIn('weifang')
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe('/east')
  const setCookie = response.headers.get('set-cookie')!
  expect(setCookie).toMatch(/^__session=[^;]+;/)
  expect(setCookie).toMatch(/; HttpOnly/)
  expect(setCookie).toMatch(/; Secure/)
  expect(setCookie).toMatch(/; SameSite=Lax/)
})

test('来自其他源的写请求被拒绝且什么也没改变 / a write from another origin is refused with 403 and changes nothing', async () => {
  const sessionsBefore = countRows('sessions')
  const auditBefore = countRows('audit_log')
  const fromOtherSite = await signIn('weifang', { Origin: 'https://other.gov.cn' })
  expect(fromOtherSite.status).toBe(403)
  const sameSiteOnly = await signIn('weifang', { 'Sec-Fetch-Site': 'same-site' })
  expect(sameSiteOnly.status).toBe(403)
  const nullOrigin = await signIn('weifang', { Origin: 'null' })
  expect(nullOrigin.status).toBe(403)
  expect(countRows('sessions')).toBe(sessionsBefore)
  expect(countRows('audit_log')).toBe(auditBefore)
  const sameOrigin = await signIn('weifang', { Origin: baseURL, 'Sec-Fetch-Site': 'same-origin' })
  expect(sameOrigin.status).toBe(302)
})

test('跨站的退出请求不能结束会话 / a cross-site logout does not end the session', async () => {
  const cookie = sessionCookie(await signIn('dezhou'))
  const forged = await fetch(`${baseURL}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'https://evil.example' } })
  expect(forged.status).toBe(403)
  const home = await fetch(`${baseURL}/east`, { redirect: 'manual', headers: { Cookie: cookie } })
  expect(home.status).toBe(200)
})

test('匿名访问各方页面被引导到登录页，数据请求同样 / anonymous requests to side pages and their data go to /login', async () => {
  for (const path of ['/east', '/west', '/me', '/admin']) {
    const page = await fetch(baseURL + path, { redirect: 'manual' })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
    const data = await fetch(`${baseURL}${path}.data`, { redirect: 'manual' })
    const body = await data.text()
    expect(body).not.toContain('organisationName')
    expect([202, 204, 302]).toContain(data.status)
  }
})

test("别方页面及其数据请求返回 403，不泄露内容 / another side's page and its data request answer 403 without content", async () => {
  const cookie = sessionCookie(await signIn('kaizhou'))
  for (const path of ['/east', '/me', '/admin']) {
    const page = await fetch(baseURL + path, { redirect: 'manual', headers: { Cookie: cookie } })
    expect(page.status).toBe(403)
    expect(await page.text()).toContain('无权访问')
    const data = await fetch(`${baseURL}${path}.data`, { redirect: 'manual', headers: { Cookie: cookie } })
    expect(data.status).toBe(403)
    // The root's own header data (this user's own organisation) may come along; the foreign route's never.
    expect(await data.text()).not.toMatch(/partners|activity|pending|organisations/)
  }
  const own = await fetch(`${baseURL}/west`, { headers: { Cookie: cookie } })
  expect(own.status).toBe(200)
  expect(await own.text()).toContain('开州区就业和人才中心')
})

test('退出后旧 cookie 不再有效 / after logout the old cookie no longer works', async () => {
  const cookie = sessionCookie(await signIn('xiushan'))
  const out = await fetch(`${baseURL}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: baseURL } })
  expect(out.status).toBe(302)
  expect(out.headers.get('set-cookie')).toMatch(/__session=;.*Expires=Thu, 01 Jan 1970/)
  const replay = await fetch(`${baseURL}/west`, { redirect: 'manual', headers: { Cookie: cookie } })
  expect(replay.status).toBe(302)
  expect(replay.headers.get('location')).toMatch(/^\/login/)
})

test('伪造签名的 cookie 无效 / a cookie with a forged signature is ignored', async () => {
  const cookie = sessionCookie(await signIn('fengdu'))
  const [name, value] = cookie.split('=')
  const tampered = `${name}=${value.slice(0, -3)}abc`
  const response = await fetch(`${baseURL}/west`, { redirect: 'manual', headers: { Cookie: tampered } })
  expect(response.status).toBe(302)
})

test('不存在的页面返回中文 404 页 / an unknown page answers a Chinese 404 page', async () => {
  const response = await fetch(`${baseURL}/east/no-such-record`)
  expect(response.status).toBe(404)
  expect(await response.text()).toContain('页面不存在')
})

test("别的市的岗位：页面和数据请求都是 404，与不存在的一模一样 / another city's post: page and data request are 404, identical to a missing one", async () => {
  const db = new Database(inject('databasePath'), { readonly: true })
  const { id } = db
    .prepare("select v.id from vacancies v join organisations o on o.id = v.organisation_id where o.area_code = '370700' order by v.id limit 1")
    .get() as { id: number }
  db.close()
  const cookie = sessionCookie(await signIn('dezhou'))
  const fetchBody = async (path: string) => {
    const r = await fetch(baseURL + path, { redirect: 'manual', headers: { Cookie: cookie } })
    return { status: r.status, body: (await r.text()).replace(/nonce-[^"']+|nonce="[^"]+"/g, '') }
  }
  for (const suffix of ['', '.data', '/edit', '/applicants']) {
    const foreign = await fetchBody(`/east/jobs/${id}${suffix}`)
    const missing = await fetchBody(`/east/jobs/99999999${suffix}`)
    expect(foreign.status, suffix).toBe(404)
    expect(foreign, suffix).toEqual(missing)
  }
})
