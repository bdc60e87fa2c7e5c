import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { reserveAttempt, THROTTLES } from '~/models/throttle.server'

// The server may run several processes on one SQLite file (WAL): the throttle's count lives in the
// database and is taken with the write lock, so the limit holds across processes, not only in one.

const run = promisify(execFile)

/** Starts `processes` node processes that reserve `each` attempts at once; returns how many got through. */
async function reserveFromProcesses({ processes, each, scope, key, ip }: { processes: number; each: number; scope: string; key: string; ip: string }) {
  const startAt = Date.now() + 4000
  const outputs = await Promise.all(
    Array.from({ length: processes }, () =>
      run(process.execPath, ['--import', 'tsx', 'tests/routes/fixtures/reserve-attempts.ts', scope, key, ip, String(each), String(startAt)], {
        env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH, NODE_ENV: 'test' },
        timeout: 30_000,
      }),
    ),
  )
  return outputs.reduce((sum, { stdout }) => sum + (JSON.parse(stdout) as { ok: number }).ok, 0)
}

test('四个进程同时猜同一账号，合计只放行 5 次 / four processes guessing at one account at once get 5 attempts between them', async () => {
  const through = await reserveFromProcesses({ processes: 4, each: 20, scope: 'login', key: 'cross-process-account', ip: '*' })
  expect(through).toBe(THROTTLES.login.perKey)
  expect(reserveAttempt({ scope: 'login', key: 'cross-process-account', ip: '10.78.0.1' }).ok).toBe(false)
}, 60_000)

test('四个进程同时从一个地址注册，合计只放行 30 次 / four processes registering from one address at once get 30 attempts between them', async () => {
  const through = await reserveFromProcesses({ processes: 4, each: 20, scope: 'register', key: '-', ip: '10.79.0.1' })
  expect(through).toBe(THROTTLES.register.perAddress)
}, 60_000)
