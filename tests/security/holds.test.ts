import net from 'node:net'
import { expect, test } from 'vitest'
import { baseURL, MAX_HEALTH_MS, MAX_RSS_MB, signIn, watchServer } from './server'

// Issue 7 §3/§4, as the attacker found after the first fix: a body held open (all but its last byte
// sent) kept 10 MB in memory per connection for five minutes, before anyone had signed in; 150 of them
// took the workers to 968/792 MB. Now an upload's body streams to the route, which answers before
// reading when the caller may not upload, and at most four uploads per process are read at once.

const { hostname, port } = new URL(baseURL)

/**
 * Opens a raw connection that sends a request declaring `declared` bytes, then `sent` bytes of it, and
 * holds the connection open. Resolves with the status line's code once an answer arrives (0 if none
 * in `waitMs`), and the socket, which the caller destroys.
 */
function holdBody({
  path,
  declared,
  sent,
  headers = {},
  waitMs = 15_000,
}: {
  path: string
  declared: number
  sent: number
  headers?: Record<string, string>
  waitMs?: number
}) {
  return new Promise<{ status: number; socket: net.Socket }>((resolve) => {
    const socket = net.connect(Number(port), hostname)
    let answered = false
    const timer = setTimeout(() => resolve({ status: 0, socket }), waitMs)
    socket.on('data', (chunk) => {
      if (answered) return
      answered = true
      clearTimeout(timer)
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0), socket })
    })
    socket.on('error', () => {
      if (!answered) {
        clearTimeout(timer)
        resolve({ status: 0, socket })
      }
    })
    const head = [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Content-Type: multipart/form-data; boundary=xyz',
      `Content-Length: ${declared}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n')
    socket.write(head)
    const chunk = Buffer.alloc(64 * 1024, 0x41)
    let left = sent
    const pump = () => {
      while (left > 0 && !socket.destroyed) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
        left -= piece.length
        if (!socket.write(piece)) return void socket.once('drain', pump)
      }
    }
    pump()
  })
}

test('匿名者挂住 60 个 10 MB 上传正文：未登录就被打发，内存不涨 / 60 anonymous 10 MB upload bodies held open: turned away before reading, memory flat', async () => {
  const { result, watch } = await watchServer(async () => {
    const held = await Promise.all(
      Array.from({ length: 60 }, () => holdBody({ path: '/west/workers/import', declared: 10 * 1024 * 1024 + 1, sent: 10 * 1024 * 1024 })),
    )
    await new Promise((r) => setTimeout(r, 1_000))
    for (const h of held) h.socket.destroy()
    return held.map((h) => h.status)
  })
  // Sent to sign in (302) at once, whatever the body still to come.
  expect(result.every((s) => s === 302)).toBe(true)
  expect(watch.healthFailures).toBe(0)
  expect(watch.maxHealthMs).toBeLessThan(MAX_HEALTH_MS)
  expect(watch.maxRssMb).toBeLessThan(MAX_RSS_MB)
})

test('登录后同时挂住的上传最多 4 个在读，其余立即 503 / signed in, at most four held uploads are read per process; the rest get 503 at once', async () => {
  const cookie = await signIn('xiushan', '10.7.0.1')
  const { result, watch } = await watchServer(async () => {
    const held = await Promise.all(
      Array.from({ length: 12 }, () =>
        holdBody({
          path: '/west/workers/import',
          declared: 5 * 1024 * 1024,
          sent: 1024 * 1024,
          headers: { Cookie: cookie, 'X-Forwarded-For': '10.7.0.1' },
          waitMs: 3_000,
        }),
      ),
    )
    for (const h of held) h.socket.destroy()
    return held.map((h) => h.status)
  })
  // Two worker processes × four slots: the others are told at once that the portal is busy.
  expect(result.filter((s) => s === 503).length).toBeGreaterThanOrEqual(12 - 8)
  expect(result.every((s) => s === 503 || s === 0)).toBe(true)
  expect(watch.healthFailures).toBe(0)
  expect(watch.maxRssMb).toBeLessThan(MAX_RSS_MB)
})

test('Expect: 100-continue 加超大长度：不先说“继续”，直接 413 / Expect: 100-continue with a huge length gets 413, never "100 Continue"', async () => {
  const { status, socket } = await new Promise<{ status: number; socket: net.Socket }>((resolve) => {
    const s = net.connect(Number(port), hostname)
    s.once('data', (chunk) => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0), socket: s }))
    s.write(
      `POST /login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 999999999\r\nExpect: 100-continue\r\n\r\n`,
    )
  })
  socket.destroy()
  expect(status).toBe(413)
})
