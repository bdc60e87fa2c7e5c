// Stored statuses of an application (报名), issue 9 §4 and §12. db/schema/applications.ts builds its CHECK
// constraint from this list; labels, tones and moves are in ./application. No imports.

/**
 * submitted → contacted → hired / declined (the bureau); submitted → withdrawn (the worker, who may apply
 * again: the same row goes back to submitted). Order matters only for display.
 */
export const APPLICATION_STATUSES = ['submitted', 'contacted', 'hired', 'declined', 'withdrawn'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** The statuses a bureau's decision can be undone from (hire, decline), and those it goes back to. */
export const DECIDED_STATUSES = ['hired', 'declined'] as const satisfies readonly ApplicationStatus[]
export const UNDECIDED_STATUSES = ['submitted', 'contacted'] as const satisfies readonly ApplicationStatus[]
export type UndecidedStatus = (typeof UNDECIDED_STATUSES)[number]
