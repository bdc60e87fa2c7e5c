import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { users, workerAccountCounts, type WorkerAccountState } from '../../db/schema'
import { db } from '~/utils/db.server'
import { countRows, countWhen } from './query.server'
import { awaitingDecisionSql, verifiedWorkerSql, workerAccountsOf } from './rule-sql.server'

// Account figures for the home pages. "Verified", "rejected" and "waiting" are the SQL forms of
// rules/verification.ts (./rule-sql.server.ts), so these figures agree with every badge.

/**
 * Worker accounts registered with a county centre (`organisationId`), split by verification: total,
 * verified, rejected (turned down) and unverified (waiting for a decision: the verification queue's
 * length). Read from the kept worker_account_counts (at most four rows, migration 0040), whose triggers
 * apply verificationState (rules/verification.ts) to every account written.
 */
export function countWorkerAccounts(organisationId: number) {
  const rows = db
    .select({ state: workerAccountCounts.state, n: workerAccountCounts.accounts })
    .from(workerAccountCounts)
    .where(eq(workerAccountCounts.organisationId, organisationId))
    .all()
  const of = (state: WorkerAccountState) => rows.find((r) => r.state === state)?.n ?? 0
  return { total: rows.reduce((sum, r) => sum + r.n, 0), verified: of('verified'), rejected: of('rejected'), unverified: of('waiting') }
}

/** Staff accounts of an organisation that are not disabled. */
export function countStaffAccounts(organisationId: number) {
  return countRows(db, users, and(eq(users.organisationId, organisationId), sql`${users.role} <> 'worker'`, isNull(users.disabledAt)))
}

/** The newest registrations of a county that still wait for staff to match them to the ledger. */
export function listUnverifiedWorkers(organisationId: number, limit = 5) {
  return db
    .select({ id: users.id, displayName: users.displayName, phone: users.username, createdAt: users.createdAt })
    .from(users)
    .where(and(workerAccountsOf(organisationId), awaitingDecisionSql()))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit)
    .all()
}

/** Accounts per role and how many are verified or disabled — the platform's overview. */
export function summariseAccounts() {
  return db
    .select({ role: users.role, total: count(), verified: countWhen(verifiedWorkerSql()), disabled: countWhen(isNotNull(users.disabledAt)) })
    .from(users)
    .groupBy(users.role)
    .all()
}

/** Verified worker accounts in the whole portal. */
export function countVerifiedWorkers() {
  return countRows(db, users, and(eq(users.role, 'worker'), verifiedWorkerSql()))
}
