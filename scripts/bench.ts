// `npm run bench [-- --quick] [-- --only name,…] [-- --seconds N] [-- --no-lighthouse]` (issue 10 §2–§4): one
// run, one table. After `npm run build`, starts the production server on a scratch copy of the big database
// (.bench/portal.db or BENCH_DATABASE_PATH; made by scripts/bench-data.ts when missing), signs in once per role,
// and loads every page of BENCH_PAGES (scripts/bench-lib.ts) with autocannon at 1 and 32 connections, each
// paired with a bare node:http server answering that page's exact bytes (the ceiling). Then the checks: every
// worker process busy, memory per process, the board beside a wave of sign-ins and beside a ledger export,
// Lighthouse on /, /jobs and /jobs/:id, and the JavaScript and CSS each page ships. Prints the table, writes
// docs/benchmarks.md (full runs only; --quick and --only write .bench/run/benchmarks.md) and exits 1 when a budget is missed.
// A full run then runs the map's benchmark (scripts/bench-map-run.ts, issue 14 §6: 5,000 markers beside 50, the
// data request beside its ceiling; --no-map skips it) on a database of its own, and adds its section to the report,
// and then the export budget (scripts/bench-export.ts, issue 15 §3; --no-export skips it), which adds its own.
// BUILD_DIR picks another build (default: ./build from `npm run build`); WEB_CONCURRENCY the worker count;
// BENCH_ACCEPT_ENCODING what the load asks for (default Chromium's `gzip, deflate, br, zstd`); BENCH_PORT the
// portal's port (default 3410; the ceiling and Chromium take the next two).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  BENCH_PAGES,
  busyMachineWarning,
  displayPath,
  fillPath,
  fmtMs,
  fmtRps,
  judgeCoresUsed,
  judgeInterference,
  judgeLighthouse,
  judgeMemory,
  judgePage,
  reportPathOf,
  SLOW_REQUEST_MS,
  TABLE_HEADER,
  TABLE_NOTE,
  tableRow,
  textTable,
  type BenchPage,
  type LoadRun,
  type PageMeasurement,
} from './bench-lib'
import { lighthouseScores, startExportLoop, startSignInWave, WAVE_PER_SECOND } from './bench-extras'
import { BROWSER_HEADERS, decodedText, fetchRaw, loadRun, startCeiling } from './bench-load'
import {
  describeDatabase,
  findIds,
  prepareDatabase,
  processUsage,
  ROLE_ACCOUNTS,
  sampleMemory,
  serverProcesses,
  settle,
  signIn,
  startPortal,
} from './bench-portal'
import { runMapBench } from './bench-map-run'
import { failures, renderReport, type BundleRow, type Check } from './bench-report'
import { assetsInHtml, gzippedSize } from './bundle-size-lib'

// ——— Options ———

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(`--${name}`)
const option = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const SECONDS = Number(option('seconds') ?? (flag('quick') ? 2 : 5))
const ONLY = option('only')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const FULL = ONLY == null
const REPORT_PATH = reportPathOf({ only: !FULL, quick: flag('quick') })
const PORTAL_PORT = Number(process.env.BENCH_PORT ?? 3410)
const CEILING_PORT = PORTAL_PORT + 1
const CHROME_PORT = PORTAL_PORT + 2
const BUILD_DIR = process.env.BUILD_DIR ?? '.'
const BOARD_SEARCH = BENCH_PAGES.find((p) => p.name === 'board-search')!

if (ONLY) {
  const unknown = ONLY.filter((name) => !BENCH_PAGES.some((p) => p.name === name))
  if (unknown.length > 0) {
    console.error(`unknown page ${unknown.join(', ')}; pages: ${BENCH_PAGES.map((p) => p.name).join(', ')}`)
    process.exit(2)
  }
}
if (!fs.existsSync(path.join(BUILD_DIR, 'build', 'index.js'))) {
  console.error(`no production build in ${path.resolve(BUILD_DIR)}; run \`npm run build\` (npm run bench does)`)
  process.exit(2)
}

// ——— Set up ———

// Measured on a busy machine the figures say more about the other work than about the portal.
const busy = busyMachineWarning(os.loadavg(), os.availableParallelism())
if (busy) console.warn(busy)

const { source, copy } = prepareDatabase()
const database = describeDatabase(copy)
const { ids, waveAccounts } = findIds(copy)
console.log(
  `database ${source} (${(database.bytes / 2 ** 20).toFixed(0)} MB): ${Object.entries(database.rows)
    .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
    .join(', ')}`,
)
console.log(`ids: ${JSON.stringify(ids)}`)

