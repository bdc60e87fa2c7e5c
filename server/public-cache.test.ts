import crypto from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import express from 'express'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { TEST_TMP } from '../tests/setup/paths'
import { chooseEncoding, createPublicCache, hashInlineScripts, storable, type PendingStore } from './public-cache'

// The anonymous page cache on its own (server/public-cache.ts), in front of a stand-in for Remix that
// counts how often it renders. The real pages, processes and triggers are in tests/e2e/board-cache.test.ts.

const file = path.join(TEST_TMP, `public-cache-${process.pid}.db`)
let version: Database.Database
let server: http.Server
let base = ''
let renders = 0
let clock = Date.parse('2026-03-02T03:00:00Z')
let cache: ReturnType<typeof createPublicCache>
/** What the stand-in answers next. */
let answer: { status: number; headers: Record<string, string>; body: (nonce: string) => string } = page()

function page(extra: Record<string, string> = {}) {
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60', Vary: 'Cookie', ...extra },
    body: (nonce: string) =>
      `<!DOCTYPE html><html><body><main>${'岗位'.repeat(400)} ${renders}</main><script nonce="${nonce}">window.__ctx={"a":1}</script>` +
      `<script type="module" nonce="${nonce}">import "/build/entry.js"</script><script src="/build/x.js" nonce="${nonce}"></script></body></html>`,
  }
}

beforeAll(async () => {
  fs.mkdirSync(TEST_TMP, { recursive: true })
  fs.rmSync(file, { force: true })
  version = new Database(file)
  version.exec('create table public_board_version (id integer primary key, version integer not null); insert into public_board_version values (1, 1)')
  cache = createPublicCache({ databasePath: file, maxBytes: 256 * 1024, maxEntries: 50, doorkeeperSize: 100, now: () => clock })
  const app = express()
  app.use(cache.lookup)
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    res.setHeader('Content-Security-Policy', `default-src 'self';script-src 'self' 'nonce-${res.locals.cspNonce}';object-src 'none'`)
    res.setHeader('X-Frame-Options', 'DENY')
    next()
  })
  app.use((req, res, next) => {
    renders++
    const response = new Response(answer.body(res.locals.cspNonce as string), { status: answer.status, headers: answer.headers })
    const pending = res.locals.publicCache as PendingStore | undefined
    ;(pending ? pending.offer(response, res) : Promise.resolve(response))
      .then(async (sent) => {
        res.status(sent.status)
        for (const [name, value] of sent.headers) res.setHeader(name, value)
        res.end(Buffer.from(await sent.arrayBuffer()))
      })
      .catch(next)
  })
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', resolve)
  })
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})

afterAll(() => {
  server?.close()
  version?.close()
})

beforeEach(() => {
  cache.clear()
  answer = page()
  renders = 0
})

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + url, { headers })
  return { response, html: await response.text() }
}

test('第二次请求才存，之后直接给出，不再渲染 / stored on the second ask, then answered without rendering', async () => {
  await get('/jobs?q=普工')
  await get('/jobs?q=普工')
  expect(renders).toBe(2)
  const hit = await get('/jobs?q=普工')
  expect(renders).toBe(2)
  expect(hit.response.status).toBe(200)
  expect(hit.response.headers.get('x-frame-options')).toBe('DENY')
  expect(hit.response.headers.get('cache-control')).toBe('public, max-age=60')
  expect(cache.stats().hits).toBe(1)
})

test('命中的页面没有 nonce，内联脚本由自己的 CSP 哈希放行 / a hit has no nonce; its own CSP allows exactly its inline scripts by hash', async () => {
  for (let i = 0; i < 2; i++) await get('/')
  const a = await get('/')
  const b = await get('/')
  for (const { response, html } of [a, b]) {
    const csp = response.headers.get('content-security-policy')!
    expect(csp).not.toContain('nonce')
    expect(html).not.toContain('nonce=')
    const allowed = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1])
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/src=/.test(m[1])).map((m) => m[2])
    expect(inline).toHaveLength(2)
    expect(allowed.sort()).toEqual(inline.map((s) => crypto.createHash('sha256').update(s).digest('base64')).sort())
    expect(csp).toContain("object-src 'none'")
  }
})

