import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { todayInShanghai } from '../app/rules/dates'
import { hashPassword } from '../app/utils/password.server'
import { openDatabase } from '../db/connection'
import { createRandom } from '../db/demo/random'
import { DEMO_PASSWORD, seedDemoData } from '../db/seed'
import type { BenchContext, Pair } from './bench-data-context'
import { TABLE_GENERATORS } from './bench-data-tables'

// Builds the benchmark database of issue 10 §1 (decision 015): a separate file, never the demo one,
// migrated and seeded the ordinary way, then filled in bulk by the generators of bench-data-tables.ts
// with raw prepared INSERTs in big transactions, written to `<out>.tmp` and renamed into place only
// when complete.

export type BuildOptions = {
  /** Where the finished database goes. */
  out: string
  /** Fraction of the full size (1 = 100,000 posts, 500,000 ledger rows, …). */
  scale?: number
  /** Replace an existing `out` (otherwise refused). */
  force?: boolean
  /** Seed of the random source; the same seed and scale make the same rows. */
  seed?: number
  log?: (line: string) => void
}

export type BuildResult = {
  file: string
  seconds: number
  bytes: number
  rows: Record<string, number>
  steps: { name: string; rows: number; seconds: number }[]
}

/**
 * The files a benchmark database must never be written over: the demo/production database of this
 * checkout (data/portal.db) and whatever DATABASE_PATH names. Absolute paths.
 */
export function protectedDatabases(env: NodeJS.ProcessEnv = process.env) {
  const files = [path.resolve('data/portal.db')]
  if (env.DATABASE_PATH) files.push(path.resolve(env.DATABASE_PATH))
  return files
}

function removeDatabase(file: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
}

function loadPairs(ctx: Pick<BenchContext, 'sqlite'>): Pair[] {
  return ctx.sqlite
    .prepare(
      `select p.city_code as cityCode, ca.name as cityName, ca.lat as cityLat, ca.lng as cityLng,
              b.id as bureauId, (select id from users where organisation_id = b.id and role = 'east' order by id limit 1) as bureauUserId,
              p.county_code as countyCode, c.id as countyOrgId,
              (select id from users where organisation_id = c.id and role = 'west' order by id limit 1) as countyUserId
         from pairings p
         join areas ca on ca.code = p.city_code
         join organisations b on b.area_code = p.city_code and b.kind = 'bureau'
         join organisations c on c.area_code = p.county_code and c.kind = 'centre'
        order by p.id`,
    )
    .all() as Pair[]
}

/** Rows of every table of the database (not SQLite's own, not the FTS shadow tables), by name. */
export function tableRows(sqlite: BenchContext['sqlite']) {
  const tables = sqlite.prepare("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as {
    name: string
    sql: string
  }[]
  const virtual = tables.filter((t) => /^create virtual table/i.test(t.sql)).map((t) => `${t.name}_`)
  const names = tables.map((t) => t.name).filter((n) => !virtual.some((v) => n.startsWith(v)))
  return Object.fromEntries(names.map((n) => [n, sqlite.prepare(`select count(*) from "${n}"`).pluck().get() as number]))
}

/**
 * Builds the benchmark database at `out`. Throws, before touching anything, when `out` is a protected
 * database (protectedDatabases) or already exists without `force`. Takes about four minutes at scale 1
 * on a 2-core machine; returns the timings, the row count of every table and the file size.
 */
export async function buildBenchDatabase({ out, scale = 1, force = false, seed = 20261001, log = console.log }: BuildOptions): Promise<BuildResult> {
  const file = path.resolve(out)
  if (protectedDatabases().includes(file)) throw new Error(`refusing to write the benchmark data over ${file}: that is the portal's own database`)
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], not ${scale}`)
  if (fs.existsSync(file) && !force) throw new Error(`${file} exists; pass --force to replace it`)
  const tmp = `${file}.tmp`
  removeDatabase(tmp)
  const started = performance.now()
  const db = openDatabase(tmp)
  const sqlite = db.$client
  const steps: BuildResult['steps'] = []
  const step = async <T>(name: string, rows: (value: T) => number, fn: () => T | Promise<T>) => {
    const t = performance.now()
    const cpu = process.cpuUsage()
    const value = await fn()
    const used = process.cpuUsage(cpu)
    const s = { name, rows: rows(value), seconds: (performance.now() - t) / 1000, cpuSeconds: (used.user + used.system) / 1e6 }
    steps.push(s)
    // CPU time beside wall time: on a shared machine the difference is time spent waiting for a core or the disk.
    log(`  ${name.padEnd(20)} ${s.rows.toLocaleString('en-US').padStart(10)} rows  ${s.seconds.toFixed(1).padStart(6)} s (CPU ${s.cpuSeconds.toFixed(1)} s)`)
    return value
  }
  try {
    await step(
      'demo seed',
      (r) => (r.seeded ? r.workerAccounts + r.registryRows : 0),
      () => seedDemoData(db),
    )
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    // Generated in bulk: durability of a half-made file does not matter (it is renamed only when done).
    sqlite.pragma('synchronous = OFF')
    sqlite.pragma('cache_size = -262144')
    const ctx: BenchContext = {
      sqlite,
      random: createRandom(seed),
      scale,
      now: Date.now(),
      today: todayInShanghai(),
      pairs: [],
      passwordHash,
      usedIdNumbers: new Set(
        sqlite.prepare('select id_number from workers union select id_number from users where id_number is not null').pluck().all() as string[],
      ),
      usedPhones: new Set(
        sqlite.prepare("select phone from workers where phone is not null union select username from users where role = 'worker'").pluck().all() as string[],
      ),
      made: { employers: [], posts: [], ledgers: new Map() },
    }
    ctx.pairs = loadPairs(ctx)
    for (const g of TABLE_GENERATORS)
      await step(
        g.name,
        (n) => n,
        () => g.run(ctx, db),
      )
    await step(
      'analyze + checkpoint',
      () => 0,
      () => {
        sqlite.exec('ANALYZE')
        sqlite.pragma('optimize')
        sqlite.pragma('synchronous = FULL')
        sqlite.pragma('wal_checkpoint(TRUNCATE)')
      },
    )
    const rows = tableRows(sqlite)
    sqlite.close()
    removeDatabase(file)
    fs.renameSync(tmp, file)
    removeDatabase(tmp)
    return { file, seconds: (performance.now() - started) / 1000, bytes: fs.statSync(file).size, rows, steps }
  } catch (error) {
    if (sqlite.open) sqlite.close()
    removeDatabase(tmp)
    throw error
  }
}
