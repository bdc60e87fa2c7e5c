import type express from 'express'

// How the server layer refuses a request itself (413/415 bodies, 405): in the form the caller can
// read. A browser without JavaScript gets a short Chinese page; the Remix client (a `.data` request)
// gets the same error encoding Remix uses for a thrown Response, so the page's error boundary shows the
// Chinese message instead of failing to decode plain HTML. Refused sockets are not reset while the
// client is still sending: a reset can throw away the answer before the client reads it.

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  503: 'Service Unavailable',
}
type RefusalStatus = 400 | 405 | 413 | 415 | 503

export const BUSY_MESSAGE = '系统繁忙，请稍后再试'

/** How long a refused request's remaining body is read and discarded before the socket is closed. */
export const LINGER_MS = 3_000

/** Whether the request is the Remix client's data request (single fetch: `/path.data`). */
export function isDataRequest(path: string) {
  return path.endsWith('.data')
}

/**
 * The refusal as a status, headers and body. Takes whether the request was a `.data` request, the
 * status and the Chinese message. For `.data`: Remix's single-fetch encoding of an ErrorResponse
 * (turbo-stream, as Remix 2.17 writes it for `throw new Response(message, { status })`), checked by a
 * browser test; otherwise a small HTML page (style attributes only: the CSP allows no inline <style>).
 */
export function refusal(dataRequest: boolean, status: RefusalStatus, message: string) {
  // private as well as no-store: these answers also go to signed-in browsers.
  const headers: Record<string, string> = { 'Cache-Control': 'private, no-store' }
  if (status === 405) headers.Allow = 'GET, HEAD'
  if (status === 503) headers['Retry-After'] = '10'
  if (dataRequest) {
    const body = JSON.stringify([{ _1: 2 }, 'error', ['ErrorResponse', 3, 4, 5], message, status, STATUS_TEXT[status]])
    return { status, headers: { ...headers, 'Content-Type': 'text/x-script; charset=utf-8', 'X-Remix-Response': 'yes' }, body }
  }
  const body =
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${message} · 鲁渝劳务协作</title>` +
    `<body style="margin:0;font:16px/1.6 system-ui,sans-serif;color:#1f2328;background:#f6f7f9">` +
    `<header style="background:#b3202a;color:#fff;padding:12px 16px;font-weight:700">鲁渝劳务协作</header>` +
    `<main style="max-width:640px;margin:24px auto;padding:0 16px"><h1 style="font-size:20px">${message}</h1>` +
    `<p>请按浏览器的“返回”键回到上一页修改后再提交。</p><p><a href="/" style="color:#0b5cad">返回首页</a></p></main></body></html>`
  return { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' }, body }
}

/** Sends a refusal from express (see refusal). */
export function refuse(req: express.Request, res: express.Response, status: RefusalStatus, message: string) {
  const answer = refusal(isDataRequest(req.path), status, message)
  res.status(answer.status).set(answer.headers).send(answer.body)
}

/**
 * Middleware: when an answer has gone out before its request's body was read to the end (a refusal, a
 * redirect to sign in, a route that answered early), the rest of the body is read and thrown away for
 * at most LINGER_MS, then the socket is closed. Closing at once would reset the connection under a
 * client that is still sending, and a reset can discard the answer it has not read yet.
 */
export function lingerAfterAnswer(req: express.Request, res: express.Response, next: express.NextFunction) {
  res.on('finish', () => {
    if (req.complete) return
    req.resume()
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS)
    timer.unref()
    req.once('end', () => clearTimeout(timer))
    req.socket.once('close', () => clearTimeout(timer))
  })
  next()
}

/**
 * A fixed number of slots, each held from `take` until the response is finished or closed. Takes the
 * number of slots; `take(res)` returns false when none is free.
 */
export class Slots {
  private used = 0
  constructor(private readonly size: number) {}
  take(res: express.Response) {
    if (this.used >= this.size) return false
    this.used++
    let released = false
    const release = () => {
      if (released) return
      released = true
      this.used--
    }
    res.once('finish', release)
    res.once('close', release)
    return true
  }
}

/** The path as logged: no query string (it may carry personal data), at most 200 characters. */
export function loggedPath(path: string) {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path
}

/**
 * Express's last error handler: a request express itself cannot take (a path with broken
 * percent-encoding, a malformed body) is the client's fault — one log line and a 400; anything else is
 * logged with its stack and answered 500 without detail. Never a stack trace in a response.
 */
export function answerErrors(error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) {
  const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode ?? 500
  const where = `${req.method} ${loggedPath(req.path ?? '')}`
  if (status >= 400 && status < 500) console.warn(`${status} ${where}`)
  else console.error(`Error handling ${where}:`, error)
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (status >= 400 && status < 500) refuse(req, res, 400, '请求地址或内容无法识别')
  else res.status(500).set('Cache-Control', 'private, no-store').type('text/plain; charset=utf-8').send('服务暂时出现问题，请稍后重试')
}
