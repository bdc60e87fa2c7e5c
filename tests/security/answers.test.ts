import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { baseURL, logSince, logSize, query, signIn } from './server'
import { UPLOAD_ROUTES } from '../../server/request-body'

// Issue 7 §8–§10: answers that leaked or failed. Checked over HTTP against the production build, because
// headers, logs and the body limits live in the server around Remix, where a route test cannot see them.

/** Every URL of the portal, from the route files, with 1 for each parameter. */
function everyPath() {
  return fs
    .readdirSync(path.resolve('app/routes'))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
    .map((f) =>
      f
        .replace(/\.tsx?$/, '')
        .replace(/\[\.(\w+)\]/g, '.$1')
        .split('.')
        .filter((s) => s !== '_index')
        .map((s) => (s.startsWith('$') ? '1' : s))
        .join('/')
        .replace(/\/(xlsx)$/, '.$1'),
    )
    .map((p) => `/${p}`.replace(/^\/_index$/, '/'))
}

const ODD_BODIES: { contentType?: string; body: string }[] = [
  { contentType: 'text/plain', body: 'username=a&password=b' },
  { contentType: 'application/json', body: '{"username":"a","password":"b"}' },
  { contentType: 'application/xml', body: '<a/>' },
  { contentType: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz--\r\n' },
  { contentType: 'application/x-www-form-urlencoded; charset=gbk', body: '%FF%FE=%00' },
  { body: 'username=a' },
]

test('任何路由收到文本、JSON、无类型等正文都不会 500 / no route answers 500 to a text, JSON, typeless or odd body, signed in or not', async () => {
  const cookies = [undefined, await signIn('kaizhou', '10.2.0.1'), await signIn('weifang', '10.2.0.1'), await signIn('13996000001', '10.2.0.1')]
  const paths = everyPath()
  expect(paths.length).toBeGreaterThan(30)
  let tries = 0
  for (const cookie of cookies) {
    for (const p of paths) {
      for (const { contentType, body } of ODD_BODIES) {
        const headers: Record<string, string> = { 'X-Forwarded-For': '10.2.0.2' }
        if (contentType) headers['Content-Type'] = contentType
        if (cookie) headers.Cookie = cookie
        // fetch adds text/plain to a string body without a type; a Blob without a type sends none.
        const response = await fetch(baseURL + p, { method: 'POST', redirect: 'manual', headers, body: contentType ? body : new Blob([body]) })
        await response.arrayBuffer()
        tries++
        expect.soft(response.status, `${contentType ?? 'no type'} → ${p}`).toBeLessThan(500)
        // Multipart is refused except where an upload is read (the ledger import, a subsidy claim's tickets).
        if (
          !contentType?.startsWith('application/x-www-form-urlencoded') &&
          !(contentType?.startsWith('multipart/') && UPLOAD_ROUTES.some((r) => r.path.test(p)))
        ) {
          expect.soft(response.status, `${contentType ?? 'no type'} → ${p}`).toBe(415)
        }
      }
    }
  }
  expect(tries).toBeGreaterThan(420)
})

test('登录回跳地址含中文：不 500，回跳编码，会话 cookie 随响应发出 / a redirectTo with Chinese gives a percent-encoded redirect and the cookie', async () => {
  const sessionsBefore = query<{ n: number }>('select count(*) n from sessions')[0].n
  const response = await fetch(`${baseURL}/login?redirectTo=${encodeURIComponent('/jobs?x=工人')}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.2.0.3' },
    body: new URLSearchParams({ username: '13996000001', password: 'Luyu@2026', redirectTo: '/jobs?x=工人' }),
  })
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe(`/jobs?x=${encodeURIComponent('工人')}`)
  expect(response.headers.get('set-cookie')).toMatch(/^__session=/)
  expect(query<{ n: number }>('select count(*) n from sessions')[0].n).toBe(sessionsBefore + 1)
})

test('登录后的每个响应都是 private, no-store，含完整号码和一次性密码的响应尤其如此 / every signed-in answer is private, no-store, those with full numbers and one-time passwords included', async () => {
  const cookie = await signIn('kaizhou', '10.2.0.4')
  const worker = query<{ id: number }>(
    "select w.id from workers w join organisations o on o.id = w.organisation_id where o.area_code = '500154' and w.phone is not null limit 1",
  )[0]
  const headers = { Cookie: cookie, 'X-Forwarded-For': '10.2.0.4' }
  for (const p of [
    '/west',
    `/west/workers/${worker.id}`,
    `/west/workers/${worker.id}/edit`,
    `/west/workers/${worker.id}/edit.data`,
    '/west/accounts/new',
    '/jobs',
    '/',
  ]) {
    const response = await fetch(baseURL + p, { headers, redirect: 'manual' })
    await response.arrayBuffer()
    expect(response.headers.get('cache-control'), p).toBe('private, no-store')
  }
  for (const intent of ['reveal-id', 'reveal-phone']) {
    const response = await fetch(`${baseURL}/west/workers/${worker.id}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
  }
  // The anonymous board is still publicly cacheable for a minute.
  const board = await fetch(`${baseURL}/jobs`)
  expect(board.headers.get('cache-control')).toBe('public, max-age=60')
})

test('不存在的地址只记一行日志，不打印堆栈 / an unknown URL is one log line, no stack trace', async () => {
  const from = logSize()
  for (const p of ['/no-such-page-7', '/no-such-page-7.data', '/wp-login.php']) expect((await fetch(baseURL + p)).status).toBe(404)
  await new Promise((r) => setTimeout(r, 300))
  const log = logSince(from)
  expect(log).toContain('404 GET /no-such-page-7')
  expect(log).not.toMatch(/^\s+at /m)
  expect(log).not.toContain('ErrorResponseImpl')
  expect(log.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3)
})

test('旧协议的 ?_data= 请求：400、一行日志，没有堆栈 / an old-protocol ?_data= request: 400, one log line, no stack trace', async () => {
  const from = logSize()
  for (const p of ['/?_data=routes/root', '/jobs?_data=x', '/west?_data=routes/west._index']) {
    const r = await fetch(baseURL + p, { redirect: 'manual' })
    expect(r.status, p).toBe(400)
    expect(await r.text(), p).toContain('请求地址或内容无法识别')
  }
  await new Promise((r) => setTimeout(r, 300))
  const log = logSince(from)
  expect(log).toContain('400 GET / (?_data)')
  expect(log).not.toMatch(/^\s+at /m)
  expect(log).not.toContain('Single fetch')
  expect(log.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3)
})

test('405 的数据请求不暴露内部路由模块 / a 405 names no internal route module, page or data request', async () => {
  for (const p of ['/jobs.data?index', '/jobs?index', '/healthz', '/me.data', '/api/v1/vacancies']) {
    const response = await fetch(baseURL + p, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    const body = await response.text()
    expect(response.status, p).toBe(405)
    expect(body).not.toMatch(/routes\/|action|\.tsx?/)
  }
})

test('公开数据源不带请求里的 Host / the public feed never carries the Host header it was asked with', async () => {
  const response = await fetch(`${baseURL}/api/v1/vacancies`, { headers: { 'X-Forwarded-Host': 'evil.example' } })
  const text = await response.text()
  expect(response.headers.get('cache-control')).toBe('public, max-age=60')
  expect(text).not.toContain('evil.example')
  expect(text).not.toContain('localhost')
})

test('路径里坏的百分号编码：一行日志、400，没有堆栈 / a path with broken percent-encoding: one log line, a 400, no stack trace', async () => {
  const from = logSize()
  for (const p of ['/%', '/west/workers/%E0%A4%A?q=13996000001', `/${'x'.repeat(15_000)}`]) {
    const response = await fetch(baseURL + p)
    expect(response.status, p.slice(0, 40)).toBeLessThan(500)
    expect(response.headers.get('cache-control')).toContain('no-store')
  }
  await new Promise((r) => setTimeout(r, 300))
  const log = logSince(from)
  expect(log).not.toMatch(/^\s+at /m)
  expect(log).not.toContain('URIError')
  expect(log).not.toContain('13996000001')
  for (const line of log.split('\n')) expect(line.length).toBeLessThan(260)
})
