import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import { Readable } from 'node:stream'
import type express from 'express'
import { SIGNED_IN_REVALIDATE } from '../app/utils/cache-control'
import { sendCompressed } from './compress'
import type { PendingStore } from './public-cache'
import { isDataRequest, loggedPath, refusal, refuse } from './refusal'

// In place of @remix-run/express's handler, whose request builder always streams the body from the
// socket: here the body has already been read within its limit (server/request-body.ts) and the Remix
// request is built around those bytes; responses get the portal's cache rule before they are sent.

/** A write request's body, stored by the body middleware: bytes read within their limit, or an upload's counted stream. */
export type ReadBody = ({ bytes: Buffer } | { stream: Readable }) & { contentType: string }

/**
 * Cache rule for every response Remix makes (issue 7 §8): anything answered to a signed-in browser, or
 * that sets a cookie, is `private, no-store` whatever the route asked for — full ID and phone numbers
 * and one-time passwords must never sit in a browser or proxy cache — unless the route asked for exactly
 * SIGNED_IN_REVALIDATE with an ETag (app/utils/cache-control.ts: no personal data). Anonymous responses keep what the route
 * set (the public board caches for a minute) and are `no-store` when it set nothing.
 */
export function cacheControlFor(request: Request, response: Response) {
  const signedIn = /(?:^|;\s*)__session=/.test(request.headers.get('Cookie') ?? '')
  if (response.headers.has('Set-Cookie')) return 'private, no-store'
  const asked = response.headers.get('Cache-Control')
  if (signedIn) return asked === SIGNED_IN_REVALIDATE && response.headers.has('ETag') ? SIGNED_IN_REVALIDATE : 'private, no-store'
  return asked ?? 'no-store'
}

/**
 * Express middleware running the Remix build. Takes the build and a load-context function; returns
 * the handler. A write request's body comes from `res.locals.body` (always set for non-GET requests by
 * the body middleware), never from the socket.
 */
export function createPortalRequestHandler({
  build,
  getLoadContext,
}: {
  build: ServerBuild
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext
}): express.RequestHandler {
  const handle = createRequestHandler(build, build.mode)
  return (req, res, next) => {
    serve(req, res, next).catch(next)
  }
  async function serve(req: express.Request, res: express.Response, next: express.NextFunction) {
    try {
      // The portal asks for data at `.data` paths (single fetch); a `?_data=` request (Remix's older protocol)
      // comes from none of its pages, and Remix answers each with a warning's stack trace in the log. One line, 400.
      if (asksForOldData(req.url)) {
        console.warn(`400 ${req.method} ${loggedPath(req.path)} (?_data)`)
        refuse(req, res, 400, '请求地址或内容无法识别')
        return
      }
      const request = remixRequestOf(req, res, res.locals.body as ReadBody | undefined)
      if (!request) {
        refuse(req, res, 400, '请求地址或内容无法识别')
        return
      }
      const answer = await handle(request, getLoadContext(req, res))
      // Remix's 405 names the route module that has no action (in the page and in `.data`): answer it
      // without internals. Forms only ever post to routes that have an action.
      const response = answer.status === 405 ? methodNotAllowed(req.path) : withHeader(answer, 'Cache-Control', (r) => cacheControlFor(request, r))
      // An anonymous public page the cache asked for is stored on its way out (server/public-cache.ts).
      const pending = res.locals.publicCache as PendingStore | undefined
      await sendCompressed(req, res, pending ? await pending.offer(response, res) : response)
    } catch (error) {
      // A download the visitor left (a closed tab, a lost signal) ends its pipeline early: no fault of the
      // portal's, so no stack trace in the log for anyone to fill by aborting requests.
      if (clientWentAway(error, res)) return
      next(error)
    }
  }
}

/** Whether a request URL (path and query) carries a `_data` parameter: Remix's data protocol before single fetch. */
export function asksForOldData(url: string) {
  const query = url.indexOf('?')
  return query >= 0 && new URLSearchParams(url.slice(query + 1)).has('_data')
}

/** Whether `error` is only the client having closed the connection while `res` was being sent. */
export function clientWentAway(error: unknown, res: { destroyed: boolean }) {
  const code = (error as { code?: unknown } | null)?.code
  return res.destroyed && (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE')
}

/** The response with one header set; a response whose headers are immutable (Response.redirect) is copied. */
function withHeader(response: Response, name: string, value: (response: Response) => string) {
  try {
    response.headers.set(name, value(response))
    return response
  } catch {
    const headers = new Headers(response.headers)
    headers.set(name, value(response))
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }
}

/** The Fetch request Remix handles, or null when the Host header or path do not make a URL. */
function remixRequestOf(req: express.Request, res: express.Response, body: ReadBody | undefined) {
  let url: URL
  try {
    // req.hostname honours "trust proxy" (X-Forwarded-Host); the port comes from the Host header.
    const port = /:(\d+)$/.exec(req.get('host') ?? '')?.[1]
    url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
  } catch {
    return null
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  // Abort loaders and actions once nobody can receive the answer (closed before it was finished).
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  if (!body) return new Request(url, { method: req.method, headers, signal: controller.signal })
  headers.set('Content-Type', body.contentType)
  if ('stream' in body) {
    // The declared length stays: the upload route judges it before reading (utils/upload.server.ts).
    const stream = Readable.toWeb(body.stream)
    return new Request(url, { method: req.method, headers, signal: controller.signal, body: stream, duplex: 'half' } as RequestInit)
  }
  headers.set('Content-Length', String(body.bytes.byteLength))
  return new Request(url, { method: req.method, headers, signal: controller.signal, body: body.bytes as Uint8Array<ArrayBuffer> })
}

function methodNotAllowed(path: string) {
  const answer = refusal(isDataRequest(path), 405, '此页面不支持这种操作')
  return new Response(answer.body, { status: answer.status, headers: answer.headers })
}
