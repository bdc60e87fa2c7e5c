import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { createLedgerWorker } from '../factories'
import { createTestBatch, seatsOf } from '../factories-batches'

// Issue 12 §3 "never oversold" across processes (decision 020): the server runs one process per core on one
// SQLite file. Four processes book 200 ledger workers into a 45-seat batch, racing in every round; the count and
// the insert share one BEGIN IMMEDIATE transaction, so exactly 45 are seated and 155 wait in commit order,
// with no SQLITE_BUSY (busy_timeout queues the writers).

const run = promisify(execFile)

test('四个进程同时为 200 人报名 45 个座位：恰好 45 人占座，155 人按顺序候补，无 SQLITE_BUSY / four processes booking 200 people into 45 seats at once: exactly 45 seated, 155 waitlisted in order, no SQLITE_BUSY', async () => {
  const { batch } = createTestBatch('kaizhou', { seats: [45] })
  const ids = Array.from({ length: 200 }, () => createLedgerWorker('kaizhou').id)
  const barrier = mkdtempSync(join(tmpdir(), 'seat-barrier-'))
  const outputs = await Promise.all(
    [0, 1, 2, 3].map((p) =>
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          'tests/routes/fixtures/book-seats.ts',
          'kaizhou',
          String(batch.id),
          barrier,
          String(p),
          '4',
          ids.filter((_, i) => i % 4 === p).join(','),
        ],
        { env: { ...process.env, NODE_ENV: 'test' }, timeout: 60_000 },
      ),
    ),
  )
  rmSync(barrier, { recursive: true, force: true })
  const results = outputs.map(({ stdout }) => JSON.parse(stdout) as { statuses: string[]; errors: string[] })
  expect(results.flatMap((r) => r.errors)).toEqual([])
  const statuses = results.flatMap((r) => r.statuses)
  expect(statuses.filter((s) => s === 'seated')).toHaveLength(45)
  expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(155)
  const rows = seatsOf(batch.id)
  // The processes' writes really interleaved: they book in 50 rounds with a barrier between rounds, so in
  // commit order every round holds one booking from each of the four processes.
  const processOf = new Map(ids.map((id, i) => [id, i % 4]))
  const order = rows.map((s) => processOf.get(s.workerId))
  for (let round = 0; round < 50; round++) expect(new Set(order.slice(round * 4, round * 4 + 4)).size).toBe(4)
  expect(rows.filter((s) => s.status === 'seated')).toHaveLength(45)
  const waiting = rows.filter((s) => s.status === 'waitlisted')
  // In commit order (row id): every seat was taken before anyone waited, and the waitlist is 1 … 155 in that order.
  expect(Math.max(...rows.filter((s) => s.status === 'seated').map((s) => s.id))).toBeLessThan(Math.min(...waiting.map((s) => s.id)))
  expect(waiting.map((s) => s.waitlistSeq)).toEqual(Array.from({ length: 155 }, (_, i) => i + 1))
}, 120_000)