const portal = await startPortal({ databasePath: copy, port: PORTAL_PORT })
const ceiling = await startCeiling(CEILING_PORT)
const stopAll = async () => {
  ceiling.stop()
  await portal.stop()
}
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)))
process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)))
console.log(`portal ${portal.baseURL} (${portal.workerCount} worker processes), ceiling ${ceiling.url}; ${SECONDS} s per load`)
console.log(
  REPORT_PATH === 'docs/benchmarks.md'
    ? 'report: docs/benchmarks.md (a full run rewrites it)'
    : `report: ${REPORT_PATH} (a --quick or --only run never rewrites docs/benchmarks.md)`,
)

const cookies: Record<string, string> = {}
for (const [i, [role, username]] of Object.entries(ROLE_ACCOUNTS).entries()) cookies[role] = await signIn(portal.baseURL, username, `10.250.0.${i + 1}`)
const headersFor = (page: BenchPage): Record<string, string> => (page.role === 'public' ? {} : { cookie: cookies[page.role] })

// ——— Pages ———

const workerCpu = new Map<number, number>()
const stopMemory = sampleMemory(portal.pid)
const measurements: { measurement: PageMeasurement; verdict: ReturnType<typeof judgePage> }[] = []
const bundles: BundleRow[] = []
const emptyRun = (connections: number): LoadRun => ({ connections, seconds: 0, responses: 0, rps: 0, p50: NaN, p95: NaN, p99: NaN, non2xx: 0, errors: 0 })

/** Loads the portal at 32 connections and adds each worker process's CPU time growth to workerCpu. */
async function loadCounted(url: string, headers: Record<string, string>, fresh = false) {
  const pids = serverProcesses(portal.pid)
  const before = new Map(pids.map((pid) => [pid, processUsage(pid)?.cpuMs ?? 0]))
  const run = await loadRun({ url, connections: 32, seconds: SECONDS, headers, fresh })
  await settle(portal.pid, { timeoutMs: 180_000 })
  for (const pid of pids) workerCpu.set(pid, (workerCpu.get(pid) ?? 0) + (processUsage(pid)?.cpuMs ?? 0) - (before.get(pid) ?? 0))
  return run
}

/** A page that cannot be measured at all (an id not found, no answer to one request) is a row with its reason. */
function unmeasured(page: BenchPage, pagePath: string, reason: string) {
  console.log(`${pagePath}: ${reason}`)
  const measurement = {
    page,
    path: pagePath,
    status: 0,
    bytes: 0,
    firstMs: NaN,
    one: emptyRun(1),
    many: emptyRun(32),
    ceilingOne: emptyRun(1),
    ceilingMany: emptyRun(32),
  }
  measurements.push({ measurement, verdict: { pass: false, reasons: [reason] } })
}

const measured = BENCH_PAGES.filter((p) => !ONLY || ONLY.includes(p.name))
for (const [index, page] of measured.entries()) {
  // Progress only: the table is printed once, with its header, when every page is measured.
  console.log(`measuring ${page.name} (${index + 1}/${measured.length})…`)
  let pagePath = page.path
  try {
    pagePath = fillPath(page.path, ids)
  } catch (error) {
    unmeasured(page, page.path, (error as Error).message)
    continue
  }
  const url = portal.baseURL + pagePath
  const headers = headersFor(page)
  // Timed on a second request when the first was slow: a cold first request (pages not yet in the OS cache,
  // code not yet compiled) says nothing about the page.
  let started = performance.now()
  let raw = await fetchRaw(url, headers).catch((error: Error) => error)
  if (!(raw instanceof Error) && performance.now() - started > SLOW_REQUEST_MS) {
    started = performance.now()
    raw = await fetchRaw(url, headers).catch((error: Error) => error)
  }
  const firstMs = performance.now() - started
  if (raw instanceof Error) {
    unmeasured(page, pagePath, raw.message)
    await settle(portal.pid, { timeoutMs: 180_000 })
    continue
  }
  // A page that takes seconds for one request would jam the server for minutes under 32 connections (each
  // queued request still runs after the load stops): measured at 1 connection only, and failed for it.
  const tooSlow = firstMs > SLOW_REQUEST_MS
  await ceiling.answerWith(raw)
  // Warm the page's code paths and caches the way a running server is warm.
  if (!tooSlow) await loadRun({ url, connections: 8, seconds: Math.min(1, SECONDS / 2), headers, fresh: page.fresh })
  await settle(portal.pid)
  const ceilingOne = await loadRun({ url: ceiling.url + pagePath, connections: 1, seconds: SECONDS })
  const one = await loadRun({ url, connections: 1, seconds: SECONDS, headers, fresh: page.fresh })
  await settle(portal.pid, { timeoutMs: 180_000 })
  const ceilingMany = await loadRun({ url: ceiling.url + pagePath, connections: 32, seconds: SECONDS })
  const many = tooSlow ? emptyRun(32) : await loadCounted(url, headers, page.fresh)
  const measurement: PageMeasurement = { page, path: pagePath, status: raw.status, bytes: raw.body.length, firstMs, one, many, ceilingOne, ceilingMany }
  const verdict = judgePage(measurement)
  measurements.push({ measurement, verdict })
  if (String(raw.headers['content-type']).startsWith('text/html')) {
    const assets = assetsInHtml(decodedText(raw))
    bundles.push({
      path: pagePath,
      jsBytes: gzippedSize(BUILD_DIR, assets.js),
      jsFiles: assets.js.length,
      cssBytes: gzippedSize(BUILD_DIR, assets.css),
      cssFiles: assets.css.length,
    })
  }
}

