import { Form } from '@remix-run/react'
import { FormAlert } from '~/components/form-alert'
import { ErrorList, SubmitButton } from '~/components/forms'
import { useIsPending } from '~/utils/pending'

// What the bureau does with one applicant on the post's applicants page (east.jobs.$jobId.applicants):
// 已报名 → mark contacted; 已联系 → hire with a start date; either → decline with an optional reason.
// Each is a plain form posting `intent` and `applicationId`, so it works without JavaScript.

type Reply = { error?: Record<string, string[] | null> | null } | null

/**
 * The action forms of one applicant's row, or "已办结" once hired or declined. Takes the applicant, today
 * (the start date's default), the action's reply when it answered this row, and the status labels.
 */
export function ApplicantActions({
  applicant,
  today,
  reply,
  statusLabels,
}: {
  applicant: { id: number; name: string; status: string }
  today: string
  reply: Reply
  statusLabels: Record<string, string>
}) {
  // Only the button being sent waits (label unchanged); the other rows stay usable meanwhile.
  const row = { applicationId: applicant.id }
  const pending = {
    contacted: useIsPending({ intent: 'contacted', match: row }),
    hired: useIsPending({ intent: 'hired', match: row }),
    declined: useIsPending({ intent: 'declined', match: row }),
  }
  const errors = reply?.error ?? {}
  if (applicant.status === 'hired' || applicant.status === 'declined') return <span className="muted small">已办结</span>
  const dateErrorId = `start-${applicant.id}-error`
  return (
    <div className="row-actions">
      {applicant.status === 'submitted' ? (
        <Form method="post" className="row-actions__form">
          <input type="hidden" name="applicationId" value={applicant.id} />
          <SubmitButton
            name="intent"
            value="contacted"
            className="button button--small"
            pending={pending.contacted}
            pendingLabel={`标记${statusLabels.contacted}`}
          >
            标记{statusLabels.contacted}
          </SubmitButton>
        </Form>
      ) : (
        <Form method="post" className="row-actions__form">
          <input type="hidden" name="applicationId" value={applicant.id} />
          <label className="row-actions__date">
            <span>到岗日期</span>
            <input
              type="date"
              name="startDate"
              defaultValue={today}
              required
              aria-invalid={errors.startDate ? true : undefined}
              aria-describedby={errors.startDate ? dateErrorId : undefined}
            />
          </label>
          <SubmitButton
            name="intent"
            value="hired"
            className="button button--small"
            pending={pending.hired}
            pendingLabel="录用"
            aria-label={`录用 ${applicant.name}`}
          >
            录用
          </SubmitButton>
          <ErrorList id={dateErrorId} errors={errors.startDate} />
        </Form>
      )}
      <details className="row-actions__decline" open={Boolean(errors.reason)}>
        <summary>不录用…</summary>
        <Form method="post" className="row-actions__form">
          <input type="hidden" name="applicationId" value={applicant.id} />
          <label className="row-actions__reason">
            <span>原因（选填）</span>
            <input type="text" name="reason" maxLength={200} placeholder="如：年龄不符、本人放弃" aria-invalid={errors.reason ? true : undefined} />
          </label>
          <SubmitButton name="intent" value="declined" className="button button--secondary button--small" pending={pending.declined} pendingLabel="确认不录用">
            确认不录用
          </SubmitButton>
          <ErrorList errors={errors.reason} />
        </Form>
      </details>
      <FormAlert messages={errors['']} />
    </div>
  )
}
