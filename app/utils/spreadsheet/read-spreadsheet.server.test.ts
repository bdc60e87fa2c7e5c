import { expect, test } from 'vitest'
import { DEFAULT_GRID_LIMITS, type GridOptions } from './grid.server'
import { readSpreadsheetGrid } from './read-spreadsheet.server'
import { measured } from '../../../tests/measure'

// The worker-thread side: one read at a time, a short queue, busy beyond it, and a wall-clock limit
// that terminates the worker — the process and other requests go on either way.

const csv: GridOptions = { format: 'csv', limits: DEFAULT_GRID_LIMITS, headerKeys: [], minHeaderHits: 3, probeLines: 10 }
const bytes = (text: string) => new TextEncoder().encode(text)

test('一次只读一个，排队四个，再多就答“忙” / one read at a time, four wait, the next is told busy', async () => {
  const reads = Array.from({ length: 6 }, (_, i) => readSpreadsheetGrid(bytes(`a,b\n${i},x\n`), csv))
  const results = await Promise.all(reads)
  expect(results.slice(0, 5).map((r) => r.ok && r.grid[1].cells[0])).toEqual(['0', '1', '2', '3', '4'])
  expect(results[5]).toEqual({ ok: false, reason: 'busy' })
  // The slots were all given back.
  expect(await readSpreadsheetGrid(bytes('a\n'), csv)).toEqual({ ok: true, grid: [{ line: 1, cells: ['a'] }] })
}, 30_000)

test('超时的读取被终止，之后照常读取 / a read over its time is terminated, and the next one runs', async () => {
  expect(await readSpreadsheetGrid(bytes('a\n'), csv, { timeoutMs: 1 })).toEqual({ ok: false, reason: 'timeout' })
  expect((await readSpreadsheetGrid(bytes('a\n'), csv)).ok).toBe(true)
})

test('主线程在读取期间照常响应 / the main thread keeps answering while a file is read', async () => {
  // A CSV near the cell limit keeps the worker busy for a while; the main thread's timers keep firing.
  const big = bytes(`${'1,2,3,4,5,6,7,8,9,10,11,12,13\n'.repeat(20_000)}`)
  const read = await measured(() => readSpreadsheetGrid(big, csv))
  expect(read.result.ok).toBe(true)
  expect(read.stallMs).toBeLessThan(250)
})

// Shares of the queue: one read running or waiting per owner, and reads whose request is gone leave.

/** A CSV that keeps a worker busy for a moment (about half a second). */
const slow = () => bytes('1,2,3,4,5,6,7,8,9,10,11,12,13\n'.repeat(20_000))

test("同一账号第二个读取立即被拒，别的账号照常排队 / a second read by the same owner is refused at once; another owner's read queues as usual", async () => {
  const first = readSpreadsheetGrid(slow(), csv, { owner: 7 })
  const started = performance.now()
  expect(await readSpreadsheetGrid(bytes('a\n'), csv, { owner: 7 })).toEqual({ ok: false, reason: 'owner-busy' })
  expect(performance.now() - started).toBeLessThan(50)
  const other = readSpreadsheetGrid(bytes('b\n'), csv, { owner: 8 })
  expect((await first).ok).toBe(true)
  expect(await other).toEqual({ ok: true, grid: [{ line: 1, cells: ['b'] }] })
  // Once its read is done, the owner may read again.
  expect((await readSpreadsheetGrid(bytes('a\n'), csv, { owner: 7 })).ok).toBe(true)
}, 30_000)

test("十个同账号的读取只占一个位置，别的账号的小文件不用等它们 / ten reads by one owner hold one place; another owner's small file does not wait behind them", async () => {
  const mine = Array.from({ length: 10 }, () => readSpreadsheetGrid(slow(), csv, { owner: 'kaizhou' }))
  const started = performance.now()
  const theirs = await readSpreadsheetGrid(bytes('a\n'), csv, { owner: 'fengdu' })
  const waited = performance.now() - started
  expect(theirs.ok).toBe(true)
  const results = await Promise.all(mine)
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  expect(results.filter((r) => !r.ok && r.reason === 'owner-busy')).toHaveLength(9)
  // Behind one slow read at most, not ten.
  expect(waited).toBeLessThan(5_000)
}, 30_000)

test('请求断开后，排队中的读取立即离开队列 / a queued read leaves the queue as soon as its request is gone', async () => {
  let firstDone = false
  const first = readSpreadsheetGrid(slow(), csv, { owner: 1 }).then((r) => ((firstDone = true), r))
  const gone = new AbortController()
  const queued = readSpreadsheetGrid(bytes('a\n'), csv, { owner: 2, signal: gone.signal })
  // Three more wait behind it: the queue (four places) is full.
  const waiting = [3, 4, 5].map((owner) => readSpreadsheetGrid(bytes('a\n'), csv, { owner }))
  expect(await readSpreadsheetGrid(bytes('a\n'), csv, { owner: 9 })).toEqual({ ok: false, reason: 'busy' })
  gone.abort()
  expect(await queued).toEqual({ ok: false, reason: 'aborted' })
  expect(firstDone).toBe(false)
  // Its place is free, and its owner is free to read again.
  const again = readSpreadsheetGrid(bytes('a\n'), csv, { owner: 2 })
  expect((await first).ok).toBe(true)
  expect((await Promise.all(waiting)).every((r) => r.ok)).toBe(true)
  expect((await again).ok).toBe(true)
  // A request already gone is not read at all.
  const aborted = new AbortController()
  aborted.abort()
  expect(await readSpreadsheetGrid(bytes('a\n'), csv, { owner: 2, signal: aborted.signal })).toEqual({ ok: false, reason: 'aborted' })
}, 30_000)

test('请求断开后，正在进行的读取被终止，下一个接着读 / a running read whose request is gone is stopped, and the next one runs', async () => {
  const gone = new AbortController()
  const running = readSpreadsheetGrid(slow(), csv, { owner: 1, signal: gone.signal })
  const next = readSpreadsheetGrid(bytes('a\n'), csv, { owner: 2 })
  setTimeout(() => gone.abort(), 50)
  expect(await running).toEqual({ ok: false, reason: 'aborted' })
  expect((await next).ok).toBe(true)
}, 30_000)