// ——— Checks ———

const checks: Check[] = []
const cpu = [...workerCpu.values()]
checks.push({
  name: 'every core used',
  figures: `CPU ms per worker process over the 32-connection loads: ${cpu.map((ms) => Math.round(ms)).join(', ')} (${portal.workerCount} expected)`,
  verdict: judgeCoresUsed({ cpuMs: cpu, expectedProcesses: portal.workerCount }),
})

if (FULL || flag('checks')) {
  const boardUrl = portal.baseURL + BOARD_SEARCH.path
  const alone = await loadRun({ url: boardUrl, connections: 1, seconds: SECONDS })
  const stopWave = startSignInWave(portal.baseURL, waveAccounts)
  const duringWave = await loadRun({ url: boardUrl, connections: 1, seconds: SECONDS })
  const wave = await stopWave()
  await settle(portal.pid)
  const waveJudged = judgeInterference({ aloneP50: alone.p50, underP50: duringWave.p50 })
  // A sign-in the server turns away while busy (503) is its policy and is reported; anything else (a throttle,
  // an error) means the wave was not the argon2 work it should be, and fails the check.
  const turnedAway = wave.failures['503'] ?? 0
  const otherFailures = Object.entries(wave.failures).filter(([status]) => status !== '503')
  checks.push({
    name: 'board beside a wave of sign-ins',
    figures: `${displayPath(BOARD_SEARCH.path)} p50 ${fmtMs(alone.p50)} ms alone → ${fmtMs(duringWave.p50)} ms (p95 ${fmtMs(duringWave.p95)}) while ${wave.started} sign-ins were sent at ${WAVE_PER_SECOND}/s: ${wave.signedIn} signed in (${fmtRps(wave.perSecond)}/s)${turnedAway > 0 ? `, ${turnedAway} turned away busy (503)` : ''}${otherFailures.length > 0 ? `, failed ${JSON.stringify(Object.fromEntries(otherFailures))}` : ''}; limit ${fmtMs(waveJudged.limitMs)} ms`,
    verdict: {
      pass: waveJudged.pass && wave.signedIn > 0 && otherFailures.length === 0,
      reasons: [
        ...(waveJudged.pass
          ? []
          : [duringWave.responses === 0 ? `the board answered nothing in ${SECONDS} s` : `p50 ${fmtMs(duringWave.p50)} ms > ${fmtMs(waveJudged.limitMs)} ms`]),
        ...(otherFailures.length > 0 ? [`sign-ins failed: ${JSON.stringify(Object.fromEntries(otherFailures))}`] : []),
        ...(wave.signedIn === 0 ? ['no sign-in succeeded, so nothing interfered'] : []),
      ],
    },
  })
  const aloneAgain = await loadRun({ url: boardUrl, connections: 1, seconds: SECONDS })
  const stopExport = startExportLoop(`${portal.baseURL}/west/workers/export.xlsx`, cookies.west)
  const duringExport = await loadRun({ url: boardUrl, connections: 1, seconds: SECONDS })
  const exported = await stopExport()
  await settle(portal.pid)
  const exportJudged = judgeInterference({ aloneP50: aloneAgain.p50, underP50: duringExport.p50 })
  const exportFailed = Object.keys(exported.statuses).some((s) => s !== '200')
  checks.push({
    name: 'board beside a ledger export',
    figures: `${displayPath(BOARD_SEARCH.path)} p50 ${fmtMs(aloneAgain.p50)} ms alone → ${fmtMs(duringExport.p50)} ms (p95 ${fmtMs(duringExport.p95)}) while /west/workers/export.xlsx ran ${exported.done}× (${(exported.bytes / exported.done / 2 ** 20 || 0).toFixed(1)} MB, ${fmtRps(exported.averageMs / 1000)} s each, statuses ${JSON.stringify(exported.statuses)}); limit ${fmtMs(exportJudged.limitMs)} ms`,
    verdict: {
      pass: exportJudged.pass && !exportFailed,
      reasons: [
        ...(exportJudged.pass
          ? []
          : [
              duringExport.responses === 0
                ? `the board answered nothing in ${SECONDS} s`
                : `p50 ${fmtMs(duringExport.p50)} ms > ${fmtMs(exportJudged.limitMs)} ms`,
            ]),
        ...(exportFailed ? [`export answered ${JSON.stringify(exported.statuses)}`] : []),
      ],
    },
  })
}

