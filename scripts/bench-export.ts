// `npm run bench:export [-- --user xiushan] [--path /west/workers/export.xlsx] [--no-report]` (issue 15 §3):
// "exports stream rows: 100,000 rows in under 10 s with the server's memory growing by under 100 MB". Copies the
// big database (BENCH_DATABASE_PATH, else .bench/portal.db from `npm run bench:data`) to tests/.tmp/, starts the
// production server on the copy (BUILD_DIR: default ./build from `npm run build`; port BENCH_EXPORT_PORT, default
// 3502), signs the county in and downloads its whole ledger (/west/workers/export.xlsx, no filter: the ledger
// export has no row cap; 秀山 has 100,210 rows at scale 1) to a file, timing the download from the request to the
// last byte and sampling every server process's resident memory (VmRSS) every 50 ms. Then reads the file back with
// exceljs's streaming reader (rows, title row) so a fast but broken file cannot pass. Prints one figures line,
// rewrites the export section of docs/benchmarks.md (not with --no-report) and exits 1 when a budget is missed.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { processUsage, serverProcesses, signIn, startPortal } from './bench-portal'

/** Issue 15 §3's budgets. */
const EXPORT_BUDGET = { rows: 100_000, seconds: 10, rssGrowthMb: 100 } as const
const SAMPLE_EVERY_MS = 50
const SECTION_HEADING = '## Exports (issue 15 §3)'

const { values: options } = parseArgs({
  options: {
    user: { type: 'string', default: 'xiushan' },
    path: { type: 'string', default: '/west/workers/export.xlsx' },
    'no-report': { type: 'boolean', default: false },
  },
})
const port = Number(process.env.BENCH_EXPORT_PORT ?? 3502)

/** Every server process's RSS (MB): the supervisor and its workers, keyed by pid. */
function rssOf(supervisorPid: number) {
  const out = new Map<number, number>()
  for (const pid of [supervisorPid, ...serverProcesses(supervisorPid)]) {
    const usage = processUsage(pid)
    if (usage) out.set(pid, usage.rssMb)
  }
  return out
}

const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0)

/**
 * Samples the server's processes every SAMPLE_EVERY_MS from now: returns a stop function giving the baseline
 * (first sample), the largest total over all processes, and each process's largest growth over its baseline.
 */
function sampleRss(supervisorPid: number) {
  const baseline = rssOf(supervisorPid)
  let peakTotal = sum(baseline)
  const peaks = new Map(baseline)
  const sample = () => {
    const now = rssOf(supervisorPid)
    peakTotal = Math.max(peakTotal, sum(now))
    for (const [pid, mb] of now) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, mb))
  }
  const timer = setInterval(sample, SAMPLE_EVERY_MS)
  return () => {
    clearInterval(timer)
    sample()
    const growth = [...peaks].map(([pid, mb]) => ({ pid, baseline: baseline.get(pid) ?? 0, peak: mb, growth: mb - (baseline.get(pid) ?? 0) }))
    return { baselineTotal: sum(baseline), peakTotal, totalGrowth: peakTotal - sum(baseline), processes: growth }
  }
}

/** GETs `url` with the cookie, writing the body to `file` as it arrives; resolves to the status, bytes and ms to the last byte. */
function downloadTo(url: string, cookie: string, file: string) {
  const started = performance.now()
  return new Promise<{ status: number; bytes: number; ms: number; firstByteMs: number }>((resolve, reject) => {
    const request = http.get(url, { headers: { Cookie: cookie } }, (response) => {
      const firstByteMs = performance.now() - started
      const out = fs.createWriteStream(file)
      let bytes = 0
      response.on('data', (chunk: Buffer) => (bytes += chunk.length))
      response.pipe(out)
      response.on('error', reject)
      out.on('error', reject)
      out.on('finish', () => resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - started, firstByteMs }))
    })
    request.on('error', reject)
  })
}

/** Reads the xlsx back with exceljs's streaming reader: its first sheet's title row (row 1) and how many rows follow the headers. */
async function readBack(file: string) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' })
  let title = ''
  let rows = 0
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number === 1) title = row.getCell(1).text
      else if (row.number > 2) rows += 1
    }
    break
  }
  return { title, rows }
}

/** Replaces the export section of the report (from its heading to the next `## `) or appends it. */
function withSection(report: string, section: string[]) {
  const lines = report.replace(/\n+$/, '').split('\n')
  const start = lines.findIndex((l) => l.startsWith(SECTION_HEADING))
  if (start < 0) return [...lines, '', ...section].join('\n')
  const next = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  return [...lines.slice(0, start), ...section, ...(next < 0 ? [] : lines.slice(next))].join('\n')
}

