import { and, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm'
import { countyBoard, users, vacancies } from '../../db/schema'
import { RIDDEN_BATCH_STATES } from '~/rules/batch'

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

// ——— Vacancies: effectiveStatus in rules/vacancy-labels.ts (re-exported by rules/vacancy.ts) ———

/**
 * The columns the open-today rule reads: a post's own (`vacancies`, the default) or a kept copy of them
 * (county_board's `status` and `validUntil`), so every table that holds them is filtered by one definition.
 */
export type VacancyStateColumns = {
  status: typeof vacancies.status | typeof countyBoard.status
  validUntil: typeof vacancies.validUntil | typeof countyBoard.validUntil
}

/**
 * Open today: published and not past its valid-until day (`today`, YYYY-MM-DD in Asia/Shanghai) — the
 * SQL of effectiveStatus(…) === 'published' in app/rules/vacancy-labels.ts, so lists and counts agree with
 * what each page shows. Takes the day and the columns (a post's own by default, or county_board's copies);
 * returns the condition. tests/routes/open-vacancy-rule.test.ts checks both against the rule.
 */
export function isOpenVacancy(today: string, c: VacancyStateColumns = vacancies): SQL {
  return and(eq(c.status, 'published'), gte(c.validUntil, today))!
}

/** Expired today: published but past its valid-until day — the SQL of effectiveStatus(…) === 'expired'. Columns as isOpenVacancy. */
export function isExpiredVacancy(today: string, c: VacancyStateColumns = vacancies): SQL {
  return and(eq(c.status, 'published'), lt(c.validUntil, today))!
}

// ——— Batches: rules/batch.ts ———

/** SQL of RIDDEN_BATCH_STATES (rules/batch.ts) for batches read as `b`: a batch that has left. */
export function riddenBatchSql(): SQL {
  return sql`b.state in (${sql.join(
    RIDDEN_BATCH_STATES.map((state) => sql`${state}`),
    sql`, `,
  )})`
}

/**
 * SQL of isRide (rules/batch.ts) for a query reading batch_seats as `s` and batches as `b`: the seat still
 * held, marked 已上车, on a batch that has left.
 */
export function rideSql(): SQL {
  return sql`s.status = 'seated' and s.boarding = 'boarded' and ${riddenBatchSql()}`
}