const peaks = stopMemory()
checks.push({
  name: 'memory per process under load',
  figures: Object.entries(peaks)
    .map(([name, mb]) => `${name} ${Math.round(mb)} MB`)
    .join(', '),
  verdict: judgeMemory(peaks),
})

if ((FULL || flag('checks')) && !flag('no-lighthouse')) {
  const targets = ['/', '/jobs', fillPath('/jobs/{openVacancy}', ids)]
  for (const scores of await lighthouseScores(
    targets.map((t) => portal.baseURL + t),
    CHROME_PORT,
  )) {
    checks.push({
      name: `Lighthouse mobile ${scores.url.slice(portal.baseURL.length)}`,
      figures: `performance ${scores.performance ?? '–'}, accessibility ${scores.accessibility ?? '–'}${scores.error ? ` (${scores.error})` : ''}`,
      verdict: judgeLighthouse({ performance: scores.performance, accessibility: scores.accessibility }),
    })
  }
}

await stopAll()

// The map on its own database and server (ports after Chromium's), once the big portal has stopped.
let mapSection: string[] = []
if (FULL && !flag('no-map')) {
  const map = await runMapBench({ port: PORTAL_PORT + 3, seconds: SECONDS, runs: 3, throttle: 1, databasePath: path.resolve('.bench/map/portal.db') })
  checks.push(...map.checks)
  mapSection = map.section
}

// ——— Report ———

console.log('')
console.log(
  textTable(
    TABLE_HEADER,
    measurements.map((m) => tableRow(m.measurement, m.verdict)),
  ).join('\n'),
)
console.log(TABLE_NOTE.join('\n'))
console.log('')
for (const c of checks) console.log(`${c.verdict.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.figures}${c.verdict.pass ? '' : ` — ${c.verdict.reasons.join('; ')}`}`)
for (const b of bundles)
  console.log(`      ${displayPath(b.path)}: JavaScript ${(b.jsBytes / 1024).toFixed(1)} kB, CSS ${(b.cssBytes / 1024).toFixed(1)} kB gzipped`)

const shanghai = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date())
const report = renderReport({
  date: shanghai,
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.availableParallelism(),
    ramGb: os.totalmem() / 2 ** 30,
    node: process.version,
    loadAverage: os.loadavg(),
  },
  database: { path: path.relative(process.cwd(), source) || source, ...database },
  settings: {
    seconds: SECONDS,
    workers: portal.workerCount,
    command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    acceptEncoding: BROWSER_HEADERS['accept-encoding'],
  },
  pages: measurements,
  checks,
  bundles,
})
fs.mkdirSync(path.dirname(REPORT_PATH), { recursive: true })
fs.writeFileSync(REPORT_PATH, mapSection.length > 0 ? `${report}\n${mapSection.join('\n')}` : report)
if (!flag('keep')) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true })

// The export budget (issue 15 §3) on a database and server of its own: it rewrites its own section of the report
// just written, so a full run keeps it (--no-export skips it).
let exportMissed = false
if (FULL && REPORT_PATH === 'docs/benchmarks.md' && !flag('no-export')) {
  const exported = spawnSync('npx', ['tsx', 'scripts/bench-export.ts'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_EXPORT_PORT: String(PORTAL_PORT + 5) },
  })
  exportMissed = exported.status !== 0
}

const missed = [...failures({ pages: measurements, checks }), ...(exportMissed ? ['the export budget (section “Exports” of the report)'] : [])]
console.log(
  `\nwrote ${REPORT_PATH}${REPORT_PATH === 'docs/benchmarks.md' ? '' : ' (docs/benchmarks.md is rewritten only by a full run without --quick or --only)'}`,
)
if (missed.length > 0) {
  console.log(`${missed.length} budget${missed.length > 1 ? 's' : ''} missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`)
  process.exit(1)
}
console.log('every budget holds')
process.exit(0)
