// The portal under test for `npm run bench`: a scratch copy of the big database, the production server
// started on it as a child process (supervisor + one worker process per core), sign-ins per role, the real
// ids the page list needs, and the server's processes as /proc shows them (CPU time, resident memory).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { BenchRole } from './bench-lib'

/** The demo password every demo and bench account has (README, scripts/bench-data.ts). */
export const DEMO_PASSWORD = 'Luyu@2026'

/** The demo account signed in for each role (issue 10: the demo accounts sit in the big data). */
export const ROLE_ACCOUNTS: Record<Exclude<BenchRole, 'public'>, string> = {
  east: 'weifang',
  west: 'kaizhou',
  worker: '13996000001',
  admin: 'admin',
}

/**
 * The big database to measure: BENCH_DATABASE_PATH, else .bench/portal.db, made by H1's generator
 * (`tsx scripts/bench-data.ts`) when missing. Copies it (with its -wal) to .bench/run/, removing earlier
 * runs' copies, because the server applies migrations and writes sessions; the source stays pristine.
 * @returns the source path and the scratch copy's path
 */
export function prepareDatabase() {
  const source = path.resolve(process.env.BENCH_DATABASE_PATH ?? '.bench/portal.db')
  if (!fs.existsSync(source)) {
    console.log(`${source} is missing: building it with scripts/bench-data.ts (minutes)…`)
    const made = spawnSync('npx', ['tsx', 'scripts/bench-data.ts'], { stdio: 'inherit' })
    if (made.status !== 0 || !fs.existsSync(source)) throw new Error(`could not build the benchmark database ${source}`)
  }
  const runDir = path.resolve('.bench/run')
  fs.rmSync(runDir, { recursive: true, force: true })
  fs.mkdirSync(runDir, { recursive: true })
  const copy = path.join(runDir, `portal-${process.pid}.db`)
  for (const suffix of ['', '-wal']) if (fs.existsSync(source + suffix)) fs.copyFileSync(source + suffix, copy + suffix)
  return { source, copy }
}

/** Size and row counts of the database, for the report's header. */
export function describeDatabase(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
    const bytes = ['', '-wal'].reduce((sum, suffix) => sum + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0)
    return {
      bytes,
      rows: {
        vacancies: count('vacancies'),
        workers: count('workers'),
        'worker accounts': (db.prepare(`select count(*) as n from users where role = 'worker'`).get() as { n: number }).n,
        applications: count('applications'),
        sessions: count('sessions'),
      },
    }
  } finally {
    db.close()
  }
}

/**
 * Finds, read-only, the ids the page list names: the weifang post with the most applicants, an open public
 * post, a kaizhou ledger worker (and a search for them by name), an unverified kaizhou account, and a
 * published post open to kaizhou. Also a list of worker accounts (not the demo worker) for the sign-in wave.
 */
export function findIds(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined
    const orgOf = (username: string) =>
      one<{ organisationId: number }>('select organisation_id as organisationId from users where username = ?', username)?.organisationId
    const east = orgOf(ROLE_ACCOUNTS.east)
    const west = orgOf(ROLE_ACCOUNTS.west)
    const countyCode = one<{ code: string }>('select area_code as code from organisations where id = ?', west)?.code
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    const bigVacancy = one<{ id: number }>(
      `select a.vacancy_id as id from applications a join vacancies v on v.id = a.vacancy_id
        where v.organisation_id = ? group by a.vacancy_id order by count(*) desc limit 1`,
      east,
    )?.id
    const openVacancy = one<{ id: number }>(
      `select id from vacancies where status = 'published' and valid_until >= ? order by published_at desc limit 1`,
      today,
    )?.id
    // A row in the middle of the ledger, not the newest: the page must find it, not have it cached at the top.
    const ledger = one<{ id: number; name: string }>(
      `select id, name from workers where organisation_id = ? order by id limit 1 offset (select count(*) / 2 from workers where organisation_id = ?)`,
      west,
      west,
    )
    const pendingAccount = one<{ id: number }>(
      `select id from users where organisation_id = ? and role = 'worker' and verified_at is null and rejected_at is null and disabled_at is null order by id limit 1`,
      west,
    )?.id
    const countyVacancy = one<{ id: number }>(
      `select v.id from vacancies v join vacancy_targets t on t.vacancy_id = v.id
        where t.county_code = ? and v.status = 'published' and v.valid_until >= ? order by v.published_at desc limit 1`,
      countyCode,
      today,
    )?.id
    const waveAccounts = (
      db
        .prepare(
          `select username from users where role = 'worker' and disabled_at is null and must_change_password = 0 and username <> ? order by id desc limit 2000`,
        )
        .all(ROLE_ACCOUNTS.worker) as { username: string }[]
    ).map((r) => r.username)
    return {
      ids: {
        bigVacancy,
        openVacancy,
        ledgerWorker: ledger?.id,
        ledgerQuery: ledger?.name,
        pendingAccount,
        countyVacancy,
        // The dashboards' drill-downs (issue 15): this Shanghai month, and January to it (a YYYY-MM/YYYY-MM period).
        month: today.slice(0, 7),
        yearToDate: `${today.slice(0, 4)}-01/${today.slice(0, 7)}`,
      },
      waveAccounts,
    }
  } finally {
    db.close()
  }
}

