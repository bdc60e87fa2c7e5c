import crypto from 'node:crypto'
import type http from 'node:http'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import type express from 'express'
import { acceptedEncodings, COMPRESS_THRESHOLD, type Encoding } from './compress'

// The anonymous public pages (/, /jobs with any filters, /jobs/:id, the JSON feed, and their Remix
// `.data` requests) are the same bytes for every visitor who is not signed in, so each worker process
// keeps the last answers in memory, already compressed, and sends them without running Remix, React,
// helmet or compression again (issue 10 §3: the board at a quarter of the machine's ceiling).
//
// Correct by construction:
// - only for requests with no Cookie header at all (no session, no one-time notice) and answers that
//   are 200, set no cookie and say `Cache-Control: public` — what the pages themselves declare;
// - fresh on every change: SQLite triggers (migration public_board_version) bump one counter whenever
//   a post, its targets, an employer's public fields, a bureau's name, a pairing or an area changes; each
//   request reads it through one prepared statement, so a publish or close in any process shows at once
//   in every process; entries also die after 60 s and at midnight in Shanghai (posts expire by day);
// - the CSP still holds: a stored page carries no nonce — its inline scripts are allowed by their
//   sha256 hashes in its own script-src, and every other security header is the miss's, unchanged;
// - bounded: an LRU by bytes and by entries, and a URL is stored only when it is asked for a second time
//   within the last few thousand misses, so a stream of distinct query strings cannot fill it or push out
//   what is really asked for.

/** Paths whose anonymous answers may be stored (their `.data` forms are Remix's client navigations). */
const CACHEABLE_PATH = /^\/(?:|_root\.data|jobs(?:\.data)?|jobs\/\d{1,12}(?:\.data)?|api\/v1\/vacancies)$/
/** Longer URLs are never stored (a real board link is far shorter). */
const MAX_URL_LENGTH = 512

export type PublicCacheOptions = {
  /** The SQLite file whose `public_board_version` row says when the public data last changed. */
  databasePath: string
  /** Bytes held by the entries of one process (bodies in every encoding); default 32 MiB. */
  maxBytes?: number
  /** Entries held by one process; default 2,000. */
  maxEntries?: number
  /** Milliseconds an entry lives; default 60,000 (the pages' own max-age). */
  ttlMs?: number
  /** Keys remembered as asked once, before a second ask stores the answer; default 4,096. */
  doorkeeperSize?: number
  /** The clock, in ms since the epoch (tests move it). */
  now?: () => number
}

type Entry = {
  key: string
  version: number
  day: string
  expiresAt: number
  headers: Record<string, string>
  bodies: Record<Encoding, Buffer>
  bytes: number
}

/** What the lookup hands to the Remix handler on a miss that may be stored. */
export type PendingStore = {
  /** Stores `response` when it is storable and returns an equivalent response to send instead. */
  offer: (response: Response, res: express.Response) => Promise<Response>
}

/** Statistics of one process's cache, for tests and the benchmark. */
export type PublicCacheStats = { hits: number; misses: number; stored: number; entries: number; bytes: number }

/**
 * One process's store of anonymous public answers. Takes the options above; `lookup` is the express
 * middleware to mount first (before compression and helmet), and the Remix handler calls the
 * PendingStore it leaves in `res.locals.publicCache`. When the version table is missing (migrations not
 * applied) every request passes through unstored.
 */
export function createPublicCache(options: PublicCacheOptions) {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024
  const maxEntries = options.maxEntries ?? 2_000
  const ttlMs = options.ttlMs ?? 60_000
  const doorkeeperSize = options.doorkeeperSize ?? 4_096
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()
  const doorkeeper = new Set<string>()
  const stats = { hits: 0, misses: 0, stored: 0, bytes: 0 }
  let readVersion: (() => number) | null | undefined

  /** The data version, or null when it cannot be read (then nothing is stored or served). */
  function currentVersion() {
    if (readVersion === undefined) readVersion = openVersionReader(options.databasePath)
    if (!readVersion) return null
    try {
      return readVersion()
    } catch {
      return null
    }
  }

  function remove(entry: Entry) {
    entries.delete(entry.key)
    stats.bytes -= entry.bytes
  }

  function store(entry: Entry) {
    const old = entries.get(entry.key)
    if (old) remove(old)
    if (entry.bytes > maxBytes / 8) return
    entries.set(entry.key, entry)
    stats.bytes += entry.bytes
    stats.stored++
    // Map keeps insertion order and a hit re-inserts: the first key is the least recently used.
    for (const oldest of entries.values()) {
      if (stats.bytes <= maxBytes && entries.size <= maxEntries) break
      remove(oldest)
    }
  }

  /** The stored entry for this request, when it may be answered from the store; else null. */
  function storedFor(req: http.IncomingMessage) {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.cookie !== undefined || req.headers.authorization !== undefined) return null
    const url = req.url ?? ''
    const entry = entries.get(url)
    if (!entry) return null
    const version = currentVersion()
    const at = now()
    if (version !== entry.version || at >= entry.expiresAt || shanghaiDay(at) !== entry.day) {
      remove(entry)
      return null
    }
    entries.delete(url)
    entries.set(url, entry)
    return entry
  }

  /**
   * Answers the request from the store when it can, before express sees it (the raw node:http request
   * and response); returns whether it did. Takes the request and response.
   */
  function serveStored(req: http.IncomingMessage, res: http.ServerResponse) {
    const entry = storedFor(req)
    if (!entry) return false
    stats.hits++
    sendEntry(req, res, entry)
    return true
  }

  /** Express middleware for what serveStored did not answer: a hit when mounted alone, else a miss that may be stored. */
  const lookup: express.RequestHandler = (req, res, next) => {
    if (serveStored(req, res)) return
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.cookie !== undefined || req.headers.authorization !== undefined) return next()
    const url = req.url
    if (url.length > MAX_URL_LENGTH) return next()
    const query = url.indexOf('?')
    if (!CACHEABLE_PATH.test(query < 0 ? url : url.slice(0, query))) return next()
    const version = currentVersion()
    if (version == null) return next()
    stats.misses++
    if (req.method !== 'GET') return next()
    // Admitted on the second ask: the first only leaves the key with the doorkeeper.
    if (!doorkeeper.has(url)) {
      if (doorkeeper.size >= doorkeeperSize) doorkeeper.clear()
      doorkeeper.add(url)
      return next()
    }
    doorkeeper.delete(url)
    const day = shanghaiDay(now())
    const expiresAt = now() + ttlMs
    res.locals.publicCache = {
      offer: async (response, res) => {
        if (!storable(response)) return response
        const body = Buffer.from(await response.arrayBuffer())
        const entry = buildEntry({ key: url, version, day, expiresAt, response, body, res })
        if (entry) store(entry)
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
      },
    } satisfies PendingStore
    next()
  }

  return {
    lookup,
    serveStored,
    /** Counts since start and the current size. */
    stats: (): PublicCacheStats => ({ ...stats, entries: entries.size }),
    /** Forgets every entry (tests). */
    clear: () => {
      entries.clear()
      doorkeeper.clear()
      stats.bytes = 0
    },
  }
}

