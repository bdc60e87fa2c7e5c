import { formatDateTime } from '~/rules/dates'
import type { ClaimState, RejectReason } from '~/rules/subsidy-enums'
import { REJECT_REASON_LABELS } from '~/rules/subsidy-labels'

// A claim's status timeline (issue 13 §6, §8): every event with when, what, whose side and why. The worker's
// page, the review page and the payout pages show the same list (claimTimeline in app/models/claim-read.server.ts).

/** One event as claimTimeline returns it. */
export type TimelineEvent = {
  id: number
  /** Milliseconds since the epoch. */
  at: number
  fromState: ClaimState | null
  toState: ClaimState
  side: 'self' | 'centre' | 'system'
  /** Staff filed the claim on the worker's behalf (代为申报). */
  assisted: boolean
  reason: RejectReason | null
  message: string | null
}

const SIDE_LABELS = { self: '本人', centre: '县就业中心', system: '系统' } as const

/** What happened, as the worker reads it: the move into `toState` (a second submission says so). */
export function eventLabel(e: Pick<TimelineEvent, 'fromState' | 'toState' | 'assisted'>): string {
  switch (e.toState) {
    case 'draft':
      return e.assisted ? '县就业中心代为申报' : '开始填写申请'
    case 'submitted':
      return e.fromState === 'returned' ? '修改后重新提交' : '提交申请'
    case 'under_review':
      return e.fromState === 'payment_failed' ? '发放失败，重新审核' : '开始审核'
    case 'approved':
      return '审核通过'
    case 'partially_approved':
      return '部分通过'
    case 'rejected':
      return '未通过'
    case 'returned':
      return '退回修改'
    case 'in_payout':
      return '列入发放批次'
    case 'paid':
      return '已发放'
    case 'payment_failed':
      return '发放失败'
  }
}

/** The timeline, oldest first; `who` says whose side each step was done by ("县就业中心", never a staff name). */
export function ClaimTimeline({ events, heading = '办理进度' }: { events: readonly TimelineEvent[]; heading?: string }) {
  return (
    <section className="section" aria-labelledby="claim-timeline">
      <h2 id="claim-timeline">{heading}</h2>
      <ol className="claim-timeline">
        {events.map((e) => (
          <li key={e.id} className="claim-timeline__event">
            <p>
              <strong>{eventLabel(e)}</strong> <span className="small muted">{SIDE_LABELS[e.side]}</span>
            </p>
            <p className="small muted">
              <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
            </p>
            {e.reason ? <p className="small">原因：{REJECT_REASON_LABELS[e.reason]}</p> : null}
            {e.message ? <p className="small">说明：{e.message}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