async function main() {
  const source = path.resolve(process.env.BENCH_DATABASE_PATH ?? '.bench/portal.db')
  if (!fs.existsSync(source)) throw new Error(`${source} is missing: build it with \`npm run bench:data\` (or --scale 0.2 --out … and BENCH_DATABASE_PATH)`)
  const copy = path.resolve(`tests/.tmp/bench-export-${process.pid}.db`)
  const file = path.resolve(`tests/.tmp/bench-export-${process.pid}.xlsx`)
  fs.mkdirSync(path.dirname(copy), { recursive: true })
  for (const suffix of ['', '-wal']) if (fs.existsSync(source + suffix)) fs.copyFileSync(source + suffix, copy + suffix)
  const db = new Database(copy, { readonly: true })
  const expected = (
    db.prepare('select count(*) as n from workers w join users u on u.organisation_id = w.organisation_id where u.username = ?').get(options.user) as {
      n: number
    }
  ).n
  const dbMb = fs.statSync(copy).size / 1024 / 1024
  db.close()

  const portal = await startPortal({ databasePath: copy, port })
  let failed = false
  try {
    const cookie = await signIn(portal.baseURL, options.user)
    // The list page once, so the worker has the ledger's queries prepared as any running portal would.
    await fetch(`${portal.baseURL}/west/workers`, { headers: { Cookie: cookie } }).then((r) => r.arrayBuffer())
    await new Promise((r) => setTimeout(r, 500))
    const load = () =>
      os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')
    const loadBefore = load()
    const cpuOf = () => serverProcesses(portal.pid).reduce((n, pid) => n + (processUsage(pid)?.cpuMs ?? 0), 0)
    const cpuBefore = cpuOf()
    const stop = sampleRss(portal.pid)
    const got = await downloadTo(`${portal.baseURL}${options.path}`, cookie, file)
    const memory = stop()
    const serverCpuSeconds = (cpuOf() - cpuBefore) / 1000
    const loadAfter = load()
    const back = await readBack(file)
    const seconds = got.ms / 1000
    const serving = memory.processes.reduce((a, b) => (b.growth > a.growth ? b : a))
    const checks: [string, boolean][] = [
      [
        `200 and the file reads back with ${expected.toLocaleString('en-US')} rows and its title row`,
        got.status === 200 && back.rows === expected && back.title.includes('导出于'),
      ],
      [`≥ ${EXPORT_BUDGET.rows.toLocaleString('en-US')} rows (the budget's size)`, back.rows >= EXPORT_BUDGET.rows],
      [`< ${EXPORT_BUDGET.seconds} s to the last byte`, seconds < EXPORT_BUDGET.seconds],
      [`server RSS growth < ${EXPORT_BUDGET.rssGrowthMb} MB (all processes together)`, memory.totalGrowth < EXPORT_BUDGET.rssGrowthMb],
      ['no error in the server log', !/Error/.test(portal.output())],
    ]
    for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`)
    failed = checks.some(([, ok]) => !ok)
    const figures = `${options.path} as ${options.user}: ${back.rows.toLocaleString('en-US')} rows, ${(got.bytes / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(2)} s (first byte ${got.firstByteMs.toFixed(0)} ms, ${Math.round(back.rows / seconds).toLocaleString('en-US')} rows/s); server RSS ${memory.baselineTotal.toFixed(0)} → peak ${memory.peakTotal.toFixed(0)} MB over ${memory.processes.length} processes (+${memory.totalGrowth.toFixed(1)} MB), the serving worker ${serving.baseline.toFixed(0)} → ${serving.peak.toFixed(0)} MB (+${serving.growth.toFixed(1)} MB); server CPU ${serverCpuSeconds.toFixed(2)} s`
    console.log(`[figures] ${figures}`)
    console.log(`[figures] ${os.cpus().length} cores, load average ${loadBefore} → ${loadAfter}`)
    console.log(`title row: ${back.title}`)

    if (!options['no-report']) {
      const now = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date())
      const section = [
        SECTION_HEADING,
        '',
        'Written by `npm run bench:export` (scripts/bench-export.ts), which a full `npm run bench` runs last.',
        `The production server (${portal.workerCount} worker processes) on a copy of ${path.relative(process.cwd(), source)} (${dbMb.toFixed(0)} MB); the county signs in, opens its ledger once, then downloads its whole ledger export (no filter; the ledger export has no row cap) to a file. Time is from the request to the last byte; server CPU is the worker processes' user + system time during it (zlib's thread included); memory is every server process's VmRSS sampled every ${SAMPLE_EVERY_MS} ms, growth = the largest total during the download minus the total just before it. The file is then read back with exceljs's streaming reader (row count, title row).`,
        `Budgets (issue 15 §3): ${EXPORT_BUDGET.rows.toLocaleString('en-US')} rows in under ${EXPORT_BUDGET.seconds} s with the server's memory growing by under ${EXPORT_BUDGET.rssGrowthMb} MB.`,
        `- run: ${now} (Asia/Shanghai), ${os.cpus().length} cores, load average ${loadBefore} before → ${loadAfter} after`,
        '',
        '| export | rows | bytes | to last byte | first byte | rows/s | server CPU | RSS all processes | growth | serving worker |',
        '|---|---|---|---|---|---|---|---|---|---|',
        `| ${options.path} (${options.user}) | ${back.rows.toLocaleString('en-US')} | ${(got.bytes / 1024 / 1024).toFixed(1)} MB | ${seconds.toFixed(2)} s | ${got.firstByteMs.toFixed(0)} ms | ${Math.round(back.rows / seconds).toLocaleString('en-US')} | ${serverCpuSeconds.toFixed(2)} s | ${memory.baselineTotal.toFixed(0)} → ${memory.peakTotal.toFixed(0)} MB | +${memory.totalGrowth.toFixed(1)} MB | ${serving.baseline.toFixed(0)} → ${serving.peak.toFixed(0)} MB |`,
        '',
        ...checks.map(([name, ok]) => `- ${ok ? 'PASS' : 'FAIL'}: ${name}`),
        `- title row: ${back.title}`,
      ]
      const report = 'docs/benchmarks.md'
      fs.writeFileSync(report, `${withSection(fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '# Benchmarks\n', section)}\n`)
      console.log(`wrote the export section of ${report}`)
    }
  } finally {
    await portal.stop()
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`, file]) fs.rmSync(f, { force: true })
  }
  if (failed) process.exit(1)
}

await main()
