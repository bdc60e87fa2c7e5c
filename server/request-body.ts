import { Transform, type Readable } from 'node:stream'

// Every request body is bounded before any of it reaches Remix (security.md 9, issue 7 §3): a form
// post is a few kilobytes, so anything larger is refused with 413 before it is read; chunked bodies
// (no Content-Length) are counted as they arrive and cut off at the same ceiling. Only the routes that
// take files accept multipart bodies: those are streamed to the route (never buffered here), which
// answers an oversize file itself with the message beside its field (utils/upload.server.ts), while
// this layer still cuts the stream at an outer ceiling a little above the route's own.

/** Ceiling for an ordinary form post: 64 KiB holds the longest form (a vacancy, ~20 KB of Chinese). */
export const FORM_BODY_MAX_BYTES = 64 * 1024

/**
 * Routes that take file uploads, with the outer ceiling of their whole multipart body: above the
 * route's own limit (which answers first, beside the field), so this one only stops a body the route
 * did not stop.
 */
export const UPLOAD_ROUTES: readonly { path: RegExp; maxBytes: number }[] = [
  // The ledger import takes one spreadsheet of at most 10 MB + 64 KiB of envelope (rules/registry-sheet.ts).
  { path: /^\/west\/workers\/import(\.data)?\/?$/, maxBytes: 10 * 1024 * 1024 + 256 * 1024 },
  // The sites import takes one xlsx of at most 10 MB + the envelope (app/rules/site-sheet.ts).
  { path: /^\/(east|west)\/sites\/import(\.data)?\/?$/, maxBytes: 10 * 1024 * 1024 + 256 * 1024 },
  // A subsidy claim's tickets and proofs: at most 60 MB of files a request (CLAIM_UPLOAD_LIMITS in
  // app/models/claim-file.server.ts) + the envelope.
  { path: /^\/me\/claims\/\d+(\.data)?\/?$/, maxBytes: 60 * 1024 * 1024 + 256 * 1024 },
]

export type BodyPolicy = { ok: true; maxBytes: number; contentType: string; stream: boolean } | { ok: false; status: 413 | 415; message: string }

const FORM = 'application/x-www-form-urlencoded'
const MULTIPART = 'multipart/form-data'

export const TOO_LARGE_MESSAGE = '提交的内容太大，请删减后重新提交'
export const UNSUPPORTED_MESSAGE = '无法识别提交的内容，请在页面上填写表单后提交'

/**
 * What body a write request to `pathname` may carry. Takes the method, path and the request's
 * Content-Type and Content-Length headers; returns the byte ceiling and the content type to hand on
 * (an empty body without a type is treated as an empty form) and whether it is streamed to the route
 * (upload routes) rather than read here; or the status to refuse with: 415 for any type a form does not
 * send (text/plain, JSON, XML…) or multipart outside an upload route, 413 when a form declares a length
 * over its ceiling. An upload route's declared length is the route's to judge, after its auth check.
 */
export function bodyPolicyFor(pathname: string, contentType: string | undefined, contentLength: string | undefined): BodyPolicy {
  const upload = UPLOAD_ROUTES.find((r) => r.path.test(pathname))
  const maxBytes = upload?.maxBytes ?? FORM_BODY_MAX_BYTES
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase()
  const declared = contentLength === undefined ? null : Number(contentLength)
  if (mediaType === '') {
    if (declared === 0) return { ok: true, maxBytes: 0, contentType: FORM, stream: false }
    return { ok: false, status: 415, message: UNSUPPORTED_MESSAGE }
  }
  if (mediaType !== FORM && !(mediaType === MULTIPART && upload)) {
    return { ok: false, status: 415, message: UNSUPPORTED_MESSAGE }
  }
  if (mediaType === MULTIPART) return { ok: true, maxBytes, contentType: contentType!, stream: true }
  if (declared !== null && !(declared <= maxBytes)) return { ok: false, status: 413, message: TOO_LARGE_MESSAGE }
  return { ok: true, maxBytes, contentType: contentType!, stream: false }
}

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`)
  }
}

/**
 * Reads a request body into memory, counting bytes as they arrive. Takes the incoming stream and the
 * ceiling in bytes; returns the bytes, or rejects with BodyTooLargeError as soon as the count passes
 * the ceiling. Past the ceiling the rest is discarded as it arrives (never destroyed: the socket must
 * still carry the 413 answer, see lingerAfterAnswer). Memory held is at most `maxBytes` plus one chunk.
 */
export function readBoundedBody(stream: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const cleanup = () => {
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength
      if (total > maxBytes) {
        cleanup()
        stream.resume()
        chunks.length = 0
        reject(new BodyTooLargeError(maxBytes))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(Buffer.concat(chunks, total))
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    stream.on('data', onData)
    stream.on('end', onEnd)
    stream.on('error', onError)
  })
}

/**
 * The body of an upload route as a stream that counts bytes and fails with BodyTooLargeError past
 * `maxBytes`. Takes the incoming request stream and the outer ceiling; returns a stream read lazily by
 * the route (backpressure reaches the socket), so nothing is buffered here.
 */
export function countedBody(stream: Readable, maxBytes: number): Readable {
  let total = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.byteLength
      if (total > maxBytes) callback(new BodyTooLargeError(maxBytes))
      else callback(null, chunk)
    },
  })
  stream.on('error', (error) => counter.destroy(error))
  return stream.pipe(counter)
}
