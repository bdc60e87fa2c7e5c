import type Database from 'better-sqlite3'
import type { Random } from '../db/demo/random'

// What the table generators of the benchmark database (scripts/bench-data-tables.ts) share: the raw
// connection, the seeded random source, the scale, the programme's pairs as seeded, and what earlier
// generators made that later ones refer to (ids kept in compact arrays, never re-read row by row).

/** Full-size row counts (scale 1) of the issue 10 §1 benchmark database; each is multiplied by --scale. */
export const FULL_SIZE = {
  /** Posts across the three bureaus. */
  vacancies: 100_000,
  /** Share of the posts each bureau publishes, by city code (Weifang about 45 %). */
  vacancyShare: { '370700': 0.45, '371400': 0.3, '370400': 0.25 } as Record<string, number>,
  /** Employers each bureau manages, by city code. */
  employers: { '370700': 3_000, '371400': 2_000, '370400': 2_000 } as Record<string, number>,
  /** Ledger rows by county code: Kaizhou keeps the big one. */
  ledger: { '500154': 300_000, '500241': 100_000, '500230': 100_000 } as Record<string, number>,
  /** Worker accounts, shared among the counties like their ledgers. */
  accounts: 50_000,
  applications: 500_000,
  /** Posts with a thousand or more applicants each (the applicants page measured at a big post). */
  bigPosts: 6,
  /** Applicants of each big post, at least. */
  bigPostApplicants: 1_000,
  /** Workers' reports of suspicious posts (/east/reports). */
  reports: 1_000,
  /** Registrations refused for an ID number that already has an account (/west/verifications call-backs). */
  referrals: 600,
  /** Applications of the demo worker 13996000001 (the /me/applications page). */
  demoWorkerApplications: 30,
} as const

/** One pair of the programme as seeded: the Shandong bureau and the Chongqing county centre. */
export type Pair = {
  cityCode: string
  cityName: string
  cityLat: number
  cityLng: number
  bureauId: number
  bureauUserId: number
  countyCode: string
  countyOrgId: number
  countyUserId: number
}

/** A post that takes applications (not a draft), as the applications generator needs it. */
export type PostRef = {
  id: number
  pair: number
  employerId: number
  open: boolean
  publishedAt: number
  /** Last moment (ms) applications came in: the end of valid_until, or now. */
  lastDay: number
  headcount: number
  counties: readonly string[]
}

/** The ledger rows of one county: every row, and those whose person has a verified account. */
export type CountyLedger = { all: number[]; verifiedWorkers: number[]; verifiedUsers: number[] }

/** Everything the generators share; `made` grows as they run, in list order. */
export type BenchContext = {
  sqlite: Database.Database
  random: Random
  scale: number
  /** ms since the epoch at the start of the run; no generated moment is later. */
  now: number
  /** Asia/Shanghai calendar day of `now`. */
  today: string
  pairs: Pair[]
  /** The one argon2 hash of the demo password every generated account shares. */
  passwordHash: string
  /** ID numbers already in the database (ledger rows and accounts), so none is written twice. */
  usedIdNumbers: Set<string>
  /** Mobile numbers already in the database (ledger rows and account names). */
  usedPhones: Set<string>
  made: {
    employers: { id: number; industry: string; name: string; address: string }[][]
    posts: PostRef[]
    ledgers: Map<string, CountyLedger>
  }
}

/** `n` at the context's scale, at least `min`. */
export function scaled(ctx: Pick<BenchContext, 'scale'>, n: number, min = 1) {
  return Math.max(min, Math.round(n * ctx.scale))
}

/**
 * Runs `total` steps of `step` in transactions of `chunk` steps each, so the WAL stays bounded and a
 * failure names where it happened. Returns `total`.
 */
export function inChunks(sqlite: Database.Database, total: number, step: (i: number) => void, chunk = 25_000) {
  for (let start = 0; start < total; start += chunk) {
    const end = Math.min(total, start + chunk)
    sqlite.transaction(() => {
      for (let i = start; i < end; i++) step(i)
    })()
  }
  return total
}
