import { operationRefusal, type BatchState } from './batch'
import { BOARDING_MARKS, type BoardingMark } from './batch-enums'
import { recordIdField } from './fields'
import type { Role } from './permissions'
import { z } from './zod'

/** A seat's mark as the system holds it: the mark (null 未标), who set it (display name) and when (ms since the epoch). */
export type SeatMark = { mark: BoardingMark | null; by: string | null; at: number | null }

/** One person on the boarding list: bus and seat, name, the ID number's tail, phone (to call), township and mark. */
export type BoardingRow = {
  seatId: number
  plate: string | null
  seatNo: number | null
  name: string
  idTail: string
  phone: string | null
  township: string | null
} & SeatMark

// Boarding on departure day (登记上车, issue 12 §6, decision 022): the escort's phone sends check-ins, each a
// mark (or a clear) on one seat with the mark the phone last saw (`base`). Pure: what a check-in does to the
// seat's current mark, when marks are taken at all, the codes stored for each check-in, and how a conflict reads.

export * from './boarding-enums'

/** The most check-ins one sync may carry (a form body is at most 64 KiB; the phone sends its queue in parts this size). */
export const MAX_CHECKINS_PER_SYNC = 200

/** A check-in id: a client-made UUID, or a page's id with the seat and mark (forms without JavaScript). */
export const CHECKIN_ID = /^[A-Za-z0-9-]{8,40}(\.\d{1,16}\.[a-z_]{1,10})?$/

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

/** What decides whether boarding marks are taken now. Dates are Shanghai `YYYY-MM-DD` (todayInShanghai). */
export type BoardingFacts = { state: BatchState; role: Role; departureDate: string; today: string }

/** A `YYYY-MM-DD` date as a worker or escort says it: 12月12日. */
function monthDay(date: string) {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/**
 * Why boarding marks (a phone's tick, a row's form, the paper entry) are not taken now, a Chinese message,
 * or null when they are. Issue 12 §6: "on departure day the escort ticks boarded / no-show" — only a closed
 * batch (the seat plan exists; departure freezes the manifest), only county staff, and only from the
 * departure day on (the paper manifest is entered afterwards while the batch is still closed):
 * before it, 「发车当天（12月12日）才能登记上车」.
 */
export function boardingRefusal({ state, role, departureDate, today }: BoardingFacts): string | null {
  const refusal = operationRefusal(state, 'board', role)
  if (refusal) return refusal
  if (departureDate > today) return `发车当天（${monthDay(departureDate)}）才能登记上车`
  return null
}

/**
 * Why a worker may not cancel their own place because the escort has marked it (issue 12 §6): once marked
 * 已上车 or 未到, the mark is the escort's record of the day and only staff change the list. Null when unmarked.
 */
export function markedSeatCancelRefusal(mark: BoardingMark | null): string | null {
  if (mark === null) return null
  return `带队干部已登记您${mark === 'boarded' ? '上车' : '未到'}，不能再取消乘车；如有变动请联系带队干部`
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

const markField = z.enum(BOARDING_MARKS).nullable()

/** One check-in as the phone's queue sends it (JSON in the form field `checkins`): the model's CheckinInput. */
export const CheckinSchema = z.object({
  seatId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  mark: markField,
  checkinId: z.string().regex(CHECKIN_ID),
  base: markField,
  at: z.string().max(40).nullable(),
})

/** A sync: 1–MAX_CHECKINS_PER_SYNC check-ins in the order they were made. */
export const SyncSchema = z.array(CheckinSchema).min(1).max(MAX_CHECKINS_PER_SYNC)

/** The mark a form sends: boarded, no_show, or `none` (未标, clears it). */
const formMark = z.enum([...BOARDING_MARKS, 'none']).transform((v) => (v === 'none' ? null : v))

/**
 * A row's own form (without JavaScript): the page's render id (a UUID, so a resent form is the same
 * check-in), the seat, the mark the page showed (`base`) and the button pressed (`mark`).
 */
export const RowMarkSchema = z.object({
  intent: z.literal('mark'),
  renderId: z.uuid(),
  seatId: recordIdField,
  base: formMark,
  mark: formMark,
})

/** The check-in id of a form's mark: the page's render id, the seat and the mark, so resending the same form is one check-in. */
export function formCheckinId(renderId: string, seatId: number, mark: BoardingMark | null) {
  return `${renderId}.${seatId}.${mark ?? 'none'}`
}
