// Load runs for `npm run bench`: autocannon (JS API) against one URL, every response's latency and status
// recorded, and a single raw request that captures a response exactly as sent (for the ceiling server).
import { fork, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import zlib from 'node:zlib'
import { summariseRun, type LoadRun } from './bench-lib'

type AutocannonInstance = {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void
  on(event: 'done', listener: (result: { errors: number; timeouts: number; duration: number }) => void): void
  on(event: 'error', listener: (error: Error) => void): void
}
type AutocannonOptions = {
  url: string
  connections: number
  duration: number
  headers?: Record<string, string>
  method?: string
  body?: string
  timeout?: number
  requests?: { setupRequest: (request: { path?: string }) => { path?: string } }[]
}
type Autocannon = (options: AutocannonOptions, callback?: (error: Error | null) => void) => AutocannonInstance

// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

/**
 * What a browser sends with every page request: compressed answers wanted (Chromium's Accept-Encoding, so the
 * server picks as it would for a phone: brotli when it offers it, else gzip; BENCH_ACCEPT_ENCODING overrides it,
 * e.g. `gzip` to compare), HTML preferred.
 */
export const BROWSER_HEADERS = {
  'accept-encoding': process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br, zstd',
  accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
  'user-agent': 'Mozilla/5.0 (Linux; Android 13) luyu-bench',
}

/**
 * Loads `url` with `connections` keep-alive connections for `seconds`, recording each response's latency
 * (ms) and whether it was 2xx. Returns the run's summary (req/s over the whole run, p50/p95/p99, non-2xx,
 * errors and timeouts).
 */
export function loadRun({
  url,
  connections,
  seconds,
  headers = {},
  fresh = false,
}: {
  url: string
  connections: number
  seconds: number
  headers?: Record<string, string>
  /** every request a URL never asked before (`&_=n` appended), so no cache can answer it */
  fresh?: boolean
}): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = []
    let non2xx = 0
    const started = performance.now()
    const target = new URL(url)
    const base = target.pathname + target.search + (target.search ? '&' : '?')
    let sent = 0
    const requests = fresh ? [{ setupRequest: (request: { path?: string }) => ({ ...request, path: `${base}_=${++sent}` }) }] : undefined
    const instance = autocannon({ url, connections, duration: seconds, headers: { ...BROWSER_HEADERS, ...headers }, timeout: 30, requests }, (error) => {
      if (error) reject(error)
    })
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      if (statusCode < 200 || statusCode > 299) non2xx++
    })
    instance.on('done', (result) => {
      const elapsed = (performance.now() - started) / 1000
      resolve(summariseRun({ connections, seconds: Math.max(elapsed, 0.001), latencies, non2xx, errors: result.errors + result.timeouts }))
    })
  })
}

/** A response exactly as it came over the wire: status, headers, body bytes (still compressed if it was). */
export type RawResponse = { status: number; headers: Record<string, string | string[]>; body: Buffer }

/** The body of a raw response as text, decompressed (gzip, deflate or brotli) if it was sent compressed. */
export function decodedText(response: RawResponse) {
  const encoding = String(response.headers['content-encoding'] ?? 'identity')
  const body =
    encoding === 'gzip'
      ? zlib.gunzipSync(response.body)
      : encoding === 'br'
        ? zlib.brotliDecompressSync(response.body)
        : encoding === 'deflate'
          ? zlib.inflateSync(response.body)
          : response.body
  return body.toString('utf8')
}

/** Hop-by-hop and per-response headers the ceiling server sets itself (it answers with Content-Length). */
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'])

/**
 * One GET of `url` with a browser's headers plus `headers`, without following redirects or decompressing.
 * @returns the raw response (headers lower-case, hop-by-hop ones dropped)
 */
export function fetchRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...BROWSER_HEADERS, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const kept: Record<string, string | string[]> = {}
        for (const [name, value] of Object.entries(res.headers)) if (value != null && !NOT_REPLAYED.has(name)) kept[name] = value
        resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) })
      })
      res.on('error', reject)
    })
    request.on('error', reject)
    request.setTimeout(60_000, () => request.destroy(new Error(`no answer from ${url} in 60 s`)))
  })
}

/** The bare node:http ceiling in a child process (scripts/bench-ceiling-server.ts) and how to swap its answer. */
export type Ceiling = { url: string; answerWith: (response: RawResponse) => Promise<void>; stop: () => void; pid: number }

/** Starts the ceiling server on `port`; resolves once it listens. */
export function startCeiling(port: number): Promise<Ceiling> {
  const child: ChildProcess = fork(path.resolve('scripts/bench-ceiling-server.ts'), [String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const nextMessage = () =>
    new Promise<unknown>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`ceiling server exited with ${code}`))
      child.once('exit', onExit)
      child.once('message', (message) => {
        child.off('exit', onExit)
        resolve(message)
      })
    })
  return nextMessage().then(() => ({
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async answerWith(response) {
      const ack = nextMessage()
      child.send({ status: response.status, headers: response.headers, body: response.body.toString('base64') })
      await ack
    },
    stop() {
      if (child.exitCode == null) child.kill('SIGTERM')
    },
  }))
}
