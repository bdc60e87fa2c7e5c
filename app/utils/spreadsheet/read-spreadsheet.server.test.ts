import { expect, test } from 'vitest'
import { DEFAULT_GRID_LIMITS, type GridOptions } from './grid.server'
import { readSpreadsheetGrid } from './read-spreadsheet.server'

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
  let last = performance.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 5)
  const read = await readSpreadsheetGrid(big, csv)
  clearInterval(timer)
  expect(read.ok).toBe(true)
  expect(longest).toBeLessThan(250)
})