export type RunningPortal = { baseURL: string; pid: number; workerCount: number; stop: () => Promise<void>; output: () => string }

/**
 * Starts the production server (`node --import tsx server/index.ts`, NODE_ENV=production, the build in
 * BUILD_DIR or ./build) on `databasePath` and `port`, with TRUST_PROXY=1 so the sign-in wave can come from
 * many addresses (X-Forwarded-For) as a room of phones would. Resolves once /healthz answers 200 (migrations
 * on the big copy may take a while).
 */
export async function startPortal({ databasePath, port }: { databasePath: string; port: number }): Promise<RunningPortal> {
  const baseURL = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_PATH: databasePath,
    BUILD_DIR: process.env.BUILD_DIR ?? '.',
    SESSION_SECRET: process.env.SESSION_SECRET ?? 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    APP_ORIGIN: baseURL,
    TRUST_PROXY: '1',
  }
  const workerCount = Number(env.WEB_CONCURRENCY ?? os.availableParallelism())
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      if (output.length < 200_000) output += chunk.toString('utf8')
    })
  }
  // Whatever ends this script (an error, Ctrl-C), the portal it started ends with it.
  const killPortal = () => {
    if (child.exitCode == null) child.kill('SIGTERM')
  }
  process.once('exit', killPortal)
  const deadline = Date.now() + 300_000
  for (;;) {
    if (child.exitCode != null) throw new Error(`portal exited with ${child.exitCode}:\n${output}`)
    if (Date.now() > deadline) throw new Error(`portal did not answer /healthz in 5 minutes:\n${output}`)
    const ok = await fetch(`${baseURL}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok && serverProcesses(child.pid!).length >= workerCount) break
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    baseURL,
    pid: child.pid!,
    workerCount,
    output: () => output,
    async stop() {
      if (child.exitCode != null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * Signs `username` in through POST /login (as the form does, from `ip`). Returns the Cookie header value
 * (`__session=…`) on a redirect with a cookie, else the status as an error.
 */
export async function signIn(baseURL: string, username: string, ip = '10.200.0.1') {
  const response = await fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseURL, 'X-Forwarded-For': ip },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, redirectTo: '' }),
  })
  await response.arrayBuffer()
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__session='))
  if (response.status !== 302 || !cookie) throw new Error(`signing in ${username} answered ${response.status}, no session cookie`)
  return cookie.split(';')[0]
}

/** The clock tick of /proc CPU times (USER_HZ; 100 on Linux unless told otherwise). */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/**
 * The worker processes of the supervisor `pid`: its children (from /proc/<n>/stat) that are node processes —
 * not tsx's esbuild service, which is a child too.
 */
export function serverProcesses(pid: number) {
  const children: number[] = []
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8')
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[1]) === pid && command === 'node') children.push(Number(name))
    } catch {
      // the process ended while we looked
    }
  }
  return children.sort((a, b) => a - b)
}

/** CPU time (user + system, ms) and resident memory (MB) of a process; null when it is gone. */
export function processUsage(pid: number) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
    return { cpuMs, rssMb: rssKb / 1024 }
  } catch {
    return null
  }
}

/**
 * Samples the supervisor and its workers every `everyMs` while running: the peak RSS of each process (MB),
 * keyed `supervisor` / `worker <pid>`. Call the returned function to stop and read the peaks.
 */
export function sampleMemory(supervisorPid: number, everyMs = 250) {
  const peaks: Record<string, number> = {}
  const sample = () => {
    for (const [name, pid] of [['supervisor', supervisorPid] as const, ...serverProcesses(supervisorPid).map((p) => [`worker ${p}`, p] as const)]) {
      const usage = processUsage(pid)
      if (usage) peaks[name] = Math.max(peaks[name] ?? 0, usage.rssMb)
    }
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return () => {
    clearInterval(timer)
    sample()
    return peaks
  }
}

/**
 * Waits until the supervisor's worker processes are idle — together under `busyMs` of CPU per 250 ms — so
 * requests a load left queued (a page slower than the run) are finished before the next measurement starts.
 * Gives up after `timeoutMs`; returns how long it waited (ms).
 */
export async function settle(supervisorPid: number, { busyMs = 25, timeoutMs = 60_000 } = {}) {
  const started = performance.now()
  const cpu = () => serverProcesses(supervisorPid).reduce((sum, pid) => sum + (processUsage(pid)?.cpuMs ?? 0), 0)
  let last = cpu()
  while (performance.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 250))
    const now = cpu()
    if (now - last < busyMs) break
    last = now
  }
  return performance.now() - started
}
