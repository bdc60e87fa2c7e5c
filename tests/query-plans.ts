import { db } from '~/utils/db.server'

// What the app's queries cost, read from SQLite's own planner, for tests that a list or figure reads an index
// range rather than every row of a table.

/**
 * Runs `work` while recording the SQL text of every statement the app's connection prepares, and returns
 * each recorded statement with its query plan (EXPLAIN QUERY PLAN, parameters bound to null: the plan of a
 * statement does not depend on its values here). The connection's prepare is restored afterwards.
 */
export async function plansOf(work: () => Promise<unknown>, keep: (sqlText: string) => boolean) {
  const sqlite = db.$client
  const original = Object.getOwnPropertyDescriptor(sqlite, 'prepare')
  const compile = sqlite.prepare.bind(sqlite)
  const seen = new Set<string>()
  sqlite.prepare = (source: string) => {
    seen.add(source)
    return compile(source)
  }
  try {
    await work()
  } finally {
    if (original) Object.defineProperty(sqlite, 'prepare', original)
    else delete (sqlite as { prepare?: unknown }).prepare
  }
  return [...seen].filter(keep).map((source) => {
    const params = (source.match(/\?/g) ?? []).length
    const plan = (sqlite.prepare(`explain query plan ${source}`).all(...Array<null>(params).fill(null)) as { detail: string }[]).map((r) => r.detail)
    return { source, plan }
  })
}
