import type http from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'

// Compression of the answers Remix renders (pages, `.data`, JSON). The compression middleware streamed
// each one through a zlib stream on libuv's thread pool and flushed it after every chunk Remix wrote;
// with brotli (what browsers ask for first) that cost grew with the encoder's 4 MB window, and at 32
// connections signed-in pages fell to a third of their gzip rate (issue 10 §3, /me 41 → 98 req/s with
// gzip on one process). A page is a few to a few hundred kilobytes rendered at once (no deferred data),
// so it is read whole and compressed in one synchronous call sized to it: about 0.1 ms for 10 KB, no
// thread-pool round trips, and a Content-Length instead of chunked encoding. Answers larger than
// BUFFER_LIMIT (none today) are streamed through one gzip stream without per-chunk flushes.

/** Below this many bytes an answer is sent as it is (the compression middleware's own threshold). */
export const COMPRESS_THRESHOLD = 1024
/** Answers up to this many bytes are compressed in one call; larger ones are streamed. */
const BUFFER_LIMIT = 4 * 1024 * 1024
/** Content types worth compressing: text, Remix's `.data` (text/x-script), JSON, JavaScript, XML, SVG. */
const COMPRESSIBLE_TYPE = /^\s*(?:text\/|application\/(?:json|javascript|x-javascript|xml|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/i

export type Encoding = 'br' | 'gzip' | 'identity'

/**
 * What the client accepts, from its Accept-Encoding header: brotli and gzip unless refused with q=0
 * (`*` counts as gzip). Takes the header as sent (undefined when absent); returns both flags.
 */
export function acceptedEncodings(acceptEncoding: string | undefined) {
  let br = false
  let gzip = false
  if (!acceptEncoding) return { br, gzip }
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';')
    if (params.some((p) => /^\s*q\s*=\s*0(?:\.0*)?\s*$/.test(p))) continue
    if (coding === 'br') br = true
    if (coding === 'gzip' || coding === '*') gzip = true
  }
  return { br, gzip }
}

/**
 * Compresses one whole body for a client. Takes the bytes and the encoding chosen; returns the encoded
 * bytes. Brotli runs at quality 4 with a size hint, so its window is sized to the body rather than 4 MB
 * (≈ 0.14 ms for a 10 KB page, against ≈ 0.10 ms for gzip level 6, and a few percent smaller).
 */
export function compressBody(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(body)
  if (encoding === 'br') {
    return zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    })
  }
  return body
}

/**
 * Sends a Fetch response on a node response, compressed when the client accepts it and the content
 * type is worth it. Takes the node request (for its method and Accept-Encoding), the node response
 * (status and headers may already hold helmet's headers) and the Fetch response; resolves once
 * everything is handed to the socket. Set-Cookie headers are kept one per cookie. A response that is
 * already encoded, says `no-transform`, has no body or answers HEAD is sent unchanged.
 */
export async function sendCompressed(req: http.IncomingMessage, res: http.ServerResponse, response: Response) {
  res.statusMessage = response.statusText
  res.statusCode = response.status
  for (const [name, value] of response.headers.entries()) appendHeader(res, name, value)
  const body = response.body
  if (!body || req.method === 'HEAD') {
    await body?.cancel()
    res.end()
    return
  }
  const type = response.headers.get('Content-Type') ?? ''
  const compressible =
    COMPRESSIBLE_TYPE.test(type) &&
    !response.headers.has('Content-Encoding') &&
    !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(response.headers.get('Cache-Control') ?? '')
  if (!compressible) {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), res)
    return
  }
  appendHeader(res, 'Vary', 'Accept-Encoding')
  const accepted = acceptedEncodings(req.headers['accept-encoding'])
  const encoding: Encoding = accepted.br ? 'br' : accepted.gzip ? 'gzip' : 'identity'
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
    if (size > BUFFER_LIMIT) return streamRest(res, chunks, reader, accepted.gzip)
  }
  const whole = Buffer.concat(chunks, size)
  const bytes = encoding !== 'identity' && size >= COMPRESS_THRESHOLD ? compressBody(whole, encoding) : whole
  if (bytes !== whole) res.setHeader('Content-Encoding', encoding)
  res.removeHeader('Transfer-Encoding')
  res.setHeader('Content-Length', bytes.byteLength)
  res.end(bytes)
}

/** A very large answer: what was read, then the rest, through one gzip stream (no per-chunk flush). */
async function streamRest(res: http.ServerResponse, head: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, gzip: boolean) {
  async function* all() {
    yield* head
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  }
  res.removeHeader('Content-Length')
  if (!gzip) return pipeline(Readable.from(all()), res)
  res.setHeader('Content-Encoding', 'gzip')
  return pipeline(Readable.from(all()), zlib.createGzip(), res)
}

function appendHeader(res: http.ServerResponse, name: string, value: string) {
  const existing = res.getHeader(name)
  if (existing === undefined) res.setHeader(name, value)
  else if (name.toLowerCase() === 'set-cookie') res.setHeader(name, [...(Array.isArray(existing) ? existing : [String(existing)]), value])
  else if (name.toLowerCase() === 'vary') res.setHeader(name, `${String(existing)}, ${value}`)
  else res.setHeader(name, value)
}
