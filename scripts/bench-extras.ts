// The checks of `npm run bench` beyond req/s (issue 10 §3, §4): other users' heavy work running beside the
// board (a wave of sign-ins, a ledger export) and Lighthouse's mobile scores of the public pages.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEMO_PASSWORD } from './bench-portal'

/** Sign-ins per second in the wave (issue 10: "a wave of 60 sign-ins a second"). */
export const WAVE_PER_SECOND = 60

/**
 * Starts a wave of sign-ins, `perSecond` of them (open loop: each starts on time whether or not the last
 * has finished), each a different account from `accounts` from its own address (X-Forwarded-For; the server
 * trusts one proxy), so each is a real argon2 check and no throttle refuses it. Call the returned function
 * to stop; it waits for those in flight and says how many answered 302 (signed in) and how many not.
 */
export function startSignInWave(baseURL: string, accounts: string[], perSecond = WAVE_PER_SECOND) {
  if (accounts.length === 0) throw new Error('no worker accounts for the sign-in wave')
  let n = 0
  let signedIn = 0
  const failures: Record<string, number> = {}
  const inFlight = new Set<Promise<void>>()
  const started = performance.now()
  const timer = setInterval(() => {
    // Catch up to the schedule (timers on a busy loop fire late).
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond) - n
    for (let i = 0; i < due; i++) {
      const k = n++
      const ip = `10.${100 + ((k >> 16) & 63)}.${(k >> 8) & 255}.${k & 255}`
      const attempt = fetch(`${baseURL}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseURL, 'X-Forwarded-For': ip },
        body: new URLSearchParams({ username: accounts[k % accounts.length], password: DEMO_PASSWORD, redirectTo: '' }),
      })
        .then(async (r) => {
          await r.arrayBuffer()
          if (r.status === 302) signedIn++
          else failures[r.status] = (failures[r.status] ?? 0) + 1
        })
        .catch((error: Error) => {
          failures[error.message] = (failures[error.message] ?? 0) + 1
        })
        .finally(() => inFlight.delete(attempt))
      inFlight.add(attempt)
    }
  }, 5)
  return async () => {
    clearInterval(timer)
    await Promise.all(inFlight)
    const seconds = (performance.now() - started) / 1000
    return { started: n, signedIn, failures, perSecond: signedIn / seconds }
  }
}

/**
 * Downloads `url` (an xlsx export) over and over with `cookie`, one at a time, until stopped; the returned
 * function stops and says how many finished, with which statuses, and how long each took on average (ms).
 */
export function startExportLoop(url: string, cookie: string) {
  let stopped = false
  const statuses: Record<number, number> = {}
  let bytes = 0
  let totalMs = 0
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now()
      const response = await fetch(url, { headers: { Cookie: cookie } })
      bytes += (await response.arrayBuffer()).byteLength
      totalMs += performance.now() - t0
      statuses[response.status] = (statuses[response.status] ?? 0) + 1
    }
  })()
  return async () => {
    stopped = true
    await loop
    const done = Object.values(statuses).reduce((a, b) => a + b, 0)
    return { done, statuses, bytes, averageMs: done > 0 ? totalMs / done : 0 }
  }
}

/** Debian's Chromium, or CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export type LighthouseScores = { url: string; performance: number | null; accessibility: number | null; error?: string }

/**
 * Lighthouse 12 (its Node API, default mobile profile: a mid-range phone on a throttled connection) on each
 * URL, in one headless Chromium started here (--headless=new --no-sandbox) and closed afterwards.
 * @returns performance and accessibility per URL (0–100), null with the error when a run failed
 */
export async function lighthouseScores(urls: string[], debuggingPort: number): Promise<LighthouseScores[]> {
  const { default: lighthouse } = await import('lighthouse')
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'))
  const chromium = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--remote-debugging-port=${debuggingPort}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  )
  try {
    const deadline = Date.now() + 30_000
    while (
      !(await fetch(`http://127.0.0.1:${debuggingPort}/json/version`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline || chromium.exitCode != null) throw new Error(`Chromium (${CHROMIUM}) did not start`)
      await new Promise((r) => setTimeout(r, 200))
    }
    const results: LighthouseScores[] = []
    for (const url of urls) {
      // A trace Lighthouse failed to record (NO_NAVSTART and the like) is its own hiccup: tried once more.
      let scores: LighthouseScores = { url, performance: null, accessibility: null }
      for (let attempt = 0; attempt < 2 && (scores.performance == null || scores.accessibility == null); attempt++) {
        try {
          const run = await lighthouse(url, { port: debuggingPort, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] })
          const score = (name: string) => {
            const value = run?.lhr.categories[name]?.score
            return value == null ? null : Math.round(value * 100)
          }
          scores = { url, performance: score('performance'), accessibility: score('accessibility'), error: run?.lhr.runtimeError?.message }
        } catch (error) {
          scores = { url, performance: null, accessibility: null, error: (error as Error).message }
        }
      }
      results.push(scores)
    }
    return results
  } finally {
    if (chromium.exitCode == null) {
      const exited = new Promise((r) => chromium.once('exit', r))
      chromium.kill('SIGTERM')
      await exited
    }
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 })
  }
}
