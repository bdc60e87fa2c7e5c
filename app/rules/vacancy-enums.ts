// Stored codes of employers, vacancies, applications and reports (issue 8 §8: enums live in app/rules,
// db/schema imports them, and each is a CHECK constraint in the database). Labels are in ./vacancy,
// typed against these lists, so a code added here without a label does not compile. No imports.

/**
 * Industries of an employer and of a post, in the order the forms and the board's filter offer them.
 * A CHECK constraint on `employers.industry` and `vacancies.industry` holds the same list (migration 0008).
 */
export const INDUSTRIES = [
  'manufacturing',
  'electronics',
  'textile',
  'food',
  'domestic',
  'care',
  'logistics',
  'construction',
  'catering',
  'agriculture',
  'other',
] as const
export type Industry = (typeof INDUSTRIES)[number]

/** Stored statuses of a post; "expired" is derived from the valid-until day, never stored. */
export const VACANCY_STATUSES = ['draft', 'published', 'closed', 'filled'] as const
export type VacancyStatus = (typeof VACANCY_STATUSES)[number]

// An application's stored statuses are listed once, in ./application-enums (withdrawn included).
export { APPLICATION_STATUSES, type ApplicationStatus } from './application-enums'

/** self: the worker applied; recommended: county staff put the worker forward. */
export const APPLICATION_SOURCES = ['self', 'recommended'] as const
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number]

/** Why a worker reports a post (举报). */
export const REPORT_REASONS = ['fake', 'fees', 'wage', 'mismatch', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
