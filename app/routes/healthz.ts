import { db } from '~/utils/db.server'

/** For load balancers and monitoring: 200 when the database answers a query, 503 when it does not. */
export function loader() {
  const headers = { 'Cache-Control': 'no-store' }
  try {
    const row = db.$client.prepare('select count(*) as migrations from __drizzle_migrations').get() as { migrations: number }
    return Response.json({ status: 'ok', database: 'ok', migrations: row.migrations, time: new Date().toISOString() }, { headers })
  } catch {
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503, headers })
  }
}
