import crypto from 'node:crypto'
import http from 'node:http'
import Database from 'better-sqlite3'
import { expect, inject, test } from 'vitest'
import { PHONE, useBrowser } from './browser'

// The anonymous page cache (server/public-cache.ts) in the production server with its two worker
// processes: a stored page is fresh the moment a bureau publishes or closes a post — in every process —
// and its own CSP allows exactly its inline scripts.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()
const DEMO_PASSWORD = 'Luyu@2026'

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A GET on a connection of its own, so the supervisor hands successive ones to both worker processes. */
function getFresh(path: string, headers: Record<string, string> = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.get(`${baseURL}${path}`, { agent: false, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (c: Buffer) => chunks.push(c))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    request.on('error', reject)
  })
}

/** A stored answer: every answer rendered for its request carries a fresh nonce in its CSP, a stored one none. */
const isHit = (a: Answer) => !/'nonce-/.test(String(a.headers['content-security-policy']))

/** Asks for a page until both processes answer it from their store; returns the last answers. */
async function warm(path: string) {
  const answers: Answer[] = []
  for (let i = 0; i < 10; i++) answers.push(await getFresh(path))
  const last = answers.slice(-4)
  expect(last.every(isHit), `${path}: ${last.map((a) => String(a.headers['content-security-policy']).slice(20, 60)).join(' | ')}`).toBe(true)
  return last
}

function weifangPost(status: 'draft' | 'published') {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    return db
      .prepare(
        `select v.id, v.title from vacancies v join organisations o on o.id = v.organisation_id
         where o.area_code = '370700' and v.status = ? and v.valid_until >= date('now', '+8 hours') order by v.id limit 1`,
      )
      .get(status) as { id: number; title: string } | undefined
  } finally {
    db.close()
  }
}

async function signIn(username: string) {
  const response = await fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseURL },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
  })
  return response.headers.get('set-cookie')!.split(';')[0]
}

async function move(cookie: string, id: number, fields: Record<string, string>) {
  const response = await fetch(`${baseURL}/east/jobs/${id}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseURL, Cookie: cookie },
    body: new URLSearchParams(fields),
  })
  expect(response.status, `${fields.intent} ${id}`).toBe(302)
}

/** The board's "找到 N 个岗位" / "共有 N 个岗位" figure. */
const boardTotal = (html: string) => Number(/(?:找到|共有)(?:\s|<!-- -->)*<strong>(\d+)<\/strong>/.exec(html)?.[1])

test('发布、关闭岗位后，两个进程里存着的公开页面立刻更新 / publishing and closing a post shows at once on the stored public pages of both processes', async () => {
  const draft = weifangPost('draft')
  const open = weifangPost('published')
  expect(draft && open).toBeTruthy()
  const cookie = await signIn('weifang')
  const board = '/jobs?city=370700'
  const before = boardTotal((await warm(board))[0].body)
  expect(before).toBeGreaterThan(0)
  for (const a of await warm(`/jobs/${open!.id}`)) expect(a.body).not.toContain('不再接受报名')
  await warm(`/api/v1/vacancies?city=370700&pageSize=100`)

  await move(cookie, draft!.id, { intent: 'publish' })
  for (let i = 0; i < 4; i++) {
    const answer = await getFresh(board)
    expect(boardTotal(answer.body)).toBe(before + 1)
    const feed = await getFresh(`/api/v1/vacancies?city=370700&pageSize=100`)
    expect((JSON.parse(feed.body) as { total: number }).total).toBe(before + 1)
  }

  await warm(board)
  await move(cookie, open!.id, { intent: 'close', reason: '已招满' })
  for (let i = 0; i < 4; i++) {
    expect(boardTotal((await getFresh(board)).body)).toBe(before)
    expect((await getFresh(`/jobs/${open!.id}`)).body).toMatch(/此岗位(?:<!-- -->)?已关闭/)
  }
})

test('存着的页面：内联脚本全由它自己的 CSP 哈希放行，没有 nonce，安全头与现做的一样 / a stored page: its CSP allows exactly its inline scripts by hash, no nonce, the same security headers as a fresh one', async () => {
  const path = '/jobs?q=%E6%99%AE%E5%B7%A5&city=370700'
  const fresh = await getFresh(path, { Cookie: 'x=1' })
  for (const hit of await warm(path)) {
    const csp = String(hit.headers['content-security-policy'])
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1].split(' ')
    const inline = [...hit.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]))
    expect(inline.length).toBeGreaterThan(0)
    const hashes = inline.map((m) => `'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`)
    expect(scriptSrc.sort()).toEqual(["'self'", ...new Set(hashes)].sort())
    expect(hit.body).not.toMatch(/nonce=/)
    expect(csp.replace(/script-src [^;]*/, '')).toBe(String(fresh.headers['content-security-policy']).replace(/script-src [^;]*/, ''))
    for (const name of ['x-frame-options', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'cache-control']) {
      expect(hit.headers[name], name).toBe(fresh.headers[name])
    }
    // The same page as one rendered for this request, but for the nonce.
    expect(hit.body).toBe(fresh.body.replace(/ nonce="[^"]*"/g, ''))
  }
})

test('已登录的请求从不拿到存着的页面 / a signed-in request never gets a stored page', async () => {
  await warm('/jobs')
  const cookie = await signIn('13996000001')
  for (let i = 0; i < 4; i++) {
    const answer = await getFresh('/jobs', { Cookie: cookie })
    expect(isHit(answer)).toBe(false)
    expect(answer.headers['cache-control']).toBe('private, no-store')
  }
})

test('浏览器打开存着的页面：没有 CSP 报错，脚本照常接管页面 / a browser opening a stored page sees no CSP violation and the scripts take over the page', async () => {
  const path = '/jobs?q=%E7%84%8A%E5%B7%A5'
  await warm(path)
  try {
    const page = await freshPage(PHONE)
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { cspViolations?: string[] }
        ;(w.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`)
      })
    })
    const response = await page.goto(`${baseURL}${path}`)
    expect(await response!.headerValue('content-security-policy')).not.toContain('nonce-')
    // Remix's router exists only when its inline scripts ran and the page hydrated.
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await closeAll()
  }
})
