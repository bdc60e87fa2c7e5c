import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { users } from '../../db/schema'
import { db } from '~/utils/db.server'

/** Worker accounts registered with a county centre, split by verification. */
export function countWorkerAccounts(organisationId: number) {
  const row = db
    .select({
      total: count(),
      verified: sql<number>`coalesce(sum(${users.verifiedAt} is not null), 0)`,
      rejected: sql<number>`coalesce(sum(${users.verifiedAt} is null and ${users.rejectedAt} is not null), 0)`,
      waiting: sql<number>`coalesce(sum(${users.verifiedAt} is null and ${users.rejectedAt} is null and ${users.disabledAt} is null), 0)`,
    })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.role, 'worker')))
    .get()
  const total = row?.total ?? 0
  const verified = Number(row?.verified ?? 0)
  const rejected = Number(row?.rejected ?? 0)
  // Waiting means neither verified, turned down nor disabled: exactly the verification queue's length.
  return { total, verified, rejected, unverified: Number(row?.waiting ?? 0) }
}

export function countStaffAccounts(organisationId: number) {
  const row = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), sql`${users.role} <> 'worker'`, isNull(users.disabledAt)))
    .get()
  return row?.n ?? 0
}

/** The newest registrations of a county that still wait for staff to match them to the ledger. */
export function listUnverifiedWorkers(organisationId: number, limit = 5) {
  return db
    .select({ id: users.id, displayName: users.displayName, phone: users.username, createdAt: users.createdAt })
    .from(users)
    .where(
      and(eq(users.organisationId, organisationId), eq(users.role, 'worker'), isNull(users.verifiedAt), isNull(users.rejectedAt), isNull(users.disabledAt)),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit)
    .all()
}

/** Accounts per role and how many are verified or disabled — the platform's overview. */
export function summariseAccounts() {
  return db
    .select({
      role: users.role,
      total: count(),
      verified: sql<number>`coalesce(sum(${users.verifiedAt} is not null), 0)`,
      disabled: sql<number>`coalesce(sum(${users.disabledAt} is not null), 0)`,
    })
    .from(users)
    .groupBy(users.role)
    .all()
}

export function countVerifiedWorkers() {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'worker'), isNotNull(users.verifiedAt)))
      .get()?.n ?? 0
  )
}
