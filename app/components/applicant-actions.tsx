import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { FormAlert } from '~/components/form-alert'
import { ErrorList, SubmitButton, type ListOfErrors } from '~/components/forms'
import { APPLICATION_STATUS_LABELS, UNDO_DAYS, UNDO_REASON_MAX, type ApplicationStatus } from '~/rules/application'
import { useIsPending } from '~/utils/pending'

// What the bureau does with one applicant on the post's applicants page (east.jobs.$jobId.applicants):
// 已报名 → mark contacted; 已联系 → hire with a start date; either → decline with an optional reason; a
// hire or decline → undo with a required reason (issue 9 §4). Hire, decline and undo ask first: the
// button opens a confirmation step (a native <details>, as 删除草稿 does), and only its "确认…" button
// sends — the same with and without JavaScript. Each form posts `intent` and `applicationId`.

type Reply = { error?: Record<string, string[] | null> | null } | null

export type ApplicantForActions = {
  id: number
  name: string
  status: ApplicationStatus
  undo: { ok: true; to: 'submitted' | 'contacted' } | { ok: false; message: string }
}

/**
 * The action forms of one applicant's row. Takes the applicant (with whether its decision can be
 * undone), today (the start date's default) and the action's reply when it answered this row.
 */
export function ApplicantActions({ applicant, today, reply }: { applicant: ApplicantForActions; today: string; reply: Reply }) {
  // Only the button being sent waits (label unchanged); the other rows stay usable meanwhile.
  const row = { applicationId: applicant.id }
  const pending = {
    contacted: useIsPending({ intent: 'contacted', match: row }),
    hired: useIsPending({ intent: 'hired', match: row }),
    declined: useIsPending({ intent: 'declined', match: row }),
    undo: useIsPending({ intent: 'undo', match: row }),
  }
  const errors = reply?.error ?? {}
  const failed = (field: string) => Boolean(errors[field]?.length)
  const { status } = applicant
  // Each status draws its own forms (keyed by it), so after a move no input or open step is carried over.
  if (status === 'withdrawn') return <span className="muted small">本人已撤回报名</span>
  if (status === 'hired' || status === 'declined') {
    // Why it can no longer be undone (too old, or an arrival or a claim rests on the hire) one tap away.
    if (!applicant.undo.ok)
      return (
        <details className="row-actions__decline">
          <summary>已办结</summary>
          <p className="muted small">{applicant.undo.message}</p>
        </details>
      )
    const to = APPLICATION_STATUS_LABELS[applicant.undo.to]
    return (
      <div className="row-actions" key={status}>
        <ConfirmForm intent="undo" applicationId={applicant.id} pending={pending.undo} open={failed('reason') || failed('')} errors={errors.reason}>
          <p className="small">
            撤销对 {applicant.name} 的“{APPLICATION_STATUS_LABELS[status]}”，恢复为“{to}”{status === 'hired' ? '，就业记录一并删除' : ''}。 决定后 {UNDO_DAYS}{' '}
            天内可以撤销。
          </p>
          <label className="row-actions__reason">
            <span>撤销原因（必填）</span>
            <input
              type="text"
              name="reason"
              maxLength={UNDO_REASON_MAX}
              required
              placeholder="如：本人未到岗、点错了"
              aria-invalid={failed('reason') || undefined}
            />
          </label>
        </ConfirmForm>
        <FormAlert messages={errors['']} />
      </div>
    )
  }
  const dateErrorId = `start-${applicant.id}-error`
  return (
    <div className="row-actions" key={status}>
      {status === 'submitted' ? (
        <Form method="post" className="row-actions__form">
          <input type="hidden" name="applicationId" value={applicant.id} />
          <SubmitButton name="intent" value="contacted" className="button button--small" pending={pending.contacted} pendingLabel="标记已联系">
            标记已联系
          </SubmitButton>
        </Form>
      ) : (
        <ConfirmForm
          intent="hired"
          applicationId={applicant.id}
          pending={pending.hired}
          open={failed('startDate') || (failed('') && !failed('reason'))}
          errors={errors.startDate}
          errorId={dateErrorId}
          confirmAriaLabel={`确认录用 ${applicant.name}`}
        >
          <p className="small">确认录用 {applicant.name}？录用后生成就业记录。</p>
          <label className="row-actions__date">
            <span>到岗日期</span>
            <input
              type="date"
              name="startDate"
              defaultValue={today}
              required
              aria-invalid={failed('startDate') || undefined}
              aria-describedby={failed('startDate') ? dateErrorId : undefined}
            />
          </label>
        </ConfirmForm>
      )}
      <ConfirmForm intent="declined" applicationId={applicant.id} pending={pending.declined} open={failed('reason')} errors={errors.reason}>
        <label className="row-actions__reason">
          <span>原因（选填）</span>
          <input type="text" name="reason" maxLength={200} placeholder="如：年龄不符、本人放弃" aria-invalid={failed('reason') || undefined} />
        </label>
      </ConfirmForm>
      <FormAlert messages={errors['']} />
    </div>
  )
}

