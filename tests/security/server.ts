import fs from 'node:fs'
import http from 'node:http'
import Database from 'better-sqlite3'
import { expect, inject } from 'vitest'

// Helpers for the security suite (issue 7): it talks to its own production portal over HTTP and watches
// that portal's processes from outside, the way an operator would see them.

export const baseURL = inject('securityBaseURL')
export const DEMO_PASSWORD = 'Luyu@2026'
/** Memory ceiling per server process while hostile requests are served (issue 7, "Done when"). */
export const MAX_RSS_MB = 500
/** /healthz must keep answering within this while a hostile request is served. */
export const MAX_HEALTH_MS = 1_000

/**
 * The supervisor and its worker processes (its children running the server, not the esbuild helper
 * that tsx starts), read from /proc.
 */
export function serverProcesses(): number[] {
  const primary = inject('securityServerPid')
  const children = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // Field 4 of /proc/PID/stat is the parent pid; the command name (field 2) may hold spaces.
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8')
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== primary) return false
        return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('server/index.ts')
      } catch {
        return false
      }
    })
    .map(Number)
  return [primary, ...children]
}

export function workerProcesses() {
  return serverProcesses().slice(1)
}

function rssMb(pid: number) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : 0
  } catch {
    return 0
  }
}

export type Watch = { maxRssMb: number; maxHealthMs: number; healthFailures: number; samples: number }

/**
 * Watches the server while `run` sends something hostile: every 100 ms the resident memory of each
 * server process, and /healthz one request after another, timed. Returns what `run` returned and the
 * worst figures seen (memory of the largest single process, slowest health answer).
 */
export async function watchServer<T>(run: () => Promise<T>): Promise<{ result: T; watch: Watch }> {
  const watch: Watch = { maxRssMb: 0, maxHealthMs: 0, healthFailures: 0, samples: 0 }
  let done = false
  const sampleMemory = () => {
    for (const pid of serverProcesses()) watch.maxRssMb = Math.max(watch.maxRssMb, rssMb(pid))
  }
  sampleMemory()
  const memory = setInterval(sampleMemory, 100)
  const health = (async () => {
    while (!done) {
      const started = performance.now()
      try {
        const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5_000) })
        await response.arrayBuffer()
        if (!response.ok) watch.healthFailures++
      } catch {
        watch.healthFailures++
      }
      watch.maxHealthMs = Math.max(watch.maxHealthMs, performance.now() - started)
      watch.samples++
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  try {
    const result = await run()
    return { result, watch }
  } finally {
    done = true
    clearInterval(memory)
    sampleMemory()
    await health
    // The figures the issue asks for, in the test output: `npm run test:security | grep figures`.
    console.info(
      `[figures] ${expect.getState().currentTestName}: max RSS ${watch.maxRssMb.toFixed(0)} MB per process, slowest /healthz ${watch.maxHealthMs.toFixed(0)} ms over ${watch.samples} checks, ${watch.healthFailures} failed`,
    )
  }
}

/**
 * Sends a request whose body is produced chunk by chunk (never held in memory by the test), declared
 * with Content-Length or sent chunked. Resolves with the status and body, or the status 0 when the
 * server closed the connection without any answer. The server may answer before the body is sent; the
 * rest of the body is then dropped.
 */
export function sendStreamed({
  path,
  headers,
  chunk,
  totalBytes,
  chunked = false,
}: {
  path: string
  headers: Record<string, string>
  chunk: Buffer
  totalBytes: number
  chunked?: boolean
}): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const url = new URL(path, baseURL)
    const request = http.request(url, {
      method: 'POST',
      headers: chunked ? headers : { ...headers, 'Content-Length': String(totalBytes) },
    })
    let answered = false
    request.on('response', (response) => {
      answered = true
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (c: string) => (body += c))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      response.on('error', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', () => {
      if (!answered) resolve({ status: 0, body: '' })
    })
    let sent = 0
    const pump = () => {
      while (sent < totalBytes && !answered && !request.destroyed) {
        const piece = sent + chunk.length <= totalBytes ? chunk : chunk.subarray(0, totalBytes - sent)
        sent += piece.length
        if (!request.write(piece)) {
          request.once('drain', pump)
          return
        }
      }
      if (!request.destroyed) request.end()
    }
    pump()
  })
}

/** Signs a staff account or worker in over HTTP from `ip` (the portal trusts one proxy in this suite). */
export async function signIn(username: string, ip = '10.0.0.1') {
  const response = await fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
  })
  const setCookie = response.headers.get('set-cookie')
  if (response.status !== 302 || !setCookie) throw new Error(`sign-in of ${username} answered ${response.status}`)
  return setCookie.split(';')[0]
}

/** A read-only look at the suite's database. */
export function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(inject('securityDatabasePath'), { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

/** What the server wrote to its log since `from` (a byte offset from logSize()). */
export function logSince(from: number) {
  return fs.readFileSync(inject('securityLogPath'), 'utf8').slice(from)
}

export function logSize() {
  return fs.readFileSync(inject('securityLogPath'), 'utf8').length
}
