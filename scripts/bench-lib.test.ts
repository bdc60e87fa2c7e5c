import fs from 'node:fs'
import { expect, test } from 'vitest'
import {
  BENCH_PAGES,
  BUDGETS,
  busyMachineWarning,
  ceilingFraction,
  fillPath,
  judgeCoresUsed,
  judgeInterference,
  judgeLighthouse,
  judgeMemory,
  judgePage,
  markdownTable,
  percentile,
  reportPathOf,
  summariseRun,
  TABLE_HEADER,
  TABLE_NOTE,
  tableRow,
  textTable,
  type BenchPage,
  type LoadRun,
  type PageMeasurement,
} from './bench-lib'
import { failures, renderReport } from './bench-report'
import { assetsInHtml } from './bundle-size-lib'

function run(over: Partial<LoadRun> = {}): LoadRun {
  return { connections: 1, seconds: 5, responses: 5000, rps: 1000, p50: 1, p95: 2, p99: 3, non2xx: 0, errors: 0, ...over }
}

function measured(page: BenchPage, over: Partial<PageMeasurement> = {}): PageMeasurement {
  return {
    page,
    path: page.path,
    status: 200,
    bytes: 1234,
    firstMs: 20,
    one: run(),
    many: run({ connections: 32 }),
    ceilingOne: run(),
    ceilingMany: run({ connections: 32, rps: 4000 }),
    ...over,
  }
}

const signedIn: BenchPage = { name: 'east-jobs', path: '/east/jobs', role: 'east', budget: 'signed-in' }
const board: BenchPage = { name: 'board-search', path: '/jobs?q=x', role: 'public', budget: 'board' }
const report: BenchPage = { name: 'home', path: '/', role: 'public', budget: 'report' }

test('百分位按最近秩取样本，空则为 NaN / percentiles take the nearest-rank sample, NaN when empty', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1)
  expect(percentile(sorted, 50)).toBe(50)
  expect(percentile(sorted, 95)).toBe(95)
  expect(percentile(sorted, 99)).toBe(99)
  expect(percentile(sorted, 100)).toBe(100)
  expect(percentile([7], 95)).toBe(7)
  expect(percentile([], 50)).toBeNaN()
})

test('一次压测的汇总：乱序延迟排序后取分位，每秒请求数按时长算 / a run summary sorts latencies and divides responses by seconds', () => {
  const summary = summariseRun({ connections: 32, seconds: 2, latencies: [30, 10, 20, 40], non2xx: 1, errors: 0 })
  expect(summary).toMatchObject({ responses: 4, rps: 2, p50: 20, p95: 40, p99: 40, non2xx: 1 })
})

test('签入页面的预算：1 连接 p95 ≤ 50 ms 且 32 连接 ≥ 300 次/秒，边界值通过 / signed-in budget: p95 ≤ 50 ms at 1 conn and ≥ 300 req/s at 32, limits included', () => {
  expect(judgePage(measured(signedIn, { one: run({ p95: 50 }), many: run({ connections: 32, rps: 300 }) })).pass).toBe(true)
  const slow = judgePage(measured(signedIn, { one: run({ p95: 50.1 }), many: run({ connections: 32, rps: 299 }) }))
  expect(slow.pass).toBe(false)
  expect(slow.reasons).toEqual(['p95 50 ms > 50 ms at 1 conn', '299 req/s < 300 at 32 conns'])
  // NaN (no answers measured) never passes a budget.
  expect(judgePage(measured(signedIn, { one: run({ p95: Number.NaN }) })).pass).toBe(false)
})

test('岗位搜索的预算：32 连接达到裸服务器的 25 % / board budget: 25 % of the bare ceiling at 32 connections', () => {
  const at = (rps: number) => measured(board, { many: run({ connections: 32, rps }), ceilingMany: run({ connections: 32, rps: 4000 }) })
  expect(ceilingFraction(at(1000))).toBe(0.25)
  expect(judgePage(at(1000)).pass).toBe(true)
  expect(judgePage(at(999)).pass).toBe(false)
  // A ceiling that answered nothing cannot make a page pass.
  expect(judgePage(measured(board, { ceilingMany: run({ connections: 32, rps: 0 }) })).pass).toBe(false)
  // The board's budget is its share of the ceiling, not the signed-in numbers.
  expect(judgePage(at(1000)).pass && judgePage(measured(board, { one: run({ p95: 400 }), many: run({ connections: 32, rps: 1000 }) })).pass).toBe(true)
})

