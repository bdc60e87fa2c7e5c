// The report of `npm run bench`: everything measured in one run, as the Markdown written to
// docs/benchmarks.md. Pure (no I/O), so its shape is tested in scripts/bench-lib.test.ts.
import {
  BUDGETS,
  ceilingFraction,
  displayPath,
  fmtMs,
  fmtPct,
  fmtRps,
  markdownTable,
  TABLE_HEADER,
  TABLE_NOTE,
  tableRow,
  type PageMeasurement,
  type Verdict,
} from './bench-lib'

/** A check beyond a page's own budget (cores, memory, interference, Lighthouse, bundles): what, the figures, the verdict. */
export type Check = { name: string; figures: string; verdict: Verdict }

/** The bytes a page ships from the build, gzipped: its JavaScript and its CSS. */
export type BundleRow = { path: string; jsBytes: number; jsFiles: number; cssBytes: number; cssFiles: number }

export type ReportData = {
  /** "2026-12-01 06:10" in Asia/Shanghai */
  date: string
  machine: { cpu: string; cores: number; ramGb: number; node: string; loadAverage: number[] }
  database: { path: string; bytes: number; rows: Record<string, number> }
  settings: { seconds: number; workers: number; command: string; acceptEncoding: string }
  pages: { measurement: PageMeasurement; verdict: Verdict }[]
  checks: Check[]
  bundles: BundleRow[]
}

/** Every budget missed in the run, one line each ("/east/jobs: p95 96 ms > 50 ms at 1 conn"). */
export function failures(data: Pick<ReportData, 'pages' | 'checks'>) {
  return [
    ...data.pages.filter((p) => !p.verdict.pass).map((p) => `${displayPath(p.measurement.path)}: ${p.verdict.reasons.join('; ')}`),
    ...data.checks.filter((c) => !c.verdict.pass).map((c) => `${c.name}: ${c.verdict.reasons.join('; ')}`),
  ]
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`

/** The Markdown of docs/benchmarks.md for one run. */
export function renderReport(data: ReportData) {
  const missed = failures(data)
  const rows = data.pages.map((p) => tableRow(p.measurement, p.verdict))
  const ceilingRows = data.pages.map(({ measurement: m }) => [
    displayPath(m.path),
    `${kb(m.bytes)}`,
    fmtRps(m.ceilingOne.rps),
    fmtMs(m.ceilingOne.p95),
    fmtPct(m.ceilingOne.rps > 0 ? m.one.rps / m.ceilingOne.rps : 0),
    fmtRps(m.ceilingMany.rps),
    fmtMs(m.ceilingMany.p95),
    fmtPct(ceilingFraction(m)),
    fmtMs(m.many.p99),
  ])
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Each page is loaded with autocannon at 1 and at',
    '32 connections (asking for compressed answers as Chromium does, see “run”), and right before each load the same autocannon settings are',
    'pointed at a bare `node:http` server in its own process answering that page’s recorded response (status, headers,',
    'body bytes as sent, compressed if they were): the ceiling this machine reaches with no application at all.',
    `Budgets (issue 10 §3): signed-in pages p95 ≤ ${BUDGETS.signedInP95Ms} ms at 1 connection and ≥ ${BUDGETS.signedInRps} req/s at 32;`,
    `the board with a text search and filters ≥ ${BUDGETS.boardCeilingFraction * 100} % of its ceiling at 32 connections; every worker`,
    `process busy under load; each process under ${BUDGETS.rssMb} MB; the board’s p50 while others sign in or export ≤`,
    `${BUDGETS.interferenceFactor}× its p50 alone + ${BUDGETS.interferenceSlackMs} ms; Lighthouse (mobile) performance and accessibility ≥ ${BUDGETS.lighthouseScore}.`,
    'Any non-2xx answer (an error, a redirect to /login) fails its page.',
    '',
    `- date: ${data.date} (Asia/Shanghai)`,
    `- machine: ${data.machine.cpu}, ${data.machine.cores} cores, ${data.machine.ramGb.toFixed(0)} GB RAM, Node ${data.machine.node}, load average at the end ${data.machine.loadAverage.map((n) => n.toFixed(2)).join(' ')}`,
    `- database: ${data.database.path}, ${(data.database.bytes / 2 ** 20).toFixed(0)} MB; ${Object.entries(data.database.rows)
      .map(([name, n]) => `${n.toLocaleString('en-US')} ${name}`)
      .join(', ')}`,
    `- run: \`${data.settings.command}\`, ${data.settings.seconds} s per load, ${data.settings.workers} server worker processes, Accept-Encoding \`${data.settings.acceptEncoding}\``,
    `- result: ${missed.length === 0 ? 'every budget holds' : `${missed.length} budget${missed.length > 1 ? 's' : ''} missed`}`,
    '',
    '## Pages',
    '',
    ...TABLE_NOTE,
    '',
    ...markdownTable(TABLE_HEADER, rows),
    '',
    '## The ceiling beside each page',
    '',
    ...markdownTable(
      [
        'page',
        'body (as sent)',
        'ceiling 1 conn req/s',
        'ceiling 1 conn p95 ms',
        'page/ceiling 1 conn',
        'ceiling 32 conn req/s',
        'ceiling 32 conn p95 ms',
        'page/ceiling 32 conn',
        'page 32 conn p99 ms',
      ],
      ceilingRows,
    ),
    '',
    '## Checks',
    '',
    ...markdownTable(
      ['check', 'figures', 'result'],
      data.checks.map((c) => [c.name, c.figures, c.verdict.pass ? 'PASS' : `FAIL: ${c.verdict.reasons.join('; ')}`]),
    ),
    '',
    '## What each page ships (gzipped, from the build)',
    '',
    ...markdownTable(
      ['page', 'JavaScript', 'CSS'],
      data.bundles.map((b) => [displayPath(b.path), `${kb(b.jsBytes)} in ${b.jsFiles} files`, `${kb(b.cssBytes)} in ${b.cssFiles} files`]),
    ),
    '',
    ...(missed.length > 0 ? ['## Budgets missed', '', ...missed.map((m) => `- ${m}`), ''] : []),
  ].join('\n')
}
