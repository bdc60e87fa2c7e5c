// The pure parts of `npm run bench` (scripts/bench.ts): the page list as data, percentiles, the budgets of
// issue 10 §3 and how a page is judged against them, and the table printed and written to
// docs/benchmarks.md. No I/O here, so tests/unit tests can hold it to the budgets exactly.

/** Who opens a page: nobody signed in, or one of the four signed-in roles (a demo account of each). */
export type BenchRole = 'public' | 'east' | 'west' | 'worker' | 'admin'

/**
 * Which budget a page is held to (issue 10 §3):
 * - `signed-in`: p95 ≤ 50 ms at 1 connection and ≥ 300 req/s at 32 connections;
 * - `board`: the public board with a text search and filters, ≥ 25 % of the bare node:http ceiling at 32 connections;
 * - `report`: measured and printed, no speed budget (it must still answer 2xx every time).
 */
export type BudgetKind = 'signed-in' | 'board' | 'report'

/**
 * One page of the benchmark. `path` may name ids found in the database at run time in braces
 * (`/east/jobs/{bigVacancy}/applicants`, see {@link fillPath}); later issues add rows here (batches, claims, map data).
 */
/** `fresh`: every request of the load asks a URL never asked before, so the public page cache cannot answer it. */
export type BenchPage = { name: string; path: string; role: BenchRole; budget: BudgetKind; fresh?: boolean }