test('任何页面出现非 2xx（错误或跳到登录）都判失败，不论多快 / any non-2xx answer (an error, a redirect to /login) fails the page however fast', () => {
  expect(judgePage(measured(report)).pass).toBe(true)
  expect(judgePage(measured(report, { status: 302 })).reasons).toEqual(['answered 302'])
  expect(judgePage(measured(report, { many: run({ connections: 32, non2xx: 3 }) })).reasons).toEqual(['3 non-2xx answers'])
  expect(judgePage(measured(report, { one: run({ errors: 2 }) })).reasons).toEqual(['2 connection errors/timeouts'])
  expect(judgePage(measured(report, { one: run({ responses: 0 }) })).reasons).toEqual(['no answers'])
  expect(judgePage(measured(report, { firstMs: 7400, many: run({ connections: 32, responses: 0 }) })).reasons).toEqual([
    'one request took 7.4 s, not loaded at 32 conns',
  ])
})

test('干扰下岗位页 p50 ≤ 单独时 2 倍 + 10 ms / under interference the board p50 may be at most 2× alone + 10 ms', () => {
  expect(judgeInterference({ aloneP50: 19, underP50: 48 })).toEqual({ pass: true, limitMs: 48 })
  expect(judgeInterference({ aloneP50: 19, underP50: 292 }).pass).toBe(false)
  expect(BUDGETS.interferenceFactor * 19 + BUDGETS.interferenceSlackMs).toBe(48)
})

test('每个工作进程都要在负载下忙起来 / every worker process must be busy under load', () => {
  expect(judgeCoresUsed({ cpuMs: [3000, 2800], expectedProcesses: 2 }).pass).toBe(true)
  expect(judgeCoresUsed({ cpuMs: [6000, 0], expectedProcesses: 2 }).reasons).toEqual(['process 2 used 0 ms CPU of 6000 ms'])
  expect(judgeCoresUsed({ cpuMs: [6000, 300], expectedProcesses: 2 }).pass).toBe(false)
  expect(judgeCoresUsed({ cpuMs: [6000], expectedProcesses: 2 }).reasons).toEqual(['1 worker processes found, 2 expected'])
})

test('内存每个进程低于 500 MB，灯塔分数各 ≥ 90 / memory under 500 MB per process, Lighthouse scores ≥ 90 each', () => {
  expect(judgeMemory({ supervisor: 80, 'worker 1': 499 }).pass).toBe(true)
  expect(judgeMemory({ 'worker 1': 500 }).reasons).toEqual(['worker 1 reached 500 MB'])
  expect(judgeLighthouse({ performance: 90, accessibility: 100 }).pass).toBe(true)
  expect(judgeLighthouse({ performance: 89, accessibility: null }).reasons).toEqual(['performance 89 < 90', 'accessibility not measured'])
})

test('页面清单是数据：每页名字唯一、签入页有角色、编号占位都能填上 / the page list is data: unique names, signed-in pages have a role, every id placeholder fills', () => {
  const names = BENCH_PAGES.map((p) => p.name)
  expect(new Set(names).size).toBe(names.length)
  for (const page of BENCH_PAGES) expect(page.budget === 'signed-in').toBe(page.role !== 'public')
  expect(BENCH_PAGES.filter((p) => p.budget === 'board').every((p) => /[?&]q=/.test(p.path))).toBe(true)
  const ids = {
    bigVacancy: 7,
    openVacancy: 8,
    ledgerWorker: 9,
    ledgerQuery: '张 三',
    pendingAccount: 10,
    countyVacancy: 11,
    month: '2026-12',
    yearToDate: '2026-01/2026-12',
  }
  for (const page of BENCH_PAGES) expect(fillPath(page.path, ids)).not.toMatch(/[{}]/)
  expect(fillPath('/west/workers?q={ledgerQuery}', ids)).toBe('/west/workers?q=%E5%BC%A0%20%E4%B8%89')
  expect(() => fillPath('/east/jobs/{bigVacancy}', {})).toThrow('no bigVacancy')
})

test('表格：中文按两列宽对齐，数字右对齐，Markdown 转义竖线 / tables: CJK counts two columns, numbers right-aligned, Markdown escapes pipes', () => {
  const lines = textTable(
    ['页', 'n'],
    [
      ['岗位', '5'],
      ['ab', '10'],
    ],
  )
  expect(lines).toEqual(['页     n', '----  --', '岗位   5', 'ab    10'])
  expect(markdownTable(['a', 'b'], [['x|y', '1']])).toEqual(['| a | b |', '|---|---|', '| x\\|y | 1 |'])
  const row = tableRow(measured(signedIn, { one: run({ p95: 96 }) }), judgePage(measured(signedIn, { one: run({ p95: 96 }) })))
  expect(row).toHaveLength(TABLE_HEADER.length)
  expect(row.at(-1)).toBe('FAIL: p95 96 ms > 50 ms at 1 conn')
  expect(tableRow(measured(board, { path: '/jobs?q=%E6%99%AE%E5%B7%A5' }), { pass: true, reasons: [] })[0]).toBe('/jobs?q=普工')
})

