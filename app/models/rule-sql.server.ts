import { and, eq, gte, isNotNull, isNull, lt, type SQL } from 'drizzle-orm'
import { users, vacancies } from '../../db/schema'

// The definitions in app/rules written as SQL conditions, for queries that filter or count by them. Each
// says which rule it mirrors; a change to the rule is made here in the same commit, so a list, a count
// and the page that shows one row always agree.

// ——— Worker accounts: rules/verification.ts ———

/** SQL of isVerifiedWorker (rules/verification.ts): the account's `verified_at` is set. */
export function verifiedWorkerSql(): SQL {
  return isNotNull(users.verifiedAt)
}

/** The opposite of verifiedWorkerSql: registrations not (yet) verified, turned down or waiting. */
export function unverifiedWorkerSql(): SQL {
  return isNull(users.verifiedAt)
}

/** SQL of verificationState(account) === 'rejected' (rules/verification.ts): not verified, turned down. */
export function rejectedWorkerSql(): SQL {
  return and(unverifiedWorkerSql(), isNotNull(users.rejectedAt))!
}

/** SQL of verificationState(account) === 'waiting' (rules/verification.ts): neither verified nor turned down. */
export function waitingWorkerSql(): SQL {
  return and(unverifiedWorkerSql(), isNull(users.rejectedAt))!
}

/**
 * The verification queue: waiting (waitingWorkerSql) and not disabled — a disabled account is no longer
 * anyone's to decide on. The county's "待核验" figure and the queue's length are both this.
 */
export function awaitingDecisionSql(): SQL {
  return and(waitingWorkerSql(), isNull(users.disabledAt))!
}

/** The worker accounts of one county centre (`organisationId`). */
export function workerAccountsOf(organisationId: number): SQL {
  return and(eq(users.organisationId, organisationId), eq(users.role, 'worker'))!
}

// ——— Vacancies: effectiveStatus in rules/vacancy.ts ———

/**
 * Open today: published and not past its valid-until day (`today`, YYYY-MM-DD in Asia/Shanghai) — the
 * SQL of effectiveStatus(…) === 'published' in app/rules/vacancy.ts, so lists and counts agree with what
 * each page shows.
 */
export function isOpenVacancy(today: string): SQL {
  return and(eq(vacancies.status, 'published'), gte(vacancies.validUntil, today))!
}

/** Expired today: published but past its valid-until day — the SQL of effectiveStatus(…) === 'expired'. */
export function isExpiredVacancy(today: string): SQL {
  return and(eq(vacancies.status, 'published'), lt(vacancies.validUntil, today))!
}