/** Every main page of every side (issue 10 §2), in the order they are measured. */
export const BENCH_PAGES: BenchPage[] = [
  { name: 'home', path: '/', role: 'public', budget: 'report' },
  { name: 'board', path: '/jobs', role: 'public', budget: 'report' },
  { name: 'board-search', path: '/jobs?q=%E6%99%AE%E5%B7%A5&city=370700', role: 'public', budget: 'board' },
  {
    name: 'board-search-filters',
    path: '/jobs?q=%E7%84%8A%E5%B7%A5&industry=manufacturing&minSalary=5000&meals=1&sort=salary',
    role: 'public',
    budget: 'board',
  },
  // The same search with a new URL each time: what a search nobody asked before costs (the cache misses).
  { name: 'board-search-miss', path: '/jobs?q=%E6%99%AE%E5%B7%A5&city=370700', role: 'public', budget: 'report', fresh: true },
  { name: 'post', path: '/jobs/{openVacancy}', role: 'public', budget: 'report' },
  { name: 'feed', path: '/api/v1/vacancies', role: 'public', budget: 'report' },
  { name: 'healthz', path: '/healthz', role: 'public', budget: 'report' },
  { name: 'east-home', path: '/east', role: 'east', budget: 'signed-in' },
  { name: 'east-jobs', path: '/east/jobs', role: 'east', budget: 'signed-in' },
  { name: 'east-job', path: '/east/jobs/{bigVacancy}', role: 'east', budget: 'signed-in' },
  { name: 'east-applicants', path: '/east/jobs/{bigVacancy}/applicants', role: 'east', budget: 'signed-in' },
  { name: 'east-employers', path: '/east/employers', role: 'east', budget: 'signed-in' },
  { name: 'east-reports', path: '/east/reports', role: 'east', budget: 'signed-in' },
  { name: 'west-home', path: '/west', role: 'west', budget: 'signed-in' },
  { name: 'west-ledger', path: '/west/workers', role: 'west', budget: 'signed-in' },
  { name: 'west-ledger-search', path: '/west/workers?q={ledgerQuery}', role: 'west', budget: 'signed-in' },
  { name: 'west-worker', path: '/west/workers/{ledgerWorker}', role: 'west', budget: 'signed-in' },
  { name: 'west-verifications', path: '/west/verifications', role: 'west', budget: 'signed-in' },
  { name: 'west-verification', path: '/west/verifications/{pendingAccount}', role: 'west', budget: 'signed-in' },
  { name: 'west-jobs', path: '/west/jobs', role: 'west', budget: 'signed-in' },
  { name: 'west-recommend', path: '/west/jobs/{countyVacancy}/recommend', role: 'west', budget: 'signed-in' },
  // Issue 11: the county's view of a post, a filtered pick list, its hires, its imports; the admin's audit search.
  { name: 'west-job', path: '/west/jobs/{countyVacancy}', role: 'west', budget: 'signed-in' },
  {
    name: 'west-recommend-filtered',
    path: '/west/jobs/{countyVacancy}/recommend?skill=%E7%94%B5%E7%84%8A&ageFrom=18&ageTo=45',
    role: 'west',
    budget: 'signed-in',
  },
  // Decision 019: a skill nobody in the county has (普工: the old LIKE walked all 300,000 index entries), and a
  // one-letter skill matching 56,000 rows combined with 就业需求 and an age range (its count reads those rows).
  { name: 'west-recommend-skill-none', path: '/west/jobs/{countyVacancy}/recommend?skill=%E6%99%AE%E5%B7%A5', role: 'west', budget: 'signed-in' },
  {
    name: 'west-recommend-skill-dense',
    path: '/west/jobs/{countyVacancy}/recommend?skill=%E7%94%B5&employmentNeed=to_shandong&ageFrom=30&ageTo=50',
    role: 'west',
    budget: 'signed-in',
  },
  { name: 'west-hires', path: '/west/hires', role: 'west', budget: 'signed-in' },
  // Issue 15: the monthly reports and the lists the dashboards' figures link to, for the month and the year to date.
  { name: 'east-report', path: '/east/report', role: 'east', budget: 'signed-in' },
  { name: 'west-report', path: '/west/report', role: 'west', budget: 'signed-in' },
  { name: 'east-jobs-published', path: '/east/jobs?published={yearToDate}', role: 'east', budget: 'signed-in' },
  { name: 'east-applications-month', path: '/east/applications?month={month}', role: 'east', budget: 'signed-in' },
  { name: 'east-applications-year', path: '/east/applications?month={yearToDate}', role: 'east', budget: 'signed-in' },
  { name: 'east-hires-year', path: '/east/hires?month={yearToDate}', role: 'east', budget: 'signed-in' },
  { name: 'west-jobs-published', path: '/west/jobs?published={yearToDate}', role: 'west', budget: 'signed-in' },
  { name: 'west-applications-year', path: '/west/applications?month={yearToDate}', role: 'west', budget: 'signed-in' },
  { name: 'west-claims-paid-year', path: '/west/claims?view=all&paid={yearToDate}', role: 'west', budget: 'signed-in' },
  { name: 'west-imports', path: '/west/imports', role: 'west', budget: 'signed-in' },
  // The people behind the per-person figures (issue 15 §1): the year's hired people of the bureau, and
  // the county's with no period (its whole history), the deepest reads those lists make.
  { name: 'east-people-year', path: '/east/people?kind=hired&month={yearToDate}', role: 'east', budget: 'signed-in' },
  { name: 'west-people-all', path: '/west/people?kind=hired', role: 'west', budget: 'signed-in' },
  { name: 'east-applications-all', path: '/east/applications', role: 'east', budget: 'signed-in' },
  { name: 'me', path: '/me', role: 'worker', budget: 'signed-in' },
  { name: 'me-applications', path: '/me/applications', role: 'worker', budget: 'signed-in' },
  { name: 'me-profile', path: '/me/profile', role: 'worker', budget: 'signed-in' },
  { name: 'admin', path: '/admin', role: 'admin', budget: 'signed-in' },
  { name: 'admin-audit', path: '/admin/audit', role: 'admin', budget: 'signed-in' },
]

