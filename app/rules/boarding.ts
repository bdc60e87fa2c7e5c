import { BOARDING_MARKS, type BoardingMark } from './batch-enums'

// Boarding on departure day (登记上车, issue 12 §6, decision 022): the escort's phone sends check-ins, each a
// mark (or a clear) on one seat with the mark the phone last saw (`base`). Pure: what a check-in does to the
// seat's current mark, the codes stored for each check-in, and how a conflict reads. No imports but codes.

/** What became of a check-in: applied, nothing to do (the seat already bore it), a conflict, or the person is no longer seated. */
export const CHECKIN_RESULTS = ['applied', 'unchanged', 'conflict', 'not_seated'] as const
export type CheckinResult = (typeof CHECKIN_RESULTS)[number]

/** Where a check-in came from: the phone's queue (with JavaScript), a row's own form (without), or a hand-ticked paper manifest. */
export const CHECKIN_SOURCES = ['phone', 'form', 'paper'] as const
export type CheckinSource = (typeof CHECKIN_SOURCES)[number]

/** The most check-ins one sync may carry (a form body is at most 64 KiB; the phone sends its queue in parts this size). */
export const MAX_CHECKINS_PER_SYNC = 200

/** A check-in id: a client-made UUID, or a page's id with the seat and mark (forms without JavaScript). */
export const CHECKIN_ID = /^[A-Za-z0-9-]{8,40}(\.\d{1,12}\.[a-z_]{1,10})?$/

/**
 * What a check-in does to a seat whose mark is now `current` (issue 12 §6): a seat already bearing `mark`
 * is unchanged; one still bearing `base` (what the phone saw) takes `mark`; otherwise someone else marked
 * it meanwhile — a conflict, never applied over their mark. `null` is 未标 (no mark / cleared).
 */
export function checkinOutcome(current: BoardingMark | null, base: BoardingMark | null, mark: BoardingMark | null): 'applied' | 'unchanged' | 'conflict' {
  if (current === mark) return 'unchanged'
  if (current === base) return 'applied'
  return 'conflict'
}

/** A mark as the escort reads it, 未标 for none. */
export function boardingLabel(mark: BoardingMark | null) {
  return mark === 'boarded' ? '已上车' : mark === 'no_show' ? '未到' : '未标'
}

/** A mark code from a form or a phone: boarded, no_show, or '' / null for 未标; undefined when it is none of these. */
export function parseBoardingMark(raw: unknown): BoardingMark | null | undefined {
  if (raw === null || raw === '' || raw === 'none') return null
  return typeof raw === 'string' && (BOARDING_MARKS as readonly string[]).includes(raw) ? (raw as BoardingMark) : undefined
}

/**
 * The sentence shown on a row in conflict: what the phone marked and what the system holds, by whom
 * (`by`, a display name) — 「冲突：手机上标了已上车，系统里已被 李四 标为未到」.
 */
export function conflictText(phone: BoardingMark | null, system: BoardingMark | null, by: string | null) {
  return `冲突：手机上标了${boardingLabel(phone)}，系统里已被 ${by ?? '他人'} ${system === null ? '改为未标' : `标为${boardingLabel(system)}`}`
}
