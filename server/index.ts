import cluster from 'node:cluster'
import os from 'node:os'
import { env } from '../app/utils/env.server'

// One primary process that only supervises, and one worker process per core serving requests on the
// same port (node:cluster). SQLite in WAL mode lets the workers read side by side; writes take turns
// under BEGIN IMMEDIATE. A worker that dies — whatever a request did to it — is replaced at once, so
// the portal answers again within a second or two (issue 7 §4, docs/decisions/010-process-and-request-limits.md).

const WORKERS = env.WEB_CONCURRENCY ?? Math.max(1, os.availableParallelism())
/** Restarts within this window beyond RESTART_BURST are delayed, so a crash loop cannot spin a core. */
const RESTART_WINDOW_MS = 60_000
const RESTART_BURST = 10
const STOP_GRACE_MS = 5_000
/** V8 old-space ceiling of each worker process, in MB (the spreadsheet threads have their own 128 MB). */
const WORKER_HEAP_MB = 256

if (cluster.isPrimary) {
  // Pending migrations are applied here, once, before any worker opens the database: workers migrating
  // at the same time raced (the loser failed on "index … already exists" and was restarted), and a
  // migration that fails now stops the start with its reason instead of a restart loop.
  const { openDatabase } = await import('../db/connection')
  openDatabase(env.DATABASE_PATH).$client.close()
  superviseWorkers()
} else {
  await serveRequests()
}

function superviseWorkers() {
  let stopping = false
  const recentDeaths: number[] = []
  console.log(
    `鲁渝劳务协作 portal on http://localhost:${env.PORT} (${env.NODE_ENV}, database ${env.DATABASE_PATH}, ${WORKERS} worker process${WORKERS > 1 ? 'es' : ''})`,
  )
  // Memory per worker process stays well under 500 MB whatever is uploaded (issue 7): V8's old space is
  // capped, so garbage from a big import is collected instead of growing the heap, and glibc keeps two
  // malloc arenas instead of one per thread (spreadsheet threads otherwise leave their arenas behind).
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${WORKER_HEAP_MB}`] })
  process.env.MALLOC_ARENA_MAX ??= '2'
  // argon2 in a low-priority child of each worker, at most one at a time with a short queue, so a wave
  // of sign-ins cannot take the cores pages need (app/utils/password-work.server.ts, issue 10 §3).
  process.env.PASSWORD_HASHER ??= 'child'
  for (let i = 0; i < WORKERS; i++) cluster.fork()

  // A worker that cannot start at all (the port is taken) would fail the same way forever: stop, once.
  cluster.on('message', (worker, message: { fatal?: string }) => {
    if (!message?.fatal || stopping) return
    console.error(message.fatal)
    process.exitCode = 1
    stopping = true
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM')
    setTimeout(() => process.exit(), 1_000).unref()
  })

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit()
      return
    }
    const now = Date.now()
    recentDeaths.push(now)
    while (recentDeaths.length > 0 && recentDeaths[0] < now - RESTART_WINDOW_MS) recentDeaths.shift()
    const delay = recentDeaths.length > RESTART_BURST ? 5_000 : 0
    console.error(`worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another${delay ? ` in ${delay / 1000} s` : ''}`)
    setTimeout(() => {
      if (!stopping) cluster.fork()
    }, delay)
  })

  // A stop signal lets every worker finish its in-flight requests, then the primary leaves.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true
      const workers = Object.values(cluster.workers ?? {})
      if (workers.length === 0) process.exit(0)
      for (const worker of workers) worker?.process.kill('SIGTERM')
      setTimeout(() => process.exit(0), STOP_GRACE_MS + 1_000).unref()
    })
  }
}

async function serveRequests() {
  const { createServer } = await import('./app')
  const app = await createServer()
  const server = app.listen(env.PORT)
  server.on('error', (error: NodeJS.ErrnoException) => {
    const fatal =
      error.code === 'EADDRINUSE'
        ? `端口 ${env.PORT} 已被占用：另一个门户或程序正在使用它。请先停止它，或用 PORT=… 换一个端口。 (port ${env.PORT} is in use)`
        : `无法在端口 ${env.PORT} 上提供服务：${error.message}`
    process.send?.({ fatal })
    setTimeout(() => process.exit(1), 100)
  })
  // If the supervisor is gone (killed outright), nobody would restart or stop this worker: leave too.
  process.on('disconnect', () => server.close(() => process.exit(0)))
  // Time bounds per connection: the headers within 20 s (a slow-headers client gives up its socket), the
  // whole request within 5 minutes — room for a 10 MB upload over a weak 2G/3G signal, no more —
  server.headersTimeout = 20_000
  server.requestTimeout = 300_000
  // …and a connection that sends nothing for a minute (a stalled or trickled upload) is closed.
  server.timeout = 60_000
  // Node would answer "100 Continue" to every Expect: 100-continue by itself; the body middleware says
  // it only when it wants the body (server/app.ts), so an oversize one is refused before it is sent.
  server.on('checkContinue', (req, res) => server.emit('request', req, res))
  // Finish in-flight requests on a stop signal, so no request is cut half-way through a write.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0))
      setTimeout(() => process.exit(0), STOP_GRACE_MS).unref()
    })
  }
}
