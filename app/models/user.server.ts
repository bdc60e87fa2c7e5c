import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { users } from '../../db/schema'
import { db } from '~/utils/db.server'
import { countRows, countWhen } from './query.server'
import { awaitingDecisionSql, rejectedWorkerSql, verifiedWorkerSql, workerAccountsOf } from './rule-sql.server'

// Account figures for the home pages. "Verified", "rejected" and "waiting" are the SQL forms of
// rules/verification.ts (./rule-sql.server.ts), so these figures agree with every badge.

/** Worker accounts registered with a county centre, split by verification. */
export function countWorkerAccounts(organisationId: number) {
  const row = db
    .select({
      total: count(),
      verified: countWhen(verifiedWorkerSql()),
      rejected: countWhen(rejectedWorkerSql()),
      // Waiting means neither verified, turned down nor disabled: exactly the verification queue's length.
      unverified: countWhen(awaitingDecisionSql()),
    })
    .from(users)
    .where(workerAccountsOf(organisationId))
    .get()
  return { total: row?.total ?? 0, verified: row?.verified ?? 0, rejected: row?.rejected ?? 0, unverified: row?.unverified ?? 0 }
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
