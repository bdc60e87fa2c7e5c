// Stored codes of boarding check-ins (issue 12 §6, decision 022). db/schema/batches.ts builds its CHECK
// constraints from these lists; the rules are in ./boarding. No imports.

/** What became of a check-in: applied, nothing to do (the seat already bore it), a conflict, or the person is no longer seated. */
export const CHECKIN_RESULTS = ['applied', 'unchanged', 'conflict', 'not_seated'] as const
export type CheckinResult = (typeof CHECKIN_RESULTS)[number]

/** Where a check-in came from: the phone's queue (with JavaScript), a row's own form (without), or a hand-ticked paper manifest. */
export const CHECKIN_SOURCES = ['phone', 'form', 'paper'] as const
export type CheckinSource = (typeof CHECKIN_SOURCES)[number]
