import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { openDatabase } from '../db/connection'
import { createHealthCheck } from './healthz'

/** Serves `answer` on a free port for the length of `run`, with a 404 for what it does not answer. */
async function serving(answer: ReturnType<typeof createHealthCheck>, run: (baseURL: string) => Promise<void>) {
  const server = http.createServer((req, res) => {
    if (!answer(req, res)) res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

test('数据库可用时 /healthz 返回 200 和迁移数 / /healthz answers 200 with the migration count when the database answers', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthz-'))
  const file = path.join(dir, 'portal.db')
  const db = openDatabase(file)
  const migrations = (db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
  db.$client.close()
  await serving(createHealthCheck(file), async (baseURL) => {
    const response = await fetch(`${baseURL}/healthz`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok', migrations })
    expect((await fetch(`${baseURL}/healthz?probe=1`, { method: 'HEAD' })).status).toBe(200)
    // Other methods and paths are left to the rest of the server (Remix answers POST with its 405).
    expect((await fetch(`${baseURL}/healthz`, { method: 'POST' })).status).toBe(404)
    expect((await fetch(`${baseURL}/healthz2`)).status).toBe(404)
  })
  fs.rmSync(dir, { recursive: true, force: true })
})

test('数据库不可用时 /healthz 返回 503 / /healthz answers 503 when the database cannot be read, and 200 once it can', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthz-'))
  const file = path.join(dir, 'portal.db')
  const check = createHealthCheck(file)
  await serving(check, async (baseURL) => {
    const missing = await fetch(`${baseURL}/healthz`)
    expect(missing.status).toBe(503)
    expect(await missing.json()).toEqual({ status: 'error', database: 'unreachable' })
    openDatabase(file).$client.close()
    expect((await fetch(`${baseURL}/healthz`)).status).toBe(200)
  })
  fs.rmSync(dir, { recursive: true, force: true })
})
