import type http from 'node:http'
import Database from 'better-sqlite3'

// /healthz is asked every few seconds by load balancers and monitoring, and through express, helmet and
// Remix it reached 5 % of what the machine serves (issue 10 §3). It is answered here, from node:http,
// before anything else, with the same answer as app/routes/healthz.ts (which still serves it when this
// server is not in front, and answers other methods with Remix's 405): 200 with the migration count
// when the database answers one prepared query, 503 when it does not.

const HEALTH_PATH = /^\/healthz(?:\?.*)?$/
const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
}

/**
 * The health check of one process. Takes the SQLite file's path; returns a function that answers a
 * GET or HEAD of /healthz and returns true, or returns false for any other request. The connection is
 * opened on the first check and opened again after a failure, so a database that comes back is seen.
 */
export function createHealthCheck(databasePath: string) {
  let countMigrations: (() => number) | null = null

  function check(): { status: number; body: string } {
    try {
      countMigrations ??= openCounter(databasePath)
      const migrations = countMigrations()
      return { status: 200, body: JSON.stringify({ status: 'ok', database: 'ok', migrations, time: new Date().toISOString() }) }
    } catch {
      countMigrations = null
      return { status: 503, body: JSON.stringify({ status: 'error', database: 'unreachable' }) }
    }
  }

  return function answerHealthCheck(req: http.IncomingMessage, res: http.ServerResponse) {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !HEALTH_PATH.test(req.url ?? '')) return false
    const { status, body } = check()
    res.writeHead(status, { ...HEADERS, 'Content-Length': Buffer.byteLength(body) })
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }
}

function openCounter(databasePath: string) {
  const connection = new Database(databasePath, { fileMustExist: true })
  try {
    connection.pragma('busy_timeout = 5000')
    const statement = connection.prepare('select count(*) from __drizzle_migrations').pluck()
    return () => statement.get() as number
  } catch (error) {
    connection.close()
    throw error
  }
}
