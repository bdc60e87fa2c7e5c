import crypto from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { env } from '../app/utils/env.server'
import { isCrossOriginWrite } from './cross-origin'
import { createHealthCheck } from './healthz'
import { createPublicCache } from './public-cache'
import { createPortalRequestHandler, type ReadBody } from './remix-handler'
import { answerErrors, BUSY_MESSAGE, lingerAfterAnswer, refuse, Slots } from './refusal'
import { bodyPolicyFor, BodyTooLargeError, countedBody, readBoundedBody, TOO_LARGE_MESSAGE } from './request-body'

/** Upload bodies read at once per worker process: 4 × a 10 MB file stays far under 500 MB. */
const UPLOADS_IN_FLIGHT = 4
/** Paths of the files served from public/ and the build (never a Remix route: none ends so). */
const STATIC_FILE = /^\/(?:build\/.*|[^/]+\.(?:svg|css|js|map|txt|json|xml|html|webmanifest))$/
/** Paths that may name a file in public/ (one segment with an extension; `.data` is Remix's). */
const PUBLIC_FILE = /^\/[^/]+\.(?!data$)[a-z0-9]+$/i

export async function createServer({ buildDir = process.env.BUILD_DIR ?? '.' } = {}) {
  const buildPath = path.resolve(buildDir, 'build/index.js')
  const build = (await import(buildPath)) as ServerBuild
  const app = express()
  /** Uploads whose bodies are being read at once in this process (the rest get 503 at once). */
  const uploadSlots = new Slots(UPLOADS_IN_FLIGHT)
  app.disable('x-powered-by')
  app.set('trust proxy', env.TRUST_PROXY)
  // /healthz is answered from node:http, checking the database with one prepared query (server/healthz.ts).
  const answerHealthCheck = createHealthCheck(env.DATABASE_PATH)
  // Anonymous public pages already stored are answered here, compressed and with their security
  // headers, before any other work (server/public-cache.ts).
  const publicCache = createPublicCache({ databasePath: env.DATABASE_PATH })
  app.use(publicCache.lookup)
  // …and a stored one is sent before express itself runs (its per-request set-up is most of a hit's cost).
  app.listen = ((...args: unknown[]) => {
    const server = http.createServer((req, res) => {
      if (!answerHealthCheck(req, res) && !publicCache.serveStored(req, res)) app(req, res)
    })
    return (server.listen as (...a: unknown[]) => http.Server).apply(server, args)
  }) as typeof app.listen
  // Files are compressed by the middleware; what Remix answers is compressed whole as it is sent
  // (server/compress.ts), not streamed through the middleware with a flush per chunk.
  const compressFiles = compression()
  app.use((req, res, next) => (STATIC_FILE.test(req.path) ? compressFiles(req, res, next) : next()))

  // Answered before Remix, which would log every miss with a stack trace.
  app.get(['/favicon.ico', '/apple-touch-icon.png', '/apple-touch-icon-precomposed.png'], (_req, res) => {
    res.redirect(301, '/favicon.svg')
  })
  app.use('/build', express.static(path.resolve(buildDir, 'public/build'), { immutable: true, maxAge: '1y', index: false }))
  // Only a path that names a file looks in public/: a stat per page request cost a thread-pool round trip.
  const publicFiles = express.static('public', { maxAge: '1h', index: false })
  app.use((req, res, next) => {
    if (PUBLIC_FILE.test(req.path)) void publicFiles(req, res, next)
    else next()
  })

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          // Style attributes only (React renders some); no inline <style> elements.
          styleSrc: ["'self'"],
          styleSrcAttr: ["'unsafe-inline'"],
          // Map tiles come from the operator's tile server when MAP_TILE_URL names one.
          imgSrc: ["'self'", 'data:', 'blob:', ...(env.mapTileSource ? [env.mapTileSource] : [])],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: env.isProduction && env.APP_ORIGIN?.startsWith('https:') ? [] : null,
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      frameguard: { action: 'deny' },
      strictTransportSecurity: env.isProduction && env.APP_ORIGIN?.startsWith('https:') ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  )

  app.use((req, res, next) => {
    const ownOrigin = env.APP_ORIGIN ?? `${req.protocol}://${req.get('host')}`
    const refused = isCrossOriginWrite({
      method: req.method,
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
      ownOrigin,
    })
    if (refused) {
      res.status(403).set('Cache-Control', 'private, no-store').type('text/plain; charset=utf-8').send('跨站请求已被拒绝 (cross-origin request refused)')
      return
    }
    next()
  })

  // Bodies are read here, within their limit, before Remix sees the request (server/request-body.ts);
  // upload routes get theirs as a counted stream.
  app.use(lingerAfterAnswer)
  app.use((req, res, next) => {
    readBody(req, res, next).catch(next)
  })
  async function readBody(req: express.Request, res: express.Response, next: express.NextFunction) {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const policy = bodyPolicyFor(req.path, req.get('content-type'), req.get('content-length'))
    if (!policy.ok) return refuse(req, res, policy.status, policy.message)
    if (policy.stream) {
      // Each upload in flight may hold its file in memory (up to its limit) until it is checked.
      if (!uploadSlots.take(res)) return refuse(req, res, 503, BUSY_MESSAGE)
      if (req.headers.expect === '100-continue') res.writeContinue()
      res.locals.body = { stream: countedBody(req, policy.maxBytes), contentType: policy.contentType } satisfies ReadBody
      return next()
    }
    // A client that asked before sending (Expect: 100-continue) is told to go ahead only now.
    if (req.headers.expect === '100-continue') res.writeContinue()
    try {
      res.locals.body = { bytes: await readBoundedBody(req, policy.maxBytes), contentType: policy.contentType } satisfies ReadBody
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(req, res, 413, TOO_LARGE_MESSAGE)
      // The client went away or sent a broken stream: nobody is left to answer.
      res.destroy()
      return
    }
    next()
  }

  app.all(
    '*',
    createPortalRequestHandler({
      build,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? 'unknown',
      }),
    }),
  )
  app.use(answerErrors)
  return app
}
