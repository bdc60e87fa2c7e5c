import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { acceptedEncodings, sendCompressed } from './compress'

const page = `<!DOCTYPE html><html><body>${'<p>鲁渝劳务协作 普工 招聘</p>'.repeat(400)}</body></html>`
let baseURL = ''
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  const headers = new Headers({ 'Content-Type': url.searchParams.get('type') ?? 'text/html; charset=utf-8' })
  headers.append('Set-Cookie', 'a=1; Path=/')
  headers.append('Set-Cookie', 'b=2; Path=/')
  if (url.searchParams.has('notransform')) headers.set('Cache-Control', 'no-transform')
  const body = url.searchParams.has('small') ? 'kurz' : page
  // Several chunks, as React streams a page.
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const bytes = new TextEncoder().encode(body)
      for (let i = 0; i < bytes.length; i += 2048) controller.enqueue(bytes.subarray(i, i + 2048))
      controller.close()
    },
  })
  void sendCompressed(req, res, new Response(stream, { status: 200, headers }))
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** The raw answer (node:http does not decode), as bytes with its headers. */
function get(path: string, acceptEncoding?: string, method = 'GET') {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(`${baseURL}${path}`, { method, headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('浏览器的 Accept-Encoding 得到可解码的 brotli 页面 / what Chromium accepts gets a brotli page that decodes to the same bytes', async () => {
  const { headers, body } = await get('/', 'gzip, deflate, br, zstd')
  expect(headers['content-encoding']).toBe('br')
  expect(headers['vary']).toBe('Accept-Encoding')
  expect(Number(headers['content-length'])).toBe(body.byteLength)
  expect(zlib.brotliDecompressSync(body).toString('utf8')).toBe(page)
  expect(headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/'])
})

test('只接受 gzip 的客户端得到 gzip / a client accepting gzip only gets gzip, decoding to the same page', async () => {
  const { headers, body } = await get('/', 'gzip')
  expect(headers['content-encoding']).toBe('gzip')
  expect(zlib.gunzipSync(body).toString('utf8')).toBe(page)
})

test('不接受压缩、小于阈值、不可变换、二进制和 HEAD 都原样发送 / no encoding accepted, a small body, no-transform, a binary type and HEAD are sent as they are', async () => {
  for (const [path, encoding] of [
    ['/', undefined],
    ['/', 'br;q=0, gzip;q=0'],
    ['/?small', 'gzip, br'],
    ['/?notransform', 'gzip, br'],
    ['/?type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'gzip, br'],
  ] as const) {
    const { headers, body } = await get(path, encoding)
    expect(headers['content-encoding'], `${path} ${encoding}`).toBeUndefined()
    expect(body.toString('utf8')).toBe(path === '/?small' ? 'kurz' : page)
  }
  const head = await get('/', 'gzip, br', 'HEAD')
  expect(head.body.byteLength).toBe(0)
})

test('Accept-Encoding 的解析 / Accept-Encoding is read with q=0 as a refusal and * as gzip', () => {
  expect(acceptedEncodings(undefined)).toEqual({ br: false, gzip: false })
  expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual({ br: true, gzip: true })
  expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toEqual({ br: false, gzip: true })
  expect(acceptedEncodings('*')).toEqual({ br: false, gzip: true })
  expect(acceptedEncodings('identity')).toEqual({ br: false, gzip: false })
})