test('带 Cookie 的请求从不读也不写缓存 / a request with any cookie neither reads nor fills the cache', async () => {
  for (let i = 0; i < 3; i++) await get('/jobs')
  const before = renders
  const signedIn = await get('/jobs', { Cookie: '__session=abc' })
  expect(renders).toBe(before + 1)
  expect(signedIn.response.headers.get('content-security-policy')).toContain('nonce-')
  for (let i = 0; i < 3; i++) await get('/me', { Cookie: 'x=1' })
  expect(cache.stats().entries).toBe(1)
})

test('非公开、设 Cookie、非 200 的回答不存；其他路径不存 / private, cookie-setting and non-200 answers are not stored, nor other paths', async () => {
  const refused: Record<string, string>[] = [{ 'Cache-Control': 'private, no-store' }, { 'Set-Cookie': 'a=b' }, { 'Cache-Control': 'no-store' }]
  for (const extra of refused) {
    answer = page(extra)
    for (let i = 0; i < 3; i++) await get('/jobs/1')
  }
  answer = { ...page(), status: 404 }
  for (let i = 0; i < 3; i++) await get('/jobs/2')
  answer = page()
  for (let i = 0; i < 3; i++) await get('/login')
  expect(cache.stats().entries).toBe(0)
  expect(storable(new Response('x', { headers: { 'Cache-Control': 'public, max-age=60' } }))).toBe(true)
})

test('岗位一变（版本号加一）、过 60 秒或过了上海的零点，旧页面不再给出 / a version bump, 60 s or Shanghai midnight makes a stored page stale', async () => {
  const stored = async () => {
    for (let i = 0; i < 2; i++) await get('/jobs')
    const n = renders
    await get('/jobs')
    expect(renders).toBe(n)
  }
  await stored()
  version.exec('update public_board_version set version = version + 1')
  let n = renders
  await get('/jobs')
  expect(renders).toBe(n + 1)
  await stored()
  clock += 61_000
  n = renders
  await get('/jobs')
  expect(renders).toBe(n + 1)
  // 23:59:30 in Shanghai, then half a minute later: a new day, the same minute.
  clock = Date.parse('2026-03-02T15:59:30Z')
  await stored()
  clock += 31_000
  n = renders
  await get('/jobs')
  expect(renders).toBe(n + 1)
})

test('大量不同的查询串不会撑大内存，也挤不掉常用页面 / a stream of distinct query strings neither grows memory nor pushes out the pages in use', async () => {
  for (let i = 0; i < 3; i++) await get('/jobs?city=370700')
  for (let i = 0; i < 400; i++) await get(`/jobs?q=${i}`)
  const stats = cache.stats()
  expect(stats.entries).toBe(1)
  const n = renders
  await get('/jobs?city=370700')
  expect(renders).toBe(n)
  // Pages asked for twice fill it only up to its bounds.
  for (let i = 0; i < 200; i++) for (let j = 0; j < 2; j++) await get(`/jobs?page=${i}`)
  expect(cache.stats().entries).toBeLessThanOrEqual(50)
  expect(cache.stats().bytes).toBeLessThanOrEqual(256 * 1024)
})

test('按客户端接受的编码给出预先压缩的字节；HEAD 只给头 / precompressed bytes by Accept-Encoding; HEAD gets headers only', async () => {
  for (let i = 0; i < 2; i++) await get('/jobs/5')
  const plain = await fetch(`${base}/jobs/5`, { headers: { 'Accept-Encoding': 'identity' } })
  const text = await plain.text()
  expect(plain.headers.get('content-encoding')).toBeNull()
  const gz = await fetch(`${base}/jobs/5`, { headers: { 'Accept-Encoding': 'gzip' } })
  expect(gz.headers.get('content-encoding')).toBe('gzip')
  // fetch undoes the encoding itself: the same page either way.
  expect(await gz.text()).toBe(text)
  const head = await fetch(`${base}/jobs/5`, { method: 'HEAD' })
  expect(head.status).toBe(200)
  expect(chooseEncoding('gzip, deflate, br')).toBe('br')
  expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
  expect(chooseEncoding('')).toBe('identity')
})

test('去掉 nonce 后仍找得到它的页面不存 / a page still holding its nonce after stripping is not stored', () => {
  expect(hashInlineScripts('<script nonce="n1">a</script><p>n1</p>', 'n1')).toBeNull()
  expect(hashInlineScripts('<script nonce="n1">a</script>', 'n1')?.hashes).toHaveLength(1)
})