test('报告列出每页、天花板、检查与未达标项 / the report lists every page, its ceiling, the checks and what was missed', () => {
  const pass = measured(report)
  const fail = measured(signedIn, { one: run({ p95: 96 }) })
  const data = {
    date: '2026-12-01 06:00',
    machine: { cpu: 'Xeon', cores: 2, ramGb: 24, node: 'v20.20.2', loadAverage: [1, 2, 3] },
    database: { path: '.bench/portal.db', bytes: 2 ** 30, rows: { vacancies: 100_000 } },
    settings: { seconds: 5, workers: 2, command: 'npm run bench', acceptEncoding: 'gzip' },
    pages: [pass, fail].map((m) => ({ measurement: m, verdict: judgePage(m) })),
    checks: [{ name: 'memory per process under load', figures: 'worker 1 600 MB', verdict: judgeMemory({ 'worker 1': 600 }) }],
    bundles: [{ path: '/', jsBytes: 2048, jsFiles: 3, cssBytes: 1024, cssFiles: 1 }],
  }
  expect(failures(data)).toEqual(['/east/jobs: p95 96 ms > 50 ms at 1 conn', 'memory per process under load: worker 1 reached 600 MB'])
  const markdown = renderReport(data)
  expect(markdown).toContain('2026-12-01 06:00 (Asia/Shanghai)')
  expect(markdown).toContain('Xeon, 2 cores, 24 GB RAM')
  expect(markdown).toContain('100,000 vacancies')
  expect(markdown).toContain('| / | public |')
  expect(markdown).toContain('| /east/jobs | east |')
  expect(markdown).toContain('2 budgets missed')
  expect(markdown).toContain('- /east/jobs: p95 96 ms > 50 ms at 1 conn')
  expect(markdown).toContain('| / | 2.0 kB in 3 files | 1.0 kB in 1 files |')
})

test('从页面 HTML 读出它加载的脚本和样式 / the scripts and stylesheets a page loads are read from its HTML', () => {
  const html = `<link rel="stylesheet" href="/build/_assets/app-1.css"/><link rel="modulepreload" href="/build/entry.client-2.js"/>
    <link rel="icon" href="/favicon.svg"/><script type="module" nonce="n">import "/build/manifest-3.js"; import * as route0 from "/build/root-4.js";</script>`
  expect(assetsInHtml(html)).toEqual({ js: ['/build/entry.client-2.js', '/build/manifest-3.js', '/build/root-4.js'], css: ['/build/_assets/app-1.css'] })
})

test('控制台表格：每个数字列写明单位，解释 fraction，整张表只打印一次 / the console table names each unit, explains fraction, and is printed once', () => {
  const numeric = TABLE_HEADER.slice(2, 9)
  expect(numeric.filter((h) => !/ (ms|req\/s)$/.test(h))).toEqual([])
  expect(TABLE_NOTE.filter((line) => line.includes('“fraction”'))).toHaveLength(1)
  expect(TABLE_NOTE.join(' ')).toContain('req/s')
  // Rows used to be printed one by one without a header and then again in the table.
  const bench = fs.readFileSync('scripts/bench.ts', 'utf8')
  expect(bench.match(/textTable\(/g)).toHaveLength(1)
  expect(bench).toContain('TABLE_NOTE')
  expect(
    renderReport({
      date: 'd',
      machine: { cpu: 'c', cores: 2, ramGb: 1, node: 'v20', loadAverage: [0, 0, 0] },
      database: { path: 'p', bytes: 0, rows: {} },
      settings: { seconds: 1, workers: 1, command: 'npm run bench', acceptEncoding: 'gzip' },
      pages: [],
      checks: [],
      bundles: [],
    }),
  ).toContain(TABLE_NOTE[1])
})

test('机器忙时先警告：1 分钟负载达到核数一半 / a busy machine is warned about: a 1-minute load at half the cores or more', () => {
  expect(busyMachineWarning([0.9, 2, 2], 2)).toBeNull()
  expect(busyMachineWarning([Number.NaN, 0, 0], 2)).toBeNull()
  const warning = busyMachineWarning([1, 0.5, 0.2], 2)
  expect(warning).toContain('load average 1.00')
  expect(warning).toContain('2 cores')
  expect(busyMachineWarning([3.4, 3, 3], 8)).toBeNull()
  expect(busyMachineWarning([4, 3, 3], 8)).toContain('busy')
})

test('只有完整运行才改写 docs/benchmarks.md，--quick 和 --only 写到 .bench/run / only a full run rewrites docs/benchmarks.md; --quick and --only write .bench/run', () => {
  expect(reportPathOf({ only: false, quick: false })).toBe('docs/benchmarks.md')
  expect(reportPathOf({ only: false, quick: true })).toBe('.bench/run/benchmarks.md')
  expect(reportPathOf({ only: true, quick: false })).toBe('.bench/run/benchmarks.md')
  expect(reportPathOf({ only: true, quick: true })).toBe('.bench/run/benchmarks.md')
})
