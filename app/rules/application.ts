import { type ApplicationStatus, type UndecidedStatus } from './application-enums'
import { addDays } from './dates'
import { canMoveStatus, defineStatuses, statusLabels } from './status'

// An application's statuses and who may move it where (product brief §2; issue 9 §4, §12). Pure: no I/O.

export type { ApplicationStatus, UndecidedStatus }

/**
 * The table of an application's statuses: label, badge tone and the forward moves. The bureau moves
 * submitted → contacted → hired / declined (a submitted one may be declined at once); the worker moves
 * submitted → withdrawn and, by applying again, withdrawn → submitted. Undoing a hire or a decline is not a
 * move of this table but its own rule (mayUndoDecision): it goes back to the status stored before it.
 */
export const APPLICATION_STATUS = defineStatuses<ApplicationStatus>({
  submitted: { label: '已报名', tone: 'warn', next: ['contacted', 'declined', 'withdrawn'] },
  contacted: { label: '已联系', tone: 'info', next: ['hired', 'declined'] },
  hired: { label: '已录用', tone: 'ok', next: [] },
  declined: { label: '未录用', tone: 'off', next: [] },
  withdrawn: { label: '已撤回', tone: 'off', next: ['submitted'] },
})

export const APPLICATION_STATUS_LABELS = statusLabels(APPLICATION_STATUS)

/** The moves a bureau makes on its applicants page; `withdrawn` and its way back are the worker's. */
export const BUREAU_MOVES = ['contacted', 'hired', 'declined'] as const
export type BureauMove = (typeof BUREAU_MOVES)[number]

/** Whether a bureau may move an application from `from` to `to` (APPLICATION_STATUS, bureau moves only). */
export function bureauMayMove(from: ApplicationStatus, to: BureauMove) {
  return canMoveStatus(APPLICATION_STATUS, from, to)
}

/**
 * Whether the worker may apply again after withdrawing (issue 9 §12): the application moves withdrawn →
 * submitted, and only while the post is still published. Takes the application's and the post's status.
 */
export function mayApplyAgain(status: ApplicationStatus, vacancyStatus: string) {
  return canMoveStatus(APPLICATION_STATUS, status, 'submitted') && vacancyStatus === 'published'
}

/** Whether the worker may withdraw the application: only while it is still 已报名 (nobody has called yet). */
export function mayWithdraw(status: ApplicationStatus) {
  return canMoveStatus(APPLICATION_STATUS, status, 'withdrawn')
}

/**
 * How long a hire or decline can be undone, in days from the decision (Asia/Shanghai calendar days).
 * After that the decision counts as settled: the month's figures a bureau reports are drawn from it.
 */
export const UNDO_DAYS = 30

/** How long an undo reason may be, in characters. */
export const UNDO_REASON_MAX = 200

/**
 * Whether a bureau's decision on an application can still be undone, and if not, why (a Chinese
 * sentence). "Nothing depends on it" means, today: the application is hired or declined and that is its
 * latest state (any later move would have changed the status), the status it came from is known, the
 * decision is at most UNDO_DAYS old, and no other record refers to its employment record (`dependants`; the
 * model names the ones it knows — an arrival confirmation, a subsidy claim — in refusals of its own,
 * app/models/hire.server.ts undoCheck). Takes the status, the stored previous status,
 * the decision's day (YYYY-MM-DD, Shanghai), today and the count of dependants.
 */
export function mayUndoDecision({
  status,
  previousStatus,
  decidedOn,
  today,
  dependants,
}: {
  status: ApplicationStatus
  previousStatus: ApplicationStatus | null
  decidedOn: string | null
  today: string
  dependants: number
}): { ok: true; to: UndecidedStatus } | { ok: false; message: string } {
  if (status !== 'hired' && status !== 'declined') return { ok: false, message: '只有“已录用”或“未录用”可以撤销' }
  // A hire comes only from 已联系, so one recorded before previousStatus existed still knows where it goes.
  const to = status === 'hired' ? 'contacted' : previousStatus === 'submitted' || previousStatus === 'contacted' ? previousStatus : null
  if (!to || !decidedOn) return { ok: false, message: '这条记录早于撤销功能，不能撤销，请联系管理员' }
  if (addDays(decidedOn, UNDO_DAYS) < today) return { ok: false, message: `决定已超过 ${UNDO_DAYS} 天，不能再撤销` }
  if (dependants > 0) return { ok: false, message: '这条就业记录已被其他业务使用，不能撤销' }
  return { ok: true, to }
}