/** Each confirmation step's button that opens it, its 确认… button, and whether it is the row's main action (a real button). */
const STEPS = {
  hired: { summary: '录用…', confirm: '确认录用', primary: true },
  declined: { summary: '不录用…', confirm: '确认不录用', primary: false },
  undo: { summary: '撤销…', confirm: '确认撤销', primary: false },
}

/**
 * The confirmation step of `intent` (see STEPS): its button opens, under it, one form for the applicant
 * `applicationId`: `children` (what is asked), then the 确认… button that sends `intent` (waiting while
 * `pending`; `confirmAriaLabel` names it when given), then `errors` (with `errorId` for the field that points
 * at them). `open` shows the step again when its form failed.
 */
function ConfirmForm({
  intent,
  applicationId,
  pending,
  open,
  errors,
  errorId,
  confirmAriaLabel,
  children,
}: {
  intent: keyof typeof STEPS
  applicationId: number
  pending: boolean
  open: boolean
  errors: ListOfErrors
  errorId?: string
  confirmAriaLabel?: string
  children: ReactNode
}) {
  const { summary, confirm, primary } = STEPS[intent]
  const buttonClass = primary ? 'button button--small' : 'button button--secondary button--small'
  return (
    // The link-like look of 不录用… / 撤销… is .row-actions__decline's; 录用… is a button.
    <details className={primary ? 'row-actions__confirm' : 'row-actions__decline'} open={open}>
      <summary className={primary ? 'button button--small' : undefined}>{summary}</summary>
      <Form method="post" className="row-actions__form">
        <input type="hidden" name="applicationId" value={applicationId} />
        {children}
        <SubmitButton name="intent" value={intent} className={buttonClass} pending={pending} pendingLabel={confirm} aria-label={confirmAriaLabel}>
          {confirm}
        </SubmitButton>
        <ErrorList id={errorId} errors={errors} />
      </Form>
    </details>
  )
}

/**
 * The applicant's phone on the bureau's page: masked, with a 显示电话 button (an audited request, issue 9
 * §2), or once revealed the full number as a `tel:` link. The ID number is never revealed on the east side.
 */
export function ApplicantPhone({ applicationId, masked, revealed }: { applicationId: number; masked: string | null; revealed: string | null }) {
  const pending = useIsPending({ intent: 'reveal-phone', match: { applicationId } })
  if (revealed) {
    return (
      <a className="mono" href={`tel:${revealed}`}>
        {revealed}
      </a>
    )
  }
  if (!masked) return <span className="muted">未登记</span>
  return (
    <Form method="post" className="row-actions__form">
      <span className="mono">{masked}</span>
      <input type="hidden" name="applicationId" value={applicationId} />
      <SubmitButton name="intent" value="reveal-phone" className="button button--secondary button--small" pending={pending} pendingLabel="显示电话">
        显示电话
      </SubmitButton>
    </Form>
  )
}