/** Whether a Remix answer may be kept for everyone: 200, no cookie set, and declared public. */
export function storable(response: Response) {
  if (response.status !== 200 || response.headers.has('Set-Cookie') || !response.body) return false
  const cacheControl = response.headers.get('Cache-Control') ?? ''
  return /(?:^|,)\s*public\b/i.test(cacheControl) && !/no-store|private|no-cache/i.test(cacheControl)
}

/** YYYY-MM-DD in Asia/Shanghai (UTC+8 all year, no daylight saving) for a time in ms. */
export function shanghaiDay(ms: number) {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
}

function openVersionReader(databasePath: string) {
  try {
    const connection = new Database(databasePath, { fileMustExist: true })
    connection.pragma('busy_timeout = 5000')
    const statement = connection.prepare('select version from public_board_version where id = 1').pluck()
    return () => statement.get() as number
  } catch {
    return null
  }
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi

/**
 * The page with this response's nonce taken out and the CSP that allows exactly its inline scripts by
 * hash. Takes the HTML and the nonce the miss was rendered with; returns null when the nonce is still
 * found afterwards (then the page is not stored).
 */
export function hashInlineScripts(html: string, nonce: string) {
  const stripped = nonce ? html.split(` nonce="${nonce}"`).join('') : html
  if (nonce && stripped.includes(nonce)) return null
  const hashes = new Set<string>()
  for (const [, attributes, content] of stripped.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue
    hashes.add(`'sha256-${crypto.createHash('sha256').update(content, 'utf8').digest('base64')}'`)
  }
  return { html: stripped, hashes: [...hashes] }
}

/** The miss's CSP with its nonce replaced by the page's script hashes (or by nothing). */
export function cspWithHashes(csp: string, nonce: string, hashes: string[]) {
  return csp.replace(`'nonce-${nonce}'`, hashes.join(' ')).replace(/ {2,}/g, ' ').replace(/ ;/g, ';')
}

function buildEntry({
  key,
  version,
  day,
  expiresAt,
  response,
  body,
  res,
}: {
  key: string
  version: number
  day: string
  expiresAt: number
  response: Response
  body: Buffer
  res: express.Response
}): Entry | null {
  const headers: Record<string, string> = {}
  // helmet's headers (already on `res`), then the page's own.
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  for (const [name, value] of response.headers.entries()) headers[name.toLowerCase()] = value
  delete headers['content-length']
  delete headers['content-encoding']
  delete headers['transfer-encoding']
  const nonce = String(res.locals.cspNonce ?? '')
  let bytes = body
  const csp = headers['content-security-policy']
  if (csp !== undefined) {
    if ((headers['content-type'] ?? '').startsWith('text/html')) {
      const hashed = hashInlineScripts(body.toString('utf8'), nonce)
      if (!hashed) return null
      bytes = Buffer.from(hashed.html, 'utf8')
      headers['content-security-policy'] = cspWithHashes(csp, nonce, hashed.hashes)
    } else {
      headers['content-security-policy'] = cspWithHashes(csp, nonce, [])
    }
  }
  const compress = bytes.byteLength >= COMPRESS_THRESHOLD
  if (compress) headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding'
  const bodies: Record<Encoding, Buffer> = compress
    ? {
        identity: bytes,
        gzip: zlib.gzipSync(bytes),
        br: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }),
      }
    : { identity: bytes, gzip: bytes, br: bytes }
  const size = compress ? bodies.identity.byteLength + bodies.gzip.byteLength + bodies.br.byteLength : bytes.byteLength
  return { key, version, day, expiresAt, headers, bodies, bytes: size + key.length * 2 + 1_024 }
}

/** The encoding a client gets: brotli or gzip when it accepts them (q > 0), else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = acceptedEncodings(acceptEncoding)
  return accepted.br ? 'br' : accepted.gzip ? 'gzip' : 'identity'
}

function sendEntry(req: http.IncomingMessage, res: http.ServerResponse, entry: Entry) {
  const compressed = entry.bodies.identity !== entry.bodies.gzip
  const encoding = compressed ? chooseEncoding(req.headers['accept-encoding']) : 'identity'
  const body = entry.bodies[encoding]
  const headers: Record<string, string | number> = { ...entry.headers, 'content-length': body.byteLength }
  if (encoding !== 'identity') headers['content-encoding'] = encoding
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
}