/** The numbers of issue 10 §3 (and the interference rule of the lead's brief). */
export const BUDGETS = {
  /** signed-in pages: p95 at 1 connection, ms */
  signedInP95Ms: 50,
  /** signed-in pages: throughput at 32 connections, req/s */
  signedInRps: 300,
  /** board with search and filters: share of the bare node:http ceiling at 32 connections */
  boardCeilingFraction: 0.25,
  /** resident memory of every server process under load, MB */
  rssMb: 500,
  /** board p50 while others sign in or export: at most this many times the p50 alone… */
  interferenceFactor: 2,
  /** …plus this many ms */
  interferenceSlackMs: 10,
  /** Lighthouse mobile scores, 0–100 */
  lighthouseScore: 90,
} as const

/**
 * Puts the ids found at run time into a page path: `{name}` is replaced by `ids[name]`, URL-encoded.
 * @throws when the path names an id that was not found (the page cannot be measured honestly)
 */
export function fillPath(path: string, ids: Record<string, string | number | null | undefined>) {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[name]
    if (value == null || value === '') throw new Error(`no ${name} found in the database for ${path}`)
    return encodeURIComponent(String(value))
  })
}

/**
 * The `p`th percentile (0–100) by the nearest-rank method: the smallest sample with at least p % of the
 * samples at or below it. `sorted` must be ascending; returns NaN when it is empty.
 */
export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

/** One load run: what autocannon sent and what came back. Times in ms. */
export type LoadRun = {
  connections: number
  seconds: number
  /** responses received (any status) */
  responses: number
  /** responses per second over the run */
  rps: number
  p50: number
  p95: number
  p99: number
  /** responses outside 200–299 (a redirect to /login counts: it is not the page) */
  non2xx: number
  /** connection errors and timeouts */
  errors: number
}

/**
 * Summarises a run from the latency of every response (ms, any order) and the count of non-2xx answers.
 * @param latencies one entry per response
 */
export function summariseRun({
  connections,
  seconds,
  latencies,
  non2xx,
  errors,
}: {
  connections: number
  seconds: number
  latencies: number[]
  non2xx: number
  errors: number
}): LoadRun {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    connections,
    seconds,
    responses: sorted.length,
    rps: seconds > 0 ? sorted.length / seconds : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    non2xx,
    errors,
  }
}

/** A page's measurements: itself at 1 and 32 connections, and the bare server with its bytes, measured just before each. */
export type PageMeasurement = {
  page: BenchPage
  path: string
  /** status of the single request made before measuring (must be 2xx) */
  status: number
  /** bytes of that response's body as sent (compressed if it was) */
  bytes: number
  /** how long that single request took, ms; above SLOW_REQUEST_MS the page is not loaded at 32 connections */
  firstMs: number
  one: LoadRun
  many: LoadRun
  ceilingOne: LoadRun
  ceilingMany: LoadRun
}

/**
 * One request slower than this (ms) and a page is measured at 1 connection only: 32 connections of it would
 * leave the server busy with queued requests for minutes, spoiling every page measured after it.
 */
export const SLOW_REQUEST_MS = 2_000

/** The share of the ceiling a page reaches at 32 connections (0–1; 0 when the ceiling answered nothing). */
export function ceilingFraction(m: Pick<PageMeasurement, 'many' | 'ceilingMany'>) {
  return m.ceilingMany.rps > 0 ? m.many.rps / m.ceilingMany.rps : 0
}

/** A verdict: PASS, or FAIL with the reasons in plain words. */
export type Verdict = { pass: boolean; reasons: string[] }

/**
 * Judges one page against its budget (issue 10 §3). Every page, whatever its budget, fails when it did not
 * answer 2xx to the first request or to any request under load, or when connections failed — an error or a
 * redirect to /login must never look fast.
 */
