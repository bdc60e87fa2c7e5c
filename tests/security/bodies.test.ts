import { expect, test } from 'vitest'
import { baseURL, MAX_HEALTH_MS, MAX_RSS_MB, sendStreamed, signIn, watchServer } from './server'

// Issue 7 §3 and §4: an anonymous 400 MB form post to /login was buffered in full (RSS 0.7 → 4.85 GB).
// Every non-upload action has a small ceiling, refused with 413 before the body is read; uploads keep
// their own ceiling, chunked bodies included. Meanwhile the server stays small and keeps answering.

const MB = 1024 * 1024
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.1.0.1' }
const formChunk = Buffer.alloc(64 * 1024, 'username=a&password=')

function expectHealthy(watch: { maxRssMb: number; maxHealthMs: number; healthFailures: number; samples: number }) {
  expect(watch.samples).toBeGreaterThan(0)
  expect(watch.healthFailures).toBe(0)
  expect(watch.maxHealthMs).toBeLessThan(MAX_HEALTH_MS)
  expect(watch.maxRssMb).toBeLessThan(MAX_RSS_MB)
}

test('匿名 400 MB 表单提交到 /login：读正文之前就 413 / an anonymous 400 MB form post to /login is refused with 413 before it is read', async () => {
  const { result, watch } = await watchServer(() => sendStreamed({ path: '/login', headers: FORM, chunk: formChunk, totalBytes: 400 * MB }))
  expect(result.status).toBe(413)
  expect(result.body).toContain('提交的内容太大')
  expectHealthy(watch)
})

test('不带长度的分块正文同样在上限处被拒 / a chunked body without Content-Length is cut off at the same ceiling', async () => {
  const { result, watch } = await watchServer(() => sendStreamed({ path: '/login', headers: FORM, chunk: formChunk, totalBytes: 400 * MB, chunked: true }))
  expect(result.status).toBe(413)
  expectHealthy(watch)
})

test('四个 400 MB 正文同时到达，服务照常 / four 400 MB bodies at once: the portal keeps serving', async () => {
  const { result, watch } = await watchServer(() =>
    Promise.all(
      ['/login', '/register', '/jobs/1', '/logout'].map((path, i) =>
        sendStreamed({ path, headers: FORM, chunk: formChunk, totalBytes: 400 * MB, chunked: i % 2 === 0 }),
      ),
    ),
  )
  // /logout and /jobs/1 may refuse earlier (403 would be the cross-origin guard; none here): never 500.
  for (const r of result) expect(r.status).toBe(413)
  expectHealthy(watch)
})

test('上传路由有自己的上限：声明 400 MB 立即 413，分块上传在上限处 413 / the upload route keeps its own ceiling, declared or chunked', async () => {
  const cookie = await signIn('kaizhou', '10.1.0.2')
  const headers = { 'Content-Type': 'multipart/form-data; boundary=x', Cookie: cookie }
  const chunk = Buffer.alloc(256 * 1024, 'A')
  const { result, watch } = await watchServer(async () => [
    await sendStreamed({ path: '/west/workers/import', headers, chunk, totalBytes: 400 * MB }),
    await sendStreamed({ path: '/west/workers/import', headers, chunk, totalBytes: 400 * MB, chunked: true }),
  ])
  expect(result.map((r) => r.status)).toEqual([413, 413])
  expectHealthy(watch)
})

test('正常大小的表单照常处理 / a form of ordinary size still goes through', async () => {
  const response = await fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORM, 'X-Forwarded-For': '10.1.0.3' },
    body: new URLSearchParams({ username: 'nobody-here', password: 'x'.repeat(30_000) }),
  })
  expect(response.status).toBe(400)
})