export function judgePage(m: PageMeasurement): Verdict {
  const reasons: string[] = []
  if (m.status < 200 || m.status > 299) reasons.push(`answered ${m.status}`)
  const non2xx = m.one.non2xx + m.many.non2xx
  if (non2xx > 0) reasons.push(`${non2xx} non-2xx answers`)
  const errors = m.one.errors + m.many.errors
  if (errors > 0) reasons.push(`${errors} connection errors/timeouts`)
  if (m.firstMs > SLOW_REQUEST_MS) reasons.push(`one request took ${(m.firstMs / 1000).toFixed(1)} s, not loaded at 32 conns`)
  else if (m.one.responses === 0 || m.many.responses === 0) reasons.push('no answers')
  if (m.page.budget === 'signed-in') {
    if (!(m.one.p95 <= BUDGETS.signedInP95Ms)) reasons.push(`p95 ${fmtMs(m.one.p95)} ms > ${BUDGETS.signedInP95Ms} ms at 1 conn`)
    if (!(m.many.rps >= BUDGETS.signedInRps)) reasons.push(`${fmtRps(m.many.rps)} req/s < ${BUDGETS.signedInRps} at 32 conns`)
  }
  if (m.page.budget === 'board') {
    const fraction = ceilingFraction(m)
    if (!(fraction >= BUDGETS.boardCeilingFraction)) reasons.push(`${fmtPct(fraction)} of ceiling < ${fmtPct(BUDGETS.boardCeilingFraction)} at 32 conns`)
  }
  return { pass: reasons.length === 0, reasons }
}

/**
 * The interference rule: the board's p50 at 1 connection while other users' heavy work runs (a wave of
 * sign-ins, an export) may be at most 2× its p50 alone + 10 ms.
 * @returns the verdict and the limit in ms
 */
export function judgeInterference({ aloneP50, underP50 }: { aloneP50: number; underP50: number }) {
  const limitMs = aloneP50 * BUDGETS.interferenceFactor + BUDGETS.interferenceSlackMs
  return { pass: underP50 <= limitMs, limitMs }
}

/**
 * Every worker process used: each must have gained CPU time under the 32-connection load, at least a
 * quarter of an even share (so one idle or barely used process fails). `cpuMs` is the growth per process.
 */
export function judgeCoresUsed({ cpuMs, expectedProcesses }: { cpuMs: number[]; expectedProcesses: number }): Verdict {
  const reasons: string[] = []
  if (cpuMs.length < expectedProcesses) reasons.push(`${cpuMs.length} worker processes found, ${expectedProcesses} expected`)
  const total = cpuMs.reduce((a, b) => a + b, 0)
  const floor = cpuMs.length > 0 ? total / cpuMs.length / 4 : 0
  cpuMs.forEach((ms, i) => {
    if (ms <= 0 || ms < floor) reasons.push(`process ${i + 1} used ${Math.round(ms)} ms CPU of ${Math.round(total)} ms`)
  })
  return { pass: reasons.length === 0, reasons }
}

/** The peak resident memory of each process (MB) against the 500 MB budget. */
export function judgeMemory(peakMbByProcess: Record<string, number>): Verdict {
  const reasons = Object.entries(peakMbByProcess)
    .filter(([, mb]) => !(mb < BUDGETS.rssMb))
    .map(([name, mb]) => `${name} reached ${Math.round(mb)} MB`)
  return { pass: reasons.length === 0, reasons }
}

/** Lighthouse performance and accessibility (0–100) of one page against ≥ 90 each; null = not measured. */
export function judgeLighthouse(scores: { performance: number | null; accessibility: number | null }): Verdict {
  const reasons: string[] = []
  for (const [name, score] of Object.entries(scores)) {
    if (score == null) reasons.push(`${name} not measured`)
    else if (score < BUDGETS.lighthouseScore) reasons.push(`${name} ${score} < ${BUDGETS.lighthouseScore}`)
  }
  return { pass: reasons.length === 0, reasons }
}

export function fmtMs(ms: number) {
  if (!Number.isFinite(ms)) return '–'
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms))
}

export function fmtRps(rps: number) {
  return rps < 10 ? rps.toFixed(1) : String(Math.round(rps))
}

export function fmtPct(fraction: number) {
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)} %`
}

const BUDGET_LABELS: Record<BudgetKind, string> = {
  'signed-in': `p95≤${BUDGETS.signedInP95Ms}ms, ≥${BUDGETS.signedInRps}/s`,
  board: `≥${BUDGETS.boardCeilingFraction * 100}% ceiling`,
  report: '2xx only',
}

/** The columns of the pages table, each with its unit (“1 conn”/“32 conn”: the connections autocannon keeps open). */
export const TABLE_HEADER = [
  'page',
  'role',
  '1 conn req/s',
  '1 conn p50 ms',
  '1 conn p95 ms',
  '1 conn p99 ms',
  '32 conn req/s',
  '32 conn p95 ms',
  'ceiling 32 conn req/s',
  'fraction',
  'budget',
  'result',
]

/** What the table's words mean, printed under it and written above it in the report. */
export const TABLE_NOTE = [
  'Times in ms (p50/p95/p99: half, 95 % and 99 % of the requests answered within), throughput in requests per second (req/s).',
  '“fraction” = the page’s req/s at 32 connections ÷ the ceiling’s (a bare node:http server sending the same bytes): how near the page comes to what this machine can serve at all.',
]

/** A 1-minute load average at or above this share of the cores means other work is using the CPU. */
export const BUSY_LOAD_SHARE = 0.5

/**
 * The warning to print before measuring when the machine is busy. Takes os.loadavg() (1, 5 and 15 minutes)
 * and the number of cores; returns the warning, or null when the 1-minute load is below BUSY_LOAD_SHARE of
 * the cores.
 */
export function busyMachineWarning(loadAverage: number[], cores: number): string | null {
  const [lastMinute] = loadAverage
  if (!(lastMinute >= cores * BUSY_LOAD_SHARE)) return null
  return (
    `warning: this machine is busy (load average ${lastMinute.toFixed(2)} over the last minute on ${cores} cores). ` +
    'Other work shares the CPU, so the figures will be lower and noisier than on an idle machine; compare runs made in the same conditions.'
  )
}

/**
 * Where a run writes its report: only a full run (every page, not --quick) rewrites docs/benchmarks.md, the
 * committed record; a --quick or --only run writes .bench/run/benchmarks.md.
 */
export function reportPathOf({ only, quick }: { only: boolean; quick: boolean }) {
  return only || quick ? '.bench/run/benchmarks.md' : 'docs/benchmarks.md'
}

/** One table row per page: the cells of {@link TABLE_HEADER}, times in ms. */
export function tableRow(m: PageMeasurement, verdict: Verdict) {
  return [
    displayPath(m.path) + (m.page.fresh ? '&_=n (new URL each request: cache miss)' : ''),
    m.page.role,
    fmtRps(m.one.rps),
    fmtMs(m.one.p50),
    fmtMs(m.one.p95),
    fmtMs(m.one.p99),
    fmtRps(m.many.rps),
    fmtMs(m.many.p95),
    fmtRps(m.ceilingMany.rps),
    fmtPct(ceilingFraction(m)),
    BUDGET_LABELS[m.page.budget],
    verdict.pass ? 'PASS' : `FAIL: ${verdict.reasons.join('; ')}`,
  ]
}

/** A page path as a reader types it: percent-escapes decoded (`/jobs?q=普工`), left as is when they do not decode. */
export function displayPath(path: string) {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** Display width of a cell in a terminal: CJK and other wide characters take two columns. */
function width(text: string) {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}

/** Lines of a plain-text table, columns padded to their widest cell (numbers right-aligned). */
export function textTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d.–]+( %)?$/.test(r[i] ?? '')))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - width(cell)))
        if (numeric[i]) return pad + cell
        return i === cells.length - 1 ? cell : cell + pad
      })
      .join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
}

/** A GitHub-flavoured Markdown table; `|` inside cells is escaped. */
export function markdownTable(header: string[], rows: string[][]) {
  const cell = (text: string) => text.replace(/\|/g, '\\|')
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)]
}
